import * as vscode from 'vscode';
import { commands, contextKeys, noteItemContexts, roadmapItemContexts, views } from '../core/ids';
import { historyLine } from '../core/notes/history';
import { annotationsMarkdown } from '../core/notes/noteMarkdown';
import { filterLabels, type SkillFilter } from '../core/progress/filter';
import { formatProgress, skillsLeft } from '../core/progress/progress';
import { statusCodicons, statusLabels, type SkillStatus } from '../core/progress/status';
import { marketMarkdown, monthLabel } from '../core/roadmap/market';
import { escapeMarkdown, expectationMarkdown, skillMarkdown } from '../core/roadmap/skillMarkdown';
import {
  canonicalSkillNode,
  childNodes,
  findNode,
  rootNodes,
  type ExpectationNode,
  type SkillNode,
  type TreeInput,
  type TreeNode,
} from '../core/roadmapTree/treeModel';
import { levelTooltip } from '../core/roadmapTree/tooltips';
import { droppedProgress } from '../core/roadmapTree/droppedProgress';
import { bundledRoadmap } from '../core/roadmap/bundled';
import { errorMessage } from '../core/errors';
import { lazyBundle } from '../lazy/lazyBundle';
import { isEvidenceNode, type EvidenceNode } from '../core/evidence/evidenceNodes';
import type { EvidenceTreeHook } from '../evidence/evidenceTree';
import { runReportingErrors } from '../log/log';
import type { ProgressService } from '../progress/progressService';

/** A row of the Roadmap view: the roadmap's nodes and, under skills, the evidence hook's. */
export type RoadmapElement = TreeNode | EvidenceNode;

/** The sidebar tree: model nodes in, TreeItems out; refreshed by the one progress change event. */
export class RoadmapTreeProvider implements vscode.TreeDataProvider<RoadmapElement> {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<RoadmapElement[] | undefined>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private readonly _onDidChangeFilter = new vscode.EventEmitter<SkillFilter>();
  readonly onDidChangeFilter = this._onDidChangeFilter.event;
  private filterValue: SkillFilter = 'all';
  /** Evidence under skill rows (src/evidence), attached after activation creates it. */
  private evidence: EvidenceTreeHook | undefined;
  /** Per skill id, the skill nodes last handed to VS Code (by node id): VS Code refreshes a row given its element. */
  private readonly shownSkills = new Map<string, Map<string, SkillNode>>();

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
    this._onDidChangeTreeData.fire(undefined);
  }

  /** Refreshes only the rows of these skills (and what is under them), where VS Code has them. */
  refreshSkills(skillIds: readonly string[]): void {
    const nodes = skillIds.flatMap((skillId) => [...(this.shownSkills.get(skillId)?.values() ?? [])]);
    if (nodes.length > 0) this._onDidChangeTreeData.fire(nodes);
  }

  dispose(): void {
    this._onDidChangeTreeData.dispose();
    this._onDidChangeFilter.dispose();
  }

  input(): TreeInput {
    const { store, roadmap } = this.progress;
    const dropped = droppedProgress(roadmap, store.snapshot.skills, [bundledRoadmap]);
    return { roadmap, statusOf: (id) => store.status(id), currentLevel: store.currentLevel(), filter: this.filterValue, dropped };
  }

  getChildren(node?: RoadmapElement): RoadmapElement[] {
    if (node && isEvidenceNode(node)) return this.evidence?.children(node) ?? [];
    const evidence = node?.kind === 'skill' ? this.evidence?.skillChild(node) : undefined;
    if (evidence) return [evidence];
    const children = node ? childNodes(node, this.input()) : rootNodes(this.input());
    for (const child of children) if (child.kind === 'skill') this.shownSkills.set(child.skill.id, (this.shownSkills.get(child.skill.id) ?? new Map()).set(child.id, child));
    return children;
  }

  getParent(node: RoadmapElement): RoadmapElement | undefined {
    if (isEvidenceNode(node)) return node.kind === 'evidence' ? findNode(this.input(), node.parentId) : this.evidence?.parentOf(node);
    return 'parentId' in node ? findNode(this.input(), node.parentId) : undefined;
  }

  /** The node search reveals for a skill (in its group, which shows under every filter that lets it through). */
  skillNode(skillId: string): SkillNode | undefined {
    return canonicalSkillNode(this.input(), skillId);
  }

  getTreeItem(node: RoadmapElement): vscode.TreeItem {
    if (isEvidenceNode(node)) return this.evidence?.treeItem(node) ?? new vscode.TreeItem('');
    switch (node.kind) {
      case 'next': {
        const skills = skillsLeft(node.gap);
        const expectations = node.gap.missingExpectations.length;
        const done = skills + expectations === 0;
        const item = new vscode.TreeItem(`To reach ${node.gap.level.title}: ${plural(skills, 'skill')}, ${plural(expectations, 'expectation')} left`, collapsed(node.shown > 0));
        item.id = node.id;
        if (node.shown !== node.rows) item.description = `${node.shown} shown`;
        item.iconPath = new vscode.ThemeIcon(done ? 'rocket' : 'milestone');
        item.tooltip = done
          ? `You have every skill and meet every expectation ${node.gap.level.title} asks for.`
          : `Skills and level expectations that count toward ${node.gap.level.title} and are not done yet, counted apart: skills ${node.gap.skillProgress.percent}% ready, expectations ${node.gap.expectationProgress.percent}% met.`;
        item.contextValue = roadmapItemContexts.next;
        return item;
      }
      case 'level': {
        const { level, progress, expectationProgress, isCurrent } = node;
        const item = new vscode.TreeItem(level.title, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = `${level.years} · ${formatProgress(progress)} skills · ${formatProgress(expectationProgress)} expectations${isCurrent ? ' · you are here' : ''}`;
        item.iconPath = new vscode.ThemeIcon(isCurrent ? 'account' : level.stage === 'aspiring' ? 'compass' : level.track === 'management' ? 'organization' : 'mortar-board');
        item.tooltip = new vscode.MarkdownString(levelTooltip(level, progress, expectationProgress));
        item.contextValue = isCurrent ? roadmapItemContexts.currentLevel : roadmapItemContexts.level;
        item.accessibilityInformation = {
          label: `${level.title}, ${level.years}, ${progress.done} of ${progress.total} skills done, ${expectationProgress.done} of ${expectationProgress.total} expectations met${isCurrent ? ', your current level' : ''}`,
        };
        return item;
      }
      case 'expectations': {
        const item = new vscode.TreeItem('Expectations', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = formatProgress(node.progress);
        item.iconPath = new vscode.ThemeIcon('checklist');
        item.tooltip = `What ${node.level.title} is expected to do, tagged by competency: ${node.progress.done} of ${node.progress.total} met. Optional ones are not counted.`;
        item.contextValue = roadmapItemContexts.expectations;
        return item;
      }
      case 'expectation':
        return this.expectationItem(node);
      case 'alternatives': {
        const { gap } = node;
        const item = new vscode.TreeItem(`${gap.group.title}: any ${gap.needed}, ${gap.done.length} done`, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('list-selection');
        item.tooltip = `Alternatives: any ${gap.needed} of these count toward the first role, and toward no later level.`;
        item.contextValue = roadmapItemContexts.alternatives;
        return item;
      }
      case 'group': {
        const { group, progress } = node;
        const item = new vscode.TreeItem(group.title, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        const note = group.optional ? ' · optional' : group.choose !== undefined ? ` · any ${group.choose}` : '';
        item.description = `${formatProgress(progress)}${note}`;
        item.iconPath = new vscode.ThemeIcon(groupIcons[group.kind]);
        item.tooltip = `${group.description}\n\n${progress.done} of ${progress.total} done${progress.skipped ? `, ${progress.skipped} skipped` : ''}.`;
        item.contextValue = roadmapItemContexts.group;
        item.accessibilityInformation = { label: `${group.title}, ${progress.done} of ${progress.total} done${note.replace(' · ', ', ')}` };
        return item;
      }
      case 'skill':
        return this.skillItem(node);
      case 'market': {
        const when = monthLabel(node.market.asOf);
        const item = new vscode.TreeItem(node.market.title, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = `snapshot, ${when}`;
        item.iconPath = new vscode.ThemeIcon('graph-line');
        item.tooltip = new vscode.MarkdownString(marketMarkdown(node.market));
        item.contextValue = roadmapItemContexts.market;
        item.accessibilityInformation = { label: `${node.market.title}, a snapshot as of ${when}` };
        return item;
      }
      case 'dropped': {
        const item = new vscode.TreeItem('Not in the current roadmap', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = `${node.items.length}`;
        item.iconPath = new vscode.ThemeIcon('archive');
        item.tooltip = 'Progress on items the active roadmap does not have (hidden or left out). It is kept, and counts again under a roadmap that has them.';
        item.contextValue = roadmapItemContexts.dropped;
        return item;
      }
      case 'droppedItem': {
        const { item: dropped } = node;
        const item = new vscode.TreeItem(dropped.title, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = statusLabels[dropped.status];
        item.iconPath = new vscode.ThemeIcon(statusCodicons[dropped.status]);
        item.tooltip = `${dropped.title} (${dropped.id}): ${statusLabels[dropped.status]}. Not in the current roadmap; your progress on it is kept.`;
        item.contextValue = roadmapItemContexts.droppedItem;
        item.accessibilityInformation = { label: `${dropped.title}, ${statusLabels[dropped.status]}, not in the current roadmap` };
        return item;
      }
      case 'fact': {
        const item = new vscode.TreeItem(node.fact.title, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = node.fact.text;
        item.iconPath = new vscode.ThemeIcon('info');
        item.tooltip = new vscode.MarkdownString(`**${escapeMarkdown(node.fact.title)}** (as of ${escapeMarkdown(monthLabel(node.asOf))})\n\n${escapeMarkdown(node.fact.text)}`);
        item.contextValue = roadmapItemContexts.fact;
        return item;
      }
    }
  }

  /**
   * On hover, VS Code asks for the tooltip getTreeItem left out: a row with a note gets it here, the note rendered by
   * the notes bundle (markdown-it), which loads on the first such hover instead of at activation.
   */
  resolveTreeItem(item: vscode.TreeItem, node: RoadmapElement): vscode.TreeItem {
    if (item.tooltip !== undefined || isEvidenceNode(node)) return item;
    if (node.kind === 'skill') item.tooltip = this.skillItem(node, true).tooltip;
    else if (node.kind === 'expectation') item.tooltip = this.expectationItem(node, true).tooltip;
    return item;
  }

  /** `withNote`: the tooltip shows the row's note, rendered (see resolveTreeItem); without it a row with a note has none. */
  private expectationItem(node: ExpectationNode, withNote = false): vscode.TreeItem {
    const { item: entry, status } = node;
    const { expectation } = entry;
    const title = `${expectation.title}${expectation.optional ? ' (optional)' : ''}`;
    const item = new vscode.TreeItem(title, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = `${statusLabels[status]} · ${this.progress.roadmap.competency(expectation.competency)?.title ?? expectation.competency}`;
    item.iconPath = new vscode.ThemeIcon(statusCodicons[status]);
    item.tooltip = untrustedMarkdown(expectationMarkdown(this.progress.roadmap, entry, status, this.annotations(expectation.id, status, withNote)));
    item.contextValue = `${roadmapItemContexts.expectationPrefix}${status}`;
    item.accessibilityInformation = { label: `${entry.level.short} expectation: ${expectation.title}, ${statusLabels[status]}` };
    item.checkboxState = checkbox(title, status);
    this.markNote(item, expectation.id, withNote);
    return item;
  }

  private skillItem(node: SkillNode, withNote = false): vscode.TreeItem {
    const { skill, status } = node;
    const item = new vscode.TreeItem(skill.title, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = statusLabels[status];
    item.iconPath = new vscode.ThemeIcon(statusCodicons[status]);
    item.tooltip = untrustedMarkdown(skillMarkdown(this.progress.roadmap, skill, status, false, this.annotations(skill.id, status, withNote)));
    item.contextValue = `${roadmapItemContexts.skillPrefix}${status}`;
    item.accessibilityInformation = { label: `${skill.title}, ${statusLabels[status]}` };
    item.checkboxState = checkbox(skill.title, status);
    item.command = { command: commands.showSkillDetails, title: 'Show Skill Details', arguments: [skill.id] };
    this.evidence?.decorateSkill(item, node);
    this.markNote(item, skill.id, withNote);
    return item;
  }

  /** The dated history and, `withNote`, the note, for a tooltip. */
  private annotations(id: string, status: SkillStatus, withNote: boolean): string {
    const { store } = this.progress;
    const note = withNote ? store.note(id) : undefined;
    return annotationsMarkdown(historyLine(store.history(id), { status, changedAt: store.statusChangedAt(id) }), note && { changedAt: note.changedAt, markdown: tooltipNote(note.text) });
  }

  /**
   * A row with a note says so (after the evidence hook, which may rewrite the description) and offers Edit Note. Its
   * tooltip is left out unless `withNote`: VS Code then asks resolveTreeItem for it on hover, and only then.
   */
  private markNote(item: vscode.TreeItem, id: string, withNote: boolean): void {
    if (!this.progress.store.note(id)) return;
    if (!withNote) item.tooltip = undefined;
    item.description = `${String(item.description ?? '')} · note`;
    item.contextValue = `${item.contextValue ?? ''}${noteItemContexts.suffix}`;
    if (item.accessibilityInformation) item.accessibilityInformation = { label: `${item.accessibilityInformation.label}, has a note` };
  }
}

const notesBundle = lazyBundle('notes');

/** A note as tooltip Markdown; a bundle that cannot be read leaves the rest of the tooltip and says why. */
function tooltipNote(text: string): string {
  try {
    return notesBundle().noteTooltipMarkdown(text);
  } catch (error) {
    return `*The note cannot be shown here: ${escapeMarkdown(errorMessage(error))}. Edit Note opens it.*`;
  }
}

/** Tooltips show the user's notes and roadmap data: no HTML, no command links. */
function untrustedMarkdown(text: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(text);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}

function checkbox(title: string, status: SkillStatus): vscode.TreeItem['checkboxState'] {
  return {
    state: status === 'done' ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
    tooltip: status === 'done' ? `Mark ${title} as not done` : `Mark ${title} as done`,
    accessibilityInformation: { label: `${title} done` },
  };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

const groupIcons = {
  'must-have': 'star-full',
  rising: 'sparkle',
  practice: 'tools',
  soft: 'comment-discussion',
  'breaking-in': 'key',
  interview: 'person',
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
      // A skill or expectation may show under several parents; one change per id, whichever row was clicked.
      const changes = new Map<string, vscode.TreeItemCheckboxState>();
      for (const [node, state] of event.items) {
        if (node.kind === 'skill') changes.set(node.skill.id, state);
        else if (node.kind === 'expectation') changes.set(node.item.expectation.id, state);
      }
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
