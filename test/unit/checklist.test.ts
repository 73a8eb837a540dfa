import * as assert from 'node:assert/strict';
import { checkboxEdit, parseChecklist, percent, readiness, sectionProgress } from '../../src/core/portfolio/checklist';
import { LatestOnly } from '../../src/core/portfolio/latestOnly';
import { projectTooltip } from '../../src/core/portfolio/tooltip';

/** Applies `checkboxEdit` to a string, as the extension applies it to a document. */
function setItemChecked(text: string, line: number, checked?: boolean): string {
  const edit = checkboxEdit(text, line, checked);
  return edit ? text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + 1) : text;
}

const sample = [
  '# Deploy checklist — demo',
  '',
  'Intro with a - [ ] fake item inside text.',
  '',
  '## Data',
  '',
  '- [x] **Data 1** — Feature expectations are captured in a schema.',
  '- [ ] Label quality is audited.',
  '  - [X] nested and upper-case',
  '',
  '```md',
  '- [ ] not an item: inside a code fence',
  '## not a heading either',
  '```',
  '',
  '## Model',
  '* [ ] **Model 5** - A simpler model is not better.',
  '',
  '## Empty section',
  '',
  'trailing text',
].join('\n');

describe('parseChecklist', () => {
  it('finds sections, items, states and ML Test Score ids, ignoring code fences', () => {
    const parsed = parseChecklist(sample);
    assert.equal(parsed.title, 'Deploy checklist — demo');
    assert.deepEqual(parsed.sections.map((s) => [s.title, s.items.length]), [['Data', 3], ['Model', 1]]);
    const [data, model] = parsed.sections;
    assert.deepEqual(data?.items[0], { line: 6, column: 3, checked: true, text: 'Feature expectations are captured in a schema.', testId: 'Data 1' });
    assert.equal(data?.items[1]?.testId, undefined);
    assert.equal(data?.items[2]?.checked, true);
    assert.equal(model?.items[0]?.testId, 'Model 5');
    assert.equal(model?.items[0]?.text, 'A simpler model is not better.');
  });

  it('computes readiness as the weakest section', () => {
    const parsed = parseChecklist(sample);
    assert.deepEqual(parsed.sections.map(sectionProgress), [{ done: 2, total: 3 }, { done: 0, total: 1 }]);
    const r = readiness(parsed);
    assert.equal(r.ratio, 0);
    assert.equal(r.weakest, 'Model');
    assert.equal(r.done, 2);
    assert.equal(r.total, 4);
    assert.equal(percent(2 / 3), '66%');
  });

  it('handles an empty file', () => {
    assert.deepEqual(parseChecklist('').sections, []);
    assert.equal(readiness(parseChecklist('')).ratio, 1);
  });
});

describe('checkboxEdit', () => {
  const variants: Array<[string, string]> = [
    ['LF', sample],
    ['CRLF', sample.replace(/\n/g, '\r\n')],
    ['trailing newline', `${sample}\n`],
    ['tabs and unicode', sample.replace('Label quality', 'Label\tquality — ✓ 数据')],
  ];
  for (const [name, text] of variants) {
    it(`toggles one character and round-trips byte for byte (${name})`, () => {
      for (const section of parseChecklist(text).sections) {
        for (const item of section.items) {
          const toggled = setItemChecked(text, item.line, !item.checked);
          assert.equal(toggled.length, text.length);
          const diff = Array.from({ length: text.length }, (_, i) => i).filter((i) => text[i] !== toggled[i]);
          assert.equal(diff.length, 1);
          assert.equal(checkboxEdit(text, item.line, !item.checked)?.offset, diff[0]);
          const after = parseChecklist(toggled).sections.flatMap((s) => s.items).find((i) => i.line === item.line);
          assert.equal(after?.checked, !item.checked);
          // "[X]" comes back as "[x]": the one byte that may differ after a round trip.
          const offset = diff[0] ?? -1;
          const expected = text.slice(0, offset) + (text[offset] === 'X' ? 'x' : text[offset]) + text.slice(offset + 1);
          assert.equal(setItemChecked(toggled, item.line, item.checked), expected);
        }
      }
    });
  }

  it('is a no-op when the state already matches', () => {
    assert.equal(checkboxEdit(sample, 6, true), undefined);
    assert.equal(setItemChecked(sample, 6, true), sample);
  });

  it('toggles when no state is given', () => {
    assert.deepEqual(checkboxEdit(sample, 6), { offset: sample.indexOf('- [x]') + 3, text: ' ' });
    assert.equal(checkboxEdit(sample, 7)?.text, 'x');
  });

  it('refuses lines that are not items', () => {
    assert.throws(() => setItemChecked(sample, 0, true), /line 1 is not a checklist item/);
    assert.throws(() => setItemChecked(sample, 999, true), /not a checklist item/);
    // A line past the end of a file ending in a newline is empty, not the last item.
    assert.throws(() => checkboxEdit('- [ ] only\n', 1), /line 2 is not a checklist item/);
    assert.throws(() => checkboxEdit('- [ ] only', 5), /line 6 is not a checklist item/);
  });
});

describe('projectTooltip', () => {
  it('escapes the folder name and section titles, which come from the workspace', () => {
    const checklist = parseChecklist('## <img src=x onerror=alert(1)> **Data**\n- [ ] one\n## Model\n- [x] two\n');
    const tooltip = projectTooltip('[click me](command:mlCareer.resetProgress)', checklist);
    assert.equal(
      tooltip,
      '**\\[click me\\]\\(command\\:mlCareer\\.resetProgress\\)**: 0% deploy-ready\n\n' +
        'Readiness is the lowest section score, as in the ML Test Score (weakest: \\<img src\\=x onerror\\=alert\\(1\\)\\> \\*\\*Data\\*\\*). 1 of 2 items done.',
    );
    assert.doesNotMatch(tooltip, /[^\\]\[click/, 'no live link');
    assert.doesNotMatch(tooltip, /[^\\]<img/, 'no live HTML');
  });
});

describe('LatestOnly', () => {
  const deferred = <T>() => {
    let resolve!: (value: T) => void;
    const promise = new Promise<T>((res) => {
      resolve = res;
    });
    return { promise, resolve };
  };

  it('lets only the newest of overlapping scans assign, whatever order they finish in', async () => {
    const older = deferred<string>();
    const newer = deferred<string>();
    const assigned: string[] = [];
    const first = new LatestOnly();
    const runOlder = first.run(() => older.promise, (v) => assigned.push(v));
    const runNewer = first.run(() => newer.promise, (v) => assigned.push(v));
    newer.resolve('new');
    older.resolve('old');
    assert.deepEqual(await Promise.all([runOlder, runNewer]), [false, true]);
    assert.deepEqual(assigned, ['new']);
  });

  it('drops scans in flight when newer data arrives another way, and says one was in flight', async () => {
    const latest = new LatestOnly();
    assert.equal(latest.invalidate(), false, 'nothing in flight');
    const scan = deferred<string>();
    const assigned: string[] = [];
    const run = latest.run(() => scan.promise, (v) => assigned.push(v));
    assert.equal(latest.invalidate(), true);
    scan.resolve('stale');
    assert.equal(await run, false);
    assert.equal(assigned.length, 0);
    assert.equal(await latest.run(async () => 'fresh', (v) => assigned.push(v)), true);
    assert.deepEqual(assigned, ['fresh']);
  });

  it('a failing scan assigns nothing and is no longer in flight', async () => {
    const latest = new LatestOnly();
    await assert.rejects(latest.run(() => Promise.reject<string>(new Error('boom')), () => assert.fail('assigned')), /boom/);
    assert.equal(latest.invalidate(), false);
  });
});
