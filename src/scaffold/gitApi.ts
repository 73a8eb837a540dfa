import * as vscode from 'vscode';

/**
 * The part of VS Code's built-in git extension API (`vscode.git`, API version 1) this extension uses. Declared here
 * because the extension ships its types only in VS Code's own repository; see extensions/git/src/api/git.d.ts there.
 */
export interface GitRemote {
  readonly name: string;
  readonly fetchUrl?: string;
  readonly pushUrl?: string;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly remotes: readonly GitRemote[]; readonly HEAD?: { readonly commit?: string } };
  /** Re-reads the repository (its remotes included): a just-opened repository's state fills in asynchronously. */
  status(): Promise<void>;
}

export interface GitApi {
  getRepository(uri: vscode.Uri): GitRepository | null;
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
}

/** The git API, or `undefined` when the git extension is missing or disabled (then git features are offered no further). */
export async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi; enabled?: boolean }>('vscode.git');
  if (!extension) return undefined;
  const exports = extension.isActive ? extension.exports : await extension.activate();
  return exports.enabled === false ? undefined : exports.getAPI(1);
}

/** The repository whose root is `folder`, opening it in the git extension when it is not in the workspace. */
export async function repositoryAt(api: GitApi, folder: vscode.Uri): Promise<GitRepository | undefined> {
  const known = api.getRepository(folder);
  if (known && known.rootUri.toString() === folder.toString()) return known;
  return (await api.openRepository?.(folder)) ?? undefined;
}
