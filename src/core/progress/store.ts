import type { RoadmapIndex } from '../roadmap/roadmap';
import { HybridClock, repairFutureTimes } from './clock';
import {
  emptyState,
  maxNoteLength,
  maxStatusHistory,
  maxStoredIdLength,
  maxStoredNotes,
  maxStoredSkills,
  mergeStates,
  parseStoredState,
  stateOf,
  statesEqual,
  isStoredId,
  toStored,
  type ParsedState,
  type ProgressEntry,
  type ProgressState,
  type SkillNote,
  type StatusChange,
} from './state';
import { checkStoredProof, maxStoredProof, type StoredProof } from './proof';
import { isSkillStatus, skillStatuses, type SkillStatus } from './status';
import { Rejected } from './storedValue';

/** Where the state lives (globalState in VS Code, a plain object in tests). */
export interface StateBackend {
  /** What is stored. Must hand out the same object until the value changes, which lets a refresh skip parsing. */
  read(): unknown;
  write(value: unknown): Promise<void>;
}

export interface Disposable {
  dispose(): void;
}

export type LoadProblem =
  | { kind: 'invalid'; reason: string; raw: unknown }
  | { kind: 'newer'; version: number };

/** What reset() hands back so undo can put back exactly what the reset changed, and nothing newer. */
export interface ResetRecord {
  readonly previous: ProgressState;
  readonly at: number;
}

export interface ProgressStoreOptions {
  now?: () => number;
  /**
   * Called when stored data turns out unreadable or newer after loading (Settings Sync or another window
   * replaced it). Invalid data is passed along before this store writes over it, so it can be backed up.
   */
  onProblem?: (problem: LoadProblem) => void;
  /** A background write (storing what only this window had) failed; the next refresh tries again. */
  onWriteBackFailed?: (error: unknown) => void;
  /** Stored times more than a day in the future were redated to now (a machine with a broken clock wrote them). */
  onRepaired?: (count: number) => void;
}

/** Parsing is skipped while storage hands out the same value; this marks "nothing read yet". */
const nothingRead = Symbol('nothing read');

/** A parse of storage; `repaired` when times from the far future were redated, so storage needs the repaired copy. */
type StoredRead = ParsedState & { readonly repaired?: boolean };

/**
 * The user's progress: one instance per window. Reads and writes go through the backend, and every write
 * merges with what another window may have stored meanwhile, so neither overwrites the other. Times come from
 * a hybrid logical clock, so a change made here always wins over everything this window has read, whatever the
 * other machines' clocks say.
 */
export class ProgressStore {
  private state: ProgressState = emptyState();
  private readOnly = false;
  private readonly clock: HybridClock;
  private lastRaw: unknown = nothingRead;
  private lastParsed: StoredRead = { kind: 'empty' };
  private lastReportedRaw: string | undefined;
  /** The stored value and this window's state when they were last merged: a refresh with both unchanged is free. */
  private synced: { raw: unknown; state: ProgressState } | undefined;
  private writesInFlight = 0;
  private readonly pendingWrites = new Set<Promise<unknown>>();
  private readonly listeners = new Set<() => void>();
  private readonly onProblem: (problem: LoadProblem) => void;
  private readonly onWriteBackFailed: (error: unknown) => void;
  private readonly onRepaired: (count: number) => void;

  constructor(
    private readonly backend: StateBackend,
    private roadmap: RoadmapIndex,
    options: ProgressStoreOptions = {},
  ) {
    this.clock = new HybridClock(options.now ?? Date.now);
    this.onProblem = options.onProblem ?? (() => undefined);
    this.onWriteBackFailed = options.onWriteBackFailed ?? (() => undefined);
    this.onRepaired = options.onRepaired ?? (() => undefined);
  }

  /** Loads stored progress. A problem is returned (not thrown) so the caller can back up and tell the user. */
  load(): LoadProblem | undefined {
    const raw = this.backend.read();
    const parsed = this.parse(raw);
    switch (parsed.kind) {
      case 'ok':
        this.state = parsed.state;
        if (parsed.repaired) this.writeBack(parsed.state);
        return undefined;
      case 'empty':
        this.state = emptyState();
        return undefined;
      case 'newer':
        // A newer extension on another machine wrote this: keep it intact until this one is updated.
        this.readOnly = true;
        this.state = emptyState();
        return parsed;
      case 'invalid':
        this.state = emptyState();
        this.lastReportedRaw = JSON.stringify(raw);
        return { kind: 'invalid', reason: parsed.reason, raw };
    }
  }

  /**
   * Canonicalizes ids with `roadmap` from now on (a team roadmap became active). Stored entries are untouched:
   * ids the roadmap does not know are kept, and count again under a roadmap that has them.
   */
  useRoadmap(roadmap: RoadmapIndex): void {
    this.roadmap = roadmap;
  }

  get snapshot(): ProgressState {
    return this.state;
  }

  onDidChange(listener: () => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** A skill's status, also found under the ids it had before a rename (newest entry wins). */
  status(skillId: string): SkillStatus {
    return this.entry(skillId)?.status ?? 'not-started';
  }

  /** The proof accepted with a skill (empty when none). */
  proof(skillId: string): readonly StoredProof[] {
    return this.entry(skillId)?.proof ?? [];
  }

  /** How a skill or expectation came to its status, oldest first (empty when no change was recorded). */
  history(skillId: string): readonly StatusChange[] {
    return this.entry(skillId)?.history ?? [];
  }

  /** The note on a skill or expectation, also under a skill's former ids; undefined when there is none (or it was deleted). */
  note(skillId: string): SkillNote | undefined {
    const note = this.newest(this.state.notes, skillId);
    return note && note.text !== '' ? note : undefined;
  }

  /** When the status last changed (0 when never, or before dates were kept). */
  statusChangedAt(skillId: string): number {
    return this.entry(skillId)?.changedAt ?? 0;
  }

  /** A skill's stored entry, also found under the ids it had before a rename (newest entry wins). */
  entry(skillId: string): ProgressEntry | undefined {
    return this.newest(this.state.skills, skillId);
  }

  private newest<T extends { readonly changedAt: number }>(items: ReadonlyMap<string, T>, skillId: string): T | undefined {
    const skill = this.roadmap.skill(skillId);
    const ids = skill ? [skill.id, ...skill.renamedFrom] : [skillId];
    let newest: T | undefined;
    for (const id of ids) {
      const item = items.get(id);
      if (item && (!newest || item.changedAt > newest.changedAt)) newest = item;
    }
    return newest;
  }

  currentLevel(): string | undefined {
    const id = this.state.currentLevel?.id;
    return id !== undefined && this.roadmap.level(id) ? id : undefined;
  }

  /** Throws (writing nothing) for an id storage would reject or a status that does not exist. */
  async setStatus(skillIds: string | readonly string[], status: SkillStatus): Promise<void> {
    const ids = (typeof skillIds === 'string' ? [skillIds] : skillIds).map((id) => this.roadmap.canonicalId(checkedId(id, 'skill')) ?? id);
    if (!isSkillStatus(status)) throw new Error(`"${String(status).slice(0, 40)}" is not a skill status; use one of ${skillStatuses.join(', ')}.`);
    await this.commit((base, at) => {
      const skills = new Map(base.skills);
      // Accepted proof stays with the skill whatever its status: it is about the user's code, not the checkbox.
      for (const id of ids) skills.set(id, changedEntry(base.skills.get(id), status, at, base.skills.get(id)?.proof));
      if (skills.size > maxStoredSkills) throw new Error(`Progress can hold at most ${maxStoredSkills} skills; this change would store ${skills.size}.`);
      return { ...base, skills };
    });
  }

  /**
   * Marks skills done with the evidence the user accepted, which replaces proof stored before (at most
   * `maxStoredProof` items each, the first kept). Throws, writing nothing, for an id or proof storage would reject.
   */
  async acceptProof(accepted: readonly { readonly skillId: string; readonly proof: readonly StoredProof[] }[]): Promise<void> {
    const entries = accepted.map(({ skillId, proof }) => {
      const id = this.roadmap.canonicalId(checkedId(skillId, 'skill')) ?? skillId;
      const checked = proof.slice(0, maxStoredProof).map((item, index) => {
        try {
          return checkStoredProof(item);
        } catch (error) {
          if (!(error instanceof Rejected)) throw error;
          throw new Error(`Proof ${index + 1} of ${id.slice(0, 80)} cannot be stored: ${error.path.join('.')} ${error.message}.`);
        }
      });
      return [id, checked] as const;
    });
    await this.commit((base, at) => {
      const skills = new Map(base.skills);
      for (const [id, proof] of entries) skills.set(id, changedEntry(base.skills.get(id), 'done', at, proof));
      if (skills.size > maxStoredSkills) throw new Error(`Progress can hold at most ${maxStoredSkills} skills; this change would store ${skills.size}.`);
      return { ...base, skills };
    });
  }

  /**
   * Saves the note on a skill or expectation; text that is empty or only white space deletes it (kept as a dated
   * tombstone, so the delete reaches other windows). Saving the text the note already has writes nothing. Throws,
   * writing nothing, for an id storage would reject, a note over `maxNoteLength` characters, or too many notes.
   */
  async setNote(skillId: string, text: string): Promise<void> {
    const id = this.roadmap.canonicalId(checkedId(skillId, 'skill')) ?? skillId;
    if (text.length > maxNoteLength) {
      throw new Error(`The note on ${quote(id)} has ${text.length.toLocaleString('en-US')} characters; a note holds at most ${maxNoteLength.toLocaleString('en-US')}. Nothing was saved.`);
    }
    const stored = text.trim() === '' ? '' : text;
    await this.commit((base, at) => {
      if ((base.notes.get(id)?.text ?? '') === stored) return undefined;
      const notes = new Map(base.notes);
      notes.set(id, { text: stored, changedAt: at });
      if (notes.size > maxStoredNotes) throw new Error(`Progress can hold at most ${maxStoredNotes} notes (deleted ones included); this change would store ${notes.size}.`);
      return { ...base, notes };
    });
  }

  async setCurrentLevel(levelId: string): Promise<void> {
    if (!this.roadmap.level(checkedId(levelId, 'level'))) throw new Error(`There is no level with the id "${levelId.slice(0, 80)}".`);
    await this.commit((base, at) => ({ ...base, currentLevel: { id: levelId, changedAt: at } }));
  }

  /**
   * Sets every stored and known skill and expectation back to "not started" (as dated entries, so other windows see the reset
   * too) and returns what undo needs.
   */
  async reset(): Promise<ResetRecord> {
    let record: ResetRecord | undefined;
    await this.commit((base, at) => {
      record = { previous: base, at };
      const ids = new Set([...base.skills.keys(), ...this.roadmap.trackableIds]);
      // Proof goes (a reset starts over); notes and the history of what was reset stay.
      return { ...base, skills: new Map([...ids].map((id) => [id, changedEntry(base.skills.get(id), 'not-started', at, undefined)])) };
    });
    if (!record) throw new Error('reset did not run');
    return record;
  }

  /**
   * Undoes a reset: puts back the entries the reset changed, dated now so they win over it. A skill changed
   * since the reset (here or in another window) keeps its newer status.
   */
  async undoReset(record: ResetRecord): Promise<void> {
    await this.commit((base, at) => {
      const skills = new Map(base.skills);
      for (const [id, entry] of record.previous.skills) {
        if (skills.get(id)?.changedAt === record.at) skills.set(id, { ...entry, changedAt: at });
      }
      return { ...base, skills };
    });
  }

  /**
   * Applies a change that a feature computes itself from everything stored (import and its undo keep the dates
   * they bring, which no other method does). `change` gets the merged base and a time after all of it; whatever it
   * returns is stored, so it must keep ids and sizes within what storage accepts (see state.ts).
   */
  async update(change: (base: ProgressState, at: number) => ProgressState): Promise<void> {
    await this.commit(change);
  }

  /**
   * Picks up what another window or Settings Sync stored; fires a change only when something differs. When
   * storage lacks changes only this window has (a sync conflict replaced the value), writes them back.
   */
  refresh(): boolean {
    // A write in flight may still fail and be rolled back: merging it now would store it behind the user's back.
    if (this.readOnly || this.writesInFlight > 0) return false;
    const raw = this.backend.read();
    if (this.synced && this.synced.raw === raw && this.synced.state === this.state) return false;
    const stored = this.readStored(raw);
    if (stored.kind !== 'ok') {
      // Nothing usable in storage: this window's state is the best copy, so store it (after reporting).
      if (stored.kind === 'invalid' || stored.kind === 'empty') {
        if (this.state.skills.size > 0 || this.state.notes.size > 0 || this.state.currentLevel) this.writeBack(this.state);
      }
      return false;
    }
    const merged = mergeStates(this.state, stored.state);
    const storageBehind = stored.repaired === true || !statesEqual(merged, stored.state);
    if (storageBehind) this.writeBack(merged);
    const changed = !statesEqual(merged, this.state);
    if (changed) this.state = merged;
    // Until storage has caught up (a write-back can fail), the next refresh must look again.
    this.synced = storageBehind ? undefined : { raw, state: this.state };
    if (changed) this.fire();
    return changed;
  }

  /** Resolves once every write started so far has finished (or failed). */
  async flush(): Promise<void> {
    while (this.pendingWrites.size > 0) await Promise.allSettled([...this.pendingWrites]);
  }

  /**
   * Applies a user's change on top of everything stored, dated after all of it, shows it at once and writes it.
   * If the write fails, what this window shows goes back to what is stored and the error is thrown. A change that
   * returns undefined has nothing to do: this window still shows what it read, and the next refresh stores the rest.
   */
  private async commit(change: (base: ProgressState, at: number) => ProgressState | undefined): Promise<void> {
    const stored = this.readStored(this.backend.read());
    if (this.readOnly) {
      throw new Error('Your progress was saved by a newer version of ML Career Companion. Update the extension to change it.');
    }
    const base = stored.kind === 'ok' ? mergeStates(this.state, stored.state) : this.state;
    const at = this.clock.tick();
    const next = change(base, at);
    if (next === undefined) {
      if (!statesEqual(base, this.state)) {
        this.state = base;
        this.fire();
      }
      return;
    }
    this.state = next;
    this.fire();
    this.writesInFlight++;
    try {
      await this.track(this.backend.write(toStored(next)));
    } catch (error) {
      this.state = rollBack(this.state, base, next);
      this.fire();
      throw error;
    } finally {
      this.writesInFlight--;
    }
  }

  private writeBack(state: ProgressState): void {
    this.track(this.backend.write(toStored(state))).catch((error: unknown) => this.onWriteBackFailed(error));
  }

  private track<T>(write: Promise<T>): Promise<T> {
    this.pendingWrites.add(write);
    const settled = (): void => void this.pendingWrites.delete(write);
    write.then(settled, settled);
    return write;
  }

  /** Parses a stored value once, repairs times from the far future and feeds the clock. */
  private parse(raw: unknown): StoredRead {
    if (raw === this.lastRaw) return this.lastParsed;
    let parsed: StoredRead = parseStoredState(raw);
    if (parsed.kind === 'ok') {
      const { state, repaired } = repairFutureTimes(parsed.state, this.clock.now());
      if (repaired > 0) this.onRepaired(repaired);
      this.clock.observeState(state);
      parsed = { ...parsed, state, repaired: repaired > 0 };
    }
    this.lastRaw = raw;
    this.lastParsed = parsed;
    return parsed;
  }

  /** Reads storage, switching to read-only on newer data and reporting unreadable data once per value. */
  private readStored(raw: unknown): StoredRead {
    const stored = this.parse(raw);
    if (stored.kind === 'newer' && !this.readOnly) {
      this.readOnly = true;
      this.onProblem(stored);
      this.fire();
    }
    if (stored.kind === 'invalid') {
      const key = JSON.stringify(raw);
      if (key !== this.lastReportedRaw) {
        this.lastReportedRaw = key;
        this.onProblem({ kind: 'invalid', reason: stored.reason, raw });
      }
    }
    return stored;
  }

  private fire(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** Throws a message naming the id when storage would reject it (empty, too long, not a string). */
function checkedId(id: unknown, what: 'skill' | 'level'): string {
  if (isStoredId(id)) return id;
  const shown = typeof id === 'string' ? `"${id.slice(0, 40)}${id.length > 40 ? '…' : ''}" (${id.length} characters)` : String(id);
  throw new Error(`${shown} is not a valid ${what} id: ids have 1 to ${maxStoredIdLength} characters.`);
}

function quote(id: string): string {
  return `"${id.slice(0, 80)}${id.length > 80 ? '…' : ''}"`;
}

/**
 * The entry after a status change at `at`: the history gains the change when the status really changed (setting
 * the status it has records nothing), keeping the last `maxStatusHistory`. Storage has no empty proof lists.
 */
function changedEntry(previous: ProgressEntry | undefined, status: SkillStatus, at: number, proof: readonly StoredProof[] | undefined): ProgressEntry {
  const before = previous?.history ?? [];
  const unchanged = (previous?.status ?? 'not-started') === status;
  const history = unchanged ? before : [...before, { status, at }].slice(-maxStatusHistory);
  return {
    status,
    changedAt: at,
    ...(proof && proof.length > 0 ? { proof } : {}),
    ...(history.length > 0 ? { history } : {}),
  };
}

/**
 * Takes back what a failed change wrote: entries, notes (and the level) that `next` set and that are still the very
 * objects it set, back to what they were in `base`. A later change made meanwhile keeps its own.
 */
function rollBack(current: ProgressState, base: ProgressState, next: ProgressState): ProgressState {
  const undo = <T>(items: ReadonlyMap<string, T>, before: ReadonlyMap<string, T>, written: ReadonlyMap<string, T>): Map<string, T> => {
    const restored = new Map(items);
    for (const [id, item] of written) {
      if (item === before.get(id) || items.get(id) !== item) continue;
      const previous = before.get(id);
      if (previous) restored.set(id, previous);
      else restored.delete(id);
    }
    return restored;
  };
  const levelChanged = next.currentLevel !== base.currentLevel && current.currentLevel === next.currentLevel;
  const level = levelChanged ? base.currentLevel : current.currentLevel;
  return stateOf(undo(current.skills, base.skills, next.skills), undo(current.notes, base.notes, next.notes), level);
}
