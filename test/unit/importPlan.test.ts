import * as assert from 'node:assert/strict';
import { fullExportJson } from '../../src/core/export/fullExport';
import { importPreviewMarkdown, planImport, runImport, undoImport, type ImportOutcome } from '../../src/core/export/importPlan';
import { maxClockDriftMs } from '../../src/core/progress/clock';
import { maxStoredSkills, stateOf, statesEqual, type ProgressEntry, type ProgressState } from '../../src/core/progress/state';
import { ProgressStore } from '../../src/core/progress/store';
import { fixedNow, fixedSource, hostileRoadmap } from './helpers/exportFixture';
import { SharedBackend } from './helpers/sharedBackend';

const roadmap = hostileRoadmap();
const proof = [{ folder: 'app', path: 'train.py', line: 3, rule: 'torch-import', text: 'import torch' }];

function state(entries: Record<string, ProgressEntry>, level?: { id: string; changedAt: number }): ProgressState {
  return stateOf(new Map(Object.entries(entries)), new Map(), level);
}
const exportOf = (s: ProgressState): string => fullExportJson(fixedSource({ state: s }));
const imported = (s: ProgressState) => ({ state: s, exportedAt: '2026-11-26T09:00:00.000Z', extensionVersion: '0.1.0', roadmap: { id: 'team', name: 'Team ladder' } });

/** A store over a shared backend, as one window holds it, with a clock that stands still at `fixedNow`. */
function storeWith(initial: ProgressState): { store: ProgressStore; backend: SharedBackend } {
  const backend = new SharedBackend({ version: 3, skills: Object.fromEntries(initial.skills), ...(initial.currentLevel ? { currentLevel: initial.currentLevel } : {}) });
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
