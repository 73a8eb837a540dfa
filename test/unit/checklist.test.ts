import * as assert from 'node:assert/strict';
import { boxOffset, parseChecklist, percent, readiness, sectionProgress, setItemChecked } from '../../src/core/portfolio/checklist';

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

describe('setItemChecked', () => {
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
          assert.equal(boxOffset(text, item.line)?.offset, diff[0]);
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
    assert.equal(setItemChecked(sample, 6, true), sample);
  });

  it('refuses lines that are not items', () => {
    assert.throws(() => setItemChecked(sample, 0, true), /line 1 is not a checklist item/);
    assert.throws(() => setItemChecked(sample, 999, true), /not a checklist item/);
  });
});
