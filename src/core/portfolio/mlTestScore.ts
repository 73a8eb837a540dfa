import type { Checklist, ChecklistItem, ChecklistSection, mlTestScoreAreas } from './checklist';
import { sectionProgress } from './checklist';

/**
 * The ML Test Score (Breck et al., "The ML Test Score: A Rubric for ML Production Readiness and Technical Debt
 * Reduction", IEEE Big Data 2017): 28 tests in four sections of seven. A test run by hand, with its results written
 * down and shared, earns half a point; one a system runs automatically and repeatedly earns a full point. Each
 * section's points are summed (0 to 7) and the final score is the lowest section's: a system is as ready as its
 * weakest part. Tests are found by their tag (`**Infra 6**`) wherever they sit in the file; every other item is a
 * check outside the rubric and never changes the score.
 */
export const rubricSections: readonly { readonly area: (typeof mlTestScoreAreas)[number]; readonly title: string }[] = [
  { area: 'Data', title: 'Data' },
  { area: 'Model', title: 'Model' },
  { area: 'Infra', title: 'Infrastructure' },
  { area: 'Monitor', title: 'Monitoring' },
];

export const testsPerSection = 7;

/** How the score is counted, in a sentence for tooltips (Markdown). */
export const scoringExplained =
  'Each of the 28 tests earns half a point when done by hand (results written down and shared) and a full point when a system runs it automatically; ' +
  'each section adds up its 7 tests, and the score is the lowest section (Breck et al., *The ML Test Score*, 2017).';

export type TestState = 'not done' | 'manual' | 'automated';

const points: Record<TestState, number> = { 'not done': 0, manual: 0.5, automated: 1 };

/** The `automated` marker counts only on a ticked item; a ticked item without it (every first-edition one) is manual. */
export function testState(item: ChecklistItem): TestState {
  if (!item.checked) return 'not done';
  return item.automated ? 'automated' : 'manual';
}

export interface RubricTest {
  readonly id: string;
  readonly number: number;
  readonly state: TestState;
  /** Where the test is in the file; absent when the file leaves it out (it then counts as not done). */
  readonly found?: { readonly section: ChecklistSection; readonly item: ChecklistItem };
}

export interface RubricSectionScore {
  readonly area: string;
  readonly title: string;
  /** 0 to 7 in steps of 0.5. */
  readonly score: number;
  readonly tests: readonly RubricTest[];
}

export interface MlTestScore {
  readonly sections: readonly RubricSectionScore[];
  /** The lowest section score. */
  readonly final: number;
  /** The titles of the sections at the final score. */
  readonly weakest: readonly string[];
}

export function mlTestScore(checklist: Checklist): MlTestScore {
  // A test the file repeats counts once, at its best state: ticking either copy means it was done.
  const best = new Map<string, RubricTest>();
  for (const section of checklist.sections) {
    for (const item of section.items) {
      if (item.testId === undefined) continue;
      const state = testState(item);
      const seen = best.get(item.testId);
      if (!seen || points[state] > points[seen.state]) best.set(item.testId, { id: item.testId, number: Number(item.testId.split(' ')[1]), state, found: { section, item } });
    }
  }
  const sections = rubricSections.map(({ area, title }) => {
    const tests = Array.from({ length: testsPerSection }, (_, i): RubricTest => {
      const id = `${area} ${i + 1}`;
      return best.get(id) ?? { id, number: i + 1, state: 'not done' };
    });
    return { area, title, score: tests.reduce((sum, t) => sum + points[t.state], 0), tests };
  });
  const final = Math.min(...sections.map((s) => s.score));
  return { sections, final, weakest: sections.filter((s) => s.score === final).map((s) => s.title) };
}

/**
 * What a score means, after the paper's table for interpreting the final score (in our words; its intervals are
 * half-open: (0, 1], (1, 2], (2, 3], (3, 5], above 5).
 */
export function scoreBand(score: number): string {
  if (score <= 0) return 'More a research project than a production system.';
  if (score <= 1) return 'Not untested, but expect serious gaps in reliability.';
  if (score <= 2) return 'A first pass at productionising; more investment is likely needed.';
  if (score <= 3) return 'Reasonably tested; more of the tests and procedures could be automated.';
  if (score <= 5) return 'Strong automated testing and monitoring, fit for a mission-critical system.';
  return 'Exceptional automated testing and monitoring.';
}

/** The items outside the rubric (serving, responsible AI, the template's own), by section, with "n of m done". */
export function otherChecks(checklist: Checklist): { sections: ChecklistSection[]; done: number; total: number } {
  const sections = checklist.sections
    .map((section) => ({ ...section, items: section.items.filter((i) => i.testId === undefined) }))
    .filter((section) => section.items.length > 0);
  const counts = sections.map(sectionProgress);
  return { sections, done: counts.reduce((n, c) => n + c.done, 0), total: counts.reduce((n, c) => n + c.total, 0) };
}
