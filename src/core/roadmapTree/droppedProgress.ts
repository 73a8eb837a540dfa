import type { ProgressEntry } from '../progress/state';
import type { SkillStatus } from '../progress/status';
import type { RoadmapIndex } from '../roadmap/roadmap';

/** Progress stored under an id the active roadmap does not have (hidden by a team roadmap, or from another roadmap). */
export interface DroppedItem {
  readonly id: string;
  /** The title another roadmap gives it (the built-in one first), or the id when none knows it. */
  readonly title: string;
  readonly status: SkillStatus;
}

/**
 * Stored progress the active roadmap has no place for: kept in storage (never deleted), listed so the user sees it
 * survived. Entries that say nothing ("not started", no proof) are left out. Sorted by title.
 */
export function droppedProgress(active: RoadmapIndex, stored: ReadonlyMap<string, ProgressEntry>, others: readonly RoadmapIndex[]): DroppedItem[] {
  const titleOf = (id: string): string => {
    for (const roadmap of others) {
      const canonical = roadmap.canonicalId(id);
      const title = canonical === undefined ? undefined : (roadmap.skill(canonical)?.title ?? roadmap.expectation(canonical)?.expectation.title);
      if (title !== undefined) return title;
    }
    return id;
  };
  const items: DroppedItem[] = [];
  for (const [id, entry] of stored) {
    if (active.canonicalId(id) !== undefined) continue;
    if (entry.status === 'not-started' && !entry.proof?.length) continue;
    items.push({ id, title: titleOf(id), status: entry.status });
  }
  return items.sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
}
