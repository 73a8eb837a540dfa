import type { Competency, Expectation, Level, Roadmap, Skill, SkillGroup } from './schema';

/** An expectation with the level it belongs to. */
export interface LevelExpectation {
  readonly level: Level;
  readonly expectation: Expectation;
}

/** A roadmap with the look-ups every view needs, computed once. */
export interface RoadmapIndex {
  readonly roadmap: Roadmap;
  readonly competencies: readonly Competency[];
  readonly levels: readonly Level[];
  readonly groups: readonly SkillGroup[];
  /** Every skill once, in content order. */
  readonly skills: readonly Skill[];
  /** Every expectation once, in level order. */
  readonly expectations: readonly LevelExpectation[];
  /** Ids of everything that has a status: skills, then expectations. */
  readonly trackableIds: readonly string[];
  level(id: string): Level | undefined;
  skill(id: string): Skill | undefined;
  expectation(id: string): LevelExpectation | undefined;
  competency(id: string): Competency | undefined;
  /** The group a skill belongs to. */
  groupOf(skillId: string): SkillGroup | undefined;
  /** Maps a former id (renamedFrom) or a current skill or expectation id to the current id; unknown ids map to undefined. */
  canonicalId(id: string): string | undefined;
  /** The level and the levels it builds on, earliest first (e.g. junior, mid, senior). */
  chain(levelId: string): readonly Level[];
  /** The levels whose skills and expectations count toward reaching `levelId` (see `countedLevels`). */
  countedLevels(levelId: string): readonly Level[];
  /** Required skills (not alternatives, not optional) expected by the time a person reaches this level. */
  skillsExpectedAt(levelId: string): readonly Skill[];
  /** Groups of alternatives that count toward reaching this level. */
  alternativesAt(levelId: string): readonly SkillGroup[];
  /** Required expectations (not optional) that count toward reaching this level. */
  expectationsExpectedAt(levelId: string): readonly Expectation[];
  /** Skills whose `expectedBy` is exactly this level, optional groups left out (they show only in their group). */
  skillsIntroducedAt(levelId: string): readonly Skill[];
  /** Levels that directly follow this one (the individual-contributor track first). */
  nextLevels(levelId: string): readonly Level[];
  /** Where a person with no level set starts: the aspiring stage when there is one. */
  startingLevel(): Level | undefined;
}

export function indexRoadmap(roadmap: Roadmap): RoadmapIndex {
  const levelsById = new Map(roadmap.levels.map((level) => [level.id, level]));
  const skills = roadmap.groups.flatMap((group) => group.skills);
  const skillsById = new Map(skills.map((skill) => [skill.id, skill]));
  const groupBySkill = new Map(roadmap.groups.flatMap((group) => group.skills.map((skill) => [skill.id, group] as const)));
  const expectations = roadmap.levels.flatMap((level) => level.expectations.map((expectation) => ({ level, expectation })));
  const expectationsById = new Map(expectations.map((item) => [item.expectation.id, item]));
  const competenciesById = new Map(roadmap.competencies.map((c) => [c.id, c]));
  const canonical = new Map<string, string>();
  for (const skill of skills) {
    canonical.set(skill.id, skill.id);
    for (const old of skill.renamedFrom) canonical.set(old, skill.id);
  }
  for (const { expectation } of expectations) canonical.set(expectation.id, expectation.id);

  const chain = (levelId: string): Level[] => {
    const out: Level[] = [];
    const seen = new Set<string>();
    for (let level = levelsById.get(levelId); level && !seen.has(level.id); level = level.follows ? levelsById.get(level.follows) : undefined) {
      seen.add(level.id);
      out.unshift(level);
    }
    return out;
  };

  const isFirstRole = (level: Level): boolean => level.follows !== undefined && levelsById.get(level.follows)?.stage === 'aspiring';

  /**
   * The chain, except that an aspiring stage counts only toward the first role: what gets you hired (break-in
   * routes, a first portfolio) is no requirement for Senior or Staff.
   */
  const countedLevels = (levelId: string): Level[] => {
    const target = levelsById.get(levelId);
    return chain(levelId).filter((level) => level.stage !== 'aspiring' || level === target || (target !== undefined && target.follows === level.id));
  };
  const countedIds = (levelId: string): Set<string> => new Set(countedLevels(levelId).map((level) => level.id));

  const introduced = new Map<string, Skill[]>();
  for (const group of roadmap.groups) {
    if (group.optional) continue;
    for (const skill of group.skills) introduced.set(skill.expectedBy, [...(introduced.get(skill.expectedBy) ?? []), skill]);
  }
  const requiredSkills = roadmap.groups.filter((group) => !group.optional && group.choose === undefined).flatMap((group) => group.skills);
  const alternativeGroups = roadmap.groups.filter((group) => group.choose !== undefined);

  return {
    roadmap,
    competencies: roadmap.competencies,
    levels: roadmap.levels,
    groups: roadmap.groups,
    skills,
    expectations,
    trackableIds: [...skills.map((skill) => skill.id), ...expectations.map((item) => item.expectation.id)],
    level: (id) => levelsById.get(id),
    skill: (id) => skillsById.get(id),
    expectation: (id) => expectationsById.get(id),
    competency: (id) => competenciesById.get(id),
    groupOf: (skillId) => groupBySkill.get(skillId),
    canonicalId: (id) => canonical.get(id),
    chain,
    countedLevels,
    skillsExpectedAt: (levelId) => {
      const ids = countedIds(levelId);
      return requiredSkills.filter((skill) => ids.has(skill.expectedBy));
    },
    alternativesAt: (levelId) => {
      const ids = countedIds(levelId);
      return alternativeGroups.filter((group) => group.skills.some((skill) => ids.has(skill.expectedBy)));
    },
    expectationsExpectedAt: (levelId) => {
      const target = levelsById.get(levelId);
      // A first role's own expectations describe the job itself: nobody can show them before being hired.
      const levels = countedLevels(levelId).filter((level) => !(level === target && isFirstRole(level)));
      return levels.flatMap((level) => level.expectations.filter((expectation) => !expectation.optional));
    },
    skillsIntroducedAt: (levelId) => introduced.get(levelId) ?? [],
    nextLevels: (levelId) =>
      roadmap.levels
        .filter((level) => level.follows === levelId)
        .sort((a, b) => Number(a.track === 'management') - Number(b.track === 'management')),
    startingLevel: () => roadmap.levels.find((level) => level.stage === 'aspiring'),
  };
}
