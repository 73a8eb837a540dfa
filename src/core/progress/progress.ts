import type { RoadmapIndex } from '../roadmap/roadmap';
import type { Expectation, Level, Skill, SkillGroup } from '../roadmap/schema';
import type { SkillStatus } from './status';

export interface Progress {
  done: number;
  learning: number;
  skipped: number;
  /** Skills that count: skipped ones are a deliberate choice and leave the total. */
  total: number;
  /** 0–100, rounded down so 100 means everything is really done. */
  percent: number;
}

/** Anything with a status: a skill or an expectation. */
export interface Trackable {
  readonly id: string;
}

export function progressOf(items: readonly Trackable[], statusOf: (id: string) => SkillStatus): Progress {
  let done = 0;
  let learning = 0;
  let skipped = 0;
  for (const item of items) {
    const status = statusOf(item.id);
    if (status === 'done') done++;
    else if (status === 'learning') learning++;
    else if (status === 'skipped') skipped++;
  }
  return withPercent({ done, learning, skipped, total: items.length - skipped });
}

function withPercent(counts: Omit<Progress, 'percent'>): Progress {
  return { ...counts, percent: counts.total === 0 ? 100 : Math.floor((counts.done * 100) / counts.total) };
}

/** Where a person stands on a group of alternatives ("any two of these"). */
export interface AlternativesGap {
  group: SkillGroup;
  /** How many the group asks for: `choose`, or fewer when so many were skipped that no more are left. */
  needed: number;
  done: Skill[];
  /** Neither done nor skipped: the options still open. */
  open: Skill[];
  /** How many more must be done (0 when satisfied). */
  remaining: number;
}

export function alternativesGap(group: SkillGroup, statusOf: (id: string) => SkillStatus): AlternativesGap {
  const done = group.skills.filter((skill) => statusOf(skill.id) === 'done');
  const open = group.skills.filter((skill) => statusOf(skill.id) !== 'done' && statusOf(skill.id) !== 'skipped');
  // Skipping an option is choosing another one; only when too few options remain does the requirement shrink.
  const needed = Math.min(group.choose ?? group.skills.length, done.length + open.length);
  return { group, needed, done, open, remaining: Math.max(0, needed - done.length) };
}

/**
 * Progress on a group of alternatives: it counts as `needed` items, of which the done ones (at most `needed`)
 * are done and the learning ones (up to what is still missing) are learning.
 */
export function alternativesProgress(gap: AlternativesGap, statusOf: (id: string) => SkillStatus): Progress {
  const done = Math.min(gap.done.length, gap.needed);
  const learning = Math.min(gap.open.filter((skill) => statusOf(skill.id) === 'learning').length, gap.needed - done);
  return withPercent({ done, learning, skipped: 0, total: gap.needed });
}

/** Adds progress counts (skills and alternatives toward one level). */
export function sumProgress(parts: readonly Progress[]): Progress {
  const sum = (key: 'done' | 'learning' | 'skipped' | 'total'): number => parts.reduce((n, part) => n + part[key], 0);
  return withPercent({ done: sum('done'), learning: sum('learning'), skipped: sum('skipped'), total: sum('total') });
}

export interface LevelGap {
  level: Level;
  /** Required skills expected by that level, neither done nor skipped, in content order. */
  missing: Skill[];
  skipped: Skill[];
  /** Required expectations of the levels that count, neither done nor skipped: counted apart from skills. */
  missingExpectations: Expectation[];
  /** Groups of alternatives that count toward that level (break-in routes toward the first role). */
  alternatives: AlternativesGap[];
  /** Readiness in skills (required ones plus alternatives) and, apart, in expectations. */
  skillProgress: Progress;
  expectationProgress: Progress;
}

/** Skills still to do toward a gap: the missing required ones plus what the alternatives still ask for. */
export function skillsLeft(gap: LevelGap): number {
  return gap.missing.length + gap.alternatives.reduce((n, alt) => n + alt.remaining, 0);
}

/** What separates a person at `currentLevelId` (or, when unset, at the starting stage) from each next level. */
export function nextLevelGaps(roadmap: RoadmapIndex, currentLevelId: string | undefined, statusOf: (id: string) => SkillStatus): LevelGap[] {
  const from = currentLevelId ?? roadmap.startingLevel()?.id;
  const targets = from === undefined ? roadmap.levels.filter((level) => level.follows === undefined) : roadmap.nextLevels(from);
  const open = (id: string): boolean => statusOf(id) !== 'done' && statusOf(id) !== 'skipped';
  return targets.map((level) => {
    const expected = roadmap.skillsExpectedAt(level.id);
    const expectations = roadmap.expectationsExpectedAt(level.id);
    const alternatives = roadmap.alternativesAt(level.id).map((group) => alternativesGap(group, statusOf));
    return {
      level,
      missing: expected.filter((skill) => open(skill.id)),
      skipped: expected.filter((skill) => statusOf(skill.id) === 'skipped'),
      missingExpectations: expectations.filter((expectation) => open(expectation.id)),
      alternatives,
      skillProgress: sumProgress([progressOf(expected, statusOf), ...alternatives.map((alt) => alternativesProgress(alt, statusOf))]),
      expectationProgress: progressOf(expectations, statusOf),
    };
  });
}

export function formatProgress(progress: Progress): string {
  return `${progress.done}/${progress.total}`;
}

/** A group's progress: alternatives count as many as they ask for; other groups count every skill. */
export function groupProgress(group: SkillGroup, statusOf: (id: string) => SkillStatus): Progress {
  return group.choose === undefined ? progressOf(group.skills, statusOf) : alternativesProgress(alternativesGap(group, statusOf), statusOf);
}

/** Progress on the skills a level introduces (alternatives counted as they ask; optional groups left out). */
export function levelSkillProgress(roadmap: RoadmapIndex, levelId: string, statusOf: (id: string) => SkillStatus): Progress {
  const introduced = roadmap.skillsIntroducedAt(levelId);
  const alternatives = roadmap.groups.filter((group) => group.choose !== undefined && group.skills.some((skill) => skill.expectedBy === levelId));
  const required = introduced.filter((skill) => roadmap.groupOf(skill.id)?.choose === undefined);
  return sumProgress([progressOf(required, statusOf), ...alternatives.map((group) => groupProgress(group, statusOf))]);
}

/** Progress on a level's own required expectations (optional ones are tracked but not counted). */
export function levelExpectationProgress(level: Level, statusOf: (id: string) => SkillStatus): Progress {
  return progressOf(level.expectations.filter((expectation) => !expectation.optional), statusOf);
}

/** Every skill that counts: required ones, and alternatives as many as they ask for; optional groups left out. */
export function overallSkillProgress(roadmap: RoadmapIndex, statusOf: (id: string) => SkillStatus): Progress {
  return sumProgress(roadmap.groups.filter((group) => !group.optional).map((group) => groupProgress(group, statusOf)));
}

/** Every required expectation of every level. */
export function overallExpectationProgress(roadmap: RoadmapIndex, statusOf: (id: string) => SkillStatus): Progress {
  return sumProgress(roadmap.levels.map((level) => levelExpectationProgress(level, statusOf)));
}
