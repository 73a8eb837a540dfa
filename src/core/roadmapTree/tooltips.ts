import { formatProgress, type Progress } from '../progress/progress';
import { escapeMarkdown } from '../roadmap/skillMarkdown';
import type { Level } from '../roadmap/schema';

/** A level row's tooltip (Markdown): title, years, focus and how much of what the level adds is done. */
export function levelTooltip(level: Level, progress: Progress): string {
  return `**${escapeMarkdown(level.title)}** (${escapeMarkdown(level.years)})\n\n${escapeMarkdown(level.focus)}\n\n${formatProgress(progress)} of the skills this level adds are done.`;
}
