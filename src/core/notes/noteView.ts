import type { SkillNote, StatusChange } from '../progress/state';
import type { SkillStatus } from '../progress/status';
import type { SkillAnnotations } from '../roadmapView/viewModel';
import { formatDay, historyLine } from './history';

/** What annotations need of the progress store. */
export interface AnnotationSource {
  status(id: string): SkillStatus;
  statusChangedAt(id: string): number;
  history(id: string): readonly StatusChange[];
  note(id: string): SkillNote | undefined;
}

/**
 * Notes and histories for the roadmap page, rendered here on the host: the webview bundle stays free of a Markdown
 * parser, and it receives HTML that only `noteHtml` (renderNote.ts) made. `noteHtml` is passed in and called only for
 * skills with a note, so the page's host code can load markdown-it only once there is a note to render.
 */
export function skillAnnotations(source: AnnotationSource, noteHtml: (text: string) => string, timeZone?: string): (id: string) => SkillAnnotations {
  return (id) => {
    const note = source.note(id);
    return {
      note: note ? { html: noteHtml(note.text), edited: formatDay(note.changedAt, timeZone) } : null,
      history: historyLine(source.history(id), { status: source.status(id), changedAt: source.statusChangedAt(id) }, timeZone) ?? null,
    };
  };
}
