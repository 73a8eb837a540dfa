import * as vscode from 'vscode';
import { errorMessage } from '../core/errors';

/** A feature whose code loads on first use: call it to load the feature now (once) and get what it registered. */
export type LazyFeature<T> = () => T;

export interface LazyFeatureOptions<M, T> {
  /** Names the feature in the log. */
  readonly name: string;
  /** The feature's module, usually `lazyBundle('<name>')`. */
  readonly bundle: () => M;
  /** Registers the feature (commands, listeners, models); runs once, on first use. */
  readonly register: (module: M) => T;
  /** Every command `register` registers: until then a stub holds each id and loads the feature when run. */
  readonly commands: readonly string[];
}

/**
 * Registers a feature without loading its code. Each of its commands is a stub that loads the feature, which
 * registers its real command in the stub's place, and then runs that command with the same arguments. Views and
 * restored panels load it through the returned function (see LazyTreeDataProvider and extension.ts).
 */
export function lazyFeature<M, T>(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, options: LazyFeatureOptions<M, T>): LazyFeature<T> {
  let loaded: { value: T } | { error: unknown } | undefined;
  const load = (): T => {
    if (!loaded) {
      const started = performance.now();
      // A bundle that cannot be read throws here, before the stubs go: the next use tries again.
      const module = options.bundle();
      for (const stub of stubs) stub.dispose();
      try {
        loaded = { value: options.register(module) };
        log.info(`${options.name} loaded in ${(performance.now() - started).toFixed(1)} ms`);
      } catch (error) {
        // Its commands may be half registered: registering again would fail, so every later use reports this.
        loaded = { error };
        log.error(`${options.name} failed to start`, error);
      }
    }
    if ('error' in loaded) throw new Error(`ML Career: ${options.name} failed to start: ${errorMessage(loaded.error)}`);
    return loaded.value;
  };
  const stubs = options.commands.map((id) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => {
      load();
      return vscode.commands.executeCommand(id, ...args);
    }),
  );
  context.subscriptions.push(...stubs);
  return load;
}

/**
 * Runs `task` once the window has settled after activation (the first paint of the views comes first), unless the
 * extension is deactivated before. A failure is logged: nothing waits for it.
 */
export function whenIdle(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, what: string, task: () => unknown, delayMs = 1000): void {
  const timer = setTimeout(() => {
    try {
      task();
    } catch (error) {
      log.error(`could not ${what}`, error);
    }
  }, delayMs);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
}

/**
 * A tree's data provider that loads the real one when the view first asks for rows (it asks only when visible).
 * Created with the view, so VS Code has a provider from the start; forwards the real provider's change events.
 */
export class LazyTreeDataProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<T | T[] | undefined | null>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private target: vscode.TreeDataProvider<T> | undefined;
  private subscription: vscode.Disposable | undefined;

  constructor(private readonly load: () => vscode.TreeDataProvider<T>) {}

  private provider(): vscode.TreeDataProvider<T> {
    if (!this.target) {
      this.target = this.load();
      this.subscription = this.target.onDidChangeTreeData?.((change) => this._onDidChangeTreeData.fire(change ?? undefined));
    }
    return this.target;
  }

  getChildren(element?: T): vscode.ProviderResult<T[]> {
    return this.provider().getChildren(element);
  }

  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.provider().getTreeItem(element);
  }

  getParent(element: T): vscode.ProviderResult<T> {
    return this.provider().getParent?.(element);
  }

  resolveTreeItem(item: vscode.TreeItem, element: T, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    const provider = this.provider();
    return provider.resolveTreeItem ? provider.resolveTreeItem(item, element, token) : item;
  }

  dispose(): void {
    this.subscription?.dispose();
    this._onDidChangeTreeData.dispose();
  }
}

/**
 * A content provider for a scheme whose real provider loads with a feature: registered at activation, so documents
 * restored with the window find it, and loading the feature on the first document asked for.
 */
export class LazyTextDocumentContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this._onDidChange.event;
  private target: vscode.TextDocumentContentProvider | undefined;
  private subscription: vscode.Disposable | undefined;

  constructor(private readonly load: () => vscode.TextDocumentContentProvider) {}

  provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): vscode.ProviderResult<string> {
    if (!this.target) {
      this.target = this.load();
      this.subscription = this.target.onDidChange?.((changed) => this._onDidChange.fire(changed));
    }
    return this.target.provideTextDocumentContent(uri, token);
  }

  dispose(): void {
    this.subscription?.dispose();
    this._onDidChange.dispose();
  }
}

/**
 * A file system provider whose real provider loads with a feature: registered at activation, so editors restored with
 * the window find their scheme, and loading the feature on the first call. Forwards the real provider's change events.
 */
export class LazyFileSystemProvider implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly _onDidChangeFile = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this._onDidChangeFile.event;
  private target: vscode.FileSystemProvider | undefined;
  private subscription: vscode.Disposable | undefined;

  constructor(private readonly load: () => vscode.FileSystemProvider) {}

  private provider(): vscode.FileSystemProvider {
    if (!this.target) {
      this.target = this.load();
      this.subscription = this.target.onDidChangeFile((events) => this._onDidChangeFile.fire(events));
    }
    return this.target;
  }

  watch(uri: vscode.Uri, options: { readonly recursive: boolean; readonly excludes: readonly string[] }): vscode.Disposable {
    return this.provider().watch(uri, options);
  }

  stat(uri: vscode.Uri): vscode.FileStat | Thenable<vscode.FileStat> {
    return this.provider().stat(uri);
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] | Thenable<[string, vscode.FileType][]> {
    return this.provider().readDirectory(uri);
  }

  createDirectory(uri: vscode.Uri): void | Thenable<void> {
    return this.provider().createDirectory(uri);
  }

  readFile(uri: vscode.Uri): Uint8Array | Thenable<Uint8Array> {
    return this.provider().readFile(uri);
  }

  writeFile(uri: vscode.Uri, content: Uint8Array, options: { readonly create: boolean; readonly overwrite: boolean }): void | Thenable<void> {
    return this.provider().writeFile(uri, content, options);
  }

  delete(uri: vscode.Uri, options: { readonly recursive: boolean }): void | Thenable<void> {
    return this.provider().delete(uri, options);
  }

  rename(oldUri: vscode.Uri, newUri: vscode.Uri, options: { readonly overwrite: boolean }): void | Thenable<void> {
    return this.provider().rename(oldUri, newUri, options);
  }

  dispose(): void {
    this.subscription?.dispose();
    this._onDidChangeFile.dispose();
  }
}
