import { formatProgress, type Progress } from '../progress/progress';
import { escapeMarkdown } from '../roadmap/skillMarkdown';
import type { Level } from '../roadmap/schema';

/** A level row's tooltip (Markdown): title, years, focus and how much of what the level adds is done and met. */
export function levelTooltip(level: Level, skills: Progress, expectations: Progress): string {
  return [
    `**${escapeMarkdown(level.title)}** (${escapeMarkdown(level.years)})`,
    escapeMarkdown(level.focus),
    `${formatProgress(skills)} of the skills this level adds are done; ${formatProgress(expectations)} of its expectations are met.`,
  ].join('\n\n');
}
