import { indexRoadmap, type RoadmapIndex } from '../../../src/core/roadmap/roadmap';
import type { Roadmap } from '../../../src/core/roadmap/schema';

const levelIds = ['junior', 'mid', 'senior', 'staff', 'management'] as const;

/** A valid roadmap with `skillCount` skills spread over levels and groups; for unit tests and benchmarks. */
export function syntheticRoadmap(skillCount: number, maxGroups = 5): Roadmap {
  const groupCount = Math.min(maxGroups, skillCount);
  const follows: Record<string, string | undefined> = { junior: undefined, mid: 'junior', senior: 'mid', staff: 'senior', management: 'senior' };
  return {
    version: 2,
    competencies: [
      { id: 'craft', title: 'Craft', description: 'Building things that work, for tests.' },
      { id: 'influence', title: 'Influence', description: 'Working with other people, for tests.' },
    ],
    levels: levelIds.map((id) => ({
      id,
      title: `${id} engineer`,
      short: id.slice(0, 6),
      years: '1+ years',
      track: id === 'management' ? ('management' as const) : ('ic' as const),
      stage: 'role' as const,
      ...(follows[id] ? { follows: follows[id] } : {}),
      focus: `What a ${id} engineer focuses on, in one sentence.`,
      // Expectation ids share the namespace of skills (both are stored progress), so they name their level.
      expectations: [1, 2, 3, 4].map((n) => ({
        id: `${id}-e${n}`,
        title: `Expectation ${n}`,
        text: `Expectation number ${n} of ${id}`,
        competency: n % 2 === 0 ? 'influence' : 'craft',
        optional: false,
      })),
    })),
    groups: Array.from({ length: groupCount }, (_, g) => ({
      id: `group-${g}`,
      title: `Group ${g}`,
      kind: 'must-have' as const,
      description: `Skills of group ${g}, for tests.`,
      optional: false,
      skills: Array.from({ length: Math.ceil(skillCount / groupCount) }, (_, s) => g * Math.ceil(skillCount / groupCount) + s)
        .filter((n) => n < skillCount)
        .map((n) => ({
          id: `skill-${n}`,
          title: `Skill ${n}`,
          summary: `Summary of skill ${n}.`,
          why: `Why skill ${n} matters, at some length.`,
          expectedBy: levelIds[n % levelIds.length] as string,
          renamedFrom: [],
          milestones: [],
          resources: [
            { title: 'Official docs', url: `https://example.org/${n}`, type: 'docs' as const, checked: '2026-11-01' },
            { title: 'A course', url: `https://example.org/course/${n}`, type: 'course' as const, checked: '2026-11-01' },
          ],
        })),
    })),
    market: {
      title: 'The market, for tests',
      asOf: '2026-03',
      source: 'A made-up source for tests.',
      summary: 'A made-up summary of the market, for tests.',
      facts: [1, 2, 3].map((n) => ({ id: `fact-${n}`, title: `Fact ${n}`, text: `Market fact number ${n}, for tests.` })),
      resources: [],
    },
  };
}

export function syntheticIndex(skillCount: number): RoadmapIndex {
  return indexRoadmap(syntheticRoadmap(skillCount));
}
