import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { activationStats, cpuTicks, maxLatenessMs, requireTimes, scanWindow, shownActivationMs } from '../../scripts/bench/parse.mjs';
import { assertProperty } from './helpers/property';

// As VS Code 1.100's "Developer: Startup Performance" writes it (shortened).
const startupPerformance = `## Performance Marks

| What | Duration |
| ---- | -------- |
| workbench ready | 7092 |

## Extension Activation Stats

| Extension                      | Eager | Load Code | Call Activate | Finish Activate | Event             | By                             |
| ------------------------------ | ----- | --------- | ------------- | --------------- | ----------------- | ------------------------------ |
| vscode.git                     | true  | 56        | 2             | 1               | *                 | vscode.git                     |
| ml-career-test.hello-extension | false | 41        | 0             | 10              | onStartupFinished | ml-career-test.hello-extension |
| ml-career.ml-career-companion  | false | 97        | 10            | 0               | onStartupFinished | ml-career.ml-career-companion  |

## Terminal Stats
`;

describe('bench: reading what VS Code shows', () => {
  it('reads each extension\'s activation times from the Startup Performance table, and nothing after it', () => {
    const stats = activationStats(startupPerformance);
    assert.deepEqual([...stats.keys()], ['vscode.git', 'ml-career-test.hello-extension', 'ml-career.ml-career-companion']);
    assert.deepEqual(stats.get('ml-career.ml-career-companion'), { codeLoading: 97, activateCall: 10, activateResolved: 0, event: 'onStartupFinished' });
  });

  it('says what is wrong when the table is missing, renamed or holds something other than numbers', () => {
    assert.throws(() => activationStats('## Performance Marks\n'), /no "## Extension Activation Stats" section/);
    assert.throws(() => activationStats(startupPerformance.replace('Load Code', 'Code')), /no "Load Code" column/);
    assert.throws(() => activationStats(startupPerformance.replace('| 97 ', '| ?? ')), /activation stats of ml-career\.ml-career-companion: "\?\?" is not a number/);
  });

  it('reads the figure a Show Running Extensions row shows', () => {
    assert.equal(shownActivationMs('Startup Activation: 58ms'), 58);
    assert.equal(shownActivationMs('Activation: 107ms'), 107);
    assert.equal(shownActivationMs('Activating...'), undefined);
    assert.equal(shownActivationMs('Activation: 1.5ms'), undefined);
  });

  it('reads how long each extension\'s require took from the extension host\'s marks, only for complete pairs', () => {
    const marks = [
      { name: 'code/extHost/willLoadExtensionCode/vscode.merge-conflict', startTime: 585 },
      { name: 'code/extHost/didLoadExtensionCode/vscode.merge-conflict', startTime: 619 },
      { name: 'code/extHost/willLoadExtensionCode/ml-career.ml-career-companion', startTime: 620 },
      { name: 'code/extHost/willActivateExtension/ml-career.ml-career-companion', startTime: 700 },
      { name: 'code/extHost/didLoadExtensionCode/ml-career.ml-career-companion', startTime: 627 },
      { name: 'code/extHost/willLoadExtensionCode/ml-career-test.hello-extension', startTime: 630 },
    ];
    assert.deepEqual([...requireTimes(marks)], [
      ['vscode.merge-conflict', 34],
      ['ml-career.ml-career-companion', 7],
    ]);
  });

  it('adds user and system CPU ticks from /proc/<pid>/stat, whatever the command name holds', () => {
    const line = (comm: string, utime: number, stime: number) =>
      `6802 (${comm}) S 6800 6800 25809 0 -1 4194304 99 0 0 0 ${utime} ${stime} 0 0 20 0 11 0 1060030 3133440 390 18446744073709551615`;
    assert.equal(cpuTicks(line('node', 120, 30)), 150);
    assertProperty(
      fc.property(fc.string({ maxLength: 15 }), fc.nat(1e9), fc.nat(1e9), (comm, utime, stime) => {
        assert.equal(cpuTicks(line(comm, utime, stime)), utime + stime);
      }),
    );
    assert.throws(() => cpuTicks('not a stat line'), /not a \/proc\/<pid>\/stat line/);
  });

  it('reads the last full evidence scan that ended from the extension\'s log, in local time', () => {
    const log = [
      '2026-11-26 17:20:01.100 [info] activated in 3 ms',
      '2026-11-26 17:20:02.000 [info] evidence: full scan of the workspace folder started',
      '2026-11-26 17:20:02.500 [info] evidence: full scan done in 500 ms, 7 skills with evidence',
      '2026-11-26 17:20:09.000 [info] evidence: full scan of 2 workspace folders started',
      '2026-11-26 17:20:10.250 [info] evidence: full scan done in 1250 ms, 6 skills with evidence',
      '2026-11-26 17:20:11.000 [info] evidence: full scan of the workspace folder started',
    ].join('\n');
    assert.deepEqual(scanWindow(log), { started: new Date('2026-11-26T17:20:09.000').getTime(), done: new Date('2026-11-26T17:20:10.250').getTime() });
    assert.equal(scanWindow(log.split('\n').slice(0, 2).join('\n')), undefined, 'a scan that has not ended');
    assert.equal(scanWindow('2026-11-26 17:20:02.500 [info] evidence: full scan done in 500 ms'), undefined, 'an end without a start');
  });

  it('takes the largest timer lateness inside the window only', () => {
    const samples: [number, number][] = [[100, 80], [200, 3], [250, 41], [300, 12], [400, 90]];
    assert.equal(maxLatenessMs(samples, 200, 300), 41);
    assert.equal(maxLatenessMs(samples, 500, 600), 0);
    assertProperty(
      fc.property(fc.array(fc.tuple(fc.nat(1000), fc.nat(500))), fc.nat(1000), fc.nat(1000), (list, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        assert.equal(maxLatenessMs(list, from, to), Math.max(0, ...list.filter(([at]) => at >= from && at <= to).map(([, late]) => late)));
      }),
    );
  });
});
