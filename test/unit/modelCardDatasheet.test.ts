import * as assert from 'node:assert/strict';
import { parseChecklist } from '../../src/core/portfolio/checklist';
import { planProject, type ScaffoldChoices } from '../../src/core/scaffold/plan';
import { templates } from '../../src/core/scaffold/templates';

// The documentation every project ships: the model card after Mitchell et al. (2019), the datasheet after Gebru et
// al. (Datasheets for Datasets, 2021). Headings are checked, as CommonMark sees them, so a section cannot go missing.

const choices: ScaffoldChoices = { name: 'my-project', license: 'MIT', docker: true, ci: true, year: 2026 };

/** The `##` headings of a Markdown file, in order. */
const headings = (text: string): string[] => [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim());

/** The text under a `##` heading, up to the next one. */
function section(text: string, title: string): string {
  const start = text.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `a "## ${title}" section`);
  const next = text.indexOf('\n## ', start + 1);
  return text.slice(start, next === -1 ? undefined : next);
}

/** The paper's nine sections; its sub-items (contact, citation, thresholds, variation…) sit inside them, as there. */
const modelCardSections = [
  'Model details', 'Intended use', 'Factors', 'Metrics', 'Evaluation data', 'Training data', 'Quantitative analyses',
  'Ethical considerations', 'Caveats and recommendations',
];
const datasheetSections = ['Motivation', 'Composition', 'Collection process', 'Preprocessing, cleaning and labelling', 'Uses', 'Distribution', 'Maintenance'];

for (const template of templates) {
  describe(`${template.dir}: model card and datasheet`, () => {
    const files = planProject(template, choices);
    const file = (path: string): string => {
      const found = files.find((f) => f.path === path);
      assert.ok(found, `${path} is planned`);
      return found.content;
    };

    it('the model card has the nine sections of Mitchell et al.', () => {
      assert.deepEqual(headings(file('MODEL_CARD.md')), modelCardSections);
    });

    it('details give a contact and a citation; metrics give decision thresholds and variation (bootstrap intervals)', () => {
      const card = file('MODEL_CARD.md');
      assert.match(section(card, 'Model details'), /\*\*Contact\.?\*\*/);
      assert.match(section(card, 'Model details'), /\*\*Citation\.?\*\*/);
      assert.match(section(card, 'Metrics'), /\*\*Decision thresholds\.?\*\*/);
      assert.match(section(card, 'Metrics'), /\*\*Variation\.?\*\*.*bootstrap/is);
    });

    it('evaluation data says why it was chosen and how it was preprocessed; analyses say which intersections to report and how', () => {
      const card = file('MODEL_CARD.md');
      assert.match(section(card, 'Evaluation data'), /\*\*Why this data\.?\*\*/);
      assert.match(section(card, 'Evaluation data'), /\*\*Preprocessing\.?\*\*/);
      assert.match(section(card, 'Quantitative analyses'), /\*\*Unitary results\.?\*\*/);
      assert.match(section(card, 'Quantitative analyses'), /\*\*Intersectional results\.?\*\*/);
    });

    it('no figure in the card is typed by hand: results point at reports/metrics.json and `make report`', () => {
      const card = file('MODEL_CARD.md');
      for (const title of ['Metrics', 'Quantitative analyses']) assert.match(section(card, title), /reports\/metrics\.json/, title);
      assert.doesNotMatch(card, /\b\d+(\.\d+)?\s*%\s*(accuracy|recall|precision|F1)/i, 'no result typed into the card');
    });

    it('ships a datasheet with the sections of Gebru et al., linked from the model card and the checklist', () => {
      assert.deepEqual(headings(file('DATASHEET.md')), datasheetSections);
      assert.match(file('MODEL_CARD.md'), /\(DATASHEET\.md\)/);
      const items = parseChecklist(file('DEPLOY_CHECKLIST.md')).sections.flatMap((s) => s.items.map((i) => i.text));
      assert.ok(items.some((text) => text.includes('`DATASHEET.md`')));
    });
  });
}
