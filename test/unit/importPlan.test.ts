import * as assert from 'node:assert/strict';
import { fullExportJson } from '../../src/core/export/fullExport';
import { importPreviewMarkdown, planImport, runImport, undoImport, type ImportOutcome } from '../../src/core/export/importPlan';
import { maxClockDriftMs } from '../../src/core/progress/clock';
import { maxStoredNotes, maxStoredSkills, stateOf, statesEqual, toStored, type ProgressEntry, type ProgressState, type SkillNote } from '../../src/core/progress/state';
import { ProgressStore } from '../../src/core/progress/store';
import { fixedNow, fixedSource, hostileRoadmap } from './helpers/exportFixture';
import { SharedBackend } from './helpers/sharedBackend';

const roadmap = hostileRoadmap();
const proof = [{ folder: 'app', path: 'train.py', line: 3, rule: 'torch-import', text: 'import torch' }];

function state(entries: Record<string, ProgressEntry>, level?: { id: string; changedAt: number }, notes: Record<string, SkillNote> = {}): ProgressState {
  return stateOf(new Map(Object.entries(entries)), new Map(Object.entries(notes)), level);
}
const exportOf = (s: ProgressState): string => fullExportJson(fixedSource({ state: s }));
const imported = (s: ProgressState) => ({ state: s, exportedAt: '2026-11-26T09:00:00.000Z', extensionVersion: '0.1.0', roadmap: { id: 'team', name: 'Team ladder' } });

/** A store over a shared backend, as one window holds it, with a clock that stands still at `fixedNow`. */
function storeWith(initial: ProgressState): { store: ProgressStore; backend: SharedBackend } {
  const backend = new SharedBackend(toStored(initial));
  const store = new ProgressStore(backend, roadmap, { now: () => fixedNow });
  store.load();
  return { store, backend };
}

async function importInto(store: ProgressStore, file: string, answer = true): Promise<ImportOutcome> {
  return runImport(file, { current: () => store.snapshot, confirm: () => Promise.resolve(answer), apply: (change) => store.update(change) }, roadmap, fixedNow);
}

describe('import: plan and preview', () => {
  const ours = state({ 'skill-0': { status: 'learning', changedAt: 100 }, 'skill-1': { status: 'done', changedAt: 500 }, 'skill-2': { status: 'done', changedAt: 7 } }, { id: 'junior', changedAt: 10 });
  const theirs = state(
    { 'skill-0': { status: 'done', changedAt: 200, proof }, 'skill-1': { status: 'learning', changedAt: 400 }, 'skill-2': { status: 'done', changedAt: 7 }, 'gone-skill': { status: 'done', changedAt: 9 } },
    { id: 'mid', changedAt: 20 },
  );

  it('classifies each item by the two-window merge order: added, updated, kept, same', () => {
    const planned = planImport(ours, imported(theirs), roadmap, fixedNow);
    assert.ok(planned.ok);
    const { plan } = planned;
    assert.deepEqual(
      plan.rows.map((row) => [row.id, row.kind, row.change, row.result.status]),
      [
        ['skill-0', 'skill', 'updated', 'done'],
        ['skill-1', 'skill', 'kept', 'done'],
        ['skill-2', 'skill', 'same', 'done'],
        ['gone-skill', 'not in this roadmap', 'added', 'done'],
      ],
    );
    assert.deepEqual(plan.counts, { added: 1, updated: 2, kept: 1, same: 1 });
    assert.equal(plan.level?.change, 'updated');
    assert.equal(plan.level?.result.id, 'mid');
  });

  it('previews yours, the file and the result for every item that differs, escaped', () => {
    const planned = planImport(ours, imported(theirs), roadmap, fixedNow);
    assert.ok(planned.ok);
    const preview = importPreviewMarkdown(planned.plan, 'my <export>.json', 'ML Career Companion (built-in)');
    assert.ok(preview.includes('**1 added, 2 updated**'), preview);
    assert.ok(preview.includes('| **Python \\<script\\>alert\\(1\\)\\<\\/script\\>** (skill) | Learning 1970-01-01 00:00 UTC | Done 1970-01-01 00:00 UTC, 1 proof | Done 1970-01-01 00:00 UTC, 1 proof (updated from the file) |'), preview);
    assert.ok(preview.includes('(yours kept)'));
    assert.ok(!preview.includes('Skill 2'), 'items already the same are counted, not listed');
    assert.ok(preview.includes('my \\<export\\>\\.json'));
    assert.ok(preview.includes('yours: ML Career Companion \\(built\\-in\\)'));
  });

  const ourNotes = { 'skill-0': { text: 'Mine, older', changedAt: 100 }, 'skill-1': { text: 'Mine, newer', changedAt: 500 }, 'skill-2': { text: 'Same', changedAt: 7 }, 'mid-e2': { text: 'To be deleted', changedAt: 10 } };
  const theirNotes = {
    'skill-0': { text: 'Theirs: shipped the <b>churn</b> model\n| a pipe, and a second line that runs on for long enough to be cut short in the preview', changedAt: 200 },
    'skill-1': { text: 'Theirs, older', changedAt: 400 },
    'skill-2': { text: 'Same', changedAt: 7 },
    'mid-e2': { text: '', changedAt: 20 },
    'gone-skill': { text: 'Only in the file', changedAt: 9 },
  };

  it('classifies each note by the same order: added, updated (a deletion too), kept, same', () => {
    const planned = planImport(state({}, undefined, ourNotes), imported(state({}, undefined, theirNotes)), roadmap, fixedNow);
    assert.ok(planned.ok);
    const { plan } = planned;
    assert.deepEqual(plan.rows, []);
    assert.deepEqual(
      plan.noteRows.map((row) => [row.id, row.kind, row.change, row.ours?.text, row.result.text]),
      [
        ['skill-0', 'skill', 'updated', 'Mine, older', theirNotes['skill-0'].text],
        ['skill-1', 'skill', 'kept', 'Mine, newer', 'Mine, newer'],
        ['skill-2', 'skill', 'same', 'Same', 'Same'],
        ['mid-e2', 'expectation', 'updated', 'To be deleted', ''],
        ['gone-skill', 'not in this roadmap', 'added', undefined, 'Only in the file'],
      ],
    );
    assert.deepEqual(plan.counts, { added: 1, updated: 2, kept: 1, same: 1 });
    assert.deepEqual(plan.merged.notes.get('skill-0'), theirNotes['skill-0']);
  });

  it('previews yours, the file and the result for every note that differs: one escaped line each, deletions named', () => {
    const planned = planImport(state({}, undefined, ourNotes), imported(state({}, undefined, theirNotes)), roadmap, fixedNow);
    assert.ok(planned.ok);
    const preview = importPreviewMarkdown(planned.plan, 'notes.json', 'ML Career Companion (built-in)');
    const section = preview.slice(preview.indexOf('## Notes'));
    assert.ok(preview.includes('## Notes\n\n| Note on | Yours | The file | Result |'), preview);
    const fileNote = String.raw`“Theirs\: shipped the \<b\>churn\<\/b\> model \| a pipe\, and a secon…” 1970-01-01 00:00 UTC`;
    assert.ok(section.includes(String.raw`| **Python \<script\>alert\(1\)\<\/script\>** (skill) | “Mine\, older” 1970-01-01 00:00 UTC | ` + `${fileNote} | ${fileNote} (updated from the file) |`), section);
    assert.ok(section.includes('| “To be deleted” 1970-01-01 00:00 UTC | deleted 1970-01-01 00:00 UTC | deleted 1970-01-01 00:00 UTC (updated from the file) |'), section);
    assert.ok(section.includes(String.raw`| **gone\-skill** (not in this roadmap) | (none) | “Only in the file” 1970-01-01 00:00 UTC |`), section);
    assert.ok(section.includes('(yours kept)'));
    assert.ok(!section.includes('Same'), 'notes already the same are counted, not listed');
    // The heading, a blank line, the table's head and rule, then one line per differing note: no line break of a note reaches the table.
    assert.equal(section.trimEnd().split('\n').length, 4 + 4);
  });

  it('redates times from the far future to now, as storage does', () => {
    const planned = planImport(state({}), imported(state({ 'skill-0': { status: 'done', changedAt: fixedNow + maxClockDriftMs + 1 } })), roadmap, fixedNow);
    assert.ok(planned.ok);
    assert.equal(planned.plan.merged.skills.get('skill-0')?.changedAt, fixedNow);
  });

  it('refuses an import that would keep more items than progress can hold', () => {
    const many = (prefix: string) => state(Object.fromEntries(Array.from({ length: maxStoredSkills / 2 + 1 }, (_, i) => [`${prefix}-${i}`, { status: 'done' as const, changedAt: 1 }])));
    const planned = planImport(many('a'), imported(many('b')), roadmap, fixedNow);
    assert.equal(planned.ok, false);
    assert.match(planned.ok ? '' : planned.error, /10002 items, more than the 10000/);
  });

  it('refuses an import that would keep more notes than progress can hold', () => {
    const many = (prefix: string) => state({}, undefined, Object.fromEntries(Array.from({ length: maxStoredNotes / 2 + 1 }, (_, i) => [`${prefix}-${i}`, { text: 'n', changedAt: 1 }])));
    const planned = planImport(many('a'), imported(many('b')), roadmap, fixedNow);
    assert.equal(planned.ok, false);
    assert.match(planned.ok ? '' : planned.error, /2002 notes \(deleted ones included\), more than the 2000/);
  });
});

describe('import: applied through the store, and undone', () => {
  const before = state({ 'skill-0': { status: 'learning', changedAt: 100, proof }, 'skill-1': { status: 'done', changedAt: 500 } }, { id: 'junior', changedAt: 10 });
  const file = exportOf(state({ 'skill-0': { status: 'done', changedAt: 200 }, 'skill-1': { status: 'learning', changedAt: 400 }, 'skill-3': { status: 'skipped', changedAt: 300 } }, { id: 'mid', changedAt: 20 }));

  it('applies only after a yes, keeping the dates of the file, and stores the result', async () => {
    const { store, backend } = storeWith(before);
    assert.equal((await importInto(store, file, false)).kind, 'cancelled');
    assert.ok(statesEqual(store.snapshot, before));
    assert.equal(backend.writes, 0);
    const outcome = await importInto(store, file);
    assert.equal(outcome.kind, 'applied');
    assert.deepEqual(store.entry('skill-0'), { status: 'done', changedAt: 200 });
    assert.deepEqual(store.entry('skill-1'), { status: 'done', changedAt: 500 });
    assert.deepEqual(store.entry('skill-3'), { status: 'skipped', changedAt: 300 });
    assert.equal(store.currentLevel(), 'mid');
    assert.equal(backend.writes, 1);
    assert.equal((await importInto(store, file)).kind, 'unchanged', 'importing the same file again changes nothing');
  });

  it('undo puts back every status, proof and the level as they were; items the import added go back to not started', async () => {
    const { store } = storeWith(before);
    const outcome = await importInto(store, file);
    assert.ok(outcome.kind === 'applied');
    await store.update(undoImport(outcome.record));
    assert.equal(store.status('skill-0'), 'learning');
    assert.deepEqual(store.proof('skill-0'), proof);
    assert.equal(store.status('skill-1'), 'done');
    assert.equal(store.status('skill-3'), 'not-started');
    assert.equal(store.currentLevel(), 'junior');
    // Dated after the import, so the undo wins in every other window too.
    assert.ok((store.entry('skill-0')?.changedAt ?? 0) > 200);
  });

  it('undo leaves alone an item changed after the import, and removes a level the import brought to progress that had none', async () => {
    const { store } = storeWith(state({ 'skill-0': { status: 'learning', changedAt: 100 } }));
    const outcome = await importInto(store, file);
    assert.ok(outcome.kind === 'applied');
    await store.setStatus('skill-3', 'done');
    await store.update(undoImport(outcome.record));
    assert.equal(store.status('skill-3'), 'done');
    assert.equal(store.status('skill-0'), 'learning');
    assert.equal(store.snapshot.currentLevel, undefined);
  });

  it('a failed write takes the import back entirely, and throws', async () => {
    const { store, backend } = storeWith(before);
    backend.failWrites = new Error('disk full');
    await assert.rejects(importInto(store, file), /disk full/);
    assert.ok(statesEqual(store.snapshot, before), JSON.stringify([...store.snapshot.skills]));
  });
});

describe('import: notes applied through the store, and undone', () => {
  const before = state({ 'skill-0': { status: 'learning', changedAt: 100 } }, undefined, { 'skill-0': { text: 'Mine', changedAt: 100 }, 'skill-1': { text: 'Mine, newer', changedAt: 500 }, 'mid-e2': { text: '', changedAt: 50 } });
  const file = exportOf(state({}, undefined, { 'skill-0': { text: 'Theirs', changedAt: 200 }, 'skill-1': { text: 'Theirs, older', changedAt: 400 }, 'skill-3': { text: 'New from the file', changedAt: 300 }, 'mid-e2': { text: 'Brought back', changedAt: 60 } }));

  it('applies the newer note of each item with the dates of the file', async () => {
    const { store } = storeWith(before);
    const outcome = await importInto(store, file);
    assert.ok(outcome.kind === 'applied');
    assert.deepEqual(store.note('skill-0'), { text: 'Theirs', changedAt: 200 });
    assert.deepEqual(store.note('skill-1'), { text: 'Mine, newer', changedAt: 500 });
    assert.deepEqual(store.note('skill-3'), { text: 'New from the file', changedAt: 300 });
    assert.deepEqual(store.note('mid-e2'), { text: 'Brought back', changedAt: 60 });
    assert.equal((await importInto(store, file)).kind, 'unchanged', 'importing the same file again changes nothing');
  });

  it('undo puts back every note the import changed, dated now; a note it added becomes a deleted note', async () => {
    const { store, backend } = storeWith(before);
    const outcome = await importInto(store, file);
    assert.ok(outcome.kind === 'applied');
    const importedAt = store.snapshot.notes.get('skill-0')?.changedAt ?? 0;
    await store.update(undoImport(outcome.record));
    const undoneAt = store.snapshot.notes.get('skill-0')?.changedAt ?? 0;
    // Dated after everything the import brought, so the undo wins in every other window too.
    assert.ok(undoneAt > importedAt && undoneAt > 300, `${undoneAt}`);
    assert.deepEqual(store.note('skill-0'), { text: 'Mine', changedAt: undoneAt });
    assert.deepEqual(store.note('skill-1'), { text: 'Mine, newer', changedAt: 500 }, 'a note the import kept is not touched');
    assert.equal(store.note('skill-3'), undefined);
    assert.deepEqual(store.snapshot.notes.get('skill-3'), { text: '', changedAt: undoneAt }, 'a dated deletion, so other windows drop the note too');
    assert.deepEqual(store.snapshot.notes.get('mid-e2'), { text: '', changedAt: undoneAt }, 'a note deleted before the import is deleted again');
    assert.deepEqual(backend.value, JSON.parse(JSON.stringify(toStored(store.snapshot))), 'the undo is stored');
  });

  it('undo leaves alone a note edited after the import', async () => {
    const { store } = storeWith(before);
    const outcome = await importInto(store, file);
    assert.ok(outcome.kind === 'applied');
    await store.setNote('skill-0', 'Edited after the import');
    await store.setNote('skill-3', '');
    const deletion = store.snapshot.notes.get('skill-3');
    await store.update(undoImport(outcome.record));
    assert.equal(store.note('skill-0')?.text, 'Edited after the import');
    assert.equal(store.snapshot.notes.get('skill-3'), deletion, 'the deletion made after the import stays as it was');
    assert.equal(store.note('skill-1')?.text, 'Mine, newer');
  });

  it('a failed write takes back the notes the import brought, and throws', async () => {
    const { store, backend } = storeWith(before);
    backend.failWrites = new Error('disk full');
    await assert.rejects(importInto(store, file), /disk full/);
    assert.ok(statesEqual(store.snapshot, before), JSON.stringify([...store.snapshot.notes]));
    assert.equal(store.note('skill-0')?.text, 'Mine');
    assert.equal(store.note('skill-3'), undefined);
  });
});
