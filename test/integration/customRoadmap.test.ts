import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/api';
import { commands } from '../../src/core/ids';
import { overallSkillProgress } from '../../src/core/progress/progress';
import { bundledRoadmap } from '../../src/core/roadmap/bundled';
import type { HostMessage } from '../../src/webview/protocol';
import { eventually, extensionApi, extensionId } from './helpers/extension';

// Every other test sees the workspace without a team roadmap: this file writes one and removes it when done.
describe('team and personal roadmaps', () => {
  let api: ExtensionApi;
  let folder: vscode.Uri;
  let roadmapFile: vscode.Uri;
  let example: string;
  const posted: HostMessage[] = [];
  let subscription: vscode.Disposable;

  const tree = () => api.roadmapTree.provider;
  const rootLabels = () => tree().getChildren().map((node) => String(tree().getTreeItem(node).label));
  const errorsIn = (uri: vscode.Uri) => api.customRoadmaps.diagnostics.get(uri) ?? [];

  const write = async (text: string): Promise<void> => {
    await vscode.workspace.fs.writeFile(roadmapFile, new TextEncoder().encode(text));
  };
  const removeRoadmapFolder = async (): Promise<void> => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, '.ml-career'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  };

  before(async () => {
    api = await extensionApi();
    const workspaceFolder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspaceFolder, 'the integration tests run with a workspace folder');
    folder = workspaceFolder.uri;
    roadmapFile = vscode.Uri.joinPath(folder, '.ml-career', 'roadmap.yaml');
    const extension = vscode.extensions.getExtension(extensionId)!;
    example = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'examples', 'team-roadmap.yaml')));
    subscription = api.roadmapPanel.onDidPostMessage((m) => posted.push(m));
    await api.progress.store.reset();
    // Edits must stay unsaved until the test saves them (the diagnostics as-you-type come from the editor's text).
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    subscription.dispose();
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeRoadmapFolder();
    await eventually(() => assert.equal(api.customRoadmaps.activeKey, 'builtin'), 10_000);
    await api.progress.store.reset();
  });

  it('a workspace roadmap loads, extends the built-in one, and the tree, view title and roadmap page follow it', async () => {
    await api.progress.store.setStatus('certifications', 'learning');
    await vscode.commands.executeCommand(commands.openRoadmap);
    await eventually(() => assert.ok(posted.length > 0, 'the roadmap page never got its state'), 15_000);
    await write(example);
    await eventually(() => assert.equal(api.customRoadmaps.activeKey, roadmapFile.toString()), 10_000);

    const roadmap = api.progress.roadmap;
    assert.ok(roadmap.skill('kubernetes-workloads'), 'the added skill is in the active roadmap');
    assert.ok(roadmap.skill('python'), 'built-in skills stay');
    assert.equal(roadmap.skill('certifications'), undefined, 'the hidden skill is gone');
    assert.equal(roadmap.expectation('on-call-for-models')?.level.id, 'mid');
    assert.equal(api.roadmapTree.view.title, 'Roadmap: ML Platform team ladder');
    const mustHave = tree().getChildren().find((node) => node.kind === 'group' && node.group.id === 'must-have')!;
    assert.ok(tree().getChildren(mustHave).some((node) => tree().getTreeItem(node).label === 'Running ML workloads on Kubernetes'));
    await eventually(() => assert.ok(posted.at(-1)?.state.skills.some((s) => s.id === 'kubernetes-workloads'), 'the roadmap page shows the team skill'));
    const tooltip = api.statusBar.tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    const counted = (index: typeof roadmap) => overallSkillProgress(index, () => 'not-started').total;
    assert.equal(counted(roadmap), counted(bundledRoadmap) + 2, 'two required skills added (the hidden one was an alternative)');
    assert.match(tooltip.value, new RegExp(`Overall: 0 of ${counted(roadmap)} skills done`), 'the status bar counts the team roadmap');
    assert.equal(api.customRoadmaps.diagnostics.get(roadmapFile)?.length ?? 0, 0);
  });

  it('progress on an id the roadmap drops survives and shows under "Not in the current roadmap" with its status', async () => {
    assert.equal(api.progress.store.status('certifications'), 'learning');
    const dropped = tree().getChildren().at(-1)!;
    assert.equal(tree().getTreeItem(dropped).label, 'Not in the current roadmap');
    const rows = tree().getChildren(dropped).map((node) => tree().getTreeItem(node));
    assert.deepEqual(rows.map((row) => [row.label, row.description]), [['Cloud ML certifications', 'Learning']]);
    const stored = api.progress.readStored() as { skills: Record<string, { status: string }> };
    assert.equal(stored.skills['certifications']?.status, 'learning');
    // A skill of the team roadmap takes a status like any other (its id is validated against the active roadmap).
    await vscode.commands.executeCommand(commands.markSkillDone, 'kubernetes-workloads');
    assert.equal(api.progress.store.status('kubernetes-workloads'), 'done');
  });

  it('an edit with an error shows a diagnostic at its range as you type, keeps the last good roadmap when saved, and the quick fix reloads it', async () => {
    const document = await vscode.workspace.openTextDocument(roadmapFile);
    await vscode.window.showTextDocument(document);
    const typo = document.getText().indexOf('group: must-have') + 'group: '.length;
    const title = document.getText().indexOf('title: ML Platform team ladder') + 'title: '.length;
    const at = document.positionAt(typo);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(roadmapFile, new vscode.Range(document.positionAt(typo), document.positionAt(typo + 'must-have'.length)), 'must-hav');
    edit.replace(roadmapFile, new vscode.Range(document.positionAt(title), document.positionAt(title + 'ML Platform team ladder'.length)), 'ML Platform ladder v2');
    assert.ok(await vscode.workspace.applyEdit(edit));

    // Unsaved: the diagnostic follows the text in the editor (the title, on an earlier line, does not move it).
    await eventually(() => {
      const [diagnostic] = errorsIn(roadmapFile);
      assert.ok(diagnostic, 'no diagnostic yet');
      assert.equal(diagnostic.code, 'unknown-id');
      assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.character], [at.line, at.character, at.character + 'must-hav'.length]);
      assert.match(diagnostic.message, /unknown group "must-hav"; did you mean "must-have"\?/);
    });
    assert.ok(document.isDirty, 'the diagnostic came from the unsaved text');
    assert.ok(api.progress.roadmap.skill('kubernetes-workloads'));
    const problems = vscode.languages.getDiagnostics(roadmapFile);
    assert.ok(problems.some((d) => d.source === 'ML Career'), 'the Problems panel lists it');

    // Saved with the error: the last good roadmap stays in use.
    assert.ok(await document.save());
    await api.customRoadmaps.whenIdle();
    await eventually(() => assert.equal(api.customRoadmaps.sources.get(roadmapFile.toString())?.errors, 1));
    assert.ok(api.progress.roadmap.skill('kubernetes-workloads'));
    assert.equal(api.roadmapTree.view.title, 'Roadmap: ML Platform team ladder');

    // The quick fix puts the close id in; saving reloads the roadmap with the new title.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', roadmapFile, errorsIn(roadmapFile)[0]!.range);
    const fix = actions.find((action) => action.title === 'Change to "must-have"');
    assert.ok(fix?.edit, `no quick fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(await document.save());
    await eventually(() => assert.equal(api.roadmapTree.view.title, 'Roadmap: ML Platform ladder v2'), 10_000);
    assert.equal(errorsIn(roadmapFile).length, 0);
    assert.ok(api.progress.roadmap.skill('kubernetes-workloads'));
  });

  it('Select Roadmap switches between the built-in roadmap, the workspace one and a personal one named in the setting', async () => {
    const personalDir = mkdtempSync(path.join(os.tmpdir(), 'ml-career-roadmap-'));
    const personal = path.join(personalDir, 'mine.mlcareer.yaml');
    writeFileSync(personal, 'version: 2\nextends: builtin\ntitle: My own path\nhide: [interview-prep]\n');
    const settings = vscode.workspace.getConfiguration();
    try {
      await settings.update('mlCareer.roadmaps', [personal], vscode.ConfigurationTarget.Global);
      const personalKey = vscode.Uri.file(personal).toString();
      await eventually(() => assert.ok(api.customRoadmaps.sources.get(personalKey)?.loaded), 10_000);
      // The workspace roadmap stays active until the user picks another.
      assert.equal(api.customRoadmaps.activeKey, roadmapFile.toString());

      await vscode.commands.executeCommand(commands.selectRoadmap, personalKey);
      assert.equal(api.roadmapTree.view.title, 'Roadmap: My own path');
      assert.ok(!api.progress.roadmap.groups.some((g) => g.id === 'interview-prep'));
      // Progress on ids the roadmaps share is shared.
      assert.equal(api.progress.store.status('kubernetes-workloads'), 'done');
      assert.ok(tree().getChildren().some((node) => node.kind === 'dropped'), 'the team skill shows as not in this roadmap');

      await vscode.commands.executeCommand(commands.selectRoadmap, 'builtin');
      assert.equal(api.roadmapTree.view.title, 'Roadmap');
      assert.ok(api.progress.roadmap.skill('certifications'));
      assert.equal(api.progress.store.status('certifications'), 'learning', 'the hidden skill counts again with its status');
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand(commands.selectRoadmap, 'file:///nowhere.yaml')), /mlCareer\.selectRoadmap: there is no roadmap "file:\/\/\/nowhere\.yaml"/);
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand(commands.selectRoadmap, 42)), /argument 1 is a number/);
    } finally {
      await settings.update('mlCareer.roadmaps', undefined, vscode.ConfigurationTarget.Global);
      rmSync(personalDir, { recursive: true, force: true });
    }
  });

  it('deleting the workspace roadmap goes back to the built-in one', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeRoadmapFolder();
    await eventually(() => assert.equal(api.customRoadmaps.sources.size, 0), 10_000);
    assert.equal(api.customRoadmaps.activeKey, 'builtin');
    // The team skill's progress is kept, named by its id now that no loaded roadmap has it.
    const dropped = tree().getChildren().at(-1)!;
    assert.equal(tree().getTreeItem(dropped).label, 'Not in the current roadmap');
    assert.deepEqual(tree().getChildren(dropped).map((node) => [tree().getTreeItem(node).label, tree().getTreeItem(node).description]), [['kubernetes-workloads', 'Done']]);
    assert.ok(rootLabels().includes('Must-have technical skills'));
  });
});
