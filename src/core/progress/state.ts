import { checkStoredProof, maxStoredProof, proofEqual, proofOrder, type StoredProof } from './proof';
import { skillStatuses, type SkillStatus } from './status';
import { accepted, array, int, oneOf, optional, Rejected, string, strictObject, type Checker } from './storedValue';

/**
 * The user's progress. Entries are keyed by skill id and keep ids the current content does not know (a newer
 * or older roadmap may know them). Every entry carries the time it changed so two windows, or two machines
 * under Settings Sync, merge per skill with the newest change winning.
 *
 * In memory the entries live in a `Map`: ids come from storage that other windows and machines write, and an id
 * like `constructor` or `__proto__` must be an ordinary key, never a lookup on `Object.prototype`.
 */
export const currentStateVersion = 4;

/** The most skills stored progress may hold: far above any roadmap, low enough that a refresh stays cheap. */
export const maxStoredSkills = 10_000;
export const maxStoredIdLength = 200;
/** A note's length in characters: pages of text, far below what Settings Sync carries. */
export const maxNoteLength = 20_000;
/** Notes kept, deleted ones (tombstones) included: one per skill and expectation of a large roadmap, and room over. */
export const maxStoredNotes = 2_000;
/** Status changes kept per entry (the newest): enough for "learning since March, done in June" and a few reversals. */
export const maxStatusHistory = 20;

const timestamp = int(0);
const storedId = string({ min: 1, max: maxStoredIdLength });
/** Whether storage accepts `id` as a skill or level id; the store checks ids before writing. */
export function isStoredId(id: unknown): id is string {
  return accepted(storedId, id) !== undefined;
}
const status = oneOf(skillStatuses);
const entryFields = {
  status,
  /** Milliseconds since the epoch, from a hybrid logical clock (see clock.ts). */
  changedAt: timestamp,
};
const proofField = { proof: optional(array(checkStoredProof, { min: 1, max: maxStoredProof })) };
const statusChange = strictObject({ status, at: timestamp });

/** What each part of stored progress may be (exported for the tests that compare them with the zod schemas they replaced). */
export const storedChecks = {
  storedId,
  status,
  /** Version 2 entries: without proof or history. */
  entryV2: strictObject(entryFields),
  /** Version 3 entries: without history. */
  entryV3: strictObject({ ...entryFields, ...proofField }),
  entry: strictObject({ ...entryFields, ...proofField, history: optional(array(statusChange, { min: 1, max: maxStatusHistory })) }),
  note: strictObject({ text: string({ max: maxNoteLength }), changedAt: timestamp }),
  level: strictObject({ id: storedId, changedAt: timestamp }),
};

export interface ProgressEntry {
  readonly status: SkillStatus;
  readonly changedAt: number;
  /** Evidence from the user's code accepted with the skill (see proof.ts); absent when there is none. */
  readonly proof?: readonly StoredProof[];
  /** The status changes that led here, oldest first, the last `maxStatusHistory`; absent when none was recorded. */
  readonly history?: readonly StatusChange[];
}

export interface StatusChange {
  readonly status: SkillStatus;
  readonly at: number;
}

/** The user's Markdown note on a skill or expectation. An empty text is a deleted note, kept so the delete merges. */
export interface SkillNote {
  readonly text: string;
  readonly changedAt: number;
}

export interface CurrentLevel {
  readonly id: string;
  readonly changedAt: number;
}

export interface ProgressState {
  readonly skills: ReadonlyMap<string, ProgressEntry>;
  /** Keyed by skill or expectation id (one namespace), like `skills`. */
  readonly notes: ReadonlyMap<string, SkillNote>;
  readonly currentLevel?: CurrentLevel;
}

/** The JSON form kept in globalState (and synced). `notes` is left out when there are none. */
export interface StoredState {
  readonly version: typeof currentStateVersion;
  readonly skills: Readonly<Record<string, ProgressEntry>>;
  readonly notes?: Readonly<Record<string, SkillNote>>;
  readonly currentLevel?: CurrentLevel;
}

export function emptyState(): ProgressState {
  return { skills: new Map(), notes: new Map() };
}

/** A state with `currentLevel` only when there is one (storage and equality never see an undefined key). */
export function stateOf(skills: ReadonlyMap<string, ProgressEntry>, notes: ReadonlyMap<string, SkillNote>, currentLevel: CurrentLevel | undefined): ProgressState {
  return currentLevel ? { skills, notes, currentLevel } : { skills, notes };
}

export function toStored(state: ProgressState): StoredState {
  // Object.fromEntries defines own properties, so "__proto__" stays a key and never becomes a prototype.
  const skills = Object.fromEntries(state.skills) as Record<string, ProgressEntry>;
  return {
    version: currentStateVersion,
    skills,
    ...(state.notes.size > 0 ? { notes: Object.fromEntries(state.notes) as Record<string, SkillNote> } : {}),
    ...(state.currentLevel ? { currentLevel: state.currentLevel } : {}),
  };
}

export type ParsedState =
  | { kind: 'ok'; state: ProgressState; migratedFrom?: number }
  | { kind: 'empty' }
  /** Written by a newer version of the extension: use nothing from it and never overwrite it. */
  | { kind: 'newer'; version: number }
  | { kind: 'invalid'; reason: string };

class InvalidState extends Error {}

/** Reads whatever was stored, migrating older versions. Never throws. */
export function parseStoredState(raw: unknown): ParsedState {
  if (raw === undefined || raw === null) return { kind: 'empty' };
  try {
    const record = plainObject(raw, '(root)');
    const version = own(record, 'version');
    if (typeof version === 'number' && Number.isInteger(version) && version > currentStateVersion) return { kind: 'newer', version };
    if (version === 1) {
      onlyKeys(record, ['version', 'statuses'], '(root)');
      // Version 1 kept no times: epoch 0 lets any later change, from any window, win the merge.
      const skills = parseEntries(own(record, 'statuses'), 'statuses', maxStoredSkills, (status, where) => ({ status: valid(storedChecks.status, status, where), changedAt: 0 }));
      return { kind: 'ok', state: stateOf(skills, new Map(), undefined), migratedFrom: 1 };
    }
    if (version !== 2 && version !== 3 && version !== currentStateVersion) throw new InvalidState(`version: expected ${currentStateVersion}, got ${JSON.stringify(version) ?? 'nothing'}`);
    // Version 4 added notes and entries' history, version 3 proof; version 2 has neither. Older versions parse strictly,
    // so they see a newer version (and leave it alone) rather than fields they do not know (which they would replace).
    onlyKeys(record, version === currentStateVersion ? ['version', 'skills', 'notes', 'currentLevel'] : ['version', 'skills', 'currentLevel'], '(root)');
    const checkEntry = version === 2 ? storedChecks.entryV2 : version === 3 ? storedChecks.entryV3 : storedChecks.entry;
    const skills = parseEntries(own(record, 'skills'), 'skills', maxStoredSkills, (entry, where) => valid(checkEntry, entry, where));
    const storedNotes = own(record, 'notes');
    const notes = storedNotes === undefined ? new Map<string, SkillNote>() : parseEntries(storedNotes, 'notes', maxStoredNotes, (note, where) => valid(storedChecks.note, note, where));
    const level = own(record, 'currentLevel');
    const state = stateOf(skills, notes, level === undefined ? undefined : valid(storedChecks.level, level, 'currentLevel'));
    return version === currentStateVersion ? { kind: 'ok', state } : { kind: 'ok', state, migratedFrom: version };
  } catch (error) {
    if (error instanceof InvalidState) return { kind: 'invalid', reason: error.message };
    throw error;
  }
}

function plainObject(value: unknown, where: string): object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidState(`${where}: expected an object`);
  return value;
}

function own(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

function onlyKeys(record: object, allowed: readonly string[], where: string): void {
  const extra = Object.keys(record).find((key) => !allowed.includes(key));
  if (extra !== undefined) throw new InvalidState(`${where}: unknown key "${extra.slice(0, 40)}"`);
}

/** Reads an id-keyed record into a Map, by own keys only, checking every id and the number of entries. */
function parseEntries<T>(value: unknown, where: string, limit: number, parseValue: (value: unknown, where: string) => T): Map<string, T> {
  const record = plainObject(value, where);
  const ids = Object.keys(record);
  if (ids.length > limit) throw new InvalidState(`${where}: ${ids.length} entries, more than the ${limit} this extension keeps`);
  const entries = new Map<string, T>();
  for (const id of ids) {
    const path = `${where}.${id.slice(0, 40)}`;
    valid(storedChecks.storedId, id, `${path} (id)`);
    entries.set(id, parseValue((record as Record<string, unknown>)[id], path));
  }
  return entries;
}

function valid<T>(check: Checker<T>, value: unknown, where: string): T {
  try {
    return check(value);
  } catch (error) {
    if (!(error instanceof Rejected)) throw error;
    throw new InvalidState(`${[where, ...error.path].join('.')}: ${error.message}`);
  }
}

const statusRank: Readonly<Record<SkillStatus, number>> = { 'not-started': 0, learning: 1, skipped: 2, done: 3 };

/**
 * A total order on entries: newer first, then a fixed status order, then the proof, then the history, so every
 * window picks the same winner.
 */
function entryWins(a: ProgressEntry, b: ProgressEntry): boolean {
  if (a.changedAt !== b.changedAt) return a.changedAt > b.changedAt;
  if (a.status !== b.status) return statusRank[a.status] > statusRank[b.status];
  const proof = proofOrder(a.proof, b.proof);
  return proof !== 0 ? proof > 0 : historyKey(a.history) > historyKey(b.history);
}

const historyKey = (history: readonly StatusChange[] | undefined): string => (history ? JSON.stringify(history.map((change) => [change.status, change.at])) : '');

/** Newer first, then the greater text (a deleted note, '', is least), so every window picks the same note. */
function noteWins(a: SkillNote, b: SkillNote): boolean {
  return a.changedAt !== b.changedAt ? a.changedAt > b.changedAt : a.text > b.text;
}

function levelWins(a: CurrentLevel, b: CurrentLevel): boolean {
  return a.changedAt !== b.changedAt ? a.changedAt > b.changedAt : a.id > b.id;
}

/**
 * Per-skill merge: the greater entry under one total order wins. That makes merging commutative, associative and
 * idempotent, so windows and machines converge whatever order their changes meet in.
 */
export function mergeStates(base: ProgressState, incoming: ProgressState): ProgressState {
  const a = base.currentLevel;
  const b = incoming.currentLevel;
  const currentLevel = a && b ? (levelWins(b, a) ? b : a) : (b ?? a);
  return stateOf(mergeById(base.skills, incoming.skills, entryWins), mergeById(base.notes, incoming.notes, noteWins), currentLevel);
}

function mergeById<T>(base: ReadonlyMap<string, T>, incoming: ReadonlyMap<string, T>, wins: (a: T, b: T) => boolean): Map<string, T> {
  const merged = new Map(base);
  for (const [id, item] of incoming) {
    const mine = merged.get(id);
    if (mine === undefined || wins(item, mine)) merged.set(id, item);
  }
  return merged;
}

export function statesEqual(a: ProgressState, b: ProgressState): boolean {
  const entriesEqual = (x: ProgressEntry, y: ProgressEntry): boolean =>
    x.status === y.status && x.changedAt === y.changedAt && proofEqual(x.proof, y.proof) && historyKey(x.history) === historyKey(y.history);
  const notesEqual = (x: SkillNote, y: SkillNote): boolean => x.text === y.text && x.changedAt === y.changedAt;
  return (
    mapsEqual(a.skills, b.skills, entriesEqual) &&
    mapsEqual(a.notes, b.notes, notesEqual) &&
    a.currentLevel?.id === b.currentLevel?.id &&
    a.currentLevel?.changedAt === b.currentLevel?.changedAt
  );
}

function mapsEqual<T>(a: ReadonlyMap<string, T>, b: ReadonlyMap<string, T>, equal: (x: T, y: T) => boolean): boolean {
  if (a.size !== b.size) return false;
  for (const [id, item] of a) {
    const other = b.get(id);
    if (other === undefined || !equal(item, other)) return false;
  }
  return true;
}
