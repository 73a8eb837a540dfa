import type { RoadmapIndex } from '../roadmap/roadmap';
import { HybridClock, repairFutureTimes } from './clock';
import { emptyState, maxStoredIdLength, maxStoredSkills, mergeStates, parseStoredState, statesEqual, storedIdSchema, toStored, type ParsedState, type ProgressEntry, type ProgressState } from './state';
import { maxStoredProof, storedProofSchema, type StoredProof } from './proof';
import { isSkillStatus, skillStatuses, type SkillStatus } from './status';

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

  private entry(skillId: string): ProgressEntry | undefined {
    const skill = this.roadmap.skill(skillId);
    const ids = skill ? [skill.id, ...skill.renamedFrom] : [skillId];
    let newest: ProgressEntry | undefined;
    for (const id of ids) {
      const entry = this.state.skills.get(id);
      if (entry && (!newest || entry.changedAt > newest.changedAt)) newest = entry;
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
      for (const id of ids) skills.set(id, withProof({ status, changedAt: at }, base.skills.get(id)?.proof));
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
        const parsed = storedProofSchema.safeParse(item);
        if (!parsed.success) throw new Error(`Proof ${index + 1} of ${id.slice(0, 80)} cannot be stored: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
        return parsed.data;
      });
      return [id, checked] as const;
    });
    await this.commit((base, at) => {
      const skills = new Map(base.skills);
      for (const [id, proof] of entries) skills.set(id, withProof({ status: 'done', changedAt: at }, proof));
      if (skills.size > maxStoredSkills) throw new Error(`Progress can hold at most ${maxStoredSkills} skills; this change would store ${skills.size}.`);
      return { ...base, skills };
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
      return { ...base, skills: new Map([...ids].map((id) => [id, { status: 'not-started' as const, changedAt: at }])) };
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
        if (this.state.skills.size > 0 || this.state.currentLevel) this.writeBack(this.state);
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
   * If the write fails, what this window shows goes back to what is stored and the error is thrown.
   */
  private async commit(change: (base: ProgressState, at: number) => ProgressState): Promise<void> {
    const stored = this.readStored(this.backend.read());
    if (this.readOnly) {
      throw new Error('Your progress was saved by a newer version of ML Career Companion. Update the extension to change it.');
    }
    const base = stored.kind === 'ok' ? mergeStates(this.state, stored.state) : this.state;
    const at = this.clock.tick();
    const next = change(base, at);
    this.state = next;
    this.fire();
    this.writesInFlight++;
    try {
      await this.track(this.backend.write(toStored(next)));
    } catch (error) {
      this.state = rollBack(this.state, base, at);
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
  if (storedIdSchema.safeParse(id).success) return id as string;
  const shown = typeof id === 'string' ? `"${id.slice(0, 40)}${id.length > 40 ? '…' : ''}" (${id.length} characters)` : String(id);
  throw new Error(`${shown} is not a valid ${what} id: ids have 1 to ${maxStoredIdLength} characters.`);
}

/** The entry with `proof` when there is some (storage has no empty proof lists). */
function withProof(entry: ProgressEntry, proof: readonly StoredProof[] | undefined): ProgressEntry {
  return proof && proof.length > 0 ? { ...entry, proof } : entry;
}

/** Takes back the entries a failed change wrote (dated `at`, unique to it) to what they were in `base`. */
function rollBack(current: ProgressState, base: ProgressState, at: number): ProgressState {
  const skills = new Map(current.skills);
  for (const [id, entry] of current.skills) {
    if (entry.changedAt !== at) continue;
    const previous = base.skills.get(id);
    if (previous) skills.set(id, previous);
    else skills.delete(id);
  }
  const level = current.currentLevel?.changedAt === at ? base.currentLevel : current.currentLevel;
  return level ? { skills, currentLevel: level } : { skills };
}
