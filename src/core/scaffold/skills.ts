import type { SkillStatus } from '../progress/status';

/**
 * The template skills to mark "learning" after scaffolding: only those not started yet, each once, in order.
 * A skill already learning, done or skipped keeps its status: a new project is no reason to demote it.
 */
export function skillsToStart(skillIds: readonly string[], statusOf: (id: string) => SkillStatus): string[] {
  return [...new Set(skillIds)].filter((id) => statusOf(id) === 'not-started');
}
