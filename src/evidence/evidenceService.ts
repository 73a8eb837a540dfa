import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { SkillEvidence } from '../core/evidence/confidence';
import { folderKeys, resolveFolderKey } from '../core/evidence/folderKeys';
import { parseDismissals } from '../core/evidence/dismissals';
import { dismiss, storedDismissals, type Dismissals } from '../core/evidence/suggestions';
import { parseWorkerMessage, type HostMessage, type WorkerMessage } from '../core/evidence/workerProtocol';
import { scanThreadLimits } from './analysisHelpers';
import { errorMessage } from '../core/errors';
import { views } from '../core/ids';

/** Settings (package.json `contributes.configuration`). */
export const evidenceSettings = { section: 'mlCareer.evidence', enabled: 'enabled', exclude: 'exclude' } as const;
const dismissalsKey = 'mlCareer.evidence.dismissed';
const cacheFileName = 'evidence-cache.json';
/** The first scan waits this long after activation, so startup and the first paint of the views come first. */
const startDelayMs = 1500;
/** File events within this window are sent to the worker together (a save fires a watcher event and a save event). */
const updateDelayMs = 150;

/** Why there is no scan: shown in the view instead of evidence. */
export type EvidenceOff = 'disabled' | 'virtual' | 'no-folder';
export const evidenceOffMessages: Readonly<Record<EvidenceOff, string>> = {
  disabled: 'Evidence scanning is off (setting mlCareer.evidence.enabled).',
  virtual: 'Evidence scanning needs folders on disk; this workspace has none (a virtual workspace).',
  'no-folder': 'Open a folder to find evidence of your skills in your code.',
};

export interface EvidenceService {
  /** Fires when results, dismissals or the scanning state change. */
  readonly onDidChange: vscode.Event<void>;
  /** Every skill with evidence, by skill id (empty until the first scan ends). */
  readonly skills: ReadonlyMap<string, SkillEvidence>;
  readonly dismissals: Dismissals;
  readonly off: EvidenceOff | undefined;
  readonly scanning: boolean;
  dismiss(skill: SkillEvidence): Promise<void>;
  storedDismissals(): Dismissals;
  /** Starts a full scan now (cancelling one running); resolves when it ends. */
  rescan(): Promise<void>;
  /** The workspace folder of a proof item's or stored proof's `folder` key (see core/evidence/folderKeys.ts). */
  folderUri(folderKey: string): vscode.Uri | undefined;
  /** Every folder a stored key may mean, best first: proof stored under a name now shared by several folders. */
  folderUris(folderKey: string): vscode.Uri[];
  /** Test mode: resolves after the next results; the largest event-loop delay (ms) seen during the last full scan. */
  nextResults(): Promise<void>;
  readonly lastScanMaxEventLoopDelayMs: number | undefined;
}

interface Pending {
  readonly resolve: () => void;
}

/** Runs the evidence scanner in a worker thread: a full scan after startup, then incremental updates on file events. */
class WorkerEvidenceService implements EvidenceService, vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<void>();
  readonly onDidChange = this._onDidChange.event;
  skills: ReadonlyMap<string, SkillEvidence> = new Map();
  dismissals: Dismissals;
  off: EvidenceOff | undefined;
  scanning = false;
  lastScanMaxEventLoopDelayMs: number | undefined;
  private scanStartedAt = 0;
  private worker: Worker | undefined;
  private nextId = 1;
  private scanId: number | undefined;
  private scanDone: Pending | undefined;
  /** Updates wait until a scan has completed (the worker refuses them before). */
  private scanned = false;
  private readonly queued = new Map<string, { folder: string; path: string; exists: boolean }>();
  private updateTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly resultWaiters: (() => void)[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.dismissals = this.storedDismissals();
  }

  /** The dismissals this workspace keeps, as a new window reads them. */
  storedDismissals(): Dismissals {
    return parseDismissals(this.context.workspaceState.get(dismissalsKey));
  }

  folderUri(folderKey: string): vscode.Uri | undefined {
    return this.folderUris(folderKey)[0];
  }

  folderUris(folderKey: string): vscode.Uri[] {
    return resolveFolderKey(folderKey, keyedFolders()).map((folder) => folder.folder.uri);
  }

  async dismiss(skill: SkillEvidence): Promise<void> {
    this.dismissals = dismiss(this.dismissals, skill);
    this._onDidChange.fire();
    await this.context.workspaceState.update(dismissalsKey, storedDismissals(this.dismissals));
  }

  nextResults(): Promise<void> {
    return new Promise((resolve) => this.resultWaiters.push(resolve));
  }

  async rescan(): Promise<void> {
    this.cancelScan();
    const folders = vscode.workspace.workspaceFolders ?? [];
    const onDisk = folders.filter((folder) => folder.uri.scheme === 'file');
    const enabled = vscode.workspace.getConfiguration(evidenceSettings.section).get<boolean>(evidenceSettings.enabled, true);
    this.off = !enabled ? 'disabled' : folders.length === 0 ? 'no-folder' : onDisk.length === 0 ? 'virtual' : undefined;
    if (this.off) {
      this.skills = new Map();
      this.scanned = false;
      this._onDidChange.fire();
      this.notifyResults();
      return;
    }
    const id = this.nextId++;
    this.scanId = id;
    this.scanned = false;
    this.scanning = true;
    this._onDidChange.fire();
    const cacheFile = this.cacheFile();
    const message: HostMessage = {
      type: 'scan',
      id,
      folders: onDisk.map((folder) => ({ name: folderKeyOf(folder), root: folder.uri.fsPath.split(path.sep).join('/') })),
      exclude: excludeGlobs(),
      ...(cacheFile === undefined ? {} : { cacheFile }),
    };
    const monitor = monitorEventLoopDelay({ resolution: 10 });
    monitor.enable();
    this.log.info(`evidence: full scan of ${onDisk.length === 1 ? 'the workspace folder' : `${onDisk.length} workspace folders`} started`);
    this.scanStartedAt = performance.now();
    const done = new Promise<void>((resolve) => (this.scanDone = { resolve }));
    this.post(message);
    await vscode.window.withProgress({ location: { viewId: views.roadmap }, title: 'Finding evidence of your skills…' }, () => done);
    monitor.disable();
    this.lastScanMaxEventLoopDelayMs = monitor.max / 1e6;
  }

  /** A file or folder was created, changed or deleted: its evidence is looked at again (batched). */
  touched(uri: vscode.Uri, exists: boolean): void {
    if (this.off || uri.scheme !== 'file') return;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return;
    const relative = path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/');
    if (relative === '' || relative.startsWith('..')) return;
    const key = folderKeyOf(folder);
    this.queued.set(`${key}\0${relative}`, { folder: key, path: relative, exists });
    clearTimeout(this.updateTimer);
    this.updateTimer = setTimeout(() => this.sendUpdates(), updateDelayMs);
  }

  private sendUpdates(): void {
    if (!this.scanned) return;
    for (const { folder, path: relPath, exists } of this.queued.values()) this.post({ type: exists ? 'update' : 'remove', id: this.nextId++, folder, path: relPath });
    this.queued.clear();
  }

  private cancelScan(): void {
    if (this.scanId !== undefined && this.scanning) this.post({ type: 'cancel', id: this.scanId });
    this.finishScan();
  }

  private finishScan(): void {
    this.scanning = false;
    this.scanDone?.resolve();
    this.scanDone = undefined;
  }

  private post(message: HostMessage): void {
    this.workerThread().postMessage(message);
  }

  private workerThread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(path.join(__dirname, 'evidenceWorker.js'), { resourceLimits: scanThreadLimits });
    worker.on('message', (data: unknown) => this.received(data));
    worker.on('error', (error) => {
      this.log.error('the evidence worker failed', error);
      this.worker = undefined;
      this.scanned = false;
      this.finishScan();
      this._onDidChange.fire();
    });
    // The worker must not keep a closing extension host alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private received(data: unknown): void {
    let message: WorkerMessage;
    try {
      message = parseWorkerMessage(data);
    } catch (error) {
      this.log.error(errorMessage(error));
      return;
    }
    switch (message.type) {
      case 'progress':
        return;
      case 'results': {
        const fullScan = message.id === this.scanId && message.changed === undefined;
        if (message.changed === undefined && !fullScan) return; // an older scan's answer
        this.skills = new Map(message.skills.map((skill) => [skill.skillId, skill]));
        if (fullScan) {
          this.log.info(`evidence: full scan done in ${Math.round(performance.now() - this.scanStartedAt)} ms, ${message.skills.length} skills with evidence`);
          this.scanned = true;
          this.finishScan();
          this.sendUpdates();
        }
        this._onDidChange.fire();
        this.notifyResults();
        return;
      }
      case 'cache':
        if (message.problem !== undefined) this.log.warn(`${message.problem} (the next window scans everything again)`);
        return;
      case 'cancelled':
        return;
      case 'error':
        this.log.error(`evidence scan: ${message.message}`);
        if (message.id === this.scanId) {
          this.finishScan();
          this._onDidChange.fire();
          this.notifyResults();
        }
        return;
    }
  }

  private notifyResults(): void {
    for (const resolve of this.resultWaiters.splice(0)) resolve();
  }

  /** Where the worker keeps the scan cache of this workspace (none without workspace storage on disk). */
  private cacheFile(): string | undefined {
    const storage = this.context.storageUri;
    return storage?.scheme === 'file' ? path.join(storage.fsPath, cacheFileName) : undefined;
  }

  dispose(): void {
    clearTimeout(this.updateTimer);
    this.finishScan();
    void this.worker?.terminate();
    this._onDidChange.dispose();
  }
}

/** The open workspace folders with what folder keys are computed from. */
function keyedFolders(): { name: string; uri: string; folder: vscode.WorkspaceFolder }[] {
  return (vscode.workspace.workspaceFolders ?? []).map((folder) => ({ name: folder.name, uri: folder.uri.toString(), folder }));
}

/** A workspace folder's key: its name, unless another open folder has the same name. */
function folderKeyOf(folder: vscode.WorkspaceFolder): string {
  return folderKeys(keyedFolders()).get(folder.uri.toString()) ?? folder.name;
}

/** mlCareer.evidence.exclude plus the files.exclude patterns that are on. */
function excludeGlobs(): string[] {
  const own = vscode.workspace.getConfiguration(evidenceSettings.section).get<unknown>(evidenceSettings.exclude);
  const files = vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude') ?? {};
  const fromFiles = Object.entries(files)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
  return [...(Array.isArray(own) ? own.filter((glob): glob is string => typeof glob === 'string') : []), ...fromFiles];
}

/** Starts scanning shortly after startup and keeps the evidence current as files change. */
export function registerEvidence(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): EvidenceService {
  const service = new WorkerEvidenceService(context, log);
  const watcher = vscode.workspace.createFileSystemWatcher('**/*');
  const rescan = (): void => void service.rescan().catch((error: unknown) => log.error('evidence scan failed', error));
  const timer = setTimeout(rescan, startDelayMs);
  context.subscriptions.push(
    service,
    watcher,
    { dispose: () => clearTimeout(timer) },
    watcher.onDidCreate((uri) => service.touched(uri, true)),
    watcher.onDidChange((uri) => service.touched(uri, true)),
    watcher.onDidDelete((uri) => service.touched(uri, false)),
    vscode.workspace.onDidSaveTextDocument((document) => service.touched(document.uri, true)),
    vscode.workspace.onDidChangeWorkspaceFolders(rescan),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(evidenceSettings.section) || event.affectsConfiguration('files.exclude')) rescan();
    }),
  );
  return service;
}
