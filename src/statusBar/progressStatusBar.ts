import * as vscode from 'vscode';
import { progressFingerprint, statusBarContent, type SavedStatusBar, type StatusBarContent } from '../core/progress/statusBarContent';
import type { ProgressService } from '../progress/progressService';
import { statusBarStateKey } from '../progress/stateKeys';
import { showContent } from './statusBar';

/** After a change, what the status bar shows is saved for the next start once the change has been stored. */
const saveDelayMs = 500;

/** Keeps the status bar item in step with progress and the active roadmap, and saves what it shows for the next start. */
export function showProgressInStatusBar(context: vscode.ExtensionContext, progress: ProgressService, item: vscode.StatusBarItem): void {
  let shown: StatusBarContent | undefined;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const save = (): void => {
    if (!shown) return;
    const saved: SavedStatusBar = { content: shown, progressFingerprint: progressFingerprint(progress.readStored()) };
    void context.workspaceState.update(statusBarStateKey, saved);
  };
  const update = (): void => {
    const { store, roadmap } = progress;
    const content = statusBarContent(roadmap, (id) => store.status(id), store.currentLevel());
    if (shown?.text !== content.text || shown.tooltip !== content.tooltip || shown.accessibilityLabel !== content.accessibilityLabel) showContent(item, content);
    shown = content;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, saveDelayMs);
  };
  update();
  item.show();
  context.subscriptions.push(progress.onDidChange(update), { dispose: () => clearTimeout(saveTimer) });
}
