import * as assert from 'node:assert/strict';
import { currentStateVersion, mergeStates, parseStoredState, toStored, type ProgressState, type StoredState } from '../../src/core/progress/state';
import { ProgressStore } from '../../src/core/progress/store';
import { indexRoadmap } from '../../src/core/roadmap/roadmap';
import { SharedBackend } from './helpers/sharedBackend';
import { syntheticIndex, syntheticRoadmap } from './helpers/syntheticRoadmap';

/** Two windows over one shared globalState, both loaded. */
function twoWindows(roadmap: ReturnType<typeof syntheticIndex>) {
  const backend = new SharedBackend();
  const now = clock();
  const a = new ProgressStore(backend, roadmap, { now });
  const b = new ProgressStore(backend, roadmap, { now });
  a.load();
  b.load();
  return { backend, a, b };
}

function clock(start = 1_000): () => number {
  let t = start;
  return () => (t += 10);
}

/** The state a stored value holds (the value must be valid). */
function stateOf(raw: unknown): ProgressState {
  const parsed = parseStoredState(raw);
  assert.equal(parsed.kind, 'ok', JSON.stringify(parsed));
  return (parsed as { state: ProgressState }).state;
}

describe('stored progress: schema and migration', () => {
  it('reads nothing stored as empty', () => {
    assert.deepEqual(parseStoredState(undefined), { kind: 'empty' });
  });

  it('migrates version 1 (statuses only) to the current version', () => {
    const parsed = parseStoredState({ version: 1, statuses: { python: 'done', 'gone-skill': 'learning' } });
    assert.equal(parsed.kind, 'ok');
    if (parsed.kind !== 'ok') return;
    assert.equal(parsed.migratedFrom, 1);
    assert.deepEqual(toStored(parsed.state), { version: currentStateVersion, skills: { python: { status: 'done', changedAt: 0 }, 'gone-skill': { status: 'learning', changedAt: 0 } } });
  });

  it('reports corrupt state with where it is wrong instead of throwing', () => {
    for (const raw of ['garbage', 42, { version: 2, skills: { python: { status: 'mastered', changedAt: 1 } } }, { version: 2, skills: [] }, { version: 1, statuses: 'x' }]) {
      const parsed = parseStoredState(raw);
      assert.equal(parsed.kind, 'invalid', JSON.stringify(raw));
    }
    const parsed = parseStoredState({ version: 2, skills: { python: { status: 'mastered', changedAt: 1 } } });
    assert.match(parsed.kind === 'invalid' ? parsed.reason : '', /skills\.python\.status/);
  });

  it('recognises state written by a newer version', () => {
    assert.deepEqual(parseStoredState({ version: 99, whatever: true }), { kind: 'newer', version: 99 });
  });
});

describe('merge', () => {
  it('takes the newest entry per skill and the newest current level', () => {
    const a = stateOf({ version: 2, skills: { x: { status: 'done', changedAt: 5 }, y: { status: 'learning', changedAt: 1 } }, currentLevel: { id: 'mid', changedAt: 9 } });
    const b = stateOf({ version: 2, skills: { x: { status: 'learning', changedAt: 3 }, y: { status: 'skipped', changedAt: 2 }, z: { status: 'done', changedAt: 1 } }, currentLevel: { id: 'junior', changedAt: 4 } });
    const merged = mergeStates(a, b);
    assert.deepEqual(toStored(merged).skills, { x: { status: 'done', changedAt: 5 }, y: { status: 'skipped', changedAt: 2 }, z: { status: 'done', changedAt: 1 } });
    assert.equal(merged.currentLevel?.id, 'mid');
    assert.deepEqual(mergeStates(b, a), merged);
  });
});

describe('progress store', () => {
  const roadmap = syntheticIndex(10);

  it('keeps ids the current content does not know', async () => {
    const backend = new SharedBackend({ version: 2, skills: { 'from-the-future': { status: 'done', changedAt: 1 } } });
    const store = new ProgressStore(backend, roadmap, { now: clock() });
    assert.equal(store.load(), undefined);
    await store.setStatus('skill-1', 'done');
    assert.deepEqual((backend.value as StoredState).skills['from-the-future'], { status: 'done', changedAt: 1 });
  });

  it('finds progress stored under a renamed id', async () => {
    const data = syntheticRoadmap(3);
    data.groups[0]!.skills[0]!.renamedFrom = ['old-id'];
    const store = new ProgressStore(new SharedBackend({ version: 2, skills: { 'old-id': { status: 'learning', changedAt: 1 } } }), indexRoadmap(data), { now: clock() });
    store.load();
    assert.equal(store.status('skill-0'), 'learning');
    await store.setStatus('old-id', 'done');
    assert.equal(store.status('skill-0'), 'done');
  });

  it('returns corrupt state for backup and does not write until the user changes something', () => {
    const backend = new SharedBackend({ version: 2, skills: 'oops' });
    const store = new ProgressStore(backend, roadmap, { now: clock() });
    const problem = store.load();
    assert.equal(problem?.kind, 'invalid');
    assert.deepEqual(problem?.kind === 'invalid' ? problem.raw : undefined, { version: 2, skills: 'oops' });
    assert.equal(backend.writes, 0);
    assert.equal(store.status('skill-0'), 'not-started');
  });

  it('never overwrites state from a newer version', async () => {
    const backend = new SharedBackend({ version: 7, data: 'precious' });
    const store = new ProgressStore(backend, roadmap, { now: clock() });
    assert.equal(store.load()?.kind, 'newer');
    await assert.rejects(store.setStatus('skill-0', 'done'), /newer version/);
    assert.deepEqual(backend.value, { version: 7, data: 'precious' });
  });

  it('two windows do not overwrite each other and pick up each other’s changes', async () => {
    const { backend, a: windowA, b: windowB } = twoWindows(roadmap);
    await windowA.setStatus('skill-0', 'done');
    // Window B has not refreshed yet: its write must merge, not replace.
    await windowB.setStatus('skill-1', 'learning');
    const stored = backend.value as StoredState;
    assert.equal(stored.skills['skill-0']?.status, 'done');
    assert.equal(stored.skills['skill-1']?.status, 'learning');

    let fired = 0;
    windowA.onDidChange(() => fired++);
    assert.equal(windowA.refresh(), true);
    assert.equal(fired, 1);
    assert.equal(windowA.status('skill-1'), 'learning');
    assert.equal(windowA.refresh(), false, 'nothing new: no change event');

    // The same skill changed in both: the newer change wins everywhere.
    await windowA.setStatus('skill-2', 'skipped');
    await windowB.setStatus('skill-2', 'done');
    windowA.refresh();
    assert.equal(windowA.status('skill-2'), 'done');
    assert.equal(windowB.status('skill-2'), 'done');
  });

  it('reset reaches other windows, keeps the current level, and undo restores what it changed', async () => {
    const { a, b } = twoWindows(roadmap);
    await a.setStatus(['skill-0', 'skill-1'], 'done');
    await a.setCurrentLevel('mid');
    b.refresh();
    const record = await a.reset();
    assert.equal(a.status('skill-0'), 'not-started');
    assert.equal(a.currentLevel(), 'mid', 'reset is about skills; the level stays');
    b.refresh();
    assert.equal(b.status('skill-0'), 'not-started', 'the reset is dated, so it wins over older entries');
    await a.undoReset(record);
    b.refresh();
    assert.equal(b.status('skill-1'), 'done');
    assert.equal(b.status('skill-0'), 'done');
  });

  it('undo after a reset keeps changes made since the reset, in any window', async () => {
    const { a, b } = twoWindows(roadmap);
    await a.setStatus(['skill-0', 'skill-1', 'skill-2'], 'learning');
    const record = await a.reset();
    await a.setStatus('skill-0', 'done');
    b.refresh();
    await b.setStatus('skill-1', 'skipped');
    await a.undoReset(record);
    assert.equal(a.status('skill-0'), 'done');
    assert.equal(a.status('skill-1'), 'skipped');
    assert.equal(a.status('skill-2'), 'learning');
  });

  it('writes back what only this window has when storage was replaced behind its back (a sync conflict)', async () => {
    const backend = new SharedBackend();
    const store = new ProgressStore(backend, roadmap, { now: clock() });
    store.load();
    await store.setStatus('skill-0', 'done');
    backend.value = { version: 2, skills: { 'skill-5': { status: 'learning', changedAt: 1 } } };
    assert.equal(store.refresh(), true);
    const stored = backend.value as StoredState;
    assert.equal(stored.skills['skill-0']?.status, 'done', 'this window’s change is back in storage');
    assert.equal(stored.skills['skill-5']?.status, 'learning');
    const writes = backend.writes;
    assert.equal(store.refresh(), false);
    assert.equal(backend.writes, writes, 'nothing to write once storage has everything');
  });

  it('turns read-only when a newer version’s state arrives mid-session, and never overwrites it', async () => {
    const backend = new SharedBackend();
    const problems: string[] = [];
    const store = new ProgressStore(backend, roadmap, { now: clock(), onProblem: (p) => problems.push(p.kind) });
    store.load();
    await store.setStatus('skill-0', 'done');
    backend.value = { version: currentStateVersion + 1, future: true };
    assert.equal(store.refresh(), false);
    await assert.rejects(store.setStatus('skill-1', 'done'), /newer version/);
    assert.deepEqual(backend.value, { version: currentStateVersion + 1, future: true });
    assert.deepEqual(problems, ['newer']);
  });

  it('hands unreadable state that appears mid-session to be backed up before writing over it', async () => {
    const backend = new SharedBackend();
    const backedUp: unknown[] = [];
    const store = new ProgressStore(backend, roadmap, { now: clock(), onProblem: (p) => p.kind === 'invalid' && backedUp.push(p.raw) });
    store.load();
    await store.setStatus('skill-0', 'done');
    backend.value = { version: 2, skills: 'garbled' };
    store.refresh();
    store.refresh();
    assert.deepEqual(backedUp, [{ version: 2, skills: 'garbled' }], 'reported once, with the raw value');
    assert.equal((backend.value as StoredState).skills['skill-0']?.status, 'done', 'then this window’s state is stored again');
  });

  it('survives a reload: a new store over the same backend sees everything', async () => {
    const backend = new SharedBackend();
    const first = new ProgressStore(backend, roadmap, { now: clock() });
    first.load();
    await first.setStatus('skill-3', 'skipped');
    await first.setCurrentLevel('senior');
    const second = new ProgressStore(backend, roadmap, { now: clock() });
    assert.equal(second.load(), undefined);
    assert.equal(second.status('skill-3'), 'skipped');
    assert.equal(second.currentLevel(), 'senior');
  });
});
