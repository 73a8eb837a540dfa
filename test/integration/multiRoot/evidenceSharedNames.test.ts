import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/api';
import type { EvidenceNode } from '../../../src/core/evidence/evidenceNodes';
import { folderKeys } from '../../../src/core/evidence/folderKeys';
import { commands } from '../../../src/core/ids';
import { parseStoredState } from '../../../src/core/progress/state';
import { eventually, extensionApi } from '../helpers/extension';

/**
 * The workspace has two folders named "app" (one/app and two/app), each with a model.py: one imports PyTorch, the
 * other tracks an MLflow metric. Same folder name, same file path: only the folder keys keep their evidence apart.
 */
describe('evidence in a multi-root workspace with two folders of the same name', () => {
  let api: ExtensionApi;
  let one: vscode.WorkspaceFolder;
  let two: vscode.WorkspaceFolder;
  let keyOne: string;
  let keyTwo: string;

  before(async function () {
    this.timeout(60_000);
    api = await extensionApi();
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.deepEqual(
      folders.map((f) => f.name),
      ['app', 'app'],
      'the window is opened on multiRoot.code-workspace',
    );
    [one, two] = folders as [vscode.WorkspaceFolder, vscode.WorkspaceFolder];
    const keys = folderKeys(folders.map((f) => ({ name: f.name, uri: f.uri.toString() })));
    keyOne = keys.get(one.uri.toString()) ?? '';
    keyTwo = keys.get(two.uri.toString()) ?? '';
    await api.progress.store.reset();
    await api.evidence.service.rescan();
  });

  /** Every row under a skill's Evidence node, at any depth, as VS Code gets them. */
  const evidenceRows = (skillId: string): vscode.TreeItem[] => {
    const { provider } = api.roadmapTree;
    const node = provider.skillNode(skillId);
    assert.ok(node, `no tree node for ${skillId}`);
    const [evidence] = provider.getChildren(node) as EvidenceNode[];
    assert.ok(evidence, `${skillId} has no Evidence node`);
    const rows: vscode.TreeItem[] = [];
    const visit = (parent: EvidenceNode) => {
      for (const child of provider.getChildren(parent) as EvidenceNode[]) {
        rows.push(provider.getTreeItem(child));
        visit(child);
      }
    };
    visit(evidence);
    return rows;
  };
  /** What a row tells the user about where its proof is: description and tooltip. */
  const rowPlaces = (skillId: string) => evidenceRows(skillId).map((row) => `${String(row.description ?? '')} ${typeof row.tooltip === 'string' ? row.tooltip : ''}`);

  it('keys the two folders "app #<hash>", each different', () => {
    assert.match(keyOne, /^app #[0-9a-f]{8}$/);
    assert.match(keyTwo, /^app #[0-9a-f]{8}$/);
    assert.notEqual(keyOne, keyTwo);
    assert.equal(api.evidence.service.folderUri(keyOne)?.toString(), one.uri.toString());
    assert.equal(api.evidence.service.folderUri(keyTwo)?.toString(), two.uri.toString());
  });

  it('each folder’s evidence names that folder only, though both files are app/model.py', () => {
    const pytorch = api.evidence.service.skills.get('deep-learning-framework');
    const mlflow = api.evidence.service.skills.get('mlops-tools');
    assert.ok(pytorch && pytorch.items.length > 0, 'PyTorch evidence from one/app');
    assert.ok(mlflow && mlflow.items.length > 0, 'MLflow evidence from two/app');
    assert.deepEqual([...new Set(pytorch.items.map((item) => `${item.folder}/${item.path}`))], [`${keyOne}/model.py`]);
    assert.deepEqual([...new Set(mlflow.items.map((item) => `${item.folder}/${item.path}`))], [`${keyTwo}/model.py`]);
    const pytorchPlaces = rowPlaces('deep-learning-framework');
    assert.ok(pytorchPlaces.some((place) => place.includes(keyOne)), pytorchPlaces.join('\n'));
    assert.ok(!pytorchPlaces.some((place) => place.includes(keyTwo)), pytorchPlaces.join('\n'));
    const mlflowPlaces = rowPlaces('mlops-tools');
    assert.ok(mlflowPlaces.some((place) => place.includes(keyTwo)), mlflowPlaces.join('\n'));
    assert.ok(!mlflowPlaces.some((place) => place.includes(keyOne)), mlflowPlaces.join('\n'));
  });

  it('accepting proof in one folder stores that folder’s key, and the proof opens that folder’s file', async () => {
    await vscode.commands.executeCommand(commands.acceptEvidence, 'mlops-tools');
    const stored = parseStoredState(api.progress.readStored());
    assert.ok(stored.kind === 'ok');
    const proof = stored.state.skills.get('mlops-tools')?.proof ?? [];
    assert.ok(proof.length > 0, 'proof is stored');
    assert.deepEqual([...new Set(proof.map((p) => `${p.folder}/${p.path}`))], [`${keyTwo}/model.py`], JSON.stringify(proof));
    await vscode.commands.executeCommand(commands.openEvidence, { folder: keyTwo, path: 'model.py', line: 1 });
    await eventually(() => assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), vscode.Uri.joinPath(two.uri, 'model.py').toString()));
    await vscode.commands.executeCommand(commands.openEvidence, { folder: keyOne, path: 'model.py', line: 1 });
    await eventually(() => assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), vscode.Uri.joinPath(one.uri, 'model.py').toString()));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
