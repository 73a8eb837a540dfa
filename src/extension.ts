import * as vscode from 'vscode';
import type { ExtensionApi } from './api';
import { errorMessage } from './core/errors';
import { registerCustomRoadmaps } from './customRoadmap/customRoadmaps';
import { registerEvidenceUi } from './evidence/evidenceUi';
import { registerExport } from './export/exportCommands';
import { registerLog } from './log/log';
import { registerPortfolio } from './portfolio/portfolioView';
import { flushProgress, registerProgress } from './progress/progressService';
import { registerRoadmapPanel } from './roadmapPanel/roadmapPanel';
import { registerRoadmapTree } from './roadmapTree/roadmapTree';
import { registerSkillCommands } from './roadmapTree/skillCommands';
import { registerNotes } from './notes/noteCommands';
import { registerNewProject } from './scaffold/newProject';
import { registerPublish } from './scaffold/publish';
import { registerStatusBar } from './statusBar/statusBar';

/** Composition only: each feature registers itself and hands its disposables to `context`. */
export function activate(context: vscode.ExtensionContext): ExtensionApi | undefined {
  const started = performance.now();
  const log = registerLog(context);
  try {
    const progress = registerProgress(context, log);
    const roadmapTree = registerRoadmapTree(context, progress, log);
    const customRoadmaps = registerCustomRoadmaps(context, progress, roadmapTree, log);
    registerSkillCommands(context, progress, roadmapTree, log);
    const notes = registerNotes(context, progress, log);
    const evidence = registerEvidenceUi(context, progress, roadmapTree, log);
    const statusBar = registerStatusBar(context, progress);
    const roadmapPanel = registerRoadmapPanel(context, progress, log, evidence);
    registerNewProject(context, log, progress);
    const portfolio = registerPortfolio(context, log);
    registerPublish(context, log);
    const exports = registerExport(context, progress, portfolio, log);
    log.info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
    // The handles let the integration tests observe and drive the extension; other extensions get nothing to mutate.
    return context.extensionMode === vscode.ExtensionMode.Test ? { progress, roadmapTree, statusBar, roadmapPanel, portfolio, evidence, notes, exports, customRoadmaps } : undefined;
  } catch (error) {
    log.error('activation failed', error);
    void vscode.window.showErrorMessage(`ML Career Companion failed to start: ${errorMessage(error)}`, 'Show Log').then((choice) => {
      if (choice) log.show();
    });
    return undefined;
  }
}

/** Everything else is owned by context.subscriptions, which VS Code disposes; progress writes in flight finish first. */
export function deactivate(): Promise<void> {
  return flushProgress();
}
