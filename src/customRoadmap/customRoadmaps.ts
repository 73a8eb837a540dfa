import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerLazilyValidatedCommand } from '../commands/lazyValidatedCommand';
import { commands, contextKeys } from '../core/ids';
import { bundledRoadmap } from '../core/roadmap/bundled';
import type { RoadmapDiagnostic } from '../core/roadmap/custom/loadCustomRoadmap';
import { customRoadmapLimits } from '../core/roadmap/custom/limits';
import { roadmapCandidates, workspaceRoadmapPath } from '../core/roadmap/custom/sources';
import { indexRoadmap, type RoadmapIndex } from '../core/roadmap/roadmap';
import type { ProgressService } from '../progress/progressService';
import type { RoadmapTree } from '../roadmapTree/roadmapTree';
import { customRoadmapBundle } from './customRoadmapLoader';

/** The setting naming roadmap files of the user's own (see package.json). */
export const roadmapsSetting = 'mlCareer.roadmaps';
/** The workspaceState key of the roadmap picked in this workspace. */
const activeRoadmapKey = 'mlCareer.activeRoadmap';
/** The key of the built-in roadmap among the sources (a file's key is its URI). */
export const builtinRoadmapKey = 'builtin';
const builtinTitle = 'ML engineer (built-in)';
/** How long typing pauses before the open file is checked again. */
const typingDelayMs = 300;

/** A roadmap file: where it is, and the last version of it that loaded without errors. */
export interface RoadmapSource {
  readonly key: string;
  readonly uri: vscode.Uri;
  /** A workspace folder's `.ml-career/roadmap.yaml`, or a file named in the setting. */
  readonly origin: 'workspace' | 'setting';
  /** The last good roadmap from this file: it stays in use while the file has errors. */
  loaded?: { readonly index: RoadmapIndex; readonly title: string };
  /** The text last read from disk, so an unchanged save does not rebuild the roadmap. */
  lastText?: string;
  errors: number;
}

/** What the integration tests see of team and personal roadmaps. */
export interface CustomRoadmaps {
  readonly sources: ReadonlyMap<string, RoadmapSource>;
  /** `builtin` or the key of the file whose roadmap is active. */
  readonly activeKey: string;
  readonly activeTitle: string;
  readonly diagnostics: vscode.DiagnosticCollection;
  /** Resolves when every scan and read started so far has finished. */
  whenIdle(): Promise<void>;
}

/**
 * Team and personal roadmaps: finds them (workspace folders once trusted, the setting), reads them with the lazily
 * loaded reader, shows their problems as diagnostics while the user types, offers a quick fix for a close id, and
 * makes the chosen one the active roadmap. A broken file keeps its last good roadmap in use.
 */
export function registerCustomRoadmaps(context: vscode.ExtensionContext, progress: ProgressService, tree: RoadmapTree, log: vscode.LogOutputChannel): CustomRoadmaps {
  const sources = new Map<string, RoadmapSource>();
  const diagnostics = vscode.languages.createDiagnosticCollection('mlCareer.roadmap');
  /** Quick-fix replacements of the diagnostics shown now, by document and range. */
  const replacements = new Map<string, Map<string, string>>();
  let activeKey = builtinRoadmapKey;
  // The first scan and its watchers wait until activate() has returned and the host has served what was already
  // asked of it (the first rows of the views): the built-in roadmap paints first either way, since reading files is
  // asynchronous, and a team roadmap replaces it as soon as it has been read. Waiting on `work` waits for that scan.
  let firstScanTimer: ReturnType<typeof setTimeout> | undefined;
  let work = new Promise<void>((resolve) => (firstScanTimer = setTimeout(resolve, 0)));
  const enqueue = (what: string, task: () => Promise<void>): Promise<void> =>
    (work = work.then(task).catch((error: unknown) => log.error(`custom roadmaps: could not ${what}`, error)));

  const showDiagnostics = (uri: vscode.Uri, found: readonly RoadmapDiagnostic[]): void => {
    const fixes = new Map<string, string>();
    diagnostics.set(
      uri,
      found.map((d) => {
        const range = new vscode.Range(d.start.line, d.start.character, d.end.line, d.end.character);
        const diagnostic = new vscode.Diagnostic(range, d.message, d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
        diagnostic.source = 'ML Career';
        diagnostic.code = d.code;
        if (d.replacement) fixes.set(rangeKey(range), d.replacement);
        return diagnostic;
      }),
    );
    replacements.set(uri.toString(), fixes);
  };

  /** Checks `text` of a source and shows what is wrong; returns the roadmap it yields, if any. */
  const check = (source: RoadmapSource, text: string): RoadmapIndex | undefined => {
    const result = customRoadmapBundle().loadCustomRoadmap(text, bundledRoadmap.roadmap);
    showDiagnostics(source.uri, result.diagnostics);
    source.errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    if (!result.roadmap) return undefined;
    const index = indexRoadmap(result.roadmap);
    source.loaded = { index, title: result.title ?? defaultTitle(source) };
    return index;
  };

  /** Reads a source from disk; a file too large is refused before it is read. */
  const read = async (source: RoadmapSource): Promise<void> => {
    const stat = await vscode.workspace.fs.stat(source.uri);
    if (stat.size > customRoadmapLimits.maxChars * 4) {
      source.lastText = undefined;
      source.errors = 1;
      const message = `the file is ${Math.round(stat.size / 1024)} KiB; a roadmap file may be at most ${customRoadmapLimits.maxChars / 1024} KiB`;
      showDiagnostics(source.uri, [{ code: 'limit', message, severity: 'error', start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }]);
      return;
    }
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(source.uri));
    if (text === source.lastText) return;
    source.lastText = text;
    const loaded = check(source, text);
    if (loaded) log.info(`custom roadmaps: loaded "${source.loaded?.title ?? ''}" from ${source.uri.toString()}`);
    else log.warn(`custom roadmaps: ${source.uri.toString()} has ${source.errors} problem(s); ${source.loaded ? 'its last good version stays in use' : 'it is not used'}`);
    // Open with unsaved edits: the Problems panel describes what the user sees, not what is on disk.
    const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === source.key && doc.isDirty);
    if (open) check(source, open.getText());
  };

  /** The files that may hold roadmaps now (see roadmapCandidates: workspace files only once trusted). */
  const candidates = (): { uri: vscode.Uri; origin: RoadmapSource['origin'] }[] => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const { candidates: found, skipped } = roadmapCandidates({
      trusted: vscode.workspace.isTrusted,
      folderCount: folders.length,
      setting: vscode.workspace.getConfiguration().get<unknown>(roadmapsSetting),
      homeDir: os.homedir(),
    });
    for (const reason of skipped) log.warn(`${roadmapsSetting}: ${reason}`);
    return found.flatMap((c) => {
      if ('absolutePath' in c) return [{ uri: vscode.Uri.file(c.absolutePath), origin: c.origin }];
      const folder = folders[c.folder];
      return folder ? [{ uri: vscode.Uri.joinPath(folder.uri, ...c.relativePath.split('/')), origin: c.origin }] : [];
    });
  };

  const exists = async (uri: vscode.Uri): Promise<boolean> => {
    try {
      return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
    } catch {
      return false;
    }
  };

  const scan = async (): Promise<void> => {
    const seen = new Set<string>();
    for (const { uri, origin } of candidates()) {
      const key = uri.toString();
      if (seen.has(key) || !(await exists(uri))) continue;
      seen.add(key);
      const source = sources.get(key) ?? { key, uri, origin, errors: 0 };
      sources.set(key, source);
      try {
        await read(source);
      } catch (error) {
        log.error(`custom roadmaps: could not read ${key}`, error);
      }
    }
    for (const key of [...sources.keys()].filter((k) => !seen.has(k))) {
      sources.delete(key);
      diagnostics.delete(vscode.Uri.parse(key));
      replacements.delete(key);
    }
    await showUntrustedMessage();
    activate();
  };

  /** Makes the picked roadmap active, or the first that loaded (workspace first), or the built-in one. */
  const activate = (): void => {
    const picked = context.workspaceState.get<string>(activeRoadmapKey);
    const loaded = [...sources.values()].filter((s) => s.loaded).sort((a, b) => Number(a.origin === 'setting') - Number(b.origin === 'setting'));
    const chosen = picked === builtinRoadmapKey ? undefined : (loaded.find((s) => s.key === picked) ?? loaded[0]);
    activeKey = chosen?.key ?? builtinRoadmapKey;
    progress.useRoadmap(chosen?.loaded?.index ?? bundledRoadmap);
    const title = chosen?.loaded ? `Roadmap: ${chosen.loaded.title}` : 'Roadmap';
    if (tree.view.title !== title) tree.view.title = title;
    void vscode.commands.executeCommand('setContext', contextKeys.severalRoadmaps, loaded.length > 0);
  };

  /** In an untrusted workspace, the view says why its team roadmap is not in use. */
  const showUntrustedMessage = async (): Promise<void> => {
    const blocked = [];
    if (!vscode.workspace.isTrusted) {
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        if (await exists(vscode.Uri.joinPath(folder.uri, ...workspaceRoadmapPath))) blocked.push(folder.name);
      }
    }
    const message =
      blocked.length > 0 ? `This workspace has a team roadmap (.ml-career/roadmap.yaml in ${blocked.join(', ')}). It loads once you trust the folder; until then the built-in roadmap is shown.` : undefined;
    // Only a change touches the view: setting the message lays the tree out again.
    if (tree.view.message !== message) tree.view.message = message;
  };

  const pick = async (key: string | undefined): Promise<void> => {
    if (key === undefined) {
      const items = [
        { label: builtinTitle, description: activeKey === builtinRoadmapKey ? 'active' : undefined, key: builtinRoadmapKey },
        ...[...sources.values()].map((s) => ({
          label: s.loaded?.title ?? defaultTitle(s),
          description: [s.key === activeKey ? 'active' : undefined, s.errors > 0 ? `${s.errors} problem(s)${s.loaded ? ', last good version in use' : ''}` : undefined].filter(Boolean).join(' · '),
          detail: vscode.workspace.asRelativePath(s.uri),
          key: s.key,
        })),
      ];
      const picked = await vscode.window.showQuickPick(items, { title: 'Select the roadmap to follow', placeHolder: 'Progress on ids the roadmaps share is shared' });
      if (!picked) return;
      key = picked.key;
    }
    const source = sources.get(key);
    if (source && !source.loaded) throw new Error(`${vscode.workspace.asRelativePath(source.uri)} has errors and has never loaded; see the Problems panel.`);
    await context.workspaceState.update(activeRoadmapKey, key);
    activate();
  };

  // Diagnostics follow the editor's text as the user types; the roadmap itself changes when the file is saved.
  const typing = new Map<string, ReturnType<typeof setTimeout>>();
  const onEdit = (document: vscode.TextDocument): void => {
    const source = sources.get(document.uri.toString());
    if (!source) return;
    clearTimeout(typing.get(source.key));
    typing.set(
      source.key,
      setTimeout(() => {
        typing.delete(source.key);
        void enqueue('check an edited roadmap', async () => {
          if (!document.isClosed) check(source, document.getText());
          await Promise.resolve();
        });
      }, typingDelayMs),
    );
  };

  let watchers: vscode.Disposable[] = [];
  const watch = (): void => {
    watchers.forEach((w) => w.dispose());
    const rescan = (): void => void enqueue('scan for roadmaps', scan);
    const patterns = [
      // The folder too: deleting `.ml-career` reports the folder, not the file in it.
      ...(vscode.workspace.workspaceFolders ?? []).map((folder) => new vscode.RelativePattern(folder, `{${workspaceRoadmapPath[0]},${workspaceRoadmapPath.join('/')}}`)),
      ...candidates()
        .filter((c) => c.origin === 'setting')
        .map((c) => new vscode.RelativePattern(vscode.Uri.joinPath(c.uri, '..'), path.posix.basename(c.uri.path))),
    ];
    watchers = patterns.map((pattern) => {
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      watcher.onDidCreate(rescan);
      watcher.onDidChange(rescan);
      watcher.onDidDelete(rescan);
      return watcher;
    });
  };

  const codeActions: vscode.CodeActionProvider = {
    provideCodeActions: (document, _range, codeActionContext) =>
      codeActionContext.diagnostics.flatMap((diagnostic) => {
        const replacement = diagnostic.source === 'ML Career' ? replacements.get(document.uri.toString())?.get(rangeKey(diagnostic.range)) : undefined;
        if (replacement === undefined) return [];
        const fix = new vscode.CodeAction(`Change to "${replacement}"`, vscode.CodeActionKind.QuickFix);
        fix.edit = new vscode.WorkspaceEdit();
        fix.edit.replace(document.uri, diagnostic.range, replacement);
        fix.diagnostics = [diagnostic];
        fix.isPreferred = true;
        return [fix];
      }),
  };

  const rescanAll = (): void => {
    watch();
    void enqueue('scan for roadmaps', scan);
  };
  context.subscriptions.push(
    diagnostics,
    { dispose: () => watchers.forEach((w) => w.dispose()) },
    { dispose: () => typing.forEach((timer) => clearTimeout(timer)) },
    { dispose: () => clearTimeout(firstScanTimer) },
    registerLazilyValidatedCommand(log, commands.selectRoadmap, (bundle) => bundle.selectRoadmapArguments(() => [builtinRoadmapKey, ...sources.keys()]), (key) => pick(key)),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, codeActions, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0) onEdit(event.document);
    }),
    vscode.workspace.onDidSaveTextDocument((document) => {
      const source = sources.get(document.uri.toString());
      if (source) void enqueue('read a saved roadmap', async () => read(source).then(activate));
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(rescanAll),
    vscode.workspace.onDidChangeWorkspaceFolders(rescanAll),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(roadmapsSetting)) rescanAll();
    }),
  );
  void enqueue('scan for roadmaps', async () => {
    watch();
    await scan();
  });

  return {
    sources,
    get activeKey() {
      return activeKey;
    },
    get activeTitle() {
      return sources.get(activeKey)?.loaded?.title ?? builtinTitle;
    },
    diagnostics,
    whenIdle: () => work,
  };
}

function rangeKey(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** A file's name for the picker and view title when it has no `title`: its folder for a workspace roadmap. */
function defaultTitle(source: RoadmapSource): string {
  return source.origin === 'workspace' ? `${path.posix.basename(vscode.Uri.joinPath(source.uri, '..', '..').path)} team roadmap` : path.posix.basename(source.uri.path);
}
