import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/api';
import { commands } from '../../src/core/ids';
import { parseStoredState } from '../../src/core/progress/state';
import { ProgressStore } from '../../src/core/progress/store';
import { startupContent } from '../../src/core/progress/statusBarContent';
import type { RoadmapElement } from '../../src/roadmapTree/roadmapTree';
import { eventually, evidenceScanningOff, extensionApi, skillTreeItem } from './helpers/extension';

describe('roadmap tree, progress and status bar', () => {
  let api: ExtensionApi;
  let restoreEvidence: () => Promise<void>;

  before(async () => {
    api = await extensionApi();
    // Rows here show statuses only; evidence found in the workspace (evidence.test.ts) would add to them.
    restoreEvidence = await evidenceScanningOff(api);
  });

  after(async () => {
    await restoreEvidence();
  });

  beforeEach(async () => {
    await api.progress.store.reset();
    await api.progress.store.setCurrentLevel('junior');
  });

  const skillItem = (skillId: string): vscode.TreeItem => skillTreeItem(api, skillId);
  const checkbox = (item: vscode.TreeItem) => (typeof item.checkboxState === 'object' ? item.checkboxState.state : item.checkboxState);

  it('shows levels, groups and the next level at the top of the tree', () => {
    const roots = api.roadmapTree.provider.getChildren();
    const labels = roots.map((node) => api.roadmapTree.provider.getTreeItem(node).label);
    // Skills and level expectations are counted apart.
    assert.match(String(labels[0]), /^To reach Mid-level ML Engineer: \d+ skills, \d+ expectations left$/);
    assert.ok(labels.includes('Aspiring ML Engineer'));
    assert.ok(labels.includes('Junior ML Engineer'));
    assert.ok(labels.includes('Must-have technical skills'));
    assert.ok(labels.includes('Breaking in'));
    assert.ok(labels.includes('Interview preparation'));
    const market = roots.at(-1)!;
    assert.equal(market.kind, 'market');
    assert.equal(api.roadmapTree.provider.getTreeItem(market).description, 'snapshot, March 2026');
  });

  it('an expectation is checked off like a skill: tree checkbox, next-level gap and status bar tooltip', async () => {
    const provider = api.roadmapTree.provider;
    // Nodes are snapshots of the model: fetch them again after each change.
    const expectations = () => provider.getChildren(provider.getChildren().find((node) => node.id === 'level/mid')).find((node) => node.kind === 'expectations')!;
    const row = () => provider.getChildren(expectations()).find((node) => node.kind === 'expectation' && node.item.expectation.id === 'own-end-to-end')!;
    assert.equal(provider.getTreeItem(row()).contextValue, 'mlCareer:expectation:not-started');
    const gapLabel = () => String(provider.getTreeItem(provider.getChildren()[0]!).label);
    const before = gapLabel();
    // A tree node is what the context menu passes to the command.
    await vscode.commands.executeCommand(commands.markSkillDone, row());
    assert.equal(api.progress.store.status('own-end-to-end'), 'done');
    const item = provider.getTreeItem(row());
    assert.equal(checkbox(item), vscode.TreeItemCheckboxState.Checked);
    assert.equal(item.contextValue, 'mlCareer:expectation:done');
    assert.equal(provider.getTreeItem(expectations()).description, `1/${api.progress.roadmap.level('mid')!.expectations.length}`);
    // Mid's own expectations and Junior's count toward Mid; skills are counted apart and did not change.
    const count = (label: string, what: string) => Number(new RegExp(`(\\d+) ${what}`).exec(label)?.[1]);
    assert.equal(count(gapLabel(), 'expectations'), count(before, 'expectations') - 1);
    await vscode.commands.executeCommand(commands.markSkillDone, 'ship-scoped-tasks');
    assert.equal(count(gapLabel(), 'expectations'), count(before, 'expectations') - 2);
    assert.equal(count(gapLabel(), 'skills'), count(before, 'skills'));
    assert.match(String((api.statusBar.tooltip as vscode.MarkdownString).value), /2 of \d+ level expectations met/);
  });

  it('a status set by command reaches the store, the tree item and the status bar', async () => {
    const before = api.statusBar.text;
    assert.match(before, /^\$\(mortar-board\) Junior · 0%$/);
    await vscode.commands.executeCommand(commands.markSkillDone, 'python');
    assert.equal(api.progress.store.status('python'), 'done');
    const item = skillItem('python');
    assert.equal(checkbox(item), vscode.TreeItemCheckboxState.Checked);
    assert.equal(item.description, 'Done');
    assert.equal(item.contextValue, 'mlCareer:skill:done');
    assert.notEqual(api.statusBar.text, before);
    assert.match(api.statusBar.text, /^\$\(mortar-board\) Junior · [1-9]\d*%$/);

    await vscode.commands.executeCommand(commands.setSkillStatus, 'python', 'learning');
    const learning = skillItem('python');
    assert.equal(checkbox(learning), vscode.TreeItemCheckboxState.Unchecked);
    assert.equal(learning.description, 'Learning');
    assert.equal(api.statusBar.text, before);
  });

  it('what the status bar shows is saved, so the next start shows it without loading the roadmap', async () => {
    await vscode.commands.executeCommand(commands.markSkillDone, 'git-engineering');
    const shown = { text: api.statusBar.text, tooltip: (api.statusBar.tooltip as vscode.MarkdownString).value, accessibilityLabel: api.statusBar.accessibilityInformation?.label };
    // It is saved half a second after the change, once the change has been stored.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.deepEqual(startupContent(api.progress.readStored(), api.savedStatusBar()), shown);
    await vscode.commands.executeCommand(commands.markSkillNotStarted, 'git-engineering');
    // Until it is saved again, the saved content no longer matches what is stored: a start now would load the roadmap.
    assert.equal(startupContent(api.progress.readStored(), api.savedStatusBar()), undefined);
  });

  it('group and level descriptions count done skills', async () => {
    const group = () => api.roadmapTree.provider.getChildren().find((node) => node.id === 'group/must-have');
    assert.ok(group());
    const total = api.progress.roadmap.groups.find((g) => g.id === 'must-have')!.skills.length;
    assert.equal(api.roadmapTree.provider.getTreeItem(group()!).description, `0/${total}`);
    await vscode.commands.executeCommand(commands.markSkillDone, 'python');
    await vscode.commands.executeCommand(commands.markSkillSkipped, 'linux-cli');
    assert.equal(api.roadmapTree.provider.getTreeItem(group()!).description, `1/${total - 1}`);
  });

  it('a status change, here or in another window, refreshes only the rows it changes, never the whole tree', async () => {
    const { provider } = api.roadmapTree;
    // Show the top level and the must-have group as VS Code does: children fetched, then each row drawn.
    const show = (node?: RoadmapElement): RoadmapElement[] => {
      const children = provider.getChildren(node);
      for (const child of children) provider.getTreeItem(child);
      return children;
    };
    const group = show().find((node) => node.id === 'group/must-have')!;
    // What VS Code does with the refreshed rows when the view shows (it may be hidden while tests run): draw them again.
    const redrawn = (): void => void [show(), show(group)];
    show(group);
    const total = api.progress.roadmap.groups.find((g) => g.id === 'must-have')!.skills.length;
    const events: (readonly RoadmapElement[] | undefined)[] = [];
    const subscription = provider.onDidChangeTreeData((event) => events.push(event));
    const refreshedIds = (): string[] => events.flatMap((event) => event?.map((node) => node.id) ?? ['the whole tree']);
    try {
      await vscode.commands.executeCommand(commands.markSkillDone, 'python');
      // The row with the checkbox first, alone (VS Code sends it at once and gathers the rest), then the counts above.
      assert.deepEqual(events[0]?.map((node) => node.id), ['group/must-have/skill/python']);
      assert.ok(refreshedIds().includes('group/must-have'), refreshedIds().join(', '));
      assert.ok(!refreshedIds().some((id) => id === 'the whole tree' || (/^group\/[^/]+$/.test(id) && id !== 'group/must-have')), refreshedIds().join(', '));
      // VS Code asks again about the element it holds: it reads as the store does now.
      assert.equal(provider.getTreeItem(group).description, `1/${total}`);
      redrawn();

      events.length = 0;
      const other = new ProgressStore({ read: () => api.progress.readStored(), write: (value) => Promise.resolve(api.progress.writeStored(value)) }, api.progress.roadmap);
      assert.equal(other.load(), undefined);
      await other.setStatus('sql-data', 'done');
      assert.ok(api.progress.store.refresh(), 'picked up the other window\'s change');
      assert.ok(refreshedIds().includes('group/must-have'), refreshedIds().join(', '));
      assert.ok(!refreshedIds().includes('the whole tree'), refreshedIds().join(', '));
      assert.equal(provider.getTreeItem(group).description, `2/${total}`);

      redrawn();
      events.length = 0;
      await vscode.commands.executeCommand(commands.markSkillLearning, 'sql-data');
      assert.ok(refreshedIds().includes('group/must-have'), 'one done fewer');
      redrawn();
      events.length = 0;
      // The same status again: only the date in its tooltip moves, so only its row is drawn again.
      await vscode.commands.executeCommand(commands.markSkillLearning, 'sql-data');
      assert.deepEqual(refreshedIds(), ['group/must-have/skill/sql-data']);
    } finally {
      subscription.dispose();
    }
  });

  it('sets the current level and updates the next-level gap', async () => {
    await vscode.commands.executeCommand(commands.setCurrentLevel, 'senior');
    assert.equal(api.progress.store.currentLevel(), 'senior');
    const labels = api.roadmapTree.provider.getChildren().map((node) => String(api.roadmapTree.provider.getTreeItem(node).label));
    assert.ok(labels.some((l) => l.startsWith('To reach Staff / Principal ML Engineer')));
    assert.ok(labels.some((l) => l.startsWith('To reach ML Engineering Manager')));
    assert.match(api.statusBar.text, /Senior/);
  });

  it('rejects unknown skills and statuses without changing anything', async () => {
    const stored = JSON.stringify(api.progress.readStored());
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand(commands.setSkillStatus, 'no-such-skill', 'done')), /there is no skill or level expectation with the id "no-such-skill"/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand(commands.setSkillStatus, 'python', 'mastered')), /argument 2 is not a status/);
    assert.equal(JSON.stringify(api.progress.readStored()), stored);
    assert.equal(api.progress.store.status('python'), 'not-started');
  });

  it('filters the tree and reveals a skill from search', async () => {
    await vscode.commands.executeCommand(commands.markSkillLearning, 'sql-data');
    await vscode.commands.executeCommand(commands.filterRoadmap, 'learning');
    const groups = api.roadmapTree.provider.getChildren().filter((node) => node.kind === 'group');
    assert.deepEqual(groups.map((g) => g.id), ['group/must-have']);
    assert.deepEqual(api.roadmapTree.provider.getChildren(groups[0]).map((n) => n.id), ['group/must-have/skill/sql-data']);
    assert.equal(api.roadmapTree.view.description, 'Learning only');
    await vscode.commands.executeCommand(commands.clearRoadmapFilter);
    assert.equal(api.roadmapTree.provider.filter, 'all');
    assert.equal(api.roadmapTree.view.description, undefined);
  });

  it('persists progress in globalState, as the next activation reads it', async () => {
    await vscode.commands.executeCommand(commands.markSkillDone, 'git-engineering');
    await vscode.commands.executeCommand(commands.markSkillSkipped, 'certifications');
    const parsed = parseStoredState(api.progress.readStored());
    assert.equal(parsed.kind, 'ok');
    if (parsed.kind !== 'ok') return;
    assert.equal(parsed.state.skills.get('git-engineering')?.status, 'done');
    assert.equal(parsed.state.skills.get('certifications')?.status, 'skipped');
    assert.equal(parsed.state.currentLevel?.id, 'junior');
  });

  it('shows skill details as a Markdown preview', async () => {
    await vscode.commands.executeCommand(commands.showSkillDetails, 'rag-systems');
    await eventually(() => {
      const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
      const preview = tabs.find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('markdown.preview'));
      assert.ok(preview, `no Markdown preview tab among: ${tabs.map((t) => t.label).join(', ')}`);
      assert.match(preview.label, /rag-systems/);
    });
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'ml-career-skill', path: '/rag-systems.md' }));
    // Data is Markdown-escaped (punctuation included), which the preview renders as plain text.
    assert.match(doc.getText(), /^# Retrieval\\-augmented generation/m);
    assert.match(doc.getText(), /## Why it matters/);
    assert.match(doc.getText(), /\]\(https:\/\//);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
