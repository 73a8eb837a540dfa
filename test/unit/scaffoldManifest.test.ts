import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { commands } from '../../src/core/ids';
import { parentFolderProblem } from '../../src/core/scaffold/options';

interface Manifest {
  capabilities: { virtualWorkspaces: boolean | { supported: boolean | 'limited'; description?: string } };
  contributes: { menus: Record<string, { command: string; when?: string }[]> };
}

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as Manifest;

describe('New Portfolio Project needs a folder on disk', () => {
  it('declares limited support for virtual workspaces and says why', () => {
    const support = manifest.capabilities.virtualWorkspaces;
    assert.ok(typeof support === 'object', 'virtualWorkspaces is an object with a description');
    assert.equal(support.supported, 'limited');
    assert.match(support.description ?? '', /New Portfolio Project needs a folder on disk/);
  });

  it('hides every menu entry of the command in a virtual workspace', () => {
    const entries = Object.values(manifest.contributes.menus).flat().filter((item) => item.command === commands.newProject);
    assert.ok(entries.length > 0);
    for (const entry of entries) assert.match(entry.when ?? '', /&& !virtualWorkspace$/, JSON.stringify(entry));
  });

  it('refuses a parent folder that is not on disk', () => {
    assert.equal(parentFolderProblem({ scheme: 'file', toString: () => 'file:///home/me' }), undefined);
    const problem = parentFolderProblem({ scheme: 'vscode-vfs', toString: () => 'vscode-vfs://github/me/repo' });
    assert.match(problem ?? '', /needs a folder on disk; vscode-vfs:\/\/github\/me\/repo is on a "vscode-vfs" file system/);
  });
});
