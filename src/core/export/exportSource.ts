import type { ProgressEntry, ProgressState } from '../progress/state';
import type { SkillStatus } from '../progress/status';
import type { RoadmapIndex } from '../roadmap/roadmap';

/** A note on a skill or expectation (an empty text is a deleted note, as progress stores it). */
export interface ExportNote {
  readonly text: string;
  readonly changedAt: number;
}

/** One change of status, oldest first in a history. */
export interface ExportStatusChange {
  readonly status: SkillStatus;
  readonly at: number;
}

/** Which roadmap the progress belongs to, as the export names it. */
export interface RoadmapInfo {
  readonly id: string;
  readonly name: string;
}

/** A portfolio project's deploy-readiness, from its DEPLOY_CHECKLIST.md (see projectReadiness.ts). */
export type ProjectReadiness =
  | {
      readonly name: string;
      /** The ML Test Score's final score (0 to 7), its weakest sections and what the score means. */
      readonly mlTestScore: number;
      readonly weakest: readonly string[];
      readonly band: string;
      readonly otherDone: number;
      readonly otherTotal: number;
    }
  | { readonly name: string; readonly error: string };

/**
 * Everything an export reads, passed in so the formats stay pure. Notes and status histories come through
 * functions, so they can come from wherever progress keeps them (nothing yet: both return `undefined`).
 */
export interface ExportSource {
  readonly roadmap: RoadmapIndex;
  readonly roadmapInfo: RoadmapInfo;
  readonly state: ProgressState;
  /** The user's current level, when set and known to the roadmap. */
  readonly currentLevelId: string | undefined;
  /** A skill's or expectation's entry, found under former ids too (the store's own look-up). */
  entryFor(id: string): ProgressEntry | undefined;
  noteFor(id: string): ExportNote | undefined;
  historyFor(id: string): readonly ExportStatusChange[] | undefined;
  readonly projects: readonly ProjectReadiness[];
  /** Milliseconds since the epoch: when the export is made. */
  readonly now: number;
  readonly extensionVersion: string;
}

/** A time as a calendar day in UTC ("2026-11-26"); time 0 is what progress from before dates were kept carries. */
export function isoDay(ms: number): string | undefined {
  return ms > 0 ? new Date(ms).toISOString().slice(0, 10) : undefined;
}

/** A note counts when it has text: an empty one is a deleted note. */
export function hasNote(note: ExportNote | undefined): note is ExportNote {
  return note !== undefined && note.text.trim().length > 0;
}
