import { statusLabels, type SkillStatus } from '../progress/status';
import { isHttpsUrl } from './links';
import type { RoadmapIndex } from './roadmap';
import type { LevelExpectation } from './roadmap';
import type { Skill } from './schema';

/**
 * Escapes text for Markdown so data can never add links (autolinked URLs included), HTML, code or formatting:
 * every ASCII punctuation character is backslash-escaped, which CommonMark renders as the character itself, and
 * leading indentation (which would start a code block) is dropped.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/^[ \t]+/gm, '').replace(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g, (ch) => `\\${ch}`);
}

/**
 * Escapes `$(name)` so data shows as text where VS Code renders codicons (status bar text, quick pick labels,
 * descriptions and details); VS Code drops the backslash of `\$(`.
 */
export function escapeCodicons(text: string): string {
  return text.replaceAll('$(', '\\$(');
}

/** The skill as Markdown: used for the tree tooltip (short) and the details page (full). */
export function skillMarkdown(roadmap: RoadmapIndex, skill: Skill, status: SkillStatus, full: boolean): string {
  const level = roadmap.level(skill.expectedBy);
  const group = roadmap.groupOf(skill.id);
  const lines = [
    `${full ? '# ' : '**'}${escapeMarkdown(skill.title)}${full ? '' : '**'}`,
    '',
    `*${escapeMarkdown(statusLabels[status])}* · ${group?.optional ? 'optional, counts toward no level' : `expected by ${escapeMarkdown(level?.title ?? skill.expectedBy)}`}${group ? ` · ${escapeMarkdown(group.title)}` : ''}${group?.choose === undefined ? '' : ` (any ${group.choose})`}`,
    '',
    escapeMarkdown(skill.summary),
  ];
  if (full) lines.push('', '## Why it matters', '', escapeMarkdown(skill.why));
  const heading = (title: string): string => (full ? `## ${title}` : `**${title}**`);
  if (skill.goodLooksLike) lines.push('', heading('What good looks like'), '', escapeMarkdown(skill.goodLooksLike));
  if (skill.milestones.length > 0) {
    lines.push('', heading('At each level'), '');
    for (const milestone of skill.milestones) {
      lines.push(`- *${escapeMarkdown(roadmap.level(milestone.level)?.short ?? milestone.level)}*: ${escapeMarkdown(milestone.text)}`);
    }
  }
  lines.push('', heading('Resources'), '');
  for (const resource of skill.resources) {
    if (isHttpsUrl(resource.url)) {
      // The parsed URL has spaces and angle brackets percent-encoded; parentheses would end the link early. The
      // domain is shown because a team's roadmap file, not this extension, may have written the link.
      const url = new URL(resource.url);
      lines.push(`- [${escapeMarkdown(resource.title)}](${url.href.replace(/[()]/g, encodeURIComponent)}) (${resource.type}, ${escapeMarkdown(url.hostname)}, checked ${escapeMarkdown(resource.checked)})`);
    }
  }
  return lines.join('\n');
}

/** An expectation as Markdown (the tree tooltip): its level, competency, status and whether it is optional. */
export function expectationMarkdown(roadmap: RoadmapIndex, item: LevelExpectation, status: SkillStatus): string {
  const { level, expectation } = item;
  const competency = roadmap.competency(expectation.competency)?.title ?? expectation.competency;
  return [
    `**${escapeMarkdown(expectation.title)}**`,
    '',
    `*${escapeMarkdown(statusLabels[status])}* · ${escapeMarkdown(level.title)} · ${escapeMarkdown(competency)}${expectation.optional ? ' · optional, not counted toward the level' : ''}`,
    '',
    escapeMarkdown(expectation.text),
  ].join('\n');
}
