import * as assert from 'node:assert/strict';
import { maxStoredSkills, parseStoredState, type StoredState } from '../../src/core/progress/state';
import { ProgressStore } from '../../src/core/progress/store';
import { SharedBackend } from './helpers/sharedBackend';
import { syntheticIndex } from './helpers/syntheticRoadmap';

const roadmap = syntheticIndex(10);
const hour = 3_600_000;
const stored = (backend: SharedBackend) => backend.value as StoredState;

/** A wall clock at a fixed offset from a shared "real" time that the test moves (changes within one ms are common). */
function skewedClock(real: { t: number }, offset: number): () => number {
  return () => real.t + offset;
}

describe('progress hardening: clock skew', () => {
  it('a change made here wins over an entry a machine with a fast clock synced in', async () => {
    const real = { t: 1_000_000 };
    // The other machine's clock ran an hour ahead when it marked the skill done.
    const backend = new SharedBackend({ version: 2, skills: { 'skill-0': { status: 'done', changedAt: real.t + hour } } });
    const store = new ProgressStore(backend, roadmap, { now: skewedClock(real, 0) });
    const otherWindow = new ProgressStore(backend, roadmap, { now: skewedClock(real, 0) });
    store.load();
    otherWindow.load();
    await store.setStatus('skill-0', 'learning');
    assert.equal(store.status('skill-0'), 'learning');
    assert.equal(stored(backend).skills['skill-0']?.status, 'learning');
    otherWindow.refresh();
    assert.equal(otherWindow.status('skill-0'), 'learning', 'the change also wins where the fast entry was seen');
  });

  it('an entry dated Number.MAX_SAFE_INTEGER does not lock a skill, through a change or a reset, and is repaired', async () => {
    const real = { t: 1_000_000 };
    const backend = new SharedBackend({ version: 2, skills: { 'skill-0': { status: 'done', changedAt: Number.MAX_SAFE_INTEGER }, 'skill-1': { status: 'done', changedAt: Number.MAX_SAFE_INTEGER } } });
    const store = new ProgressStore(backend, roadmap, { now: skewedClock(real, 0) });
    store.load();
    await store.setStatus('skill-0', 'learning');
    assert.equal(store.status('skill-0'), 'learning');
    await store.reset();
    assert.equal(store.status('skill-1'), 'not-started');
    for (const entry of Object.values(stored(backend).skills)) {
      assert.ok(Number.isSafeInteger(entry.changedAt) && entry.changedAt < real.t + 2 * 24 * hour, `repaired: ${entry.changedAt}`);
    }
  });

  it('a change in a window whose clock is 1 ms behind wins over a reset it has just seen, and a reset wins over what it has seen', async () => {
    const real = { t: 1_000_000 };
    const backend = new SharedBackend();
    const ahead = new ProgressStore(backend, roadmap, { now: skewedClock(real, 1) });
    const behind = new ProgressStore(backend, roadmap, { now: skewedClock(real, 0) });
    ahead.load();
    behind.load();
    await behind.setStatus('skill-0', 'done');
    real.t++;
    // Within the same millisecond: the reset is dated 1 ms after the change the user makes next, behind.
    await ahead.reset();
    await behind.setStatus('skill-0', 'learning');
    assert.equal(behind.status('skill-0'), 'learning');
    ahead.refresh();
    assert.equal(ahead.status('skill-0'), 'learning');
    await behind.setStatus('skill-1', 'done');
    await ahead.reset();
    behind.refresh();
    assert.equal(behind.status('skill-1'), 'not-started');
  });
});

describe('progress hardening: ids', () => {
  it('refuses to store ids its own schema rejects, writing nothing', async () => {
    const backend = new SharedBackend();
    const store = new ProgressStore(backend, roadmap, { now: skewedClock({ t: 1 }, 0) });
    store.load();
    for (const bad of ['', 'x'.repeat(201)]) {
      await assert.rejects(store.setStatus(bad, 'done'), /skill id/i);
    }
    await assert.rejects(store.setCurrentLevel(''), /level id/i);
    assert.equal(backend.writes, 0);
    assert.equal(parseStoredState(backend.value).kind, 'empty');
  });

  it('keeps ids named like Object.prototype members that another window stored', async () => {
    const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];
    const skills = Object.fromEntries(names.map((id) => [id, { status: 'done', changedAt: 5 }]));
    // JSON.parse makes "__proto__" an own key, as globalState's JSON does.
    const backend = new SharedBackend(JSON.parse(JSON.stringify({ version: 2, skills })));
    const store = new ProgressStore(backend, roadmap, { now: skewedClock({ t: 10 }, 0) });
    assert.equal(store.load(), undefined);
    for (const id of names) assert.equal(store.status(id), 'done', id);
    await store.setStatus('skill-0', 'done');
    backend.value = JSON.parse(JSON.stringify({ version: 2, skills: { ...JSON.parse(JSON.stringify(skills)), 'skill-9': { status: 'learning', changedAt: 6 } } }));
    store.refresh();
    await store.setStatus('toString', 'learning');
    const keys = Object.keys(stored(backend).skills).sort();
    assert.deepEqual(keys, [...names, 'skill-0', 'skill-9'].sort());
    assert.equal(stored(backend).skills['toString']?.status, 'learning');
  });
});

describe('progress hardening: failed saves', () => {
  it('a failed write rolls back what this window shows, and no later refresh writes it', async () => {
    const backend = new SharedBackend();
    const store = new ProgressStore(backend, roadmap, { now: skewedClock({ t: 1 }, 0) });
    store.load();
    await store.setStatus('skill-0', 'learning');
    const seen: string[] = [];
    store.onDidChange(() => seen.push(store.status('skill-0')));
    backend.failWrites = new Error('disk full');
    await assert.rejects(store.setStatus('skill-0', 'done'), /disk full/);
    assert.equal(store.status('skill-0'), 'learning', 'the window shows what is stored');
    assert.equal(seen.at(-1), 'learning', 'listeners were told about the rollback');
    backend.failWrites = undefined;
    const writes = backend.writes;
    store.refresh();
    assert.equal(backend.writes, writes, 'nothing written behind the user’s back');
    assert.equal(stored(backend).skills['skill-0']?.status, 'learning');
  });

  it('reports a failed write-back instead of swallowing it', async () => {
    const backend = new SharedBackend();
    const failures: unknown[] = [];
    const store = new ProgressStore(backend, roadmap, { now: skewedClock({ t: 1 }, 0), onWriteBackFailed: (error) => failures.push(error) });
    store.load();
    await store.setStatus('skill-0', 'done');
    backend.value = { version: 2, skills: {} };
    backend.failWrites = new Error('quota');
    store.refresh();
    await store.flush();
    assert.equal(failures.length, 1);
    assert.match(String(failures[0]), /quota/);
  });

  it('flush waits for writes in flight', async () => {
    let release!: () => void;
    const backend = new SharedBackend();
    const slow = { read: () => backend.read(), write: (v: unknown) => new Promise<void>((resolve) => (release = () => void backend.write(v).then(resolve))) };
    const store = new ProgressStore(slow, roadmap, { now: skewedClock({ t: 1 }, 0) });
    store.load();
    const pending = store.setStatus('skill-0', 'done');
    let flushed = false;
    const flush = store.flush().then(() => (flushed = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(flushed, false);
    release();
    await Promise.all([pending, flush]);
    assert.equal(flushed, true);
    assert.equal(stored(backend).skills['skill-0']?.status, 'done');
  });
});

describe('progress hardening: refresh cost', () => {
  it('does not parse storage again when the stored value has not changed', () => {
    let reads = 0;
    const skills = new Proxy(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`s${i}`, { status: 'done', changedAt: 1 }])), {
      get: (target, key, receiver) => {
        reads++;
        return Reflect.get(target, key, receiver);
      },
      ownKeys: (target) => {
        reads++;
        return Reflect.ownKeys(target);
      },
    });
    const value = { version: 2, skills };
    const store = new ProgressStore({ read: () => value, write: () => Promise.resolve() }, roadmap, { now: skewedClock({ t: 10 }, 0) });
    store.load();
    const afterLoad = reads;
    assert.ok(afterLoad > 0);
    for (let i = 0; i < 10; i++) store.refresh();
    assert.equal(reads, afterLoad, 'an unchanged stored value is not read again');
  });

  it('bounds the stored state: too many entries is a clear problem, not a slow window', () => {
    const skills = Object.fromEntries(Array.from({ length: maxStoredSkills + 1 }, (_, i) => [`s${i}`, { status: 'done', changedAt: 1 }]));
    const parsed = parseStoredState({ version: 2, skills });
    assert.equal(parsed.kind, 'invalid');
    assert.match(parsed.kind === 'invalid' ? parsed.reason : '', new RegExp(`${maxStoredSkills}`));
  });
});
