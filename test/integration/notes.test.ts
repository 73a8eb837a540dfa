import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/api';
import { commands } from '../../src/core/ids';
import { notesScheme } from '../../src/core/ids';
import { parseStoredState, type StoredState } from '../../src/core/progress/state';
import { ProgressStore } from '../../src/core/progress/store';
import type { RoadmapElement } from '../../src/roadmapTree/roadmapTree';
import { eventually, evidenceScanningOff, extensionApi, skillTreeItem } from './helpers/extension';

describe('notes on skills and expectations', () => {
  let api: ExtensionApi;
  let restoreEvidence: () => Promise<void>;

  before(async () => {
    api = await extensionApi();
    // Rows here show statuses and notes only; evidence found in the workspace would add to them.
    restoreEvidence = await evidenceScanningOff(api);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const id of ['python', 'own-end-to-end']) await api.progress.store.setNote(id, '');
    await restoreEvidence();
  });

  const skillItem = (skillId: string): vscode.TreeItem => skillTreeItem(api, skillId);
  const resolvedTreeItem = (item: vscode.TreeItem, node: RoadmapElement): vscode.TreeItem => api.roadmapTree.provider.resolveTreeItem(item, node);
  const storedNotes = (): StoredState['notes'] => (api.progress.readStored() as StoredState).notes;

  it('Add Note opens a Markdown editor; saving stores the note in globalState; the tree row and tooltip show it', async () => {
    assert.equal(api.progress.store.note('python'), undefined);
    assert.doesNotMatch(String(skillItem('python').contextValue), /:note$/);
    await vscode.commands.executeCommand(commands.addNote, 'python');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    const { document } = editor;
    assert.equal(document.uri.scheme, notesScheme);
    assert.equal(document.uri.path, '/python/Python.md');
    assert.equal(document.languageId, 'markdown');
    assert.equal(document.getText(), '');

    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# Plan\n\nFinish the **course**. <script>alert(1)</script>'));
    assert.ok(await document.save(), 'saved');
    assert.equal(api.progress.store.note('python')?.text, '# Plan\n\nFinish the **course**. <script>alert(1)</script>');
    await api.progress.store.flush();
    assert.equal(storedNotes()?.['python']?.text, '# Plan\n\nFinish the **course**. <script>alert(1)</script>');
    assert.equal(parseStoredState(api.progress.readStored()).kind, 'ok');

    const item = skillItem('python');
    assert.match(String(item.description), / · note$/);
    assert.match(String(item.contextValue), /^mlCareer:skill:[a-z-]+(?::suggested)?:note$/);
    // As VS Code does on hover: getTreeItem leaves every skill row's tooltip out (VS Code resolves only what is
    // undefined), and resolveTreeItem fills it in, with the note rendered when there is one.
    assert.equal(item.tooltip, undefined);
    const plain = skillItem('sql-data');
    assert.equal(plain.tooltip, undefined);
    const plainTooltip = resolvedTreeItem(plain, api.roadmapTree.provider.skillNode('sql-data')!).tooltip;
    assert.ok(plainTooltip instanceof vscode.MarkdownString);
    assert.doesNotMatch(plainTooltip.value, /Your note/);
    const { tooltip } = resolvedTreeItem(item, api.roadmapTree.provider.skillNode('python')!);
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.equal(tooltip.isTrusted, false);
    assert.equal(tooltip.supportHtml, false);
    assert.match(tooltip.value, /\*\*Your note\*\* \(edited [^)]+\)\n\n\*\*Plan\*\*\n\nFinish the \*\*course\*\*\\. \\<script\\>/);
    assert.ok(api.loadedBundles().includes('notes'), 'the note was rendered by the notes bundle');
  });

  it('a note saved by a second window reaches the open editor; a delete there clears it', async () => {
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.path, '/python/Python.md');
    // Another window: its own store over the same globalState, as VS Code gives every window.
    const other = new ProgressStore({ read: () => api.progress.readStored(), write: (value) => Promise.resolve(api.progress.writeStored(value)) }, api.progress.roadmap);
    assert.equal(other.load(), undefined);
    assert.match(other.note('python')?.text ?? '', /^# Plan/);
    await other.setNote('python', 'Edited in the other window');
    api.progress.store.refresh();
    assert.equal(api.progress.store.note('python')?.text, 'Edited in the other window');
    await eventually(() => assert.equal(editor?.document.getText(), 'Edited in the other window'));

    await other.setNote('python', '');
    api.progress.store.refresh();
    assert.equal(api.progress.store.note('python'), undefined);
    assert.equal(storedNotes()?.['python']?.text, '', 'a tombstone, so the delete merges everywhere');
    assert.doesNotMatch(String(skillItem('python').description), /note/);
  });

  it('an expectation takes a note through its tree node, and Delete Note removes it (undo aside)', async () => {
    const provider = api.roadmapTree.provider;
    const expectations = provider.getChildren(provider.getChildren().find((node) => node.id === 'level/mid')).find((node) => node.kind === 'expectations')!;
    const row = () => provider.getChildren(expectations).find((node) => node.kind === 'expectation' && node.item.expectation.id === 'own-end-to-end')!;
    await vscode.commands.executeCommand(commands.addNote, row());
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.uri.path, '/own-end-to-end/Owns projects end to end.md');
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'Shipped the ranking model'));
    assert.ok(await editor.document.save());
    assert.match(String(provider.getTreeItem(row()).contextValue), /^mlCareer:expectation:[a-z-]+:note$/);
    assert.match(String(provider.getTreeItem(row()).description), / · note$/);
    const { tooltip } = resolvedTreeItem(provider.getTreeItem(row()), row());
    assert.match(tooltip instanceof vscode.MarkdownString ? tooltip.value : '', /\*\*Your note\*\* \(edited [^)]+\)\n\nShipped the ranking model/);
    await vscode.workspace.fs.delete(editor.document.uri);
    assert.equal(api.progress.store.note('own-end-to-end'), undefined);
  });

  it('refuses hostile paths, unknown ids and notes over the limit, keeping what was stored', async () => {
    const fs = vscode.workspace.fs;
    const stored = JSON.stringify(api.progress.readStored());
    // A path that normalises to a note's ("/../python/x.md") is that note: ".." means nothing more here.
    for (const path of ['/..%2Fpython/x.md', '/..', '/python/../../etc/passwd', '/python', '/no-such-skill/x.md', '/python/a/b.md', `/${'x'.repeat(201)}/x.md`, '/%E0%A4%A/x.md']) {
      const uri = vscode.Uri.from({ scheme: notesScheme, path });
      const refused = async (operation: Thenable<unknown>): Promise<string> => {
        try {
          await operation;
        } catch (error) {
          return String(error);
        }
        return `${path} was not refused`;
      };
      for (const result of [await refused(fs.writeFile(uri, new TextEncoder().encode('pwned'))), await refused(fs.readFile(uri))]) {
        // VS Code may first try to create a missing folder, which is refused too.
        assert.match(result, /EntryNotFound|FileNotFound|NoPermissions|FileNotADirectory|FileIsADirectory/, `${path}: ${result}`);
      }
    }
    const uri = vscode.Uri.from({ scheme: notesScheme, path: '/python/Python.md' });
    await assert.rejects(Promise.resolve(fs.writeFile(uri, new TextEncoder().encode('x'.repeat(20_001)))), /a note holds at most 20,000/);
    await assert.rejects(Promise.resolve(fs.writeFile(uri, new Uint8Array([0xff, 0xfe, 0x00]))), /not UTF-8 text/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand(commands.addNote, '../python')), /no skill or level expectation/);
    assert.equal(JSON.stringify(api.progress.readStored()), stored);
  });
});
