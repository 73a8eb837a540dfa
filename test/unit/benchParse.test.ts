import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { activationStats, cpuTicks, requireTimes, shownActivationMs } from '../../scripts/bench/parse.mjs';
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
});
