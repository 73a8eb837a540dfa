import * as vscode from 'vscode';
import { commands, contextKeys, noteItemContexts } from '../core/ids';
import { filterLabels, type SkillFilter } from '../core/progress/filter';
import type { RoadmapIndex } from '../core/roadmap/roadmap';
import { escapeMarkdown } from '../core/roadmap/skillMarkdown';
import { canonicalSkillNode, childNodes, findNode, rootNodes, type ExpectationNode, type SkillNode, type TreeInput, type TreeNode } from '../core/roadmapTree/treeModel';
import { planRefresh, rootKey } from '../core/roadmapTree/refreshPlan';
import { rowView, type RowView } from '../core/roadmapTree/rowView';
import { droppedProgress } from '../core/roadmapTree/droppedProgress';
import { bundledRoadmap } from '../core/roadmap/bundled';
import { errorMessage } from '../core/errors';
import { lazyBundle } from '../lazy/lazyBundle';
import { untrustedMarkdown } from '../markdown/untrustedMarkdown';
import { isEvidenceNode, type EvidenceNode } from '../core/evidence/evidenceNodes';
import type { EvidenceTreeHook } from '../evidence/evidenceTree';
import { runReportingErrors } from '../log/log';
import type { ProgressService } from '../progress/progressService';

/** A row of the Roadmap view: the roadmap's nodes and, under skills, the evidence hook's. */
export type RoadmapElement = TreeNode | EvidenceNode;

/**
 * The sidebar tree: model nodes in, TreeItems out. A progress change redraws only the rows it changes (see
 * planRefresh): a full refresh makes VS Code fetch and draw every expanded row again, which is slow and can swallow a
 * click landing meanwhile.
 */
export class RoadmapTreeProvider implements vscode.TreeDataProvider<RoadmapElement> {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<RoadmapElement[] | undefined>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private readonly _onDidChangeFilter = new vscode.EventEmitter<SkillFilter>();
  readonly onDidChangeFilter = this._onDidChangeFilter.event;
  private filterValue: SkillFilter = 'all';
  /** Evidence under skill rows (src/evidence), attached after activation creates it. */
  private evidence: EvidenceTreeHook | undefined;
  /**
   * One element per row id, handed out every time: VS Code refreshes a row given the very element it holds, and
   * callers other than VS Code (reveal, tests) then hold the same one. Its data may be old: rows are drawn from `fresh`.
   */
  private readonly elements = new Map<string, TreeNode>();
  /** Per row id, the node with the data it has since the last progress change (filled as rows are asked for). */
  private readonly current = new Map<string, TreeNode>();
  /** What VS Code fetched and what each row showed: what a progress change is compared with. */
  private readonly shownChildren = new Map<string, readonly string[]>();
  private readonly shownKeys = new Map<string, string>();
  private shownRoadmap: RoadmapIndex;

  constructor(private readonly progress: ProgressService) {
    this.shownRoadmap = progress.roadmap;
  }

  get filter(): SkillFilter {
    return this.filterValue;
  }

  set filter(value: SkillFilter) {
    this.filterValue = value;
    this._onDidChangeFilter.fire(value);
    this.refresh();
  }

  /** Until evidence is found, only skills with accepted proof show any: only their rows change (tooltips come on hover). */
  attachEvidence(hook: EvidenceTreeHook): void {
    this.evidence = hook;
    const touched = [...this.elements.values()].flatMap((node) => (node.kind === 'skill' && hook.skillChild(node) ? [node.skill.id] : []));
    this.refreshSkills(touched);
  }

  /** Redraws every row (a new roadmap or filter). */
  refresh(): void {
    for (const map of [this.elements, this.current, this.shownChildren, this.shownKeys]) map.clear();
    this.shownRoadmap = this.progress.roadmap;
    this._onDidChangeTreeData.fire(undefined);
  }

  /** After a progress change: redraws the rows it changed, and every row when the roadmap or the top level changed. */
  progressChanged(): void {
    this.current.clear();
    if (this.progress.roadmap !== this.shownRoadmap) return this.refresh();
    // Visiting a row computes its current node: keep it, VS Code asks for the refreshed ones next.
    const plan = planRefresh({ children: this.shownChildren, keys: this.shownKeys }, this.input(), (node) => this.rowKey(this.remember(node)));
    if (plan === 'all') return this.refresh();
    // VS Code sends the first refresh at once and gathers what follows for 200 ms: the rows with a checkbox go first,
    // alone, so the row just clicked reads right without waiting for its parent's rows to be fetched again.
    const nodes = plan.flatMap((id) => this.elements.get(id) ?? []);
    const items = nodes.filter((node) => itemId(node) !== undefined);
    this.redraw(items);
    this.redraw(nodes.filter((node) => itemId(node) === undefined));
  }

  /** Refreshes only the rows of these skills (and what is under them), where VS Code has them. */
  refreshSkills(skillIds: readonly string[]): void {
    const ids = new Set(skillIds);
    this.redraw([...this.elements.values()].filter((node) => node.kind === 'skill' && ids.has(node.skill.id)));
  }

  /** Has VS Code draw these rows again from the store (also the rows a checkbox click showed but the store did not take). */
  redraw(nodes: readonly TreeNode[]): void {
    if (nodes.length === 0) return;
    // VS Code fetches a refreshed row's children again, when it shows them: until then there is nothing to compare.
    for (const parentId of this.shownChildren.keys()) {
      if (nodes.some((node) => parentId === node.id || parentId.startsWith(`${node.id}/`))) this.shownChildren.delete(parentId);
    }
    this._onDidChangeTreeData.fire([...nodes]);
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

  getChildren(element?: RoadmapElement): RoadmapElement[] {
    if (element && isEvidenceNode(element)) return this.evidence?.children(element) ?? [];
    const node = element && this.fresh(element);
    const evidence = node?.kind === 'skill' ? this.evidence?.skillChild(node) : undefined;
    if (evidence) return [evidence];
    const children = node ? childNodes(node, this.input()) : rootNodes(this.input());
    this.shownChildren.set(node?.id ?? rootKey, children.map((child) => child.id));
    return children.map((child) => this.element(this.remember(child)));
  }

  getParent(element: RoadmapElement): RoadmapElement | undefined {
    if (isEvidenceNode(element)) return element.kind === 'evidence' ? this.find(element.parentId) : this.evidence?.parentOf(element);
    return 'parentId' in element ? this.find(element.parentId) : undefined;
  }

  /** The node search reveals for a skill (in its group, which shows under every filter that lets it through). */
  skillNode(skillId: string): SkillNode | undefined {
    const node = canonicalSkillNode(this.input(), skillId);
    const known = node && this.elements.get(node.id);
    return known?.kind === 'skill' ? known : node;
  }

  getTreeItem(element: RoadmapElement): vscode.TreeItem {
    if (isEvidenceNode(element)) return this.evidence?.treeItem(element) ?? new vscode.TreeItem('');
    const node = this.fresh(element);
    const view = rowView(node, this.progress.roadmap);
    this.shownKeys.set(node.id, this.rowKey(node, view));
    return this.treeItem(node, view, false);
  }

  /**
   * On hover, VS Code asks for the tooltip getTreeItem left out: skill and expectation rows get theirs here, so drawing
   * a row builds none, and the details bundle (and, for a row with a note, the notes bundle) loads on the first hover.
   */
  resolveTreeItem(item: vscode.TreeItem, element: RoadmapElement): vscode.TreeItem {
    if (item.tooltip !== undefined || isEvidenceNode(element)) return item;
    const node = this.fresh(element);
    if (node.kind === 'skill' || node.kind === 'expectation') item.tooltip = this.treeItem(node, rowView(node, this.progress.roadmap), true).tooltip;
    return item;
  }

  /**
   * The node as it is now: VS Code and others keep elements across changes and ask about them again. A skill or
   * expectation row holds nothing but its item's status, so it is not looked for in the tree (VS Code may ask for
   * many at once, as evidence arrives).
   */
  private fresh(element: TreeNode): TreeNode {
    const known = this.current.get(element.id);
    if (known) return known;
    const { store } = this.progress;
    if (element.kind === 'skill') return this.remember({ ...element, status: store.status(element.skill.id) });
    if (element.kind === 'expectation') return this.remember({ ...element, status: store.status(element.item.expectation.id) });
    return this.remember(findNode(this.input(), element.id) ?? element);
  }

  private remember(node: TreeNode): TreeNode {
    this.current.set(node.id, node);
    return node;
  }

  private element(node: TreeNode): TreeNode {
    const known = this.elements.get(node.id);
    if (known) return known;
    this.elements.set(node.id, node);
    return node;
  }

  private find(id: string): TreeNode | undefined {
    return this.elements.get(id) ?? findNode(this.input(), id);
  }

  /** What the row shows, and for a skill or expectation what the store holds on it (its tooltip and note mark show that). */
  private rowKey(node: TreeNode, view = rowView(node, this.progress.roadmap)): string {
    const id = itemId(node);
    const { store } = this.progress;
    return JSON.stringify(id === undefined ? view : [view, store.entry(id), store.note(id)]);
  }

  /** `resolving`: with the tooltip of a skill or expectation (see resolveTreeItem). */
  private treeItem(node: TreeNode, view: RowView, resolving: boolean): vscode.TreeItem {
    const item = new vscode.TreeItem(view.label, view.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    if (view.description !== undefined) item.description = view.description;
    item.iconPath = new vscode.ThemeIcon(view.icon);
    if (view.tooltip) item.tooltip = view.tooltip.markdown ? new vscode.MarkdownString(view.tooltip.text) : view.tooltip.text;
    item.contextValue = view.contextValue;
    if (view.accessibilityLabel !== undefined) item.accessibilityInformation = { label: view.accessibilityLabel };
    if (view.checkbox) item.checkboxState = checkbox(view.checkbox.title, view.checkbox.checked);
    if (node.kind === 'skill') {
      if (resolving) item.tooltip = this.itemTooltip(node);
      item.command = { command: commands.showSkillDetails, title: 'Show Skill Details', arguments: [node.skill.id] };
      this.evidence?.decorateSkill(item, node);
      this.markNote(item, node.skill.id);
    } else if (node.kind === 'expectation') {
      if (resolving) item.tooltip = this.itemTooltip(node);
      this.markNote(item, node.item.expectation.id);
    }
    return item;
  }

  /** The details, the dated history and the note; a bundle that cannot be read leaves the row without them and says why. */
  private itemTooltip(node: SkillNode | ExpectationNode): vscode.MarkdownString {
    const { store, roadmap } = this.progress;
    const id = node.kind === 'skill' ? node.skill.id : node.item.expectation.id;
    try {
      const details = detailsBundle();
      const note = store.note(id);
      const history = details.historyLine(store.history(id), { status: node.status, changedAt: store.statusChangedAt(id) });
      const annotations = details.annotationsMarkdown(history, note && { changedAt: note.changedAt, markdown: tooltipNote(note.text) });
      return untrustedMarkdown(
        node.kind === 'skill' ? details.skillMarkdown(roadmap, node.skill, node.status, false, annotations) : details.expectationMarkdown(roadmap, node.item, node.status, annotations),
      );
    } catch (error) {
      return untrustedMarkdown(`*The details cannot be shown here: ${escapeMarkdown(errorMessage(error))}.*`);
    }
  }

  /** A row with a note says so (after the evidence hook, which may rewrite the description) and offers Edit Note. */
  private markNote(item: vscode.TreeItem, id: string): void {
    if (!this.progress.store.note(id)) return;
    item.description = `${String(item.description ?? '')} · note`;
    item.contextValue = `${item.contextValue ?? ''}${noteItemContexts.suffix}`;
    if (item.accessibilityInformation) item.accessibilityInformation = { label: `${item.accessibilityInformation.label}, has a note` };
  }
}

/** The skill or expectation a row shows the status of. */
function itemId(node: TreeNode): string | undefined {
  return node.kind === 'skill' ? node.skill.id : node.kind === 'expectation' ? node.item.expectation.id : undefined;
}

const notesBundle = lazyBundle('notes');
/** Skill details, for tooltips: loaded on the first hover (the skill commands load it too). */
const detailsBundle = lazyBundle('skillCommands');

/** A note as tooltip Markdown; a bundle that cannot be read leaves the rest of the tooltip and says why. */
function tooltipNote(text: string): string {
  try {
    return notesBundle().noteTooltipMarkdown(text);
  } catch (error) {
    return `*The note cannot be shown here: ${escapeMarkdown(errorMessage(error))}. Edit Note opens it.*`;
  }
}

function checkbox(title: string, checked: boolean): vscode.TreeItem['checkboxState'] {
  return {
    state: checked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
    tooltip: checked ? `Mark ${title} as not done` : `Mark ${title} as done`,
    accessibilityInformation: { label: `${title} done` },
  };
}

export interface RoadmapTree {
  readonly provider: RoadmapTreeProvider;
  readonly view: vscode.TreeView<RoadmapElement>;
}

/**
 * The Roadmap view's model and behaviour, for `view`: extension.ts creates the view at activation with a provider that
 * loads this on the first rows asked for.
 */
export function registerRoadmapTree(context: vscode.ExtensionContext, progress: ProgressService, log: vscode.LogOutputChannel, view: vscode.TreeView<RoadmapElement>): RoadmapTree {
  const provider = new RoadmapTreeProvider(progress);
  context.subscriptions.push(
    provider,
    progress.onDidChange(() => provider.progressChanged()),
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
      if (!saved) provider.redraw(event.items.flatMap(([node]) => (isEvidenceNode(node) ? [] : [node])));
    }),
  );
  // The title bar shows a filter is on (view description) and offers to clear it (menu `when` on the key).
  const showFilter = (filter: SkillFilter): void => {
    view.description = filter === 'all' ? undefined : `${filterLabels[filter]} only`;
    void vscode.commands.executeCommand('setContext', contextKeys.roadmapFiltered, filter !== 'all');
  };
  context.subscriptions.push(provider.onDidChangeFilter(showFilter));
  return { provider, view };
}
