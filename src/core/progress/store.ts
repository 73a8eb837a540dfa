import type { RoadmapIndex } from '../roadmap/roadmap';
import { emptyState, mergeStates, parseStoredState, statesEqual, type ParsedState, type ProgressEntry, type ProgressState } from './state';
import type { SkillStatus } from './status';

/** Where the state lives (globalState in VS Code, a plain object in tests). */
export interface StateBackend {
  read(): unknown;
  write(value: ProgressState): Promise<void>;
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
}

/**
 * The user's progress: one instance per window. Reads and writes go through the backend, and every write
 * merges with what another window may have stored meanwhile, so neither overwrites the other.
 */
export class ProgressStore {
  private state: ProgressState = emptyState();
  private readOnly = false;
  private lastTime = 0;
  private lastReportedRaw: string | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  private readonly onProblem: (problem: LoadProblem) => void;

  constructor(
    private readonly backend: StateBackend,
    private readonly roadmap: RoadmapIndex,
    options: ProgressStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.onProblem = options.onProblem ?? (() => undefined);
  }

  /** Loads stored progress. A problem is returned (not thrown) so the caller can back up and tell the user. */
  load(): LoadProblem | undefined {
    const raw = this.backend.read();
    const parsed = parseStoredState(raw);
    switch (parsed.kind) {
      case 'ok':
        this.state = parsed.state;
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

  private entry(skillId: string): ProgressEntry | undefined {
    const skill = this.roadmap.skill(skillId);
    const ids = skill ? [skill.id, ...skill.renamedFrom] : [skillId];
    let newest: ProgressEntry | undefined;
    for (const id of ids) {
      const entry = this.state.skills[id];
      if (entry && (!newest || entry.changedAt > newest.changedAt)) newest = entry;
    }
    return newest;
  }

  currentLevel(): string | undefined {
    const id = this.state.currentLevel?.id;
    return id !== undefined && this.roadmap.level(id) ? id : undefined;
  }

  async setStatus(skillIds: string | readonly string[], status: SkillStatus): Promise<void> {
    const at = this.tick();
    const skills = { ...this.state.skills };
    for (const id of typeof skillIds === 'string' ? [skillIds] : skillIds) {
      skills[this.roadmap.canonicalId(id) ?? id] = { status, changedAt: at };
    }
    await this.commit({ ...this.state, skills });
  }

  async setCurrentLevel(levelId: string): Promise<void> {
    await this.commit({ ...this.state, currentLevel: { id: levelId, changedAt: this.tick() } });
  }

  /**
   * Sets every stored and known skill back to "not started" (as dated entries, so other windows see the reset
   * too) and returns what undo needs.
   */
  async reset(): Promise<ResetRecord> {
    const previous = this.state;
    const at = this.tick();
    const ids = new Set([...Object.keys(previous.skills), ...this.roadmap.skills.map((skill) => skill.id)]);
    const skills = Object.fromEntries([...ids].map((id) => [id, { status: 'not-started' as const, changedAt: at }]));
    await this.commit({ ...previous, skills });
    return { previous, at };
  }

  /**
   * Undoes a reset: puts back the entries the reset changed, dated now so they win over it. A skill changed
   * since the reset (here or in another window) keeps its newer status.
   */
  async undoReset(record: ResetRecord): Promise<void> {
    // Decide on the latest state: another window may have changed a skill since the reset.
    this.refresh();
    const at = this.tick();
    const skills = { ...this.state.skills };
    for (const [id, entry] of Object.entries(record.previous.skills)) {
      if (skills[id]?.changedAt === record.at) skills[id] = { ...entry, changedAt: at };
    }
    await this.commit({ ...this.state, skills });
  }

  /**
   * Picks up what another window or Settings Sync stored; fires a change only when something differs. When
   * storage lacks changes only this window has (a sync conflict replaced the value), writes them back.
   */
  refresh(): boolean {
    if (this.readOnly) return false;
    const stored = this.readStored();
    if (stored.kind !== 'ok') {
      // Nothing usable in storage: this window's state is the best copy, so store it (after reporting).
      if (stored.kind === 'invalid' || stored.kind === 'empty') {
        if (Object.keys(this.state.skills).length > 0 || this.state.currentLevel) this.writeBack(this.state);
      }
      return false;
    }
    const merged = mergeStates(this.state, stored.state);
    if (!statesEqual(merged, stored.state)) this.writeBack(merged);
    if (statesEqual(merged, this.state)) return false;
    this.state = merged;
    this.fire();
    return true;
  }

  private async commit(next: ProgressState): Promise<void> {
    const stored = this.readStored();
    if (this.readOnly) {
      throw new Error('Your progress was saved by a newer version of ML Career Companion. Update the extension to change it.');
    }
    this.state = stored.kind === 'ok' ? mergeStates(stored.state, next) : next;
    this.fire();
    await this.backend.write(this.state);
  }

  private writeBack(state: ProgressState): void {
    this.backend.write(state).catch(() => {
      // Storage is still behind, so the next refresh tries again.
    });
  }

  /** Reads storage, switching to read-only on newer data and reporting unreadable data once per value. */
  private readStored(): ParsedState {
    const raw = this.backend.read();
    const stored = parseStoredState(raw);
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

  /** Strictly increasing times, so two changes in the same millisecond still order. */
  private tick(): number {
    this.lastTime = Math.max(this.now(), this.lastTime + 1);
    return this.lastTime;
  }

  private fire(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
