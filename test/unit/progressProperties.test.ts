import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { maxClockDriftMs } from '../../src/core/progress/clock';
import { maxProofTextLength, maxStoredProof, type StoredProof } from '../../src/core/progress/proof';
import { maxNoteLength } from '../../src/core/progress/state';
import { currentStateVersion, maxStatusHistory, mergeStates, parseStoredState, statesEqual, toStored, type ProgressState, type StoredState } from '../../src/core/progress/state';
import { skillStatuses, type SkillStatus } from '../../src/core/progress/status';
import { ProgressStore } from '../../src/core/progress/store';
import { assertProperty, propertyRuns } from './helpers/property';
import { SharedBackend } from './helpers/sharedBackend';
import { syntheticIndex } from './helpers/syntheticRoadmap';

const roadmap = syntheticIndex(6);
const skillIds = roadmap.skills.map((s) => s.id);
const levelIds = roadmap.levels.map((l) => l.id);

// Ids another window or machine may store: roadmap ids, unknown ones, and names of Object.prototype members.
const storedId = fc.oneof(fc.constantFrom(...skillIds, 'constructor', '__proto__', 'toString', 'hasOwnProperty'), fc.string({ minLength: 1, maxLength: 12 }));
const status = fc.constantFrom(...skillStatuses);
// Few distinct times, so ties (the hard case for a merge) are common.
const time = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 2 ** 40 }));
// Few distinct values, so equally dated entries that differ only in proof (a merge tie) are common.
const proofItem: fc.Arbitrary<StoredProof> = fc.record(
  {
    folder: fc.constantFrom('app', 'lib', '__proto__'),
    path: fc.constantFrom('train.py', 'src/model.py', 'Dockerfile'),
    line: fc.integer({ min: 1, max: 3 }),
    cell: fc.integer({ min: 1, max: 2 }),
    rule: fc.constantFrom('torch-import', 'docker-from'),
    text: fc.string({ maxLength: maxProofTextLength }),
    commit: fc.constantFrom('0123456789abcdef0123456789abcdef01234567'),
    remote: fc.constantFrom('https://github.com/me/app.git'),
  },
  { requiredKeys: ['folder', 'path', 'line', 'rule', 'text'] },
);
// Few distinct histories and notes too, so equally dated ones that differ only there are common.
const history = fc.array(fc.record({ status, at: time }), { minLength: 1, maxLength: 3 });
const entry = fc.record({ status, changedAt: time, proof: fc.array(proofItem, { minLength: 1, maxLength: 3 }), history }, { requiredKeys: ['status', 'changedAt'] });
const note = fc.record({ text: fc.oneof(fc.constantFrom('', 'a', 'b', '<script>'), fc.string({ maxLength: 20 })), changedAt: time });
const storedState: fc.Arbitrary<StoredState> = fc.record(
  {
    version: fc.constant(currentStateVersion),
    skills: fc.array(fc.tuple(storedId, entry), { maxLength: 8 }).map((entries) => Object.fromEntries(entries)),
    notes: fc.array(fc.tuple(storedId, note), { maxLength: 6 }).map((notes) => Object.fromEntries(notes)),
    currentLevel: fc.record({ id: storedId, changedAt: time }),
  },
  { requiredKeys: ['version', 'skills'] },
);
const state: fc.Arbitrary<ProgressState> = storedState.map((raw) => {
  const parsed = parseStoredState(JSON.parse(JSON.stringify(raw)));
  if (parsed.kind !== 'ok') throw new Error(`generator made an invalid state: ${JSON.stringify(parsed)}`);
  return parsed.state;
});

describe('stored progress: properties', () => {
  it('parsing arbitrary values never throws, and accepts only what it can store again unchanged', () => {
    const hostile = fc.oneof(fc.anything({ withObjectString: true, withNullPrototype: true }), fc.jsonValue(), storedState.map((s) => ({ ...s, extra: 1 })), storedState);
    assertProperty(
      fc.property(hostile, (raw) => {
        const parsed = parseStoredState(raw);
        if (parsed.kind !== 'ok') return;
        const again = parseStoredState(JSON.parse(JSON.stringify(toStored(parsed.state))));
        assert.equal(again.kind, 'ok');
        assert.ok(again.kind === 'ok' && statesEqual(again.state, parsed.state));
      }),
    );
  });

  it('a stored state survives JSON round trips with every id, "__proto__" included', () => {
    assertProperty(
      fc.property(storedState, (raw) => {
        const json = JSON.parse(JSON.stringify(raw)) as StoredState;
        const parsed = parseStoredState(json);
        assert.equal(parsed.kind, 'ok');
        if (parsed.kind !== 'ok') return;
        assert.deepEqual(Object.keys(toStored(parsed.state).skills).sort(), Object.keys(json.skills).sort());
        assert.deepEqual(Object.keys(toStored(parsed.state).notes ?? {}).sort(), Object.keys(json.notes ?? {}).sort());
        // Stored again exactly as it was, except that an empty notes record is left out.
        const { notes, ...rest } = json;
        assert.deepEqual(JSON.parse(JSON.stringify(toStored(parsed.state))), notes && Object.keys(notes).length > 0 ? json : rest);
      }),
    );
  });

  it('versions 2 (no proof) and 3 (no history, no notes) migrate unchanged, and refuse what they did not have', () => {
    assertProperty(
      fc.property(storedState, fc.constantFrom(2, 3), (raw, version) => {
        const older = Object.fromEntries(
          Object.entries(raw.skills).map(([id, e]) => [id, version === 2 || !e.proof ? { status: e.status, changedAt: e.changedAt } : { status: e.status, changedAt: e.changedAt, proof: e.proof }]),
        );
        const { notes, ...withoutNotes } = raw;
        const stored = JSON.parse(JSON.stringify({ ...withoutNotes, version, skills: older })) as unknown;
        const parsed = parseStoredState(stored);
        assert.ok(parsed.kind === 'ok' && parsed.migratedFrom === version, JSON.stringify(parsed));
        assert.deepEqual(JSON.parse(JSON.stringify(toStored(parsed.state))), { ...(stored as object), version: currentStateVersion });
        assert.equal(parsed.state.notes.size, 0);
        if (notes && Object.keys(notes).length > 0) assert.equal(parseStoredState({ ...(stored as object), notes }).kind, 'invalid', `version ${version} has no notes`);
        const withHistory = Object.keys(raw.skills).find((id) => raw.skills[id]?.history);
        if (withHistory !== undefined) {
          const skills = { ...(stored as { skills: object }).skills, [withHistory]: raw.skills[withHistory] };
          assert.equal(parseStoredState({ ...(stored as object), skills }).kind, 'invalid', `version ${version} has no history`);
        }
      }),
    );
  });

  it('notes and histories past their bounds are refused, with where', () => {
    assertProperty(
      fc.property(storedState, fc.nat(5), (raw, pick) => {
        const copy = JSON.parse(JSON.stringify(raw)) as { skills: Record<string, { history?: unknown[] }>; notes?: Record<string, { text: unknown; extra?: number }> };
        const [noteId, someNote] = Object.entries(copy.notes ?? {})[0] ?? [];
        const [entryId, someEntry] = Object.entries(copy.skills).find(([, e]) => e.history) ?? [];
        const breakIt = [
          () => someNote && (someNote.text = 'x'.repeat(maxNoteLength + 1)),
          () => someNote && (someNote.text = 5),
          () => someNote && (someNote.extra = 1),
          () => someEntry && (someEntry.history = Array.from({ length: maxStatusHistory + 1 }, () => ({ status: 'done', at: 1 }))),
          () => someEntry && (someEntry.history = []),
          () => someEntry && (someEntry.history = [{ status: 'finished', at: 1 }]),
        ][pick]!;
        if (!breakIt()) return;
        const parsed = parseStoredState(copy);
        assert.equal(parsed.kind, 'invalid', `case ${pick}`);
        assert.match(parsed.kind === 'invalid' ? parsed.reason : '', new RegExp(`^${pick < 3 ? 'notes' : 'skills'}\\.`));
        assert.ok(parsed.kind === 'invalid' && parsed.reason.includes((pick < 3 ? noteId : entryId)!.slice(0, 40)), parsed.kind === 'invalid' ? parsed.reason : '');
      }),
    );
  });

  it('proof is refused in version 2, and proof past its bounds is refused', () => {
    assertProperty(
      fc.property(storedState, fc.nat(7), (raw, pick) => {
        const proofEntry = Object.keys(raw.skills).find((id) => raw.skills[id]?.proof);
        if (proofEntry === undefined) return;
        // As version 3 stored it: proof, but neither history nor notes, so only the proof can make version 2 refuse it.
        const skills = Object.fromEntries(Object.entries(raw.skills).map(([id, e]) => [id, e.proof ? { status: e.status, changedAt: e.changedAt, proof: e.proof } : { status: e.status, changedAt: e.changedAt }]));
        const withProof = JSON.parse(JSON.stringify({ ...raw, notes: undefined, version: 3, skills })) as { version: number; skills: Record<string, { proof: StoredProof[] }> };
        assert.equal(parseStoredState(withProof).kind, 'ok');
        assert.equal(parseStoredState({ ...withProof, version: 2 }).kind, 'invalid', 'version 2 has no proof');
        const proof = withProof.skills[proofEntry]!.proof;
        const tooMuch = [
          () => proof.push(...Array.from({ length: maxStoredProof }, () => proof[0]!)),
          () => (proof[0]!.text = 'x'.repeat(maxProofTextLength + 1)),
          () => (proof[0]!.line = 0),
          () => (proof[0]!.path = ''),
          () => (withProof.skills[proofEntry]!.proof = []),
          () => Object.assign(proof[0]!, { extra: 1 }),
          () => (proof[0]!.commit = 'c'.repeat(65)),
          () => (proof[0]!.rule = ''),
        ][pick]!;
        tooMuch();
        assert.equal(parseStoredState(withProof).kind, 'invalid', `case ${pick}`);
      }),
    );
  });

  it('merge is commutative, associative and idempotent, and keeps every id', () => {
    assertProperty(
      fc.property(state, state, state, (a, b, c) => {
        assert.ok(statesEqual(mergeStates(a, b), mergeStates(b, a)), 'commutative');
        assert.ok(statesEqual(mergeStates(mergeStates(a, b), c), mergeStates(a, mergeStates(b, c))), 'associative');
        assert.ok(statesEqual(mergeStates(a, a), a), 'idempotent');
        const merged = mergeStates(a, b);
        for (const id of [...a.skills.keys(), ...b.skills.keys()]) {
          const entry = merged.skills.get(id);
          assert.ok(entry, `kept ${id}`);
          assert.ok(entry.changedAt >= Math.max(a.skills.get(id)?.changedAt ?? 0, b.skills.get(id)?.changedAt ?? 0), 'the newest wins');
          assert.ok(entry === a.skills.get(id) || entry === b.skills.get(id), 'an entry wins whole, history included');
        }
        for (const id of [...a.notes.keys(), ...b.notes.keys()]) {
          const kept = merged.notes.get(id);
          assert.ok(kept, `kept the note (or tombstone) of ${id}`);
          assert.ok(kept.changedAt >= Math.max(a.notes.get(id)?.changedAt ?? 0, b.notes.get(id)?.changedAt ?? 0), 'the newest note wins');
          assert.ok(kept === a.notes.get(id) || kept === b.notes.get(id));
        }
      }),
    );
  });
});

type Operation =
  | { kind: 'set'; window: number; skill: string; status: SkillStatus; fails: boolean }
  | { kind: 'accept'; window: number; skill: string; text: string; fails: boolean }
  | { kind: 'level'; window: number; level: string; fails: boolean }
  | { kind: 'note'; window: number; skill: string; text: string; fails: boolean }
  | { kind: 'reset'; window: number; fails: boolean }
  | { kind: 'refresh'; window: number }
  | { kind: 'wait'; ms: number };

const windowCount = 3;
/** A write fails one time in eight. */
const rarely = fc.integer({ min: 0, max: 7 }).map((n) => n === 0);
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), window: fc.nat(windowCount - 1), skill: fc.constantFrom(...skillIds), status, fails: rarely }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('accept' as const), window: fc.nat(windowCount - 1), skill: fc.constantFrom(...skillIds), text: fc.constantFrom('import torch', 'FROM python'), fails: rarely }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('level' as const), window: fc.nat(windowCount - 1), level: fc.constantFrom(...levelIds), fails: rarely }) },
  // '' and blanks delete the note.
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('note' as const), window: fc.nat(windowCount - 1), skill: fc.constantFrom(...skillIds), text: fc.constantFrom('', ' \n', '# Plan', 'done: see <b>PR</b>'), fails: rarely }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const), window: fc.nat(windowCount - 1), fails: rarely }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refresh' as const), window: fc.nat(windowCount - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 50 }) }) },
);
// Clocks within half the tolerated drift of each other: seconds to hours apart, ahead or behind.
const clockOffset = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -maxClockDriftMs / 2, max: maxClockDriftMs / 2 }));

async function apply(store: ProgressStore, backend: SharedBackend, op: Exclude<Operation, { kind: 'refresh' | 'wait' }>): Promise<boolean> {
  backend.failWrites = op.fails ? new Error('disk full') : undefined;
  try {
    if (op.kind === 'set') await store.setStatus(op.skill, op.status);
    else if (op.kind === 'accept') await store.acceptProof([{ skillId: op.skill, proof: [{ folder: 'app', path: 'train.py', line: 1, rule: 'r', text: op.text }] }]);
    else if (op.kind === 'level') await store.setCurrentLevel(op.level);
    else if (op.kind === 'note') await store.setNote(op.skill, op.text);
    else await store.reset();
    return true;
  } catch (error) {
    assert.ok(op.fails, `only a failing disk makes a change fail: ${String(error)}`);
    return false;
  } finally {
    backend.failWrites = undefined;
  }
}

describe('progress store: windows with skewed clocks (properties)', () => {
  it('over one shared storage, every saved change wins, no change is lost, a failed one leaves no trace, and windows converge', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(clockOffset, { minLength: windowCount, maxLength: windowCount }), fc.array(operation, { maxLength: 30 }), async (offsets, ops) => {
        const real = { t: 1_700_000_000_000 };
        const backend = new SharedBackend();
        const windows = offsets.map((offset) => new ProgressStore(backend, roadmap, { now: () => real.t + offset }));
        for (const w of windows) w.load();
        // What the user expects: the last change they saved to each skill, in the order they made them.
        const expected = new Map<string, SkillStatus>();
        // Accepted proof stays through status changes; a reset clears it.
        const expectedProof = new Map<string, string>();
        // The last note saved on each skill; a reset keeps notes.
        const expectedNotes = new Map<string, string>();
        let expectedLevel: string | undefined;
        for (const op of ops) {
          if (op.kind === 'wait') real.t += op.ms;
          else if (op.kind === 'refresh') windows[op.window]!.refresh();
          else {
            const store = windows[op.window]!;
            const saved = await apply(store, backend, op);
            if (!saved) {
              // Rolled back: the window shows what is stored (which it read while trying), without the change.
              for (const id of skillIds) assert.equal(store.status(id), expected.get(id) ?? 'not-started', `${id} after failed ${JSON.stringify(op)}`);
              for (const id of skillIds) assert.equal(store.note(id)?.text, expectedNotes.get(id), `note on ${id} after failed ${JSON.stringify(op)}`);
              continue;
            }
            if (op.kind === 'set') expected.set(op.skill, op.status);
            else if (op.kind === 'accept') {
              expected.set(op.skill, 'done');
              expectedProof.set(op.skill, op.text);
            } else if (op.kind === 'level') expectedLevel = op.level;
            else if (op.kind === 'note') {
              if (op.text.trim() === '') expectedNotes.delete(op.skill);
              else expectedNotes.set(op.skill, op.text);
            } else {
              for (const id of skillIds) expected.set(id, 'not-started');
              expectedProof.clear();
            }
            // A change made here, now, shows here at once, whatever the clocks.
            for (const id of skillIds) assert.equal(store.status(id), expected.get(id) ?? 'not-started', `${id} after ${JSON.stringify(op)}`);
          }
        }
        for (const w of windows) w.refresh();
        for (const [i, w] of windows.entries()) {
          for (const id of skillIds) assert.equal(w.status(id), expected.get(id) ?? 'not-started', `window ${i}, ${id}`);
          for (const id of skillIds) assert.deepEqual(w.proof(id).map((p) => p.text), expectedProof.has(id) ? [expectedProof.get(id)] : [], `window ${i}, proof of ${id}`);
          for (const id of skillIds) assert.equal(w.note(id)?.text, expectedNotes.get(id), `window ${i}, note on ${id}`);
          for (const id of skillIds) {
            // The history tells how the status came to be: it ends in it, in time order, bounded.
            const changes = w.history(id);
            assert.ok(changes.length <= maxStatusHistory);
            if (changes.length > 0) assert.equal(changes.at(-1)!.status, w.status(id), `window ${i}, history of ${id}`);
            changes.forEach((change, k) => assert.ok(k === 0 || change.at > changes[k - 1]!.at, `window ${i}, history of ${id} in order`));
          }
          assert.equal(w.currentLevel(), expectedLevel, `window ${i} level`);
        }
        const stored = parseStoredState(backend.value);
        assert.ok(stored.kind === 'empty' || (stored.kind === 'ok' && skillIds.every((id) => (stored.state.skills.get(id)?.status ?? 'not-started') === (expected.get(id) ?? 'not-started'))));
      }),
      { numRuns: propertyRuns },
    );
  });

  it('machines that sync through Settings Sync (whole values replaced) converge on the same progress', async () => {
    type SyncOp = { kind: 'sync'; from: number; to: number } | Operation;
    const syncOp: fc.Arbitrary<SyncOp> = fc.oneof({ weight: 4, arbitrary: operation }, { weight: 2, arbitrary: fc.record({ kind: fc.constant('sync' as const), from: fc.nat(windowCount - 1), to: fc.nat(windowCount - 1) }) });
    await fc.assert(
      fc.asyncProperty(fc.array(clockOffset, { minLength: windowCount, maxLength: windowCount }), fc.array(syncOp, { maxLength: 30 }), async (offsets, ops) => {
        const real = { t: 1_700_000_000_000 };
        // One window per machine, each machine its own storage.
        const backends = offsets.map(() => new SharedBackend());
        const machines = offsets.map((offset, i) => new ProgressStore(backends[i]!, roadmap, { now: () => real.t + offset }));
        for (const m of machines) m.load();
        for (const op of ops) {
          if (op.kind === 'wait') real.t += op.ms;
          else if (op.kind === 'refresh') machines[op.window]!.refresh();
          else if (op.kind === 'sync') backends[op.to]!.value = backends[op.from]!.value;
          else await apply(machines[op.window]!, backends[op.window]!, op);
          await Promise.all(machines.map((m) => m.flush()));
        }
        // Sync settles: every machine's value reaches every other, each machine merges and writes back.
        for (let round = 0; round < windowCount; round++) {
          for (let from = 0; from < windowCount; from++) {
            for (let to = 0; to < windowCount; to++) {
              if (from === to) continue;
              backends[to]!.value = backends[from]!.value;
              machines[to]!.refresh();
              await machines[to]!.flush();
            }
          }
        }
        const views = machines.map((m) => JSON.stringify([skillIds.map((id) => [m.status(id), m.proof(id), m.history(id), m.note(id)]), m.currentLevel()]));
        assert.equal(new Set(views).size, 1, `machines disagree: ${views.join(' | ')}`);
      }),
      { numRuns: propertyRuns },
    );
  });
});
