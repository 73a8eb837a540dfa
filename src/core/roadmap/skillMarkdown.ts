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

/** A Markdown link with an escaped label, or `undefined` unless `url` is https (anything else must stay text). */
export function markdownLink(label: string, url: string): string | undefined {
  // The parsed URL has spaces and angle brackets percent-encoded; parentheses would end the link early.
  return isHttpsUrl(url) ? `[${escapeMarkdown(label)}](${new URL(url).href.replace(/[()]/g, encodeURIComponent)})` : undefined;
}

/**
 * Escapes `$(name)` so data shows as text where VS Code renders codicons (status bar text, quick pick labels,
 * descriptions and details); VS Code drops the backslash of `\$(`.
 */
export function escapeCodicons(text: string): string {
  return text.replaceAll('$(', '\\$(');
}

/**
 * The skill as Markdown: used for the tree tooltip (short) and the details page (full). `annotations` (the user's
 * note and history, already safe Markdown) go right under the status, above a rule, so a long tooltip shows them.
 */
export function skillMarkdown(roadmap: RoadmapIndex, skill: Skill, status: SkillStatus, full: boolean, annotations = ''): string {
  const level = roadmap.level(skill.expectedBy);
  const group = roadmap.groupOf(skill.id);
  const lines = [
    `${full ? '# ' : '**'}${escapeMarkdown(skill.title)}${full ? '' : '**'}`,
    '',
    `*${escapeMarkdown(statusLabels[status])}* · ${group?.optional ? 'optional, counts toward no level' : `expected by ${escapeMarkdown(level?.title ?? skill.expectedBy)}`}${group ? ` · ${escapeMarkdown(group.title)}` : ''}${group?.choose === undefined ? '' : ` (any ${group.choose})`}`,
    '',
    ...annotated(annotations),
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
    // The domain is shown because a team's roadmap file, not this extension, may have written the link.
    const link = markdownLink(resource.title, resource.url);
    if (link) lines.push(`- ${link} (${resource.type}, ${escapeMarkdown(new URL(resource.url).hostname)}, checked ${escapeMarkdown(resource.checked)})`);
  }
  return lines.join('\n');
}

function annotated(annotations: string): string[] {
  return annotations === '' ? [] : [annotations, '', '---', ''];
}

/** An expectation as Markdown (the tree tooltip): its level, competency, status and whether it is optional; `annotations` as for skills. */
export function expectationMarkdown(roadmap: RoadmapIndex, item: LevelExpectation, status: SkillStatus, annotations = ''): string {
  const { level, expectation } = item;
  const competency = roadmap.competency(expectation.competency)?.title ?? expectation.competency;
  return [
    `**${escapeMarkdown(expectation.title)}**`,
    '',
    `*${escapeMarkdown(statusLabels[status])}* · ${escapeMarkdown(level.title)} · ${escapeMarkdown(competency)}${expectation.optional ? ' · optional, not counted toward the level' : ''}`,
    '',
    ...annotated(annotations),
    escapeMarkdown(expectation.text),
  ].join('\n');
}
