import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/api';
import type { ImportPlan } from '../../src/core/export/importPlan';
import { commands } from '../../src/core/ids';
import { parseStoredState, statesEqual, type ProgressState } from '../../src/core/progress/state';
import type { ExportPrompts, ExportResult } from '../../src/export/exportCommands';
import { eventually, extensionApi } from './helpers/extension';

/** Export and import through the real commands, the real file system and the real stored progress. */
describe('export and import', () => {
  let api: ExtensionApi;
  let original: ExportPrompts;
  let folder: string;
  /** What the prompts answer next, and the plans the confirmation was asked about. */
  let saveTo: vscode.Uri | undefined;
  let importFrom: vscode.Uri | undefined;
  let confirmAnswer = true;
  let asked: ImportPlan[];

  before(async () => {
    api = await extensionApi();
    original = api.exports.prompts;
    folder = mkdtempSync(path.join(tmpdir(), 'ml-career-export-'));
    api.exports.prompts = {
      saveTarget: () => Promise.resolve(saveTo),
      importSource: () => Promise.resolve(importFrom),
      confirmImport: (plan) => {
        asked.push(plan);
        return Promise.resolve(confirmAnswer);
      },
    };
  });

  after(async () => {
    for (const id of notedIds) await api.progress.store.setNote(id, '');
    api.exports.prompts = original;
    rmSync(folder, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  beforeEach(async () => {
    asked = [];
    confirmAnswer = true;
    await api.progress.store.reset();
  });

  const run = async (command: string): Promise<ExportResult> => (await vscode.commands.executeCommand<ExportResult>(command))!;
  const stored = (): ProgressState => {
    const parsed = parseStoredState(api.progress.readStored());
    assert.ok(parsed.kind === 'ok', JSON.stringify(parsed));
    return parsed.state;
  };
  const file = (name: string, content?: string): vscode.Uri => {
    const target = path.join(folder, name);
    if (content !== undefined) writeFileSync(target, content);
    return vscode.Uri.file(target);
  };

  /** A note with Markdown and HTML in it, which the packet must show as text. */
  const pythonNote = 'Read *Fluent Python* <b>twice</b>\n| and [a link](javascript:alert(1))';
  const notedIds = ['python', 'no-such-skill'];

  async function someProgress(): Promise<void> {
    const { store } = api.progress;
    await store.setNote('python', pythonNote);
    await store.setStatus('python', 'learning');
    await store.setStatus('sql-data', 'done');
    await store.acceptProof([
      { skillId: 'pytorch', proof: [{ folder: 'app', path: 'train.py', line: 4, rule: 'torch-import', text: 'import torch', commit: '0123456789abcdef0123456789abcdef01234567', remote: 'https://github.com/me/app.git' }] },
    ]);
    await store.setCurrentLevel('junior');
  }

  it('export, then import on a fresh profile, reproduces the stored progress exactly', async function () {
    this.timeout(60_000);
    await someProgress();
    const before = stored();
    saveTo = file('progress.json');
    assert.equal((await run(commands.exportProgress)).kind, 'saved');
    const exported = JSON.parse(readFileSync(saveTo.fsPath, 'utf8')) as { format: string; version: number; progress: unknown };
    assert.equal(exported.format, 'ml-career-export');
    assert.equal(exported.version, 1);

    await api.exports.clearStoredProgress();
    assert.equal(api.progress.readStored(), undefined);
    assert.equal(api.progress.store.status('sql-data'), 'not-started');

    importFrom = saveTo;
    const result = await run(commands.importProgress);
    assert.equal(result.kind, 'applied', JSON.stringify(result));
    assert.equal(asked.length, 1, 'the import asked once before applying');
    assert.equal(asked[0]?.counts.added, before.skills.size + before.notes.size + 1, 'every item, every note, and the level, is new to a fresh profile');
    assert.ok(statesEqual(stored(), before), 'what is stored after the import is what was exported');
    assert.equal(api.progress.store.status('sql-data'), 'done');
    assert.equal(api.progress.store.note('python')?.text, pythonNote, 'the note added through the store survived export and import');
    assert.deepEqual(api.progress.store.history('python'), before.skills.get('python')?.history, 'and so did the dated history');
    assert.equal(api.progress.store.proof('pytorch')[0]?.commit, '0123456789abcdef0123456789abcdef01234567');
    // The preview is a Markdown preview tab of a read-only import-preview document.
    await eventually(() => {
      const labels = vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label));
      assert.ok(labels.some((label) => /import-preview-\d+\.md/.test(label)), `the preview was shown before asking; tabs: ${labels.join(', ')}`);
    });
    const preview = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'ml-career-import', path: '/import-preview-1.md' }));
    assert.match(preview.getText(), /^# Import preview\n[\s\S]*\*\*\d+ added, 0 updated\*\*/);
    assert.equal((await run(commands.importProgress)).kind, 'unchanged', 'importing the same file again changes nothing');
  });

  it('the exports name the active roadmap: the built-in one, or a personal one the user selected', async function () {
    this.timeout(30_000);
    const exportedRoadmap = (uri: vscode.Uri): unknown => (JSON.parse(readFileSync(uri.fsPath, 'utf8')) as { roadmap: unknown }).roadmap;
    saveTo = file('built-in.json');
    assert.equal((await run(commands.exportProgress)).kind, 'saved');
    assert.deepEqual(exportedRoadmap(saveTo), { id: 'builtin', name: 'ML engineer (built-in)' });

    const personal = file('mine.mlcareer.yaml', 'version: 2\nextends: builtin\ntitle: My own path\n');
    const key = personal.toString();
    const settings = vscode.workspace.getConfiguration();
    try {
      await settings.update('mlCareer.roadmaps', [personal.fsPath], vscode.ConfigurationTarget.Global);
      await eventually(() => assert.ok(api.customRoadmaps.sources.get(key)?.loaded), 10_000);
      await vscode.commands.executeCommand(commands.selectRoadmap, key);
      saveTo = file('personal.json');
      assert.equal((await run(commands.exportProgress)).kind, 'saved');
      assert.deepEqual(exportedRoadmap(saveTo), { id: key, name: 'My own path' });
      const packet = await run(commands.exportPromotionPacket);
      assert.ok(packet.kind === 'opened' && packet.uri);
      assert.match((await vscode.workspace.openTextDocument(packet.uri)).getText(), /roadmap: My own path/);
    } finally {
      await vscode.commands.executeCommand(commands.selectRoadmap, 'builtin');
      await settings.update('mlCareer.roadmaps', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  for (const [what, content, expected] of [
    ['broken JSON', '{\n  "format": "ml-career-export",\n  "version": 1,\n', /^broken\.json: not valid JSON: .* line 4, column 1\.$/],
    ['another JSON file', '{ "name": "not an export" }', /^other\.json: not an ML Career export: "format" is missing/],
    ['a bad entry', JSON.stringify({ format: 'ml-career-export', version: 1, exportedAt: '2026-01-01T00:00:00Z', extensionVersion: '0', roadmap: { id: 'x', name: 'y' }, progress: { version: 3, skills: { python: { status: 'mastered', changedAt: 1 } } } }), /^entry\.json: progress\.skills\.python\.status: /],
    ['a binary file', '\u0000\u00ff\ufffe', /^binary\.json: not valid JSON/],
  ] as const) {
    it(`refuses ${what} with a clear message naming the file, and changes nothing`, async () => {
      await someProgress();
      const before = JSON.stringify(api.progress.readStored());
      importFrom = file(`${what === 'broken JSON' ? 'broken' : what === 'another JSON file' ? 'other' : what === 'a bad entry' ? 'entry' : 'binary'}.json`, content);
      const result = await run(commands.importProgress);
      assert.equal(result.kind, 'refused');
      assert.match(result.kind === 'refused' ? result.error : '', expected);
      assert.equal(asked.length, 0, 'nothing was offered for confirmation');
      assert.equal(JSON.stringify(api.progress.readStored()), before);
    });
  }

  it('a declined import changes nothing; undo after an import restores every status, every note and the level', async () => {
    await someProgress();
    const before = stored();
    // A file from another machine, a minute ahead of this one: all of it is newer than what is stored here.
    const at = Date.now() + 60_000;
    importFrom = file(
      'newer.json',
      JSON.stringify({
        format: 'ml-career-export',
        version: 1,
        exportedAt: new Date(at).toISOString(),
        extensionVersion: '0.1.0',
        roadmap: { id: 'built-in', name: 'ML Career Companion (built-in)' },
        progress: {
          version: 4,
          skills: { python: { status: 'done', changedAt: at }, pytorch: { status: 'skipped', changedAt: at }, 'no-such-skill': { status: 'done', changedAt: at } },
          notes: { python: { text: 'From the other machine', changedAt: at }, 'no-such-skill': { text: 'Only in the file', changedAt: at } },
          currentLevel: { id: 'mid', changedAt: at },
        },
      }),
    );
    confirmAnswer = false;
    assert.equal((await run(commands.importProgress)).kind, 'cancelled');
    assert.ok(statesEqual(stored(), before), 'declining changed nothing');

    confirmAnswer = true;
    assert.equal((await run(commands.importProgress)).kind, 'applied');
    assert.equal(api.progress.store.status('python'), 'done');
    assert.equal(api.progress.store.note('python')?.text, 'From the other machine');
    assert.equal(api.progress.store.note('no-such-skill')?.text, 'Only in the file');
    assert.equal(api.progress.store.currentLevel(), 'mid');
    const pythonRow = asked.at(-1)?.noteRows.find((row) => row.id === 'python');
    assert.deepEqual([pythonRow?.ours?.text, pythonRow?.theirs.text, pythonRow?.change], [pythonNote, 'From the other machine', 'updated'], 'the confirmation was asked about the note too');

    assert.equal((await run(commands.undoImport)).kind, 'undone');
    const after = stored();
    for (const [id, entry] of before.skills) {
      assert.equal(after.skills.get(id)?.status, entry.status, id);
      assert.deepEqual(after.skills.get(id)?.proof, entry.proof, id);
    }
    assert.equal(after.skills.get('no-such-skill')?.status, 'not-started', 'an item only the import brought is not started again');
    assert.equal(api.progress.store.note('python')?.text, pythonNote, 'the note the import replaced is back');
    assert.equal(api.progress.store.note('no-such-skill'), undefined, 'a note only the import brought is deleted again');
    assert.equal(after.notes.get('python')?.text, pythonNote, 'and the restored note is stored');
    assert.equal(api.progress.store.currentLevel(), 'junior');
    assert.equal((await run(commands.undoImport)).kind, 'nothing to undo');
  });

  it('exports the promotion packet as an untitled Markdown document and the skill matrix as CSV, with notes and histories', async () => {
    await someProgress();
    const packet = await run(commands.exportPromotionPacket);
    assert.equal(packet.kind, 'opened');
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document?.isUntitled && document.languageId === 'markdown');
    const text = document.getText();
    assert.match(text, /^# Promotion packet\n/);
    assert.match(text, /\(current level\)/);
    const today = new Date().toISOString().slice(0, 10);
    const python = text.slice(text.indexOf('- **Python**'));
    assert.match(python, new RegExp(`^- \\*\\*Python\\*\\* \\([^)\n]*\\): Learning since ${today}\n  - History: [^\n]*Learning ${today}\n`), python.slice(0, 400));
    // The note, dated and quoted, with its Markdown and HTML escaped so the preview shows it as text.
    assert.ok(python.includes(`  - Note (${today}):\n    > Read \\*Fluent Python\\* \\<b\\>twice\\<\\/b\\>\n    > \\| and \\[a link\\]\\(javascript\\:alert\\(1\\)\\)\n`), python.slice(0, 400));

    saveTo = file('matrix.csv');
    assert.equal((await run(commands.exportSkillMatrix)).kind, 'saved');
    const rows = readFileSync(saveTo.fsPath, 'utf8').split('\r\n');
    assert.equal(rows[0], 'id,title,level,kind,status,changed,note,proof');
    assert.ok(rows.some((row) => row.startsWith('sql-data,') && row.includes(',done,')), rows.join('\n'));
    const noteColumn = (id: string): string | undefined => rows.find((row) => row.startsWith(`${id},`))?.split(',').at(-2);
    assert.equal(noteColumn('python'), 'yes', 'the skill with a note says so');
    assert.equal(noteColumn('sql-data'), 'no');
  });
});
