import type { ProgressEntry, ProgressState, SkillNote, StatusChange } from '../progress/state';
import type { RoadmapIndex } from '../roadmap/roadmap';

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

/** Everything an export reads, passed in so the formats stay pure. */
export interface ExportSource {
  readonly roadmap: RoadmapIndex;
  readonly roadmapInfo: RoadmapInfo;
  readonly state: ProgressState;
  /** The user's current level, when set and known to the roadmap. */
  readonly currentLevelId: string | undefined;
  /** A skill's or expectation's entry, found under former ids too (the store's own look-up). */
  entryFor(id: string): ProgressEntry | undefined;
  /** Its note, found the same way; an empty text is a deleted note, as progress stores it. */
  noteFor(id: string): SkillNote | undefined;
  /** Its status changes, oldest first. */
  historyFor(id: string): readonly StatusChange[] | undefined;
  readonly projects: readonly ProjectReadiness[];
  /** Milliseconds since the epoch: when the export is made. */
  readonly now: number;
  readonly extensionVersion: string;
}

/** The look-ups the progress store offers, each of which finds an item under its former ids too. */
export interface ProgressLookups {
  entry(id: string): ProgressEntry | undefined;
  note(id: string): SkillNote | undefined;
  history(id: string): readonly StatusChange[];
}

/** An export's per-item reads from the store, so exports see what the tree and the roadmap page show. */
export function readsFrom(store: ProgressLookups): Pick<ExportSource, 'entryFor' | 'noteFor' | 'historyFor'> {
  return { entryFor: (id) => store.entry(id), noteFor: (id) => store.note(id), historyFor: (id) => store.history(id) };
}

/** A time as a calendar day in UTC ("2026-11-26"); time 0 is what progress from before dates were kept carries. */
export function isoDay(ms: number): string | undefined {
  return ms > 0 ? new Date(ms).toISOString().slice(0, 10) : undefined;
}

/** A note counts when it has text: an empty one is a deleted note. */
export function hasNote(note: SkillNote | undefined): note is SkillNote {
  return note !== undefined && note.text.trim().length > 0;
}
