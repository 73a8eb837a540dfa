import { escapeMarkdown } from '../roadmap/skillMarkdown';
import type { Checklist } from './checklist';
import { mlTestScore, otherChecks, scoreBand, scoringExplained, testsPerSection } from './mlTestScore';

/**
 * A project's tooltip as Markdown: the ML Test Score per section and its band, then the checks outside the rubric.
 * The folder name and the section titles come from the workspace, which may not be trusted, so they are escaped: they
 * must not turn into links (command: links included), images or formatting.
 */
export function projectTooltip(name: string, checklist: Checklist): string {
  const score = mlTestScore(checklist);
  const others = otherChecks(checklist);
  const perSection = score.sections.map((s) => `${s.title} ${s.score}`).join(' · ');
  const otherLines = others.sections.map((s) => `- ${escapeMarkdown(s.title)}: ${s.items.filter((i) => i.checked).length} of ${s.items.length} done`);
  return [
    `**${escapeMarkdown(name)}**: ML Test Score ${score.final} of ${testsPerSection}. ${scoreBand(score.final)}`,
    `${perSection} (lowest: ${score.weakest.join(', ')})`,
    scoringExplained,
    ...(otherLines.length > 0 ? [`Other checks, outside the score: ${others.done} of ${others.total} done`, otherLines.join('\n')] : []),
  ].join('\n\n');
}
