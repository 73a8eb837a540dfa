import type { RoadmapIndex } from '../roadmap/roadmap';
import { emptyState, mergeStates, parseStoredState, statesEqual, type ProgressEntry, type ProgressState } from './state';
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

/**
 * The user's progress: one instance per window. Reads and writes go through the backend, and every write
 * merges with what another window may have stored meanwhile, so neither overwrites the other.
 */
export class ProgressStore {
  private state: ProgressState = emptyState();
  private readOnly = false;
  private lastTime = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly backend: StateBackend,
    private roadmap: RoadmapIndex,
    private readonly now: () => number = Date.now,
  ) {}

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
        return { kind: 'invalid', reason: parsed.reason, raw };
    }
  }

  get isReadOnly(): boolean {
    return this.readOnly;
  }

  get snapshot(): ProgressState {
    return this.state;
  }

  setRoadmap(roadmap: RoadmapIndex): void {
    this.roadmap = roadmap;
    this.fire();
  }

  onDidChange(listener: () => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** A skill's status, also found under the ids it had before a rename (newest entry wins). */
  status(skillId: string): SkillStatus {
    return this.entry(skillId)?.status ?? 'not-started';
  }

  entry(skillId: string): ProgressEntry | undefined {
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
   * too) and returns what was there, for undo.
   */
  async reset(): Promise<ProgressState> {
    const previous = this.state;
    const at = this.tick();
    const ids = new Set([...Object.keys(previous.skills), ...this.roadmap.skills.map((skill) => skill.id)]);
    const skills = Object.fromEntries([...ids].map((id) => [id, { status: 'not-started' as const, changedAt: at }]));
    await this.commit({ version: previous.version, skills });
    return previous;
  }

  /** Puts back a state returned by reset(); restored entries are dated now so they win over the reset. */
  async restore(previous: ProgressState): Promise<void> {
    const at = this.tick();
    const skills = Object.fromEntries(Object.entries(previous.skills).map(([id, entry]) => [id, { ...entry, changedAt: at }]));
    await this.commit({ version: previous.version, skills, ...(previous.currentLevel ? { currentLevel: { ...previous.currentLevel, changedAt: at } } : {}) });
  }

  /** Picks up what another window or Settings Sync stored; fires a change only when something differs. */
  refresh(): boolean {
    if (this.readOnly) return false;
    const stored = parseStoredState(this.backend.read());
    if (stored.kind !== 'ok') return false;
    const merged = mergeStates(this.state, stored.state);
    if (statesEqual(merged, this.state)) return false;
    this.state = merged;
    this.fire();
    return true;
  }

  private async commit(next: ProgressState): Promise<void> {
    if (this.readOnly) {
      throw new Error('Your progress was saved by a newer version of ML Career Companion. Update the extension to change it.');
    }
    const stored = parseStoredState(this.backend.read());
    this.state = stored.kind === 'ok' ? mergeStates(stored.state, next) : next;
    this.fire();
    await this.backend.write(this.state);
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
