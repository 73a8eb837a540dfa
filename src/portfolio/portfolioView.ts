import * as path from 'node:path';
import * as vscode from 'vscode';
// zod/mini: this runs in the extension at activation, where full zod would triple the bundle.
import * as z from 'zod/mini';
import { errorMessage } from '../core/errors';
import { commands, portfolioItemContexts, views } from '../core/ids';
import { checkboxEdit, checklistFileName, parseChecklist, percent, ratio, readiness, sectionProgress, type Checklist } from '../core/portfolio/checklist';
import { LatestOnly } from '../core/portfolio/latestOnly';
import { projectTooltip } from '../core/portfolio/tooltip';


interface Project {
  readonly uri: vscode.Uri;
  readonly name: string;
  readonly checklist: Checklist;
}

export type PortfolioNode =
  | { readonly kind: 'project'; readonly id: string; readonly key: string }
  | { readonly kind: 'section'; readonly id: string; readonly key: string; readonly section: number }
  | { readonly kind: 'item'; readonly id: string; readonly key: string; readonly section: number; readonly item: number };

const index = z.int().check(z.minimum(0));

/**
 * Arguments of `mlCareer.toggleChecklistItem`: an item of this view (its context menu), or a file and 0-based line
 * (tests and automation). Validated because command arguments can come from any extension or keybinding.
 */
const toggleArgsSchema = z.union([
  z.object({ kind: z.literal('item'), id: z.string(), key: z.string(), section: index, item: index }),
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
    this.projects.set(key, { ...existing, checklist: parseChecklist(document.getText()) });
    this._onDidChangeTreeData.fire(undefined);
  }

  projectNodes(): PortfolioNode[] {
    return [...this.projects.keys()].map((key) => ({ kind: 'project', id: key, key }));
  }

  async getChildren(node?: PortfolioNode): Promise<PortfolioNode[]> {
    await this.ready();
    if (!node) return this.projectNodes();
    const project = this.projects.get(node.key);
    if (!project) return [];
    if (node.kind === 'project') {
      return project.checklist.sections.map((_, section) => ({ kind: 'section', id: `${node.key}#${section}`, key: node.key, section }));
    }
    if (node.kind === 'section') {
      const items = project.checklist.sections[node.section]?.items ?? [];
      return items.map((_, item) => ({ kind: 'item', id: `${node.key}#${node.section}.${item}`, key: node.key, section: node.section, item }));
    }
    return [];
  }

  getParent(node: PortfolioNode): PortfolioNode | undefined {
    if (node.kind === 'project') return undefined;
    if (node.kind === 'section') return { kind: 'project', id: node.key, key: node.key };
    return { kind: 'section', id: `${node.key}#${node.section}`, key: node.key, section: node.section };
  }

  getTreeItem(node: PortfolioNode): vscode.TreeItem {
    const project = this.projects.get(node.key);
    if (!project) return new vscode.TreeItem('(removed)');
    if (node.kind === 'project') {
      const r = readiness(project.checklist);
      const item = new vscode.TreeItem(project.name, vscode.TreeItemCollapsibleState.Expanded);
      item.id = node.id;
      item.description = `${percent(r.ratio)} deploy-ready`;
      item.tooltip = new vscode.MarkdownString(projectTooltip(project.name, project.checklist));
      item.iconPath = new vscode.ThemeIcon('rocket', r.ratio === 1 ? new vscode.ThemeColor('testing.iconPassed') : undefined);
      item.resourceUri = project.uri;
      item.contextValue = portfolioItemContexts.project;
      item.command = { command: 'vscode.open', title: 'Open Checklist', arguments: [project.uri] };
      item.accessibilityInformation = { label: `${project.name}, ${percent(r.ratio)} deploy-ready, ${r.done} of ${r.total} checklist items done` };
      return item;
    }
    const section = project.checklist.sections[node.section];
    if (!section) return new vscode.TreeItem('(removed)');
    if (node.kind === 'section') {
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
    const entry = section.items[node.item];
    if (!entry) return new vscode.TreeItem('(removed)');
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
    item.tooltip = `${entry.testId ? `${entry.testId}: ` : ''}${plain}\n${section.title} · line ${entry.line + 1} of ${checklistFileName}`;
    item.contextValue = portfolioItemContexts.item;
    item.command = {
      command: 'vscode.open',
      title: 'Show in Checklist',
      arguments: [project.uri, { selection: new vscode.Range(entry.line, 0, entry.line, 0), preview: true }],
    };
    return item;
  }

  /** The file and line a node's checkbox lives on. */
  location(node: PortfolioNode): { uri: vscode.Uri; line: number } | undefined {
    if (node.kind !== 'item') return undefined;
    const project = this.projects.get(node.key);
    const entry = project?.checklist.sections[node.section]?.items[node.item];
    return project && entry ? { uri: project.uri, line: entry.line } : undefined;
  }
}

async function scanChecklists(): Promise<Map<string, Project>> {
  const uris = await vscode.workspace.findFiles(`**/${checklistFileName}`, exclude, 500);
  const projects = new Map<string, Project>();
  for (const uri of uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
    const text = await readText(uri);
    if (text === undefined) continue;
    projects.set(uri.toString(), { uri, name: path.basename(path.dirname(uri.fsPath)), checklist: parseChecklist(text) });
  }
  return projects;
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/**
 * Sets one item's box through a WorkspaceEdit, so an open editor's unsaved changes are kept and undo works.
 * Saves only if the document had no unsaved changes before; otherwise the edit joins the person's pending ones.
 */
export async function setChecklistItem(uri: vscode.Uri, line: number, checked: boolean | undefined): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(uri);
  let change;
  try {
    change = checkboxEdit(document.getText(), line, checked);
  } catch (error) {
    throw new Error(`${path.basename(uri.fsPath)}: ${errorMessage(error)}; it may have changed since the view was drawn.`);
  }
  if (!change) return false;
  const wasDirty = document.isDirty;
  const start = document.positionAt(change.offset);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(start, start.translate(0, 1)), change.text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not edit ${path.basename(uri.fsPath)}.`);
  if (!wasDirty) await document.save();
  return true;
}

/** Validated `mlCareer.toggleChecklistItem` arguments; throws a message saying what was wrong, changing nothing. */
function parseToggleArgs(raw: unknown): PortfolioNode | { uri: vscode.Uri; line: number; checked?: boolean } {
  const parsed = toggleArgsSchema.safeParse(raw);
  const usage = `${commands.toggleChecklistItem} takes a Portfolio item or { uri, line, checked? } with line an integer ≥ 0`;
  if (!parsed.success) throw new Error(`${usage}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'argument'}: ${i.message}`).join('; ')}`);
  const args = parsed.data;
  if ('kind' in args) return args;
  let uri: vscode.Uri;
  try {
    uri = typeof args.uri === 'string' ? vscode.Uri.parse(args.uri, true) : args.uri;
  } catch (error) {
    throw new Error(`${usage}: uri: ${errorMessage(error)}`);
  }
  // Automation names the file, so this command can be pointed anywhere: it only ever edits checklists.
  const name = path.posix.basename(uri.path);
  if (name !== checklistFileName) throw new Error(`${commands.toggleChecklistItem} only edits ${checklistFileName} files; refused to edit "${name}".`);
  return { uri, line: args.line, ...(args.checked !== undefined ? { checked: args.checked } : {}) };
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

  const toggle = async (uri: vscode.Uri, line: number, checked: boolean | undefined): Promise<boolean> => {
    try {
      return await setChecklistItem(uri, line, checked);
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
        const where = provider.location(node);
        if (where) await toggle(where.uri, where.line, state === vscode.TreeItemCheckboxState.Checked);
      }
    }),
    vscode.commands.registerCommand(commands.toggleChecklistItem, async (raw: unknown) => {
      const args = parseToggleArgs(raw);
      if ('kind' in args) {
        const where = provider.location(args);
        return where ? toggle(where.uri, where.line, undefined) : false;
      }
      return toggle(args.uri, args.line, args.checked);
    }),
    vscode.commands.registerCommand(commands.refreshPortfolio, () => provider.refresh()),
  );
  return provider;
}
