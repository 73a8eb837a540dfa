import type { RoadmapIndex } from '../roadmap/roadmap';
import type { Level, Skill } from '../roadmap/schema';
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

export function progressOf(skills: readonly Skill[], statusOf: (skillId: string) => SkillStatus): Progress {
  let done = 0;
  let learning = 0;
  let skipped = 0;
  for (const skill of skills) {
    const status = statusOf(skill.id);
    if (status === 'done') done++;
    else if (status === 'learning') learning++;
    else if (status === 'skipped') skipped++;
  }
  const total = skills.length - skipped;
  return { done, learning, skipped, total, percent: total === 0 ? 100 : Math.floor((done * 100) / total) };
}

export interface LevelGap {
  level: Level;
  /** Expected by that level, neither done nor skipped, in content order. */
  missing: Skill[];
  skipped: Skill[];
}

/** What separates a person at `currentLevelId` (or a beginner, when unset) from each next level. */
export function nextLevelGaps(roadmap: RoadmapIndex, currentLevelId: string | undefined, statusOf: (skillId: string) => SkillStatus): LevelGap[] {
  const targets = currentLevelId === undefined ? roadmap.levels.filter((level) => level.follows === undefined) : roadmap.nextLevels(currentLevelId);
  return targets.map((level) => {
    const expected = roadmap.skillsExpectedAt(level.id);
    return {
      level,
      missing: expected.filter((skill) => statusOf(skill.id) !== 'done' && statusOf(skill.id) !== 'skipped'),
      skipped: expected.filter((skill) => statusOf(skill.id) === 'skipped'),
    };
  });
}

export function formatProgress(progress: Progress): string {
  return `${progress.done}/${progress.total}`;
}
