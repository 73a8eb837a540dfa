// The labelled fixture corpus (test/fixtures/evidence/expected.yaml): prints per-skill precision and recall of the
// suggestions, and fails below 0.95 precision over the corpus, whose traps can only add false suggestions.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { bundledRules } from '../../src/core/evidence/bundledRules';
import { EvidenceScanner } from '../../src/core/evidence/scanner';
import { nodeEvidenceFs } from '../../src/evidence/nodeFs';

const corpus = path.join(__dirname, '../../../test/fixtures/evidence');
const expected = parse(readFileSync(path.join(corpus, 'expected.yaml'), 'utf8')) as Record<string, { trap?: boolean; suggested: string[] }>;

async function suggestedSkills(project: string): Promise<string[]> {
  const scanner = new EvidenceScanner({ fs: nodeEvidenceFs, folders: [{ name: project, root: path.join(corpus, project).split(path.sep).join('/') }], rules: bundledRules });
  return (await scanner.scan()).filter((s) => s.suggested).map((s) => s.skillId);
}

describe('evidence corpus: precision and recall of suggestions', () => {
  const actual = new Map<string, string[]>();
  before(async () => {
    for (const project of Object.keys(expected)) actual.set(project, await suggestedSkills(project));
  });

  it('reports per-skill precision and recall, and reaches 0.95 precision with the traps', () => {
    const counts = new Map<string, { tp: number; fp: number; fn: number }>();
    const count = (skill: string) => counts.get(skill) ?? (counts.set(skill, { tp: 0, fp: 0, fn: 0 }), counts.get(skill)!);
    const mistakes: string[] = [];
    for (const [project, { suggested }] of Object.entries(expected)) {
      const found = actual.get(project) ?? [];
      for (const skill of found) {
        if (suggested.includes(skill)) count(skill).tp++;
        else {
          count(skill).fp++;
          mistakes.push(`${project}: suggested ${skill} wrongly`);
        }
      }
      for (const skill of suggested.filter((s) => !found.includes(s))) {
        count(skill).fn++;
        mistakes.push(`${project}: missed ${skill}`);
      }
    }
    const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(2));
    const lines = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([skill, c]) => `  ${skill.padEnd(32)} precision ${ratio(c.tp, c.tp + c.fp).padStart(4)}  recall ${ratio(c.tp, c.tp + c.fn).padStart(4)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`);
    const total = [...counts.values()].reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
    const precision = total.tp / Math.max(1, total.tp + total.fp);
    const recall = total.tp / Math.max(1, total.tp + total.fn);
    console.log(`${lines.join('\n')}\n  overall: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}${mistakes.length > 0 ? `\n  ${mistakes.join('\n  ')}` : ''}`);
    assert.ok(precision >= 0.95, `precision ${precision.toFixed(3)} is below 0.95: ${mistakes.join('; ')}`);
  });

  for (const [project, { trap }] of Object.entries(expected)) {
    if (trap) it(`trap ${project} suggests nothing`, () => assert.deepEqual(actual.get(project), []));
  }
});
