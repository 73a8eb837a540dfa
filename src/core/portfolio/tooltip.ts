import { escapeMarkdown } from '../roadmap/skillMarkdown';
import { percent, readiness, type Checklist } from './checklist';

/**
 * A project's tooltip as Markdown. The folder name and the section titles come from the workspace, which may not be
 * trusted, so they are escaped: they must not turn into links (command: links included), images or formatting.
 */
export function projectTooltip(name: string, checklist: Checklist): string {
  const r = readiness(checklist);
  return (
    `**${escapeMarkdown(name)}**: ${percent(r.ratio)} deploy-ready\n\n` +
    `Readiness is the lowest section score, as in the ML Test Score${r.weakest ? ` (weakest: ${escapeMarkdown(r.weakest)})` : ''}. ` +
    `${r.done} of ${r.total} items done.`
  );
}
