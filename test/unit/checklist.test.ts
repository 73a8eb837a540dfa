import * as assert from 'node:assert/strict';
import { checkboxEdit, clickedItemEdit, identify, parseChecklist, sectionProgress } from '../../src/core/portfolio/checklist';
import { LatestOnly } from '../../src/core/portfolio/latestOnly';

/** Applies `checkboxEdit` to a string, as the extension applies it to a document. */
function setItemChecked(text: string, line: number, checked?: boolean): string {
  const edit = checkboxEdit(text, line, checked);
  return edit ? text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + 1) : text;
}

function assertParsesWithin(text: string, budgetMs: number): void {
  const started = performance.now();
  parseChecklist(text);
  const elapsed = performance.now() - started;
  assert.ok(elapsed < budgetMs, `parsing ${text.length} characters (${JSON.stringify(text.slice(0, 8))}…) took ${elapsed.toFixed(0)} ms`);
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
    assert.deepEqual(data?.items[0], { line: 6, offset: sample.indexOf('- [x]') + 3, checked: true, text: 'Feature expectations are captured in a schema.', testId: 'Data 1', automated: false, occurrence: 0 });
    assert.equal(data?.items[1]?.testId, undefined);
    assert.equal(data?.items[2]?.checked, true);
    assert.equal(model?.items[0]?.testId, 'Model 5');
    assert.equal(model?.items[0]?.text, 'A simpler model is not better.');
  });

  it('counts items done per section', () => {
    assert.deepEqual(parseChecklist(sample).sections.map(sectionProgress), [{ done: 2, total: 3 }, { done: 0, total: 1 }]);
  });

  it('parses adversarial headings in time linear in their length (a heading pattern once backtracked for minutes)', () => {
    const shapes = (spaces: string) => [`# a${spaces}b\n`, `## a${spaces}b\n`, `## a${spaces}#${spaces}#\n`, `#${spaces}a${spaces}\n`];
    // Before the fix 2,500 spaces took seconds (cubic); linear parsing takes about a millisecond, so 500 ms is a huge margin.
    for (const text of shapes(' '.repeat(2_500))) assertParsesWithin(text, 500);
    for (const text of shapes(' \t'.repeat(100_000))) assertParsesWithin(text, 1_000);
  });

  it('parses 200,000-character adversarial inputs of every block kind in linear time', () => {
    const size = 200_000;
    const adversarial: Record<string, string> = {
      'spaces in an item': `- [ ]${' '.repeat(size)}x\n`,
      'many items': '- [ ] item\n'.repeat(size / 10),
      'many automated items': '- [x] **Data 1** — item `automated`\n'.repeat(size / 36),
      'backticks before a marker': `- [x] ${'`a '.repeat(size / 3)}\`automated\`\n`,
      'a long paragraph after a marker': `- [x] item \`automated\`\n${'  lazy ``\n'.repeat(size / 11)}`,
      'nested lists': Array.from({ length: size / 40 }, (_, i) => `${' '.repeat((i % 30) * 2)}- [ ] x`).join('\n'),
      'nested quotes': `${'> '.repeat(size / 2)}- [ ] x\n`,
      'open brackets': `- ${'['.repeat(size)}\n`,
      'fence-like lines': '````\n```\n~~~\n'.repeat(size / 13),
      'comment openers': '<!--\n- [ ] x\n'.repeat(size / 12),
      'HTML blocks': '<div>\n- [ ] x\n\n'.repeat(size / 14),
      'hashes in a heading': `## ${'# '.repeat(size / 2)}\n`,
      'lone CRs': '- [ ] x\r'.repeat(size / 8),
      'lazy continuation lines': `- [ ] x\n${'lazy\n'.repeat(size / 5)}`,
      'list markers': `${'- '.repeat(size / 2)}[ ] x\n`,
      'tabs after markers': `${'-\t'.repeat(size / 2)}[ ] x\n`,
    };
    // Each takes tens of milliseconds; anything quadratic would take minutes.
    for (const text of Object.values(adversarial)) assertParsesWithin(text, 2_000);
  });

  it('ignores `- [ ]` lines in code fences (CommonMark fence lengths and characters), HTML comments and indented code', () => {
    const parsed = parseChecklist(notItems);
    assert.deepEqual(parsed.sections.flatMap((s) => s.items.map((i) => [s.title, i.line, i.text])), [['Data', 1, 'real one'], ['Data', 23, 'real two']]);
  });

  it('handles an empty file', () => {
    assert.deepEqual(parseChecklist('').sections, []);
  });
});

/** `- [ ]` lines that are not items, on lines 5, 9, 11, 14, 16 and 21 (0-based); items on lines 1 and 23. */
const notItems = [
  '## Data',
  '- [ ] real one',
  '',
  '````md',
  '```',
  '- [ ] inside a four-backtick fence, which three backticks do not close',
  '```',
  '````',
  '~~~',
  '- [ ] inside a tilde fence',
  '```',
  '- [ ] still inside: backticks do not close tildes',
  '~~~',
  '<!--',
  '- [ ] commented out',
  '',
  '- [ ] still in the comment after a blank line',
  '-->',
  '',
  'A paragraph.',
  '',
  '    - [ ] indented code',
  '',
  '- [x] real two',
].join('\n');

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

  it('refuses `- [ ]` lines inside fences, HTML comments and indented code', () => {
    for (const line of [5, 9, 11, 14, 16, 21]) assert.throws(() => checkboxEdit(notItems, line, true), new RegExp(`^Error: line ${line + 1} is not a checklist item$`), `line ${line + 1}`);
    assert.equal(checkboxEdit(notItems, 23, false)?.offset, notItems.lastIndexOf('[x]') + 1);
  });

  it('refuses lines that are not items', () => {
    assert.throws(() => setItemChecked(sample, 0, true), /line 1 is not a checklist item/);
    assert.throws(() => setItemChecked(sample, 999, true), /not a checklist item/);
    // A line past the end of a file ending in a newline is empty, not the last item.
    assert.throws(() => checkboxEdit('- [ ] only\n', 1), /line 2 is not a checklist item/);
    assert.throws(() => checkboxEdit('- [ ] only', 5), /line 6 is not a checklist item/);
  });
});

describe('clickedItemEdit: edits only the item the person clicked', () => {
  const drawn = '## Ship\n- [ ] Write tests\n- [ ] Deploy to prod\n';
  const clicked = (text: string, title: string) => {
    const section = parseChecklist(text).sections.find((s) => s.items.some((i) => i.text === title));
    const item = section?.items.find((i) => i.text === title);
    assert.ok(section && item, title);
    return identify(section, item);
  };

  it('edits the clicked item when the file is as drawn, toggling from the state the person saw', () => {
    const deploy = clicked(drawn, 'Deploy to prod');
    assert.deepEqual(deploy, { line: 2, section: 'Ship', text: 'Deploy to prod', occurrence: 0, checked: false });
    assert.deepEqual(clickedItemEdit(drawn, deploy), { offset: drawn.indexOf('[ ] Deploy') + 1, text: 'x' });
    assert.equal(clickedItemEdit(drawn, deploy, false), undefined, 'already unticked');
  });

  it('refuses when a line was inserted above since the view was drawn, saying what is there now', () => {
    const now = '## Ship\n- [ ] Write docs\n- [ ] Write tests\n- [ ] Deploy to prod\n';
    assert.throws(() => clickedItemEdit(now, clicked(drawn, 'Deploy to prod')), /^Error: line 3 now holds "Write tests" \(section "Ship"\), not "Deploy to prod" \(section "Ship"\)$/);
    assert.throws(() => clickedItemEdit('## Ship\n\n- [ ] Write tests\n', clicked(drawn, 'Write tests')), /^Error: line 2 is no longer a checklist item$/);
    assert.throws(() => clickedItemEdit('## Ship\n```\n- [ ] Write tests\n```\n', clicked(drawn, 'Write tests')), /line 2 is no longer a checklist item/);
  });

  it('refuses when the item now sits in another section', () => {
    assert.throws(() => clickedItemEdit('## Later\n- [ ] Write tests\n- [ ] Deploy to prod\n', clicked(drawn, 'Deploy to prod')), /line 3 now holds "Deploy to prod" \(section "Later"\)/);
  });

  it('tells identical items apart by their order: a copy moved onto the clicked line is refused', () => {
    const twice = '- [ ] Check\n- [ ] Check\n';
    const second = identify(parseChecklist(twice).sections[0]!, parseChecklist(twice).sections[0]!.items[1]!);
    assert.equal(second.occurrence, 1);
    assert.ok(clickedItemEdit(twice, second));
    assert.throws(() => clickedItemEdit('- [ ] New\n- [ ] Check\n- [ ] Check\n', second), /^Error: line 2 now holds another "Check" \(section "Checklist"\)$/);
  });

  it('does nothing when the item already has the state the person asked for (ticked elsewhere meanwhile)', () => {
    const deploy = clicked(drawn, 'Deploy to prod');
    assert.equal(clickedItemEdit(drawn.replace('[ ] Deploy', '[x] Deploy'), deploy), undefined);
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
