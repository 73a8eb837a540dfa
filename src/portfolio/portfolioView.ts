import * as path from 'node:path';
import * as vscode from 'vscode';
// zod/mini: this runs in the extension at activation, where full zod would triple the bundle.
import * as z from 'zod/mini';
import { registerValidatedCommand } from '../commands/validatedCommand';
import { CommandArgumentError } from '../core/commandArgs';
import { errorMessage } from '../core/errors';
import { commands, portfolioItemContexts } from '../core/ids';
import {
  checkboxEdit,
  checklistFileName,
  clickedItemEdit,
  identify,
  itemAt,
  parseChecklist,
  sectionProgress,
  testStateEdits,
  type Checklist,
  type ChecklistItem,
  type ChecklistSection,
  type ClickedItem,
  type DoneState,
  type TextEdit,
} from '../core/portfolio/checklist';
import { LatestOnly } from '../core/portfolio/latestOnly';
import { mlTestScore, otherChecks, scoreBand, scoringExplained, testState, testsPerSection, type RubricSectionScore, type TestState } from '../core/portfolio/mlTestScore';
import { projectTooltip } from '../core/portfolio/tooltip';

/** A DEPLOY_CHECKLIST.md and its folder: parsed, or the reason it could not be read (shown, never dropped). */
export type Project = { readonly uri: vscode.Uri; readonly name: string } & ({ readonly checklist: Checklist } | { readonly error: string });

interface ProjectNode {
  readonly kind: 'project';
  readonly id: string;
  readonly key: string;
}

/** A project's two parts, shown apart: the ML Test Score's four sections, and the checks outside it. */
interface GroupNode {
  readonly kind: 'group';
  readonly id: string;
  readonly key: string;
  readonly group: 'rubric' | 'other';
  readonly parent: ProjectNode;
}

/** One of the rubric's four sections, holding its tests wherever they sit in the file. */
interface RubricSectionNode {
  readonly kind: 'rubricSection';
  readonly id: string;
  readonly key: string;
  readonly score: RubricSectionScore;
  readonly parent: GroupNode;
}

/** A section of the file, with only its items outside the rubric. */
interface SectionNode {
  readonly kind: 'section';
  readonly id: string;
  readonly key: string;
  readonly section: ChecklistSection;
  readonly parent: GroupNode;
}

/** An item as drawn: what the person clicks, checked against the file before any edit. */
interface ItemNode {
  readonly kind: 'item';
  readonly id: string;
  readonly key: string;
  readonly clicked: ClickedItem;
  readonly item: ChecklistItem;
  readonly parent: SectionNode | RubricSectionNode;
}

/** Nodes carry the model they were drawn from; ids come from titles and texts, not positions, so they survive edits. */
export type PortfolioNode = ProjectNode | GroupNode | RubricSectionNode | SectionNode | ItemNode;

const index = z.int().check(z.minimum(0));

const clickedItemSchema = z.object({
  kind: z.literal('item'),
  key: z.string(),
  clicked: z.object({ line: index, section: z.string(), text: z.string(), occurrence: index, checked: z.boolean() }),
});
const uriSchema = z.union([z.string().check(z.minLength(1)), z.custom<vscode.Uri>((value) => value instanceof vscode.Uri)]);

/**
 * Arguments of `mlCareer.toggleChecklistItem`: an item of this view (its context menu), or a file and 0-based line
 * (tests and automation). Validated because command arguments can come from any extension or keybinding.
 */
const toggleArgsSchema = z.union([clickedItemSchema, z.strictObject({ uri: uriSchema, line: index, checked: z.optional(z.boolean()) })]);

/** Arguments of `mlCareer.markTestAutomated` and `mlCareer.markTestManual`: an item of this view, or a file and line. */
const markArgsSchema = z.union([clickedItemSchema, z.strictObject({ uri: uriSchema, line: index })]);

/** Also the hidden folder a new project is written in before it is renamed into place (see writeProject). */
const exclude = '**/{node_modules,.git,.venv,venv,.vscode-test,.*.scaffold-*}/**';

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

  /** Every project once the model reflects the workspace, sorted by path: what an export reports. */
  async projectList(): Promise<readonly Project[]> {
    await this.ready();
    return [...this.projects.values()];
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
    const { checklist } = project;
    switch (node.kind) {
      case 'project':
        return (['rubric', 'other'] as const)
          .filter((group) => group === 'rubric' || otherChecks(checklist).total > 0)
          .map((group) => ({ kind: 'group', id: JSON.stringify([node.key, group]), key: node.key, group, parent: node }));
      case 'group':
        return node.group === 'rubric' ? rubricSectionNodes(node, checklist) : otherSectionNodes(node, checklist);
      case 'rubricSection':
        return node.score.tests.flatMap((test) => (test.found ? [itemNode(node, test.found.section, test.found.item)] : []));
      case 'section':
        return node.section.items.map((item) => itemNode(node, node.section, item));
      case 'item':
        return [];
    }
  }

  getParent(node: PortfolioNode): PortfolioNode | undefined {
    return node.kind === 'project' ? undefined : node.parent;
  }

  getTreeItem(node: PortfolioNode): vscode.TreeItem {
    if (node.kind === 'rubricSection') return rubricSectionTreeItem(node);
    if (node.kind === 'section') return sectionTreeItem(node);
    if (node.kind === 'item') return itemTreeItem(node);
    const project = this.projects.get(node.key);
    if (!project) return new vscode.TreeItem('(removed)');
    if ('error' in project) return node.kind === 'project' ? unreadableProjectTreeItem(node, project) : new vscode.TreeItem('(unreadable)');
    return node.kind === 'project' ? projectTreeItem(node, project.uri, project.name, project.checklist) : groupTreeItem(node, project.checklist);
  }
}

function rubricSectionNodes(parent: GroupNode, checklist: Checklist): RubricSectionNode[] {
  return mlTestScore(checklist).sections.map((score) => ({ kind: 'rubricSection', id: JSON.stringify([parent.key, 'rubric', score.area]), key: parent.key, score, parent }));
}

function otherSectionNodes(parent: GroupNode, checklist: Checklist): SectionNode[] {
  const seen = new Map<string, number>();
  return otherChecks(checklist).sections.map((section) => {
    const occurrence = seen.get(section.title) ?? 0;
    seen.set(section.title, occurrence + 1);
    return { kind: 'section', id: JSON.stringify([parent.key, section.title, occurrence]), key: parent.key, section, parent };
  });
}

function itemNode(parent: SectionNode | RubricSectionNode, section: ChecklistSection, item: ChecklistItem): ItemNode {
  const clicked = identify(section, item);
  return { kind: 'item', id: JSON.stringify([parent.key, clicked.section, clicked.text, clicked.occurrence]), key: parent.key, clicked, item, parent };
}

function projectTreeItem(node: ProjectNode, uri: vscode.Uri, name: string, checklist: Checklist): vscode.TreeItem {
  const score = mlTestScore(checklist);
  const others = otherChecks(checklist);
  const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  item.description = `ML Test Score ${score.final}/${testsPerSection}`;
  item.tooltip = new vscode.MarkdownString(projectTooltip(name, checklist));
  item.iconPath = new vscode.ThemeIcon('rocket', score.final > 5 ? new vscode.ThemeColor('testing.iconPassed') : undefined);
  item.resourceUri = uri;
  item.contextValue = portfolioItemContexts.project;
  item.command = openChecklist(uri);
  item.accessibilityInformation = {
    label: `${name}, ML Test Score ${score.final} of ${testsPerSection}: ${scoreBand(score.final)} Other checks: ${others.done} of ${others.total} done`,
  };
  return item;
}

function groupTreeItem(node: GroupNode, checklist: Checklist): vscode.TreeItem {
  const item = new vscode.TreeItem('', vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  item.contextValue = portfolioItemContexts.group;
  if (node.group === 'rubric') {
    const score = mlTestScore(checklist);
    item.label = `ML Test Score: ${score.final} of ${testsPerSection}`;
    item.description = scoreBand(score.final);
    item.iconPath = new vscode.ThemeIcon('beaker');
    item.tooltip = new vscode.MarkdownString(
      `**ML Test Score ${score.final} of ${testsPerSection}**: ${scoreBand(score.final)}\n\n${scoringExplained} Right-click a test to mark it automated or manual.`,
    );
    item.accessibilityInformation = { label: `ML Test Score ${score.final} of ${testsPerSection}: ${scoreBand(score.final)}` };
  } else {
    const others = otherChecks(checklist);
    item.label = 'Other checks';
    item.description = `${others.done}/${others.total} done, not scored`;
    item.iconPath = new vscode.ThemeIcon('checklist');
    item.tooltip = 'Serving, responsible AI and this project\'s own checks: worth doing, but outside the ML Test Score.';
    item.accessibilityInformation = { label: `Other checks, outside the ML Test Score: ${others.done} of ${others.total} done` };
  }
  return item;
}

function rubricSectionTreeItem(node: RubricSectionNode): vscode.TreeItem {
  const { title, score, tests } = node.score;
  const missing = tests.filter((t) => !t.found).map((t) => t.id);
  const automated = tests.filter((t) => t.state === 'automated').length;
  const manual = tests.filter((t) => t.state === 'manual').length;
  const item = new vscode.TreeItem(title, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = `${score}/${testsPerSection}`;
  item.tooltip =
    `${title}: ${score} of ${testsPerSection} (${automated} automated, ${manual} by hand)` +
    (missing.length > 0 ? `\nNot in ${checklistFileName}, counted as not done: ${missing.join(', ')}` : '');
  item.iconPath = score === testsPerSection ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon('circle-large-outline');
  item.contextValue = portfolioItemContexts.section;
  item.accessibilityInformation = { label: `${title}, ${score} of ${testsPerSection} points, ${automated} automated, ${manual} by hand` };
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
  item.tooltip = `${section.title}: ${p.done} of ${p.total} done (outside the ML Test Score)`;
  item.iconPath = p.done === p.total ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon('circle-large-outline');
  item.contextValue = portfolioItemContexts.section;
  item.accessibilityInformation = { label: `${section.title}, ${p.done} of ${p.total} done` };
  return item;
}

const testStateWords: Record<TestState, string> = { 'not done': 'not done', manual: 'done by hand', automated: 'automated' };
const testContexts: Record<TestState, string> = {
  'not done': portfolioItemContexts.testNotDone,
  manual: portfolioItemContexts.testManual,
  automated: portfolioItemContexts.testAutomated,
};

function itemTreeItem(node: ItemNode): vscode.TreeItem {
  const { item: entry } = node;
  const plain = entry.text.replace(/\*\*|`/g, '');
  const item = new vscode.TreeItem(plain, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  const state = entry.testId ? testStateWords[testState(entry)] : entry.checked ? 'done' : 'not done';
  if (entry.testId) item.description = `${entry.testId} · ${state}`;
  item.checkboxState = {
    state: entry.checked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
    tooltip: entry.checked ? 'Done: untick to mark as not done' : `Tick when done${entry.testId ? ' by hand (right-click to mark automated)' : ''} (edits ${checklistFileName})`,
    accessibilityInformation: { label: `${plain}: ${state}`, role: 'checkbox' },
  };
  item.tooltip = `${entry.testId ? `${entry.testId} (${state}): ` : ''}${plain}\n${node.clicked.section} · line ${entry.line + 1} of ${checklistFileName}`;
  item.contextValue = entry.testId ? testContexts[testState(entry)] : portfolioItemContexts.item;
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
 * `target` is the item a person clicked (edited only if the text still holds it there) or a line (automation).
 */
export async function setChecklistItem(uri: vscode.Uri, target: ClickedItem | number, checked: boolean | undefined): Promise<boolean> {
  return editChecklist(uri, target, (text) => {
    const change = typeof target === 'number' ? checkboxEdit(text, target, checked) : clickedItemEdit(text, target, checked);
    return change ? [{ offset: change.offset, length: 1, text: change.text }] : [];
  });
}

/** Marks an ML Test Score test done by hand or automated: ticks it and adds or removes its `automated` marker. */
export async function setTestState(uri: vscode.Uri, target: ClickedItem | number, state: DoneState): Promise<boolean> {
  return editChecklist(uri, target, (text) => testStateEdits(text, typeof target === 'number' ? itemAt(text, target) : target, state));
}

/**
 * Applies the edits `plan` computes from the document's current text, as one WorkspaceEdit. Saves only if the document
 * had no unsaved changes before; otherwise the edit joins the person's pending ones. Returns whether anything changed.
 */
async function editChecklist(uri: vscode.Uri, target: ClickedItem | number, plan: (text: string) => TextEdit[]): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(uri);
  const name = path.basename(uri.fsPath);
  let edits;
  try {
    edits = plan(document.getText());
  } catch (error) {
    throw new Error(typeof target === 'number' ? `${name}: ${errorMessage(error)}.` : `${name} changed since the view was drawn: ${errorMessage(error)}; refreshed, try again.`);
  }
  if (edits.length === 0) return false;
  const wasDirty = document.isDirty;
  const edit = new vscode.WorkspaceEdit();
  for (const change of edits) edit.replace(uri, new vscode.Range(document.positionAt(change.offset), document.positionAt(change.offset + change.length)), change.text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not edit ${name}.`);
  if (!wasDirty) await document.save();
  return true;
}

/** The checklist a command's arguments name, refusing any other file: arguments can point anywhere. */
function checklistUri(command: string, args: z.infer<typeof clickedItemSchema> | { uri: string | vscode.Uri }): vscode.Uri {
  let uri: vscode.Uri;
  try {
    uri = 'kind' in args ? vscode.Uri.parse(args.key, true) : typeof args.uri === 'string' ? vscode.Uri.parse(args.uri, true) : args.uri;
  } catch (error) {
    throw new CommandArgumentError(`${command}: uri: ${errorMessage(error)}`);
  }
  const name = path.posix.basename(uri.path);
  if (name !== checklistFileName) throw new CommandArgumentError(`${command}: only edits ${checklistFileName} files; refused to edit "${name.slice(0, 80)}".`);
  return uri;
}

/** A command's one argument, validated by registerValidatedCommand before the handler runs. */
function oneArgument<T>(usage: string, schema: z.ZodMiniType<T>) {
  return { usage, schema: z.pipe(z.tuple([schema]), z.transform(([value]) => value)) };
}

const toggleArguments = oneArgument('a Portfolio item or { uri, line, checked? } with line an integer ≥ 0', toggleArgsSchema);
const markArguments = oneArgument('a Portfolio item or { uri, line } with line an integer ≥ 0', markArgsSchema);

/**
 * The Portfolio view's model, watchers and commands. Activation creates `view` (checkboxes managed manually) with a
 * provider that loads this module when the view first shows.
 */
export function registerPortfolio(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, view: vscode.TreeView<PortfolioNode>): PortfolioProvider {
  const provider = new PortfolioProvider(log);
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${checklistFileName}`);
  const isChecklist = (uri: vscode.Uri) => path.basename(uri.fsPath) === checklistFileName;

  /** Runs an edit, showing and logging why it failed (and refreshing the view) instead of throwing. */
  const reported = async (run: () => Promise<boolean>): Promise<boolean> => {
    try {
      return await run();
    } catch (error) {
      const message = errorMessage(error);
      log.error(`portfolio: ${message}`);
      void vscode.window.showErrorMessage(message);
      provider.scheduleRefresh(0);
      return false;
    }
  };
  const toggle = (uri: vscode.Uri, target: ClickedItem | number, checked: boolean | undefined) => reported(() => setChecklistItem(uri, target, checked));
  const mark = (command: string, state: DoneState) =>
    registerValidatedCommand(log, command, markArguments, (args) => {
      const uri = checklistUri(command, args);
      return reported(() => setTestState(uri, 'kind' in args ? args.clicked : args.line, state));
    });

  context.subscriptions.push(
    provider,
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
    registerValidatedCommand(log, commands.toggleChecklistItem, toggleArguments, (args) => {
      const uri = checklistUri(commands.toggleChecklistItem, args);
      return 'kind' in args ? toggle(uri, args.clicked, undefined) : toggle(uri, args.line, args.checked);
    }),
    mark(commands.markTestAutomated, 'automated'),
    mark(commands.markTestManual, 'manual'),
    vscode.commands.registerCommand(commands.refreshPortfolio, () => provider.refresh()),
  );
  return provider;
}
