import type { SkillNote } from '../progress/state';
import { escapeMarkdown } from '../roadmap/skillMarkdown';
import { formatDay } from './history';
import { noteTooltipMarkdown } from './renderNote';

/**
 * What a skill's or expectation's tooltip adds under its status: the dated status history and the user's note
 * (rendered safely, cut when long). Empty when there is neither.
 */
export function annotationsMarkdown(history: string | undefined, note: SkillNote | undefined, timeZone?: string): string {
  const parts: string[] = [];
  if (history !== undefined) parts.push(`*${escapeMarkdown(history)}*`);
  if (note !== undefined) parts.push(`**Your note** (edited ${escapeMarkdown(formatDay(note.changedAt, timeZone))})`, noteTooltipMarkdown(note.text));
  return parts.join('\n\n');
}
