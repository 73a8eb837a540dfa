import * as vscode from 'vscode';
import { commands } from '../core/ids';
import { groupProgress, overallExpectationProgress, overallSkillProgress } from '../core/progress/progress';
import { escapeCodicons, escapeMarkdown } from '../core/roadmap/skillMarkdown';
import type { ProgressService } from '../progress/progressService';

/** `$(mortar-board) Mid · 42%`: the current level and overall progress; a click opens the roadmap. */
export function registerStatusBar(context: vscode.ExtensionContext, progress: ProgressService): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('mlCareer.progress', vscode.StatusBarAlignment.Left, 50);
  item.name = 'ML Career Progress';
  item.command = commands.openRoadmap;
  const update = (): void => {
    const { store, roadmap } = progress;
    const statusOf = (id: string) => store.status(id);
    const overall = overallSkillProgress(roadmap, statusOf);
    const expectations = overallExpectationProgress(roadmap, statusOf);
    const level = roadmap.level(store.currentLevel() ?? '');
    item.text = `$(mortar-board) ${level ? escapeCodicons(level.short) : 'Set level'} · ${overall.percent}%`;
    const tooltip = new vscode.MarkdownString(`**ML Career** — ${level ? escapeMarkdown(level.title) : 'no current level set'}\n\n`);
    tooltip.appendMarkdown(`| Group | Done | |\n|---|---:|---:|\n`);
    for (const group of roadmap.groups) {
      const p = groupProgress(group, statusOf);
      const note = group.optional ? ' (optional)' : group.choose !== undefined ? ` (any ${group.choose})` : '';
      tooltip.appendMarkdown(`| ${escapeMarkdown(group.title)}${note} | ${p.done}/${p.total} | ${p.percent}% |\n`);
    }
    tooltip.appendMarkdown(
      `\nOverall: ${overall.done} of ${overall.total} skills done (${overall.percent}%); ${expectations.done} of ${expectations.total} level expectations met. Click to open the roadmap.`,
    );
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: `ML Career: ${level ? level.title : 'no level set'}, ${overall.percent} percent of skills done` };
  };
  update();
  item.show();
  context.subscriptions.push(item, progress.onDidChange(update));
  return item;
}
