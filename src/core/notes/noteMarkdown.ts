import { escapeMarkdown } from '../roadmap/skillMarkdown';
import { formatDay } from './history';

/** A note ready for a tooltip: when it was edited, and its text as safe Markdown (renderNote.ts `noteTooltipMarkdown`). */
export interface TooltipNote {
  readonly changedAt: number;
  readonly markdown: string;
}

/**
 * What a skill's or expectation's tooltip adds under its status: the dated status history and the user's note.
 * Empty when there is neither. The note comes rendered: its renderer (markdown-it) is not loaded at activation.
 */
export function annotationsMarkdown(history: string | undefined, note: TooltipNote | undefined, timeZone?: string): string {
  const parts: string[] = [];
  if (history !== undefined) parts.push(`*${escapeMarkdown(history)}*`);
  if (note !== undefined) parts.push(`**Your note** (edited ${escapeMarkdown(formatDay(note.changedAt, timeZone))})`, note.markdown);
  return parts.join('\n\n');
}
