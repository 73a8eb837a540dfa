import { statusLabels, type SkillStatus } from '../progress/status';
import { isHttpsUrl } from './links';
import type { RoadmapIndex } from './roadmap';
import type { Skill } from './schema';

/**
 * Escapes text for Markdown so data can never inject links, HTML or formatting. List markers ("-", "+",
 * "1.") only mean something at the start of a line, so they are escaped only there and prose stays readable.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#|<>~&!]/g, (ch) => `\\${ch}`)
    .replace(/^([ \t]*)([-+]|\d+\.)(?=\s|$)/gm, (_, space: string, marker: string) => `${space}${marker.replace(/([-+.])/, '\\$1')}`);
}

/** The skill as Markdown: used for the tree tooltip (short) and the details page (full). */
export function skillMarkdown(roadmap: RoadmapIndex, skill: Skill, status: SkillStatus, full: boolean): string {
  const level = roadmap.level(skill.expectedBy);
  const group = roadmap.groupOf(skill.id);
  const lines = [
    `${full ? '# ' : '**'}${escapeMarkdown(skill.title)}${full ? '' : '**'}`,
    '',
    `*${escapeMarkdown(statusLabels[status])}* · expected by ${escapeMarkdown(level?.title ?? skill.expectedBy)}${group ? ` · ${escapeMarkdown(group.title)}` : ''}`,
    '',
    escapeMarkdown(skill.summary),
  ];
  if (full) lines.push('', '## Why it matters', '', escapeMarkdown(skill.why));
  lines.push('', full ? '## Resources' : '**Resources**', '');
  for (const resource of skill.resources) {
    if (isHttpsUrl(resource.url)) {
      // Parentheses would end the Markdown link early.
      lines.push(`- [${escapeMarkdown(resource.title)}](${resource.url.replace(/[()]/g, encodeURIComponent)}) (${resource.type})`);
    }
  }
  return lines.join('\n');
}
