import * as vscode from 'vscode';
import { bundledRoadmap } from '../core/roadmap/bundled';
import type { RoadmapIndex } from '../core/roadmap/roadmap';
import type { ProgressState } from '../core/progress/state';
import { ProgressStore, type LoadProblem } from '../core/progress/store';

/** The globalState key; also registered for Settings Sync. Never rename: it holds everyone's progress. */
export const progressStateKey = 'mlCareer.progress';

/** How often a window looks for changes another window stored (globalState has no change event). */
const refreshIntervalMs = 2000;

export interface ProgressService {
  readonly roadmap: RoadmapIndex;
  readonly store: ProgressStore;
  /** Fires after any change: this window's, another window's, or Settings Sync's. */
  readonly onDidChange: vscode.Event<void>;
  /** What globalState holds right now, as a new window (or a restart) would read it. */
  readStored(): unknown;
}

/** Loads the stored progress (backing up anything unreadable), keeps it in sync across windows. */
export function registerProgress(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): ProgressService {
  context.globalState.setKeysForSync([progressStateKey]);
  const readStored = (): unknown => context.globalState.get<unknown>(progressStateKey);
  const store = new ProgressStore(
    {
      read: readStored,
      write: (value: ProgressState) => Promise.resolve(context.globalState.update(progressStateKey, value)),
    },
    bundledRoadmap,
    { onProblem: (problem) => void reportLoadProblem(context, log, problem) },
  );
  const emitter = new vscode.EventEmitter<void>();
  const subscription = store.onDidChange(() => emitter.fire());
  context.subscriptions.push(emitter, { dispose: () => subscription.dispose() });

  const problem = store.load();
  if (problem) void reportLoadProblem(context, log, problem);

  const refresh = (): void => {
    if (store.refresh()) log.info('picked up progress saved by another window');
  };
  const timer = setInterval(refresh, refreshIntervalMs);
  context.subscriptions.push(
    { dispose: () => clearInterval(timer) },
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) refresh();
    }),
  );
  return { roadmap: bundledRoadmap, store, onDidChange: emitter.event, readStored };
}

async function reportLoadProblem(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, problem: LoadProblem): Promise<void> {
  if (problem.kind === 'newer') {
    log.warn(`stored progress has version ${problem.version}, newer than this extension understands; it is left untouched`);
    void vscode.window.showWarningMessage(
      'ML Career: your progress was saved by a newer version of this extension. Update the extension to see and change it; nothing was overwritten.',
    );
    return;
  }
  const backup = vscode.Uri.joinPath(context.globalStorageUri, `progress-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  try {
    await vscode.workspace.fs.createDirectory(context.globalStorageUri);
    await vscode.workspace.fs.writeFile(backup, new TextEncoder().encode(JSON.stringify(problem.raw, null, 2)));
  } catch (error) {
    log.error(`could not back up unreadable progress (${problem.reason})`, error);
    void vscode.window.showErrorMessage(`ML Career: stored progress could not be read (${problem.reason}) and could not be backed up. See the log.`);
    return;
  }
  log.warn(`stored progress could not be read (${problem.reason}); backed up to ${backup.toString()}`);
  const open = 'Open Backup';
  const choice = await vscode.window.showWarningMessage(
    `ML Career: your stored progress could not be read (${problem.reason}). It was backed up to ${backup.fsPath}, and you start from an empty roadmap.`,
    open,
  );
  if (choice === open) await vscode.window.showTextDocument(backup);
}
