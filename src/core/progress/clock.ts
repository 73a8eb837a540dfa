import { stateOf, type ProgressEntry, type ProgressState, type SkillNote } from './state';

/**
 * How far ahead of this machine's clock a stored time may be before it counts as corrupt. Clocks of machines that
 * sync progress disagree by seconds to hours (a wrong time zone is 14 hours at most); a day leaves room for that,
 * and anything beyond, up to `Number.MAX_SAFE_INTEGER`, is repaired rather than trusted.
 */
export const maxClockDriftMs = 24 * 60 * 60 * 1000;

/**
 * A hybrid logical clock: times follow the wall clock but never fall below the highest time seen, so a change made
 * here always orders after everything this window has read, even when another machine's clock runs ahead.
 */
export class HybridClock {
  private highest = 0;

  constructor(private readonly wall: () => number) {}

  /** Takes in a time read from storage (already repaired, so at most `maxClockDriftMs` ahead). */
  observe(time: number): void {
    if (time > this.highest) this.highest = time;
  }

  observeState(state: ProgressState): void {
    for (const entry of state.skills.values()) this.observe(entry.changedAt);
    for (const note of state.notes.values()) this.observe(note.changedAt);
    if (state.currentLevel) this.observe(state.currentLevel.changedAt);
  }

  /** A time after every time seen and every time handed out before. */
  tick(): number {
    const wall = this.wall();
    // If this machine's clock was set back by more than the drift, what it saw before is repaired, not waited for.
    this.highest = Math.max(wall, Math.min(this.highest, wall + maxClockDriftMs) + 1);
    return this.highest;
  }

  /** The wall clock now; times after `now() + maxClockDriftMs` are not believed. */
  now(): number {
    return this.wall();
  }
}

/**
 * Redates entries and notes stored further in the future than any clock drift explains (a broken clock, a hand
 * edit) to `now`, keeping their status or text, so they can be changed again; dates in a history are redated too,
 * so none shows a year far ahead. Returns the same object when nothing was off.
 */
export function repairFutureTimes(state: ProgressState, now: number): { state: ProgressState; repaired: number } {
  const horizon = now + maxClockDriftMs;
  let repaired = 0;
  const fix = <T extends { readonly changedAt: number }>(item: T): T => {
    if (item.changedAt <= horizon) return item;
    repaired++;
    return { ...item, changedAt: now };
  };
  const fixHistory = (entry: ProgressEntry): ProgressEntry => {
    if (!entry.history?.some((change) => change.at > horizon)) return entry;
    repaired++;
    return { ...entry, history: entry.history.map((change) => (change.at > horizon ? { ...change, at: now } : change)) };
  };
  const skills = new Map<string, ProgressEntry>();
  for (const [id, entry] of state.skills) skills.set(id, fixHistory(fix(entry)));
  const notes = new Map<string, SkillNote>();
  for (const [id, note] of state.notes) notes.set(id, fix(note));
  const currentLevel = state.currentLevel && fix(state.currentLevel);
  if (repaired === 0) return { state, repaired };
  return { state: stateOf(skills, notes, currentLevel), repaired };
}
