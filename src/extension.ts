import * as vscode from 'vscode';
import type { ExtensionApi } from './api';
import { errorMessage } from './core/errors';
import { commands, notesScheme, skillDetailsScheme, views, webviewPanels } from './core/ids';
import { lazyBundle, loadedBundle, loadedBundles } from './lazy/lazyBundle';
import { LazyFileSystemProvider, lazyFeature, type LazyFeature, LazyTextDocumentContentProvider, LazyTreeDataProvider, whenIdle } from './lazy/lazyFeature';
import { registerLog } from './log/log';
import type { PortfolioNode } from './portfolio/portfolioView';
import { progressStateKey, statusBarStateKey } from './progress/stateKeys';
import type { RoadmapCore } from './roadmapCore/roadmapCoreBundle';
import type { RoadmapElement } from './roadmapTree/roadmapTree';
import { lastParentKey } from './scaffold/lastParent';
import { registerStatusBar } from './statusBar/statusBar';

/**
 * Composition only: each feature registers itself and hands its disposables to `context`. Activation loads what the
 * first paint of the Roadmap view and the status bar need; every other feature is a bundle of its own, loaded on
 * first use (src/lazy: its commands are stubs until then).
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi | undefined {
  const started = performance.now();
  const log = registerLog(context);
  try {
    context.globalState.setKeysForSync([progressStateKey]);
    const feature = <M, T>(name: string, bundle: () => M, featureCommands: readonly string[], register: (module: M) => T) =>
      lazyFeature(context, log, { name, bundle, commands: featureCommands, register });

    // The roadmap, progress and the Roadmap view's model load with the view's first rows, a feature that needs them,
    // or once the window has settled; until then the status bar shows what it last showed.
    const roadmapProvider = new LazyTreeDataProvider<RoadmapElement>((): vscode.TreeDataProvider<RoadmapElement> => core().roadmapTree.provider);
    const roadmapView: vscode.TreeView<RoadmapElement> = vscode.window.createTreeView(views.roadmap, { treeDataProvider: roadmapProvider, showCollapseAll: true, manageCheckboxStateManually: true });
    const statusBar = registerStatusBar(context);
    const core: LazyFeature<RoadmapCore> = feature('roadmap', lazyBundle('roadmapCore'), [commands.selectRoadmap], (m) => m.registerRoadmapCore(context, log, { roadmapView, statusBarItem: statusBar.item }));
    context.subscriptions.push(roadmapProvider, roadmapView);
    if (statusBar.upToDate) whenIdle(context, log, 'load the roadmap', core);
    else core();
    const notes = new LazyFileSystemProvider(() => core().notes.fileSystem);
    context.subscriptions.push(notes, vscode.workspace.registerFileSystemProvider(notesScheme, notes, { isCaseSensitive: true }));

    const skillCommandIds = [
      commands.setSkillStatus,
      commands.markSkillDone,
      commands.markSkillLearning,
      commands.markSkillSkipped,
      commands.markSkillNotStarted,
      commands.showSkillDetails,
      commands.setCurrentLevel,
      commands.searchSkills,
      commands.filterRoadmap,
      commands.clearRoadmapFilter,
      commands.resetProgress,
    ];
    const skillCommands = feature('skill commands', lazyBundle('skillCommands'), skillCommandIds, (m) => {
      const { progress, roadmapTree } = core();
      return m.registerSkillCommands(context, progress, roadmapTree, log);
    });
    const skillDetails = new LazyTextDocumentContentProvider(skillCommands);
    context.subscriptions.push(skillDetails, vscode.workspace.registerTextDocumentContentProvider(skillDetailsScheme, skillDetails));

    feature('notes', lazyBundle('notes'), [commands.addNote, commands.editNote, commands.deleteNote], (m) => {
      const { progress, notes } = core();
      m.registerNoteCommands(context, progress, notes.fileSystem, log);
    });

    const evidenceCommands = [commands.acceptEvidence, commands.dismissEvidence, commands.reviewEvidenceSuggestions, commands.openEvidence];
    const evidence = feature('evidence', lazyBundle('evidence'), evidenceCommands, (m) => {
      const { progress, roadmapTree } = core();
      return m.registerEvidenceUi(context, progress, roadmapTree, log);
    });
    whenIdle(context, log, 'start finding evidence', evidence);

    const roadmapPanel = feature('roadmap page', lazyBundle('roadmapPanel'), [commands.openRoadmap], (m) => m.registerRoadmapPanel(context, core().progress, log, evidence()));
    // VS Code keeps a roadmap page to restore until its serializer registers: at once when a page is open, otherwise
    // once the window has settled (registering took 0.6–0.85 ms of activation).
    const restorePages = () => context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(webviewPanels.roadmap, { deserializeWebviewPanel: async (panel, uiState: unknown) => roadmapPanel().restore(panel, uiState) }));
    if (roadmapPageOpen()) restorePages();
    else whenIdle(context, log, 'restore roadmap pages', restorePages);

    const scaffold = feature('New Portfolio Project', lazyBundle('scaffold'), [commands.newProject, commands.publishProject], (m) => {
      m.registerNewProject(context, log, core().progress);
      m.registerPublish(context, log);
    });
    // Loading it clears what an interrupted scaffold left in the last parent folder.
    if (context.globalState.get(lastParentKey) !== undefined) whenIdle(context, log, 'look for interrupted scaffolds', scaffold);

    const portfolioCommands = [commands.toggleChecklistItem, commands.markTestAutomated, commands.markTestManual, commands.refreshPortfolio];
    const portfolio = feature('Portfolio', lazyBundle('portfolio'), portfolioCommands, (m) => m.registerPortfolio(context, log, portfolioView));
    const portfolioProvider = new LazyTreeDataProvider(portfolio);
    const portfolioView: vscode.TreeView<PortfolioNode> = vscode.window.createTreeView(views.portfolio, { treeDataProvider: portfolioProvider, manageCheckboxStateManually: true, showCollapseAll: true });
    context.subscriptions.push(portfolioProvider, portfolioView);

    const exportCommands = [commands.exportPromotionPacket, commands.exportSkillMatrix, commands.exportProgress, commands.importProgress, commands.undoImport];
    const exports = feature('export', lazyBundle('export'), exportCommands, (m) => {
      const { progress, customRoadmaps } = core();
      return m.registerExport(context, progress, portfolio, customRoadmaps, log);
    });

    log.info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
    // The handles let the integration tests observe and drive the extension; other extensions get nothing to mutate.
    // Reading a lazily loaded feature's handle loads it.
    if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
    return {
      statusBar: statusBar.item,
      savedStatusBar: () => context.workspaceState.get<unknown>(statusBarStateKey),
      loadedBundles,
      get progress() {
        return core().progress;
      },
      get roadmapTree() {
        return core().roadmapTree;
      },
      get notes() {
        return core().notes;
      },
      get customRoadmaps() {
        return core().customRoadmaps;
      },
      get roadmapPanel() {
        return roadmapPanel();
      },
      get exports() {
        return exports();
      },
      get portfolio() {
        return portfolio();
      },
      get evidence() {
        return evidence();
      },
    };
  } catch (error) {
    log.error('activation failed', error);
    void vscode.window.showErrorMessage(`ML Career Companion failed to start: ${errorMessage(error)}`, 'Show Log').then((choice) => {
      if (choice) log.show();
    });
    return undefined;
  }
}

/** Whether a roadmap page is open in any editor group (restored with the window, its webview waits for the serializer). */
function roadmapPageOpen(): boolean {
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(webviewPanels.roadmap)));
}

/** Everything else is owned by context.subscriptions, which VS Code disposes; progress writes in flight finish first. */
export function deactivate(): Promise<void> {
  return loadedBundle('roadmapCore')?.flushProgress() ?? Promise.resolve();
}
