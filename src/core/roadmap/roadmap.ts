import type { Level, Roadmap, Skill, SkillGroup } from './schema';

/** A roadmap with the look-ups every view needs, computed once. */
export interface RoadmapIndex {
  readonly roadmap: Roadmap;
  readonly levels: readonly Level[];
  readonly groups: readonly SkillGroup[];
  /** Every skill once, in content order. */
  readonly skills: readonly Skill[];
  level(id: string): Level | undefined;
  skill(id: string): Skill | undefined;
  /** The group a skill belongs to. */
  groupOf(skillId: string): SkillGroup | undefined;
  /** Maps a former id (renamedFrom) or a current id to the current id; unknown ids map to undefined. */
  canonicalId(id: string): string | undefined;
  /** The level and the levels it builds on, earliest first (e.g. junior, mid, senior). */
  chain(levelId: string): readonly Level[];
  /** Skills expected by the time a person holds this level (its own and those of the levels it builds on). */
  skillsExpectedAt(levelId: string): readonly Skill[];
  /** Skills whose `expectedBy` is exactly this level. */
  skillsIntroducedAt(levelId: string): readonly Skill[];
  /** Levels that directly follow this one (the individual-contributor track first). */
  nextLevels(levelId: string): readonly Level[];
}

export function indexRoadmap(roadmap: Roadmap): RoadmapIndex {
  const levelsById = new Map(roadmap.levels.map((level) => [level.id, level]));
  const skills = roadmap.groups.flatMap((group) => group.skills);
  const skillsById = new Map(skills.map((skill) => [skill.id, skill]));
  const groupBySkill = new Map(roadmap.groups.flatMap((group) => group.skills.map((skill) => [skill.id, group] as const)));
  const canonical = new Map<string, string>();
  for (const skill of skills) {
    canonical.set(skill.id, skill.id);
    for (const old of skill.renamedFrom) canonical.set(old, skill.id);
  }

  const chain = (levelId: string): Level[] => {
    const out: Level[] = [];
    const seen = new Set<string>();
    for (let level = levelsById.get(levelId); level && !seen.has(level.id); level = level.follows ? levelsById.get(level.follows) : undefined) {
      seen.add(level.id);
      out.unshift(level);
    }
    return out;
  };

  const introduced = new Map<string, Skill[]>();
  for (const skill of skills) introduced.set(skill.expectedBy, [...(introduced.get(skill.expectedBy) ?? []), skill]);

  return {
    roadmap,
    levels: roadmap.levels,
    groups: roadmap.groups,
    skills,
    level: (id) => levelsById.get(id),
    skill: (id) => skillsById.get(id),
    groupOf: (skillId) => groupBySkill.get(skillId),
    canonicalId: (id) => canonical.get(id),
    chain,
    skillsExpectedAt: (levelId) => {
      const ids = new Set(chain(levelId).map((level) => level.id));
      return skills.filter((skill) => ids.has(skill.expectedBy));
    },
    skillsIntroducedAt: (levelId) => introduced.get(levelId) ?? [],
    nextLevels: (levelId) =>
      roadmap.levels
        .filter((level) => level.follows === levelId)
        .sort((a, b) => Number(a.track === 'management') - Number(b.track === 'management')),
  };
}
