import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits, identify, parseChecklist, testStateEdits } from '../../src/core/portfolio/checklist';
import { mlTestScore, otherChecks, rubricSections, scoreBand, testState } from '../../src/core/portfolio/mlTestScore';
import { projectTooltip } from '../../src/core/portfolio/tooltip';

type State = 'not done' | 'manual' | 'automated';

/** A checklist with the rubric's four sections, each test in the given state (missing tests are not in the file). */
function rubricChecklist(states: Partial<Record<string, readonly State[]>>, extra = ''): string {
  const lines = ['# Deploy checklist — demo', ''];
  for (const { area, title } of rubricSections) {
    lines.push(`## ${title}`, '');
    (states[area] ?? []).forEach((state, i) => {
      lines.push(`- [${state === 'not done' ? ' ' : 'x'}] **${area} ${i + 1}** — test ${i + 1} of ${title}.${state === 'automated' ? ' `automated`' : ''}`);
    });
    lines.push('');
  }
  return lines.join('\n') + extra;
}

const all = (state: State): State[] => Array.from({ length: 7 }, () => state);

describe('ML Test Score (Breck et al. 2017): half a point per test run by hand, one per automated test, summed per section, final = the lowest section', () => {
  it('scores an untested system 0 in every section: "more a research project than a production system"', () => {
    const score = mlTestScore(parseChecklist(rubricChecklist({ Data: all('not done'), Model: all('not done'), Infra: all('not done'), Monitor: all('not done') })));
    assert.deepEqual(score.sections.map((s) => [s.title, s.score]), [['Data', 0], ['Model', 0], ['Infrastructure', 0], ['Monitoring', 0]]);
    assert.equal(score.final, 0);
    assert.match(scoreBand(score.final), /research project/);
  });

  it('sums 0.5 per manual and 1 per automated test in a section, and takes the minimum over the four sections', () => {
    const text = rubricChecklist({
      Data: all('manual'),
      Model: all('automated'),
      Infra: ['automated', 'automated', 'manual', 'not done', 'not done', 'not done', 'not done'],
      Monitor: ['manual', 'not done', 'not done', 'not done', 'not done', 'not done', 'not done'],
    });
    const score = mlTestScore(parseChecklist(text));
    assert.deepEqual(score.sections.map((s) => s.score), [3.5, 7, 2.5, 0.5]);
    assert.equal(score.final, 0.5);
    assert.deepEqual(score.weakest, ['Monitoring']);
    assert.deepEqual(score.sections[2]?.tests.map((t) => t.state), ['automated', 'automated', 'manual', 'not done', 'not done', 'not done', 'not done']);
  });

  it('a fully automated rubric scores 7, every test done by hand 3.5', () => {
    assert.equal(mlTestScore(parseChecklist(rubricChecklist({ Data: all('automated'), Model: all('automated'), Infra: all('automated'), Monitor: all('automated') }))).final, 7);
    const manual = mlTestScore(parseChecklist(rubricChecklist({ Data: all('manual'), Model: all('manual'), Infra: all('manual'), Monitor: all('manual') })));
    assert.equal(manual.final, 3.5);
    assert.deepEqual(manual.weakest, ['Data', 'Model', 'Infrastructure', 'Monitoring']);
  });

  it('counts a test missing from the file as not done: the rubric always has 7 tests per section', () => {
    const score = mlTestScore(parseChecklist(rubricChecklist({ Data: all('automated'), Model: all('automated'), Infra: all('automated') })));
    assert.deepEqual(score.sections.map((s) => s.score), [7, 7, 7, 0]);
    assert.equal(score.final, 0);
    assert.deepEqual(score.sections[3]?.tests.map((t) => [t.number, t.state, t.found]), Array.from({ length: 7 }, (_, i) => [i + 1, 'not done', undefined]));
  });

  it('counts each test once, at its best state, when the file repeats it', () => {
    const text = '## Data\n- [ ] **Data 1** — once\n- [x] **Data 1** — twice `automated`\n- [x] **Data 1** — thrice\n';
    assert.equal(mlTestScore(parseChecklist(text)).sections[0]?.score, 1);
  });

  it('scores by the tag wherever the test sits, and never lets items outside the rubric lower the score', () => {
    const text = rubricChecklist({ Data: all('manual'), Model: all('manual'), Infra: all('manual').slice(0, 5), Monitor: all('manual') }) +
      '\n## Serving\n\n- [ ] A latency budget is set.\n- [x] **Infra 6** — canary\n- [x] **Infra 7** — rollback `automated`\n\n## Responsible AI\n\n- [ ] The model card is complete.\n';
    const score = mlTestScore(parseChecklist(text));
    assert.deepEqual(score.sections.map((s) => s.score), [3.5, 3.5, 4, 3.5]);
    assert.equal(score.final, 3.5);
    const other = otherChecks(parseChecklist(text));
    assert.deepEqual(other.sections.map((s) => [s.title, s.items.map((i) => i.text)]), [['Serving', ['A latency budget is set.']], ['Responsible AI', ['The model card is complete.']]]);
    assert.deepEqual([other.done, other.total], [0, 2]);
  });

  it('only tests 1 to 7 of the four sections are rubric tests; other numbers are ordinary items', () => {
    const parsed = parseChecklist('## Data\n- [x] **Data 8** — not in the paper\n- [x] **Data 0** — nor this\n');
    assert.deepEqual(parsed.sections[0]?.items.map((i) => [i.testId, i.text]), [[undefined, '**Data 8** — not in the paper'], [undefined, '**Data 0** — nor this']]);
    assert.equal(otherChecks(parsed).total, 2);
  });

  it('names the paper\'s interpretation bands, in its half-open intervals', () => {
    const bands = [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 5, 5.5, 7].map((score) => [score, scoreBand(score)]);
    const [research, holes, firstPass, reasonable, strong, exceptional] = [/research project/, /serious gaps/, /first pass/, /reasonably tested/i, /mission-critical/, /exceptional/i];
    const expected = [research, holes, holes, firstPass, firstPass, reasonable, reasonable, strong, strong, exceptional, exceptional];
    for (const [i, [score, band]] of bands.entries()) assert.match(String(band), expected[i]!, `score ${score}`);
  });
});

describe('old checklists keep working: a ticked item without the tag counts as done by hand', () => {
  const v1 = readFileSync(path.join(__dirname, '../../../test/fixtures/checklists/v1-text-classifier.md'), 'utf8');

  it('a first-edition checklist (Infra 6 and 7 under Serving, template items inside rubric sections) scores the rubric the paper\'s way', () => {
    const untouched = mlTestScore(parseChecklist(v1));
    assert.equal(untouched.final, 0);
    const ticked = v1.replaceAll('- [ ]', '- [x]');
    const score = mlTestScore(parseChecklist(ticked));
    assert.deepEqual(score.sections.map((s) => [s.title, s.score]), [['Data', 3.5], ['Model', 3.5], ['Infrastructure', 3.5], ['Monitoring', 3.5]]);
    assert.ok(score.sections.every((s) => s.tests.every((t) => t.state === 'manual')));
    // 39 items: the rubric's 28 tests and 11 others (serving, responsible AI, the template's own), counted apart.
    assert.deepEqual([otherChecks(parseChecklist(ticked)).done, otherChecks(parseChecklist(ticked)).total], [11, 11]);
    assert.deepEqual([otherChecks(parseChecklist(v1)).done, otherChecks(parseChecklist(v1)).total], [0, 11]);
  });

  it('ticking the first-edition file\'s untagged items does not move the rubric score', () => {
    const othersTicked = v1.split('\n').map((l) => (l.startsWith('- [ ] **') ? l : l.replace('- [ ]', '- [x]'))).join('\n');
    assert.equal(mlTestScore(parseChecklist(othersTicked)).final, 0);
  });
});

describe('the `automated` marker: a trailing code span on a ticked item, so the file stays a plain GitHub task list', () => {
  it('reads the marker and keeps it out of the item text', () => {
    const [item] = parseChecklist('- [x] **Data 1** — Schema checked in CI. `automated`\n').sections[0]?.items ?? [];
    assert.deepEqual([item?.testId, item?.text, item?.automated], ['Data 1', 'Schema checked in CI.', true]);
    assert.equal(item && testState(item), 'automated');
  });

  it('an unticked item is not done, marker or not', () => {
    const [item] = parseChecklist('- [ ] **Data 1** — Schema. `automated`\n').sections[0]?.items ?? [];
    assert.equal(item?.automated, true);
    assert.equal(item && testState(item), 'not done');
  });

  it('is a marker only when it is a code span of its own at the end of the first line', () => {
    const notMarkers = [
      '- [x] **Data 1** — text`automated`', // glued to the text
      '- [x] **Data 1** — `a `automated`', // closes an earlier code span: "automated`" is plain text
      '- [x] **Data 1** — ``x `automated`\n  y``', // inside a code span that runs onto the next line
      '- [x] **Data 1** — text `automated` and more',
      '- [x] **Data 1** — text `Automated`',
    ];
    for (const text of notMarkers) assert.equal(parseChecklist(text).sections[0]?.items[0]?.automated, false, text);
    assert.equal(parseChecklist('- [x] **Data 1** — text `automated`\n  continued on a second line\n').sections[0]?.items[0]?.automated, true);
    assert.equal(parseChecklist('- [x] **Data 1** — text `automated`  \n  after a hard break\n').sections[0]?.items[0]?.automated, true);
  });
});

describe('testStateEdits: Mark as Automated / Mark as Manual', () => {
  const drawn = '## Data\r\n\r\n- [ ] **Data 1** — Schema.   \r\n- [x] **Data 2** — Ablation. `automated`\r\n- [x] **Data 3** — Cost.\r\n';
  const clickedOn = (text: string, testId: string) => {
    for (const section of parseChecklist(text).sections) {
      const item = section.items.find((i) => i.testId === testId);
      if (item) return identify(section, item);
    }
    assert.fail(`${testId} in the text`);
  };
  const stateOf = (text: string, testId: string) => {
    const item = parseChecklist(text).sections.flatMap((s) => s.items).find((i) => i.testId === testId);
    assert.ok(item);
    return testState(item);
  };

  it('marks an unticked test automated: ticks it and appends the marker, keeping the rest of the file byte for byte', () => {
    const after = applyEdits(drawn, testStateEdits(drawn, clickedOn(drawn, 'Data 1'), 'automated'));
    assert.equal(after, drawn.replace('- [ ] **Data 1** — Schema.', '- [x] **Data 1** — Schema. `automated`'));
    assert.equal(stateOf(after, 'Data 1'), 'automated');
  });

  it('marks an automated test manual by removing the marker, and back again', () => {
    const manual = applyEdits(drawn, testStateEdits(drawn, clickedOn(drawn, 'Data 2'), 'manual'));
    assert.equal(manual, drawn.replace(' `automated`', ''));
    assert.equal(stateOf(manual, 'Data 2'), 'manual');
    const back = applyEdits(manual, testStateEdits(manual, clickedOn(manual, 'Data 2'), 'automated'));
    assert.equal(back, drawn);
  });

  it('does nothing when the test already has that state, and ticks an unticked test marked manual', () => {
    assert.deepEqual(testStateEdits(drawn, clickedOn(drawn, 'Data 3'), 'manual'), []);
    assert.deepEqual(testStateEdits(drawn, clickedOn(drawn, 'Data 2'), 'automated'), []);
    assert.equal(stateOf(applyEdits(drawn, testStateEdits(drawn, clickedOn(drawn, 'Data 1'), 'manual')), 'Data 1'), 'manual');
  });

  it('refuses, changing nothing, when a marker at the end would not read back as one (an open code span on the line)', () => {
    const open = '## Data\n- [x] **Data 1** — run `make check\n';
    assert.throws(() => testStateEdits(open, clickedOn(open, 'Data 1'), 'automated'), /^Error: line 2 cannot be marked automated by a marker at its end \(its Markdown would read differently\); edit it by hand$/);
  });

  it('refuses when the file changed since the view was drawn, and refuses items that are not rubric tests', () => {
    const clicked = clickedOn(drawn, 'Data 3');
    assert.throws(() => testStateEdits(`\n${drawn}`, clicked, 'automated'), /^Error: line 5 now holds "Ablation\." \(section "Data"\), not "Cost\." \(section "Data"\)$/);
    const plain = '## Serving\n- [ ] Latency budget set.\n';
    const [item] = parseChecklist(plain).sections[0]?.items ?? [];
    assert.ok(item);
    assert.throws(() => testStateEdits(plain, identify(parseChecklist(plain).sections[0]!, item), 'automated'), /^Error: line 2 is not an ML Test Score test \(no tag like \*\*Data 1\*\*\); only rubric tests can be automated$/);
  });
});

describe('projectTooltip', () => {
  it('shows the rubric score per section, the band and the other checks apart, escaping workspace text', () => {
    const text = rubricChecklist({ Data: all('manual'), Model: all('automated'), Infra: all('manual'), Monitor: all('manual').slice(0, 3) }, '\n## <img src=x> **Serving**\n- [x] one\n- [ ] two\n');
    const tooltip = projectTooltip('[click me](command:mlCareer.resetProgress)', parseChecklist(text));
    assert.match(tooltip, /^\*\*\\\[click me\\\]\\\(command\\:mlCareer\\\.resetProgress\\\)\*\*: ML Test Score 1\.5 of 7/);
    assert.match(tooltip, /Data 3\.5 · Model 7 · Infrastructure 3\.5 · Monitoring 1\.5/);
    assert.match(tooltip, /first pass/);
    assert.match(tooltip, /\\<img src\\=x\\> \\\*\\\*Serving\\\*\\\*: 1 of 2/);
    assert.doesNotMatch(tooltip, /[^\\]\[click/, 'no live link');
    assert.doesNotMatch(tooltip, /[^\\]<img/, 'no live HTML');
  });
});
