import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'ml-career.ml-career-companion';

interface ManifestCommand {
  command: string;
}

/** VS Code itself registers commands named after each contributed view (`<viewId>.focus`, `.resetViewLocation`, …). */
function viewIds(packageJSON: { contributes?: { views?: Record<string, { id: string }[]> } }): string[] {
  return Object.values(packageJSON.contributes?.views ?? {}).flatMap((views) => views.map((v) => v.id));
}

describe('activation', () => {
  it('activates without error', async () => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext, `extension ${extensionId} is not installed in the extension host`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('registers every command declared in package.json, and declares every mlCareer.* command it registers', async () => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext);
    await ext.activate();
    const declared: string[] = ((ext.packageJSON.contributes?.commands ?? []) as ManifestCommand[]).map((c) => c.command).sort();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `declared in package.json but not registered: ${missing.join(', ')}`);
    const views = viewIds(ext.packageJSON);
    const undeclared = [...registered]
      .filter((id) => id.startsWith('mlCareer.') && !declared.includes(id))
      .filter((id) => !views.some((view) => id.startsWith(`${view}.`)))
      .sort();
    assert.deepEqual(undeclared, [], `registered but not declared in package.json: ${undeclared.join(', ')}`);
  });
});
