import * as vscode from 'vscode';
import { bundledRoadmap } from '../core/roadmap/bundled';
import type { RoadmapIndex } from '../core/roadmap/roadmap';
import { ProgressStore, type LoadProblem } from '../core/progress/store';
import { progressStateKey } from './stateKeys';

/** How often the focused window looks for changes another window stored (globalState has no change event). */
const refreshIntervalMs = 2000;

export interface ProgressService {
  /** The active roadmap: the built-in one, or a team's or person's (src/customRoadmap) once it has loaded. */
  readonly roadmap: RoadmapIndex;
  readonly store: ProgressStore;
  /**
   * Fires after any change: this window's, another window's, or Settings Sync's, and after the active roadmap
   * changed (what counts as done and which items exist depend on it).
   */
  readonly onDidChange: vscode.Event<void>;
  /** Fires after `useRoadmap` changed the active roadmap (before `onDidChange`). */
  readonly onDidChangeRoadmap: vscode.Event<RoadmapIndex>;
  /** Makes `roadmap` the active one. Progress is kept per id, so nothing stored is lost by switching. */
  useRoadmap(roadmap: RoadmapIndex): void;
  /** What globalState holds right now, as a new window (or a restart) would read it. */
  readStored(): unknown;
  /** Stores `value` as another window or Settings Sync would, behind this window's store (for tests of the merge). */
  writeStored(value: unknown): Thenable<void>;
  /**
   * Makes writes to globalState fail with `error` until the returned disposable is disposed: storage failing
   * as a full disk would, so tests can check that the real store and UI handle it.
   */
  simulateStorageFailure(error: Error): vscode.Disposable;
}

/** The store of this extension host, so `deactivate` can wait for its writes. */
let activeStore: ProgressStore | undefined;

/** Waits for progress writes still in flight; `deactivate` returns it so a closing window loses no change. */
export function flushProgress(): Promise<void> {
  return activeStore?.flush() ?? Promise.resolve();
}

/** Loads the stored progress (backing up anything unreadable), keeps it in sync across windows. */
export function registerProgress(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): ProgressService {
  const readStored = (): unknown => context.globalState.get<unknown>(progressStateKey);
  let storageFailure: Error | undefined;
  const store = new ProgressStore(
    {
      read: readStored,
      write: (value) => (storageFailure ? Promise.reject(storageFailure) : Promise.resolve(context.globalState.update(progressStateKey, value))),
    },
    bundledRoadmap,
    {
      onProblem: (problem) => void reportLoadProblem(context, log, problem),
      onWriteBackFailed: (error) => log.error('could not store progress merged from another window; will try again', error),
      onRepaired: (count) => log.warn(`${count} progress entries were dated more than a day in the future (a machine with a wrong clock?); redated to now`),
    },
  );
  activeStore = store;
  const emitter = new vscode.EventEmitter<void>();
  const roadmapEmitter = new vscode.EventEmitter<RoadmapIndex>();
  const subscription = store.onDidChange(() => emitter.fire());
  context.subscriptions.push(emitter, roadmapEmitter, { dispose: () => subscription.dispose() });
  let roadmap = bundledRoadmap;

  const problem = store.load();
  if (problem) void reportLoadProblem(context, log, problem);

  const refresh = (): void => {
    if (store.refresh()) log.info('picked up progress saved by another window');
  };
  // Only the focused window polls; a window gaining focus looks at once. An idle background window costs nothing.
  let timer: ReturnType<typeof setInterval> | undefined;
  const poll = (focused: boolean): void => {
    clearInterval(timer);
    timer = focused ? setInterval(refresh, refreshIntervalMs) : undefined;
  };
  poll(vscode.window.state.focused);
  context.subscriptions.push(
    { dispose: () => clearInterval(timer) },
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) refresh();
      poll(state.focused);
    }),
  );
  return {
    get roadmap() {
      return roadmap;
    },
    store,
    onDidChange: emitter.event,
    onDidChangeRoadmap: roadmapEmitter.event,
    useRoadmap: (next) => {
      if (next === roadmap) return;
      roadmap = next;
      store.useRoadmap(next);
      roadmapEmitter.fire(next);
      emitter.fire();
    },
    readStored,
    writeStored: (value) => context.globalState.update(progressStateKey, value),
    simulateStorageFailure: (error) => {
      storageFailure = error;
      return new vscode.Disposable(() => (storageFailure = undefined));
    },
  };
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
