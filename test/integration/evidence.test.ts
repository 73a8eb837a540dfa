import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/api';
import type { EvidenceNode } from '../../src/core/evidence/evidenceNodes';
import type { HostMessage } from '../../src/webview/protocol';
import { isOpenSuggestion } from '../../src/core/evidence/suggestions';
import { commands, evidenceItemContexts } from '../../src/core/ids';
import { parseStoredState } from '../../src/core/progress/state';
import { eventually, extensionApi } from './helpers/extension';

/** The fixture workspace's evidence-app/ holds train.py (PyTorch, a training step) and a Dockerfile. */
describe('evidence from the workspace’s code', () => {
  let api: ExtensionApi;
  let root: vscode.Uri;

  before(async function () {
    this.timeout(60_000);
    api = await extensionApi();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the integration tests run with a workspace folder');
    root = folder.uri;
    await api.evidence.service.rescan();
  });

  beforeEach(async () => {
    await api.progress.store.reset();
  });

  const skillItem = (skillId: string): vscode.TreeItem => {
    const node = api.roadmapTree.provider.skillNode(skillId);
    assert.ok(node, `no tree node for ${skillId}`);
    return api.roadmapTree.provider.getTreeItem(node);
  };
  /** The rows under a skill's Evidence node, as VS Code gets them. */
  const evidenceRows = (skillId: string): vscode.TreeItem[] => {
    const { provider } = api.roadmapTree;
    const node = provider.skillNode(skillId);
    assert.ok(node);
    const [evidence] = provider.getChildren(node) as EvidenceNode[];
    if (!evidence) return [];
    assert.equal(provider.getTreeItem(evidence).label, 'Evidence');
    return provider.getChildren(evidence).map((row) => provider.getTreeItem(row));
  };
  /** The labels of the proof rows under a skill's Evidence node. */
  const proofRows = (skillId: string): string[] => evidenceRows(skillId).map((row) => String(row.label));
  const storedProof = (skillId: string) => {
    const stored = parseStoredState(api.progress.readStored());
    assert.ok(stored.kind === 'ok');
    return stored.state.skills.get(skillId)?.proof ?? [];
  };
  const openSuggestionIds = () => [...api.evidence.service.skills.values()].filter((s) => isOpenSuggestion(s, api.progress.store.status(s.skillId), api.evidence.service.dismissals)).map((s) => s.skillId);
  const write = async (relPath: string, text: string): Promise<vscode.Uri> => {
    const uri = vscode.Uri.joinPath(root, ...relPath.split('/'));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    return uri;
  };

  it('lists proof under the right skills, suggests them, and badges the view', () => {
    assert.equal(api.evidence.service.off, undefined);
    const rows = proofRows('deep-learning-framework');
    assert.ok(rows.includes('evidence-app/train.py:1 · import torch'), rows.join('\n'));
    assert.ok(proofRows('production-deployment').includes('evidence-app/Dockerfile:1 · FROM python:3.12-slim'));
    const item = skillItem('deep-learning-framework');
    assert.match(String(item.description), /^evidence found · evidence in \d+ files?$/);
    assert.match(item.contextValue ?? '', new RegExp(`${evidenceItemContexts.suggestedSuffix}$`));
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.ok((api.roadmapTree.view.badge?.value ?? 0) >= 2, 'the badge counts the open suggestions');
  });

  it('Accept marks the skill done and stores the proof with the progress', async () => {
    await vscode.commands.executeCommand(commands.acceptEvidence, 'deep-learning-framework');
    assert.equal(api.progress.store.status('deep-learning-framework'), 'done');
    const stored = parseStoredState(api.progress.readStored());
    assert.ok(stored.kind === 'ok');
    const proof = stored.state.skills.get('deep-learning-framework')?.proof ?? [];
    assert.ok(
      proof.some((p) => p.path === 'evidence-app/train.py' && p.line === 1 && p.rule === 'pytorch' && p.text === 'import torch'),
      JSON.stringify(proof),
    );
    assert.doesNotMatch(String(skillItem('deep-learning-framework').contextValue), /suggested/, 'a done skill is no longer suggested');
  });

  it('Open Evidence opens the file at the matched range, and refuses paths that are not evidence', async () => {
    await vscode.commands.executeCommand(commands.openEvidence, { folder: vscode.workspace.workspaceFolders?.[0]?.name, path: 'evidence-app/train.py', line: 1, column: 7, length: 5 });
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    assert.ok(editor.document.uri.path.endsWith('/evidence-app/train.py'), editor.document.uri.path);
    assert.equal(editor.document.getText(editor.selection), 'torch');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand(commands.openEvidence, { folder: 'x', path: '../secret', line: 1 })), /CommandArgumentError|not a relative path/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the roadmap page gets the evidence, and its proof links open only files the host found', async () => {
    const posted = new Promise<HostMessage>((resolve) => {
      const subscription = api.roadmapPanel.onDidPostMessage((message) => {
        subscription.dispose();
        resolve(message);
      });
    });
    await vscode.commands.executeCommand(commands.openRoadmap);
    const message = await posted;
    const found = message.evidence?.skills.find((s) => s.skillId === 'deep-learning-framework');
    assert.ok(found?.items.some((item) => item.location === 'evidence-app/train.py:1' && item.text === 'import torch'), JSON.stringify(found));
    assert.ok(message.evidence?.noCodeEvidence.includes('communication') || (message.evidence?.noCodeEvidence.length ?? 0) > 0, 'soft skills say they have no code evidence');
    const folder = vscode.workspace.workspaceFolders?.[0]?.name;
    await api.roadmapPanel.simulateMessage({ type: 'openEvidence', place: { folder, path: 'evidence-app/train.py', line: 1, column: 0, length: 6 } });
    await eventually(() => assert.equal(vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection), 'import'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await eventually(() => assert.equal(vscode.window.activeTextEditor, undefined));
    await api.roadmapPanel.simulateMessage({ type: 'openEvidence', place: { folder, path: 'README.md', line: 1 } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(vscode.window.activeTextEditor, undefined, 'README.md is not evidence: not opened');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a saved or created file adds evidence, and deleting it removes it, incrementally', async function () {
    this.timeout(30_000);
    const changed = api.evidence.service.nextResults();
    const uri = await write('evidence-app/track.py', 'import mlflow\n\nmlflow.log_metric("loss", 0.1)\n');
    await changed;
    await eventually(() => assert.ok(proofRows('mlops-tools').some((row) => row.startsWith('evidence-app/track.py:')), 'evidence added'), 10_000);
    await vscode.workspace.fs.delete(uri);
    await eventually(() => assert.ok(!proofRows('mlops-tools').some((row) => row.startsWith('evidence-app/track.py:')), 'evidence removed'), 10_000);
  });

  it('Dismiss holds across a reload (workspaceState) until a new kind of evidence appears', async () => {
    const skill = api.evidence.service.skills.get('production-deployment');
    assert.ok(skill);
    await vscode.commands.executeCommand(commands.dismissEvidence, 'production-deployment');
    assert.doesNotMatch(String(skillItem('production-deployment').contextValue), /suggested/);
    // What a reloaded window reads back from this workspace's state:
    assert.equal(isOpenSuggestion(skill, 'not-started', api.evidence.service.storedDismissals()), false);
    assert.equal(isOpenSuggestion({ ...skill, kinds: [...skill.kinds, 'api'] }, 'not-started', api.evidence.service.storedDismissals()), true);
  });

  it('Review Evidence Suggestions: checking two suggestions in the real QuickPick marks both done, with their proof stored', async function () {
    this.timeout(60_000);
    // A third suggestion, so the test unchecks one as well.
    const uri = await write('evidence-app/review_track.py', 'import mlflow\n\nmlflow.log_metric("loss", 0.1)\nmlflow.log_param("lr", 0.1)\n');
    try {
      await eventually(() => assert.ok(openSuggestionIds().length >= 3, openSuggestionIds().join(', ')), 20_000);
      const shown = new Promise<readonly string[]>((resolve) => {
        const subscription = api.evidence.onDidShowReview((ids) => {
          subscription.dispose();
          resolve(ids);
        });
      });
      const reviewed = vscode.commands.executeCommand(commands.reviewEvidenceSuggestions);
      const ids = await shown;
      // The QuickPick's own update reaches the workbench on the next tick of this host.
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual([...ids].sort(), openSuggestionIds().sort(), 'the QuickPick lists every open suggestion');
      // Every suggestion starts checked and none is active: move down the list, unchecking all but the first two.
      for (let i = 0; i < ids.length; i++) {
        await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
        if (i >= 2) await vscode.commands.executeCommand('workbench.action.quickPickManyToggle');
      }
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await reviewed;
      const [first, second, ...rest] = ids;
      for (const skillId of [first, second]) {
        assert.ok(skillId);
        assert.equal(api.progress.store.status(skillId), 'done', `${skillId} accepted`);
        const found = api.evidence.service.skills.get(skillId);
        const proof = storedProof(skillId);
        assert.ok(proof.length > 0 && proof.some((p) => found?.items.some((i) => i.path === p.path && i.line === p.line && i.rule === p.rule)), `${skillId}: ${JSON.stringify(proof)}`);
      }
      for (const skillId of rest) assert.notEqual(api.progress.store.status(skillId), 'done', `${skillId} was unchecked`);
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('accepted proof whose file is then deleted is kept, and shown as stale in the tree', async function () {
    this.timeout(60_000);
    const uri = await write('evidence-app/stale_track.py', 'import mlflow\n\nmlflow.log_metric("loss", 0.1)\n');
    await eventually(() => assert.ok(api.evidence.service.skills.get('mlops-tools')?.items.some((i) => i.path === 'evidence-app/stale_track.py')), 20_000);
    await vscode.commands.executeCommand(commands.acceptEvidence, 'mlops-tools');
    assert.ok(storedProof('mlops-tools').some((p) => p.path === 'evidence-app/stale_track.py'));
    await vscode.workspace.fs.delete(uri);
    const staleRow = () => evidenceRows('mlops-tools').find((row) => String(row.label).startsWith('evidence-app/stale_track.py:'));
    await eventually(() => assert.equal(staleRow()?.description, 'accepted · file gone'), 20_000);
    const row = staleRow();
    assert.equal(row?.contextValue, evidenceItemContexts.acceptedProof);
    assert.equal(row?.command, undefined, 'a stale row opens nothing');
    assert.match(String(row?.tooltip), /no longer in the workspace; the proof is kept/);
    assert.ok(storedProof('mlops-tools').some((p) => p.path === 'evidence-app/stale_track.py'), 'the stored proof is kept');
    assert.equal(api.progress.store.status('mlops-tools'), 'done');
  });

  it('proof stored under a shared-name folder key (another window, multi-root) finds its file in this folder; a missing file is stale', async function () {
    // The harness opens one folder, and code-server does not add a second one at runtime (entering a multi-root
    // workspace reloads the web workbench): two folders of one name get a window of their own (multiRoot/).
    this.timeout(60_000);
    const name = vscode.workspace.workspaceFolders?.[0]?.name ?? '';
    const sharedKey = `${name} #0123abcd`;
    await api.progress.store.acceptProof([
      {
        skillId: 'production-deployment',
        proof: [
          { folder: sharedKey, path: 'evidence-app/train.py', line: 1, rule: 'pytorch', text: 'import torch' },
          { folder: sharedKey, path: 'nowhere.py', line: 1, rule: 'pytorch', text: 'import torch' },
        ],
      },
    ]);
    const rows = () => evidenceRows('production-deployment').map((row) => `${String(row.label)} ${String(row.description)}`).filter((row) => row.includes('accepted'));
    await eventually(() => assert.deepEqual(rows().sort(), ['evidence-app/train.py:1 · import torch accepted', 'nowhere.py:1 · import torch accepted · file gone']), 20_000);
    assert.equal(api.evidence.service.folderUri(sharedKey)?.toString(), root.toString());
    await vscode.commands.executeCommand(commands.openEvidence, { folder: sharedKey, path: 'evidence-app/train.py', line: 1 });
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), vscode.Uri.joinPath(root, 'evidence-app', 'train.py').toString());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('an evidence change refreshes only the rows of the skills it changes, never the whole tree (open hovers stay)', async function () {
    this.timeout(30_000);
    const { provider } = api.roadmapTree;
    // Fetch the rows as VS Code does when it shows them: only rows it was given can be refreshed one by one.
    const fetch = (node?: Parameters<typeof provider.getChildren>[0]): void => {
      for (const child of provider.getChildren(node)) if (child.kind !== 'skill' && child.kind !== 'evidence') fetch(child);
    };
    fetch();
    await new Promise((resolve) => setTimeout(resolve, 500)); // earlier tests' file events settle
    const events: unknown[] = [];
    const subscription = provider.onDidChangeTreeData((event) => events.push(event));
    const uri = await write('evidence-app/refresh_track.py', 'import mlflow\n\nmlflow.log_metric("loss", 0.1)\n');
    try {
      await eventually(() => assert.ok(api.evidence.service.skills.get('mlops-tools')?.items.some((i) => i.path === 'evidence-app/refresh_track.py')), 20_000);
      await eventually(() => assert.ok(events.length > 0, 'a refresh was fired'));
      assert.ok(events.every(Array.isArray), `no whole-tree refresh: ${JSON.stringify(events.map((e) => (Array.isArray(e) ? 'rows' : String(e))))}`);
      const refreshed = new Set((events as { kind: string; skill?: { id: string } }[][]).flat().map((node) => (node.kind === 'skill' ? node.skill?.id : node.kind)));
      assert.ok(refreshed.has('mlops-tools'), [...refreshed].join(', '));
      for (const untouched of ['deep-learning-framework', 'production-deployment']) assert.ok(!refreshed.has(untouched), `${untouched} was refreshed: ${[...refreshed].join(', ')}`);
    } finally {
      subscription.dispose();
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('an excluded folder contributes nothing', async function () {
    this.timeout(60_000);
    const config = vscode.workspace.getConfiguration('mlCareer.evidence');
    try {
      await config.update('exclude', ['**/evidence-app'], vscode.ConfigurationTarget.Workspace);
      await eventually(() => assert.deepEqual(proofRows('production-deployment'), []), 20_000);
      const paths = [...api.evidence.service.skills.values()].flatMap((s) => s.items.map((i) => i.path));
      assert.ok(!paths.some((p) => p.startsWith('evidence-app/')), paths.join(', '));
    } finally {
      await config.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await eventually(() => assert.ok(proofRows('production-deployment').length > 0, 'back once the exclude is gone'), 20_000);
  });

  it('a full scan runs off the extension host’s thread: the host never stalls for a large part of it (delay reported)', async function () {
    this.timeout(180_000);
    const dir = vscode.Uri.joinPath(root, 'evidence-bulk');
    const lines = ['import numpy as np', 'import pandas as pd', 'from sklearn.linear_model import LogisticRegression', '', 'def f(x: int) -> int:', '    return x + 1', ''];
    await Promise.all(Array.from({ length: 3000 }, (_, i) => write(`evidence-bulk/m${i}.py`, `${lines.join('\n')}\n# ${i}\n`)));
    try {
      const started = performance.now();
      await api.evidence.service.rescan();
      const scanMs = performance.now() - started;
      const delay = api.evidence.service.lastScanMaxEventLoopDelayMs;
      assert.ok(delay !== undefined);
      // The figure users feel is in the bench; here only what cannot depend on the machine's load: a scan done on the
      // host's thread would stall it for about the whole scan, one in a worker for no more than a message's handling.
      console.log(`      extension host event-loop delay during a full scan of ${3000 + 3} files: max ${delay.toFixed(1)} ms of ${scanMs.toFixed(0)} ms`);
      assert.ok(delay < scanMs / 3, `the host stalled ${delay.toFixed(1)} ms of a ${scanMs.toFixed(0)} ms scan`);
      assert.ok((api.evidence.service.skills.get('model-development')?.files ?? 0) >= 3000, 'the bulk files were all scanned');
    } finally {
      await vscode.workspace.fs.delete(dir, { recursive: true });
    }
  });
});
