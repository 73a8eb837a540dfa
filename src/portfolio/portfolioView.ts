import * as path from 'node:path';
import * as vscode from 'vscode';
// zod/mini: this runs in the extension at activation, where full zod would triple the bundle.
import * as z from 'zod/mini';
import { errorMessage } from '../core/errors';
import { commands, portfolioItemContexts, views } from '../core/ids';
import {
  checkboxEdit,
  checklistFileName,
  clickedItemEdit,
  identify,
  parseChecklist,
  percent,
  ratio,
  readiness,
  sectionProgress,
  type Checklist,
  type ChecklistItem,
  type ChecklistSection,
  type ClickedItem,
} from '../core/portfolio/checklist';
import { LatestOnly } from '../core/portfolio/latestOnly';
import { projectTooltip } from '../core/portfolio/tooltip';

/** A DEPLOY_CHECKLIST.md and its folder: parsed, or the reason it could not be read (shown, never dropped). */
type Project = { readonly uri: vscode.Uri; readonly name: string } & ({ readonly checklist: Checklist } | { readonly error: string });

interface ProjectNode {
  readonly kind: 'project';
  readonly id: string;
  readonly key: string;
}

interface SectionNode {
  readonly kind: 'section';
  readonly id: string;
  readonly key: string;
  readonly section: ChecklistSection;
  readonly parent: ProjectNode;
}

/** An item as drawn: what the person clicks, checked against the file before any edit. */
interface ItemNode {
  readonly kind: 'item';
  readonly id: string;
  readonly key: string;
  readonly clicked: ClickedItem;
  readonly item: ChecklistItem;
  readonly parent: SectionNode;
}

/** Nodes carry the model they were drawn from; ids come from titles and texts, not positions, so they survive edits. */
export type PortfolioNode = ProjectNode | SectionNode | ItemNode;

const index = z.int().check(z.minimum(0));

/**
 * Arguments of `mlCareer.toggleChecklistItem`: an item of this view (its context menu), or a file and 0-based line
 * (tests and automation). Validated because command arguments can come from any extension or keybinding.
 */
const toggleArgsSchema = z.union([
  z.object({
    kind: z.literal('item'),
    key: z.string(),
    clicked: z.object({ line: index, section: z.string(), text: z.string(), occurrence: index, checked: z.boolean() }),
  }),
  z.strictObject({
    uri: z.union([z.string().check(z.minLength(1)), z.custom<vscode.Uri>((value) => value instanceof vscode.Uri)]),
    line: index,
    checked: z.optional(z.boolean()),
  }),
]);

const exclude = '**/{node_modules,.git,.venv,venv,.vscode-test}/**';

/** Model of every DEPLOY_CHECKLIST.md in the workspace, read from open editors first so unsaved edits show. */
export class PortfolioProvider implements vscode.TreeDataProvider<PortfolioNode>, vscode.Disposable {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<PortfolioNode | undefined>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private projects = new Map<string, Project>();
  private loading: Promise<void> | undefined;
  private readonly scans = new LatestOnly();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this._onDidChangeTreeData.dispose();
  }

  /** Re-reads all checklists; coalesces bursts (a save fires change events from the watcher and the document). */
  scheduleRefresh(delay = 100): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  async refresh(): Promise<void> {
    const run = this.load();
    this.loading = run;
    await run;
  }

  /** Resolves once the model reflects the workspace (used by getChildren and the tests). */
  async ready(): Promise<void> {
    // A newer scan may start while we wait; the model is ready when the latest one has finished.
    for (let run = (this.loading ??= this.load()); ; run = this.loading) {
      await run;
      if (run === this.loading) return;
    }
  }

  private async load(): Promise<void> {
    try {
      const assigned = await this.scans.run(
        () => scanChecklists(),
        (next) => {
          this.projects = next;
          for (const project of next.values()) if ('error' in project) this.log.warn(`portfolio: could not read ${project.uri.fsPath}: ${project.error}`);
        },
      );
      if (assigned) this._onDidChangeTreeData.fire(undefined);
    } catch (error) {
      this.log.error('portfolio: could not read checklists', error);
    }
  }

  /** Updates one project from a document's current (possibly unsaved) text, without a workspace scan. */
  updateFromDocument(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const existing = this.projects.get(key);
    // A scan in flight may have read this document before the change: it must not assign, and a fresh one follows.
    const scanWasRunning = this.scans.invalidate();
    if (!existing) return this.scheduleRefresh();
    if (scanWasRunning) this.scheduleRefresh(0);
    this.projects.set(key, { uri: existing.uri, name: existing.name, checklist: parseChecklist(document.getText()) });
    this._onDidChangeTreeData.fire(undefined);
  }

  async getChildren(node?: PortfolioNode): Promise<PortfolioNode[]> {
    await this.ready();
    if (!node) return [...this.projects.keys()].map((key) => ({ kind: 'project', id: key, key }));
    const project = this.projects.get(node.key);
    if (!project || 'error' in project) return [];
    if (node.kind === 'project') {
      const seen = new Map<string, number>();
      return project.checklist.sections.map((section) => {
        const occurrence = seen.get(section.title) ?? 0;
        seen.set(section.title, occurrence + 1);
        return { kind: 'section', id: JSON.stringify([node.key, section.title, occurrence]), key: node.key, section, parent: node };
      });
    }
    if (node.kind === 'section') {
      return node.section.items.map((item) => {
        const clicked = identify(node.section, item);
        return { kind: 'item', id: JSON.stringify([node.key, clicked.section, clicked.text, clicked.occurrence]), key: node.key, clicked, item, parent: node };
      });
    }
    return [];
  }

  getParent(node: PortfolioNode): PortfolioNode | undefined {
    return node.kind === 'project' ? undefined : node.parent;
  }

  getTreeItem(node: PortfolioNode): vscode.TreeItem {
    if (node.kind === 'section') return sectionTreeItem(node);
    if (node.kind === 'item') return itemTreeItem(node);
    const project = this.projects.get(node.key);
    if (!project) return new vscode.TreeItem('(removed)');
    return 'error' in project ? unreadableProjectTreeItem(node, project) : projectTreeItem(node, project.uri, project.name, project.checklist);
  }
}

function projectTreeItem(node: ProjectNode, uri: vscode.Uri, name: string, checklist: Checklist): vscode.TreeItem {
  const r = readiness(checklist);
  const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  item.description = `${percent(r.ratio)} deploy-ready`;
  item.tooltip = new vscode.MarkdownString(projectTooltip(name, checklist));
  item.iconPath = new vscode.ThemeIcon('rocket', r.ratio === 1 ? new vscode.ThemeColor('testing.iconPassed') : undefined);
  item.resourceUri = uri;
  item.contextValue = portfolioItemContexts.project;
  item.command = openChecklist(uri);
  item.accessibilityInformation = { label: `${name}, ${percent(r.ratio)} deploy-ready, ${r.done} of ${r.total} checklist items done` };
  return item;
}

/** Shown, not dropped: the person sees which checklist failed and why, and can still open it. */
function unreadableProjectTreeItem(node: ProjectNode, project: { uri: vscode.Uri; name: string; error: string }): vscode.TreeItem {
  const item = new vscode.TreeItem(project.name, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = 'could not read checklist';
  item.tooltip = `${checklistFileName} could not be read: ${project.error}`;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  item.resourceUri = project.uri;
  item.contextValue = portfolioItemContexts.project;
  item.command = openChecklist(project.uri);
  item.accessibilityInformation = { label: `${project.name}: could not read ${checklistFileName}: ${project.error}` };
  return item;
}

function openChecklist(uri: vscode.Uri): vscode.Command {
  return { command: 'vscode.open', title: 'Open Checklist', arguments: [uri] };
}

function sectionTreeItem(node: SectionNode): vscode.TreeItem {
  const { section } = node;
  const p = sectionProgress(section);
  const item = new vscode.TreeItem(section.title, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = `${p.done}/${p.total}`;
  item.tooltip = `${section.title}: ${p.done} of ${p.total} done (${percent(ratio(p))})`;
  item.iconPath = p.done === p.total ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon('circle-large-outline');
  item.contextValue = portfolioItemContexts.section;
  item.accessibilityInformation = { label: `${section.title}, ${p.done} of ${p.total} done` };
  return item;
}

function itemTreeItem(node: ItemNode): vscode.TreeItem {
  const { item: entry } = node;
  const plain = entry.text.replace(/\*\*|`/g, '');
  const item = new vscode.TreeItem(plain, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  if (entry.testId) item.description = `ML Test Score ${entry.testId}`;
  const state = entry.checked ? 'done' : 'not done';
  item.checkboxState = {
    state: entry.checked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
    tooltip: entry.checked ? 'Done: untick to mark as not done' : 'Tick when done (edits DEPLOY_CHECKLIST.md)',
    accessibilityInformation: { label: `${plain}: ${state}`, role: 'checkbox' },
  };
  item.tooltip = `${entry.testId ? `${entry.testId}: ` : ''}${plain}\n${node.parent.section.title} · line ${entry.line + 1} of ${checklistFileName}`;
  item.contextValue = portfolioItemContexts.item;
  item.command = {
    command: 'vscode.open',
    title: 'Show in Checklist',
    arguments: [vscode.Uri.parse(node.key), { selection: new vscode.Range(entry.line, 0, entry.line, 0), preview: true }],
  };
  return item;
}

async function scanChecklists(): Promise<Map<string, Project>> {
  const uris = await vscode.workspace.findFiles(`**/${checklistFileName}`, exclude, 500);
  const projects = new Map<string, Project>();
  for (const uri of uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) projects.set(uri.toString(), await readProject(uri));
  return projects;
}

/** Read from an open editor first, so unsaved edits show. */
async function readProject(uri: vscode.Uri): Promise<Project> {
  const name = path.basename(path.dirname(uri.fsPath));
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return { uri, name, checklist: parseChecklist(open.getText()) };
  try {
    return { uri, name, checklist: parseChecklist(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) };
  } catch (error) {
    return { uri, name, error: errorMessage(error) };
  }
}

/**
 * Sets one item's box through a WorkspaceEdit, so an open editor's unsaved changes are kept and undo works.
 * Saves only if the document had no unsaved changes before; otherwise the edit joins the person's pending ones.
 * `target` is the item a person clicked (edited only if the text still holds it there) or a line (automation).
 */
export async function setChecklistItem(uri: vscode.Uri, target: ClickedItem | number, checked: boolean | undefined): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(uri);
  const name = path.basename(uri.fsPath);
  let change;
  try {
    change = typeof target === 'number' ? checkboxEdit(document.getText(), target, checked) : clickedItemEdit(document.getText(), target, checked);
  } catch (error) {
    throw new Error(typeof target === 'number' ? `${name}: ${errorMessage(error)}.` : `${name} changed since the view was drawn: ${errorMessage(error)}; refreshed, try again.`);
  }
  if (!change) return false;
  const wasDirty = document.isDirty;
  const start = document.positionAt(change.offset);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(start, start.translate(0, 1)), change.text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not edit ${name}.`);
  if (!wasDirty) await document.save();
  return true;
}

/** Validated `mlCareer.toggleChecklistItem` arguments; throws a message saying what was wrong, changing nothing. */
function parseToggleArgs(raw: unknown): { uri: vscode.Uri; target: ClickedItem | number; checked?: boolean } {
  const parsed = toggleArgsSchema.safeParse(raw);
  const usage = `${commands.toggleChecklistItem} takes a Portfolio item or { uri, line, checked? } with line an integer ≥ 0`;
  if (!parsed.success) throw new Error(`${usage}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'argument'}: ${i.message}`).join('; ')}`);
  const args = parsed.data;
  let uri: vscode.Uri;
  try {
    uri = 'kind' in args ? vscode.Uri.parse(args.key, true) : typeof args.uri === 'string' ? vscode.Uri.parse(args.uri, true) : args.uri;
  } catch (error) {
    throw new Error(`${usage}: uri: ${errorMessage(error)}`);
  }
  // Arguments name the file, so this command can be pointed anywhere: it only ever edits checklists.
  const name = path.posix.basename(uri.path);
  if (name !== checklistFileName) throw new Error(`${commands.toggleChecklistItem} only edits ${checklistFileName} files; refused to edit "${name}".`);
  if ('kind' in args) return { uri, target: args.clicked };
  return { uri, target: args.line, ...(args.checked !== undefined ? { checked: args.checked } : {}) };
}

export function registerPortfolio(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): PortfolioProvider {
  const provider = new PortfolioProvider(log);
  const view = vscode.window.createTreeView(views.portfolio, {
    treeDataProvider: provider,
    manageCheckboxStateManually: true,
    showCollapseAll: true,
  });
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${checklistFileName}`);
  const isChecklist = (uri: vscode.Uri) => path.basename(uri.fsPath) === checklistFileName;

  const toggle = async (uri: vscode.Uri, target: ClickedItem | number, checked: boolean | undefined): Promise<boolean> => {
    try {
      return await setChecklistItem(uri, target, checked);
    } catch (error) {
      const message = errorMessage(error);
      log.error(`portfolio: ${message}`);
      void vscode.window.showErrorMessage(message);
      provider.scheduleRefresh(0);
      return false;
    }
  };

  context.subscriptions.push(
    provider,
    view,
    watcher,
    watcher.onDidCreate(() => provider.scheduleRefresh()),
    watcher.onDidDelete(() => provider.scheduleRefresh()),
    watcher.onDidChange(() => provider.scheduleRefresh()),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (isChecklist(e.document.uri) && e.contentChanges.length > 0) provider.updateFromDocument(e.document);
    }),
    // Closing an editor with unsaved changes discards them: show the file on disk again.
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (isChecklist(d.uri)) provider.scheduleRefresh();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => provider.scheduleRefresh(0)),
    view.onDidChangeCheckboxState(async (e) => {
      for (const [node, state] of e.items) {
        if (node.kind === 'item') await toggle(vscode.Uri.parse(node.key, true), node.clicked, state === vscode.TreeItemCheckboxState.Checked);
      }
    }),
    vscode.commands.registerCommand(commands.toggleChecklistItem, async (raw: unknown) => {
      const args = parseToggleArgs(raw);
      return toggle(args.uri, args.target, args.checked);
    }),
    vscode.commands.registerCommand(commands.refreshPortfolio, () => provider.refresh()),
  );
  return provider;
}
