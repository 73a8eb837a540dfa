import * as path from 'node:path';
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { fillCiBadge, gitHubRepositoryOf, type GitHubRepository } from '../core/scaffold/badge';
import { errorMessage } from '../core/errors';
import { commands } from '../core/ids';
import { registerValidatedCommand } from '../commands/validatedCommand';
import { gitApi, repositoryAt, type GitRepository } from './gitApi';

/** VS Code's built-in GitHub extension's "Publish to GitHub" (it asks which folder when there are several). */
const gitHubPublish = 'github.publish';

const folderArgument = z.union([
  z.custom<vscode.Uri>((value) => value instanceof vscode.Uri),
  // A Portfolio project node: its key is the checklist's URI.
  z.pipe(
    z.object({ kind: z.literal('project'), key: z.string().check(z.minLength(1), z.maxLength(4000)) }),
    z.transform((node) => {
      const checklist = vscode.Uri.parse(node.key, true);
      return checklist.with({ path: path.posix.dirname(checklist.path) });
    }),
  ),
]);

/** Whether "Publish to GitHub" can be offered here: the built-in GitHub extension and its command are present. */
export async function canPublishToGitHub(): Promise<boolean> {
  return vscode.extensions.getExtension('vscode.github') !== undefined && (await vscode.commands.getCommands(true)).includes(gitHubPublish);
}

/**
 * Publishes a portfolio project with VS Code's GitHub publishing (when it has no GitHub remote yet), then points the
 * README's CI badge at the repository. Returns the repository, or `undefined` when it was not published.
 */
export async function publishProject(folder: vscode.Uri, log: vscode.LogOutputChannel): Promise<GitHubRepository | undefined> {
  const name = path.posix.basename(folder.path);
  const api = await gitApi();
  if (!api) throw new Error('Publishing needs VS Code\'s built-in Git extension, which is disabled or missing.');
  const repository = await repositoryAt(api, folder);
  if (!repository) throw new Error(`VS Code's Git extension finds no repository at ${name}: run "git init" in it, and open it in this workspace.`);
  await repository.status();
  let published = gitHubRemote(repository);
  if (!published) {
    if (!(await canPublishToGitHub())) {
      throw new Error(`${name} has no GitHub remote, and VS Code's GitHub extension is not available to publish it: add a remote with "git remote add origin …" and push.`);
    }
    await vscode.commands.executeCommand(gitHubPublish);
    await repository.status();
    published = gitHubRemote(repository);
    if (!published) {
      log.info(`publish: ${name} has no GitHub remote after "Publish to GitHub" (cancelled?)`);
      return undefined;
    }
  }
  await pointBadgeAt(folder, published, log);
  return published;
}

function gitHubRemote(repository: GitRepository): GitHubRepository | undefined {
  const remotes = [...repository.state.remotes].sort((a, b) => Number(b.name === 'origin') - Number(a.name === 'origin'));
  for (const remote of remotes) {
    const found = gitHubRepositoryOf(remote.pushUrl ?? remote.fetchUrl ?? '');
    if (found) return found;
  }
  return undefined;
}

/** Fills the README's placeholder badge through a workspace edit, so an open editor keeps its undo and unsaved text. */
async function pointBadgeAt(folder: vscode.Uri, repository: GitHubRepository, log: vscode.LogOutputChannel): Promise<void> {
  const readme = vscode.Uri.joinPath(folder, 'README.md');
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(readme);
  } catch {
    return; // No README: nothing to point.
  }
  const filled = fillCiBadge(document.getText(), repository);
  if (filled === undefined) return;
  const wasDirty = document.isDirty;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(readme, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), filled);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('Could not update the CI badge in README.md.');
  if (!wasDirty) await document.save();
  log.info(`publish: README.md's CI badge now points at ${repository.owner}/${repository.name}`);
  void vscode.window.showInformationMessage(
    `README.md's CI badge now shows ${repository.owner}/${repository.name}'s workflow. Commit and push README.md to show it on GitHub.`,
  );
}

export function registerPublish(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    registerValidatedCommand(
      log,
      commands.publishProject,
      { usage: 'a Portfolio project or a folder URI', schema: z.pipe(z.tuple([folderArgument]), z.transform(([folder]) => folder)) },
      async (folder) => {
        try {
          return await publishProject(folder, log);
        } catch (error) {
          log.error('publish failed', error);
          void vscode.window.showErrorMessage(`ML Career: ${errorMessage(error)}`);
          return undefined;
        }
      },
    ),
  );
}
