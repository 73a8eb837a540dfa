import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { commands } from '../../src/core/ids';
import type { NewProjectResult } from '../../src/core/scaffold/options';
import { extensionApi } from './helpers/extension';

describe('Publish Project to GitHub (mlCareer.publishProject)', function () {
  this.timeout(60_000);
  let parent: string;

  before(async () => {
    await extensionApi();
  });
  beforeEach(async () => {
    // Inside the workspace: the git extension opens repositories there (publishing starts from the workspace too).
    parent = await mkdtemp(path.join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? tmpdir(), 'mlc-int-publish-'));
  });
  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  const scaffold = (name: string, git: boolean) =>
    vscode.commands.executeCommand<NewProjectResult>(commands.newProject, { template: 'text-classifier', name, parentDir: parent, license: 'MIT', docker: true, ci: true, git });

  it('a project with a GitHub remote gets its README badge pointed at that repository, through the git extension', async () => {
    const project = await scaffold('published-demo', true);
    execFileSync('git', ['remote', 'add', 'origin', 'git@github.com:octo-cat/published-demo.git'], { cwd: project.path });
    const before = await readFile(path.join(project.path, 'README.md'), 'utf8');
    assert.match(before, /github\.com\/<you>\/<repo>\/actions/);
    const published = await vscode.commands.executeCommand(commands.publishProject, vscode.Uri.file(project.path));
    assert.deepEqual(published, { owner: 'octo-cat', name: 'published-demo' });
    const after = await readFile(path.join(project.path, 'README.md'), 'utf8');
    assert.equal(after, before.replace('https://github.com/<you>/<repo>/actions/', 'https://github.com/octo-cat/published-demo/actions/'));
  });

  it('a folder that is not a git repository is refused with a reason, and nothing changes', async () => {
    const project = await scaffold('unpublished-demo', false);
    const before = await readFile(path.join(project.path, 'README.md'), 'utf8');
    assert.equal(await vscode.commands.executeCommand(commands.publishProject, vscode.Uri.file(project.path)), undefined);
    assert.equal(await readFile(path.join(project.path, 'README.md'), 'utf8'), before);
  });
});
