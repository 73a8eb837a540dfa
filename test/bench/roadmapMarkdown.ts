// Bench entry for scripts/bench/workbench.mjs: the shipped roadmap written as one Markdown document (levels with
// their focus, then every skill with its summary), so the Markdown preview floor renders about as much text as the
// roadmap page (not more, which would flatter us). The bench logs both pages' text length.
import { bundledRoadmap } from '../../src/core/roadmap/bundled';

export function roadmapMarkdown(): string {
  const { roadmap } = bundledRoadmap;
  const lines = ['# ML Career Roadmap', ''];
  for (const level of roadmap.levels) {
    lines.push(`## ${level.title} (${level.years})`, '', level.focus, '');
  }
  for (const group of roadmap.groups) {
    lines.push(`## ${group.title}`, '');
    for (const skill of group.skills) lines.push(`- **${skill.title}**: ${skill.summary}`);
    lines.push('');
  }
  return lines.join('\n');
}
