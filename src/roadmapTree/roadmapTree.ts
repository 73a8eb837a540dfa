import * as vscode from 'vscode';
import { commands, contextKeys, roadmapItemContexts, views } from '../core/ids';
import { filterLabels, type SkillFilter } from '../core/progress/filter';
import { formatProgress } from '../core/progress/progress';
import { statusCodicons, statusLabels } from '../core/progress/status';
import { skillMarkdown } from '../core/roadmap/skillMarkdown';
import {
  canonicalSkillNode,
  childNodes,
  findNode,
  rootNodes,
  type SkillNode,
  type TreeInput,
  type TreeNode,
} from '../core/roadmapTree/treeModel';
import { levelTooltip } from '../core/roadmapTree/tooltips';
import { isEvidenceNode, type EvidenceNode } from '../core/evidence/evidenceNodes';
import type { EvidenceTreeHook } from '../evidence/evidenceTree';
import { runReportingErrors } from '../log/log';
import type { ProgressService } from '../progress/progressService';

/** A row of the Roadmap view: the roadmap's nodes and, under skills, the evidence hook's. */
export type RoadmapElement = TreeNode | EvidenceNode;

/** The sidebar tree: model nodes in, TreeItems out; refreshed by the one progress change event. */
export class RoadmapTreeProvider implements vscode.TreeDataProvider<RoadmapElement> {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private readonly _onDidChangeFilter = new vscode.EventEmitter<SkillFilter>();
  readonly onDidChangeFilter = this._onDidChangeFilter.event;
  private filterValue: SkillFilter = 'all';
  /** Evidence under skill rows (src/evidence), attached after activation creates it. */
  private evidence: EvidenceTreeHook | undefined;

  constructor(private readonly progress: ProgressService) {}

  get filter(): SkillFilter {
    return this.filterValue;
  }

  set filter(value: SkillFilter) {
    this.filterValue = value;
    this._onDidChangeFilter.fire(value);
    this.refresh();
  }

  attachEvidence(hook: EvidenceTreeHook): void {
    this.evidence = hook;
    this.refresh();
  }

  refresh(): void {
    this._onDidChangeTreeData.fire();
  }

  dispose(): void {
    this._onDidChangeTreeData.dispose();
    this._onDidChangeFilter.dispose();
  }

  input(): TreeInput {
    const { store, roadmap } = this.progress;
    return { roadmap, statusOf: (id) => store.status(id), currentLevel: store.currentLevel(), filter: this.filterValue };
  }

  getChildren(node?: RoadmapElement): RoadmapElement[] {
    if (node && isEvidenceNode(node)) return this.evidence?.children(node) ?? [];
    const evidence = node?.kind === 'skill' ? this.evidence?.skillChild(node) : undefined;
    if (evidence) return [evidence];
    return node ? childNodes(node, this.input()) : rootNodes(this.input());
  }

  getParent(node: RoadmapElement): RoadmapElement | undefined {
    if (isEvidenceNode(node)) return node.kind === 'evidence' ? findNode(this.input(), node.parentId) : this.evidence?.parentOf(node);
    return node.kind === 'skill' || node.kind === 'expectation' ? findNode(this.input(), node.parentId) : undefined;
  }

  /** The node search reveals for a skill (in its group, which shows under every filter that lets it through). */
  skillNode(skillId: string): SkillNode | undefined {
    return canonicalSkillNode(this.input(), skillId);
  }

  getTreeItem(node: RoadmapElement): vscode.TreeItem {
    if (isEvidenceNode(node)) return this.evidence?.treeItem(node) ?? new vscode.TreeItem('');
    switch (node.kind) {
      case 'next': {
        const count = node.gap.missing.length;
        const item = new vscode.TreeItem(`To reach ${node.gap.level.title}: ${count} skill${count === 1 ? '' : 's'} left`, collapsed(node.shown > 0));
        item.id = node.id;
        if (node.shown !== count) item.description = `${node.shown} shown`;
        item.iconPath = new vscode.ThemeIcon(count === 0 ? 'rocket' : 'milestone');
        item.tooltip = count === 0 ? `You have every skill ${node.gap.level.title} asks for.` : `Skills expected by ${node.gap.level.title} that are not done yet.`;
        item.contextValue = roadmapItemContexts.next;
        return item;
      }
      case 'level': {
        const { level, progress, isCurrent } = node;
        const item = new vscode.TreeItem(level.title, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = `${level.years} · ${formatProgress(progress)}${isCurrent ? ' · you are here' : ''}`;
        item.iconPath = new vscode.ThemeIcon(isCurrent ? 'account' : level.track === 'management' ? 'organization' : 'mortar-board');
        item.tooltip = new vscode.MarkdownString(levelTooltip(level, progress));
        item.contextValue = isCurrent ? roadmapItemContexts.currentLevel : roadmapItemContexts.level;
        item.accessibilityInformation = { label: `${level.title}, ${level.years}, ${progress.done} of ${progress.total} skills done${isCurrent ? ', your current level' : ''}` };
        return item;
      }
      case 'expectation': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('checklist');
        item.tooltip = node.text;
        item.contextValue = roadmapItemContexts.expectation;
        return item;
      }
      case 'group': {
        const { group, progress } = node;
        const item = new vscode.TreeItem(group.title, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = formatProgress(progress);
        item.iconPath = new vscode.ThemeIcon(groupIcons[group.kind]);
        item.tooltip = `${group.description}\n\n${progress.done} of ${progress.total} done${progress.skipped ? `, ${progress.skipped} skipped` : ''}.`;
        item.contextValue = roadmapItemContexts.group;
        item.accessibilityInformation = { label: `${group.title}, ${progress.done} of ${progress.total} done` };
        return item;
      }
      case 'skill':
        return this.skillItem(node);
    }
  }

  private skillItem(node: SkillNode): vscode.TreeItem {
    const { skill, status } = node;
    const item = new vscode.TreeItem(skill.title, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = statusLabels[status];
    item.iconPath = new vscode.ThemeIcon(statusCodicons[status]);
    item.tooltip = new vscode.MarkdownString(skillMarkdown(this.progress.roadmap, skill, status, false));
    item.contextValue = `${roadmapItemContexts.skillPrefix}${status}`;
    item.accessibilityInformation = { label: `${skill.title}, ${statusLabels[status]}` };
    item.checkboxState = {
      state: status === 'done' ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
      tooltip: status === 'done' ? `Mark ${skill.title} as not done` : `Mark ${skill.title} as done`,
      accessibilityInformation: { label: `${skill.title} done` },
    };
    item.command = { command: commands.showSkillDetails, title: 'Show Skill Details', arguments: [skill.id] };
    this.evidence?.decorateSkill(item, node);
    return item;
  }
}

const groupIcons = {
  'must-have': 'star-full',
  rising: 'sparkle',
  practice: 'tools',
  soft: 'comment-discussion',
  'breaking-in': 'key',
} as const;

function collapsed(hasChildren: boolean): vscode.TreeItemCollapsibleState {
  return hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
}

export interface RoadmapTree {
  readonly provider: RoadmapTreeProvider;
  readonly view: vscode.TreeView<RoadmapElement>;
}

export function registerRoadmapTree(context: vscode.ExtensionContext, progress: ProgressService, log: vscode.LogOutputChannel): RoadmapTree {
  const provider = new RoadmapTreeProvider(progress);
  const view = vscode.window.createTreeView(views.roadmap, { treeDataProvider: provider, showCollapseAll: true, manageCheckboxStateManually: true });
  context.subscriptions.push(
    provider,
    view,
    progress.onDidChange(() => provider.refresh()),
    view.onDidChangeCheckboxState(async (event) => {
      // A skill may show under several parents; one change per skill, whichever row was clicked.
      const changes = new Map<string, vscode.TreeItemCheckboxState>();
      for (const [node, state] of event.items) if (node.kind === 'skill') changes.set(node.skill.id, state);
      const saved = await runReportingErrors(log, 'save a checkbox change', async () => {
        for (const [skillId, state] of changes) {
          const checked = state === vscode.TreeItemCheckboxState.Checked;
          // Unchecking returns a skill to "not started"; checking an already-done skill changes nothing.
          if (checked !== (progress.store.status(skillId) === 'done')) await progress.store.setStatus(skillId, checked ? 'done' : 'not-started');
        }
      });
      // The row shows the click already; put it back to what is stored.
      if (!saved) provider.refresh();
    }),
  );
  // The title bar shows a filter is on (view description) and offers to clear it (menu `when` on the key).
  const showFilter = (filter: SkillFilter): void => {
    view.description = filter === 'all' ? undefined : `${filterLabels[filter]} only`;
    void vscode.commands.executeCommand('setContext', contextKeys.roadmapFiltered, filter !== 'all');
  };
  showFilter(provider.filter);
  context.subscriptions.push(provider.onDidChangeFilter(showFilter));
  return { provider, view };
}
