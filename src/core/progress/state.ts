// zod/mini: stored state is parsed at activation, where full zod would triple the bundle.
import * as z from 'zod/mini';
import { maxStoredProof, proofEqual, proofOrder, storedProofSchema, type StoredProof } from './proof';
import { skillStatuses, type SkillStatus } from './status';

/**
 * The user's progress. Entries are keyed by skill id and keep ids the current content does not know (a newer
 * or older roadmap may know them). Every entry carries the time it changed so two windows, or two machines
 * under Settings Sync, merge per skill with the newest change winning.
 *
 * In memory the entries live in a `Map`: ids come from storage that other windows and machines write, and an id
 * like `constructor` or `__proto__` must be an ordinary key, never a lookup on `Object.prototype`.
 */
export const currentStateVersion = 3;

/** The most skills stored progress may hold: far above any roadmap, low enough that a refresh stays cheap. */
export const maxStoredSkills = 10_000;
export const maxStoredIdLength = 200;

const timestamp = z.int().check(z.minimum(0));
/** A skill or level id as storage accepts it; the store checks ids against it before writing. */
export const storedIdSchema = z.string().check(z.minLength(1), z.maxLength(maxStoredIdLength));
const entryFields = {
  status: z.enum(skillStatuses),
  /** Milliseconds since the epoch, from a hybrid logical clock (see clock.ts). */
  changedAt: timestamp,
};
/** Version 2 entries: the same without proof. */
const entrySchemaV2 = z.strictObject(entryFields);
const entrySchema = z.strictObject({ ...entryFields, proof: z.optional(z.array(storedProofSchema).check(z.minLength(1), z.maxLength(maxStoredProof))) });
const levelSchema = z.strictObject({ id: storedIdSchema, changedAt: timestamp });

export interface ProgressEntry {
  readonly status: SkillStatus;
  readonly changedAt: number;
  /** Evidence from the user's code accepted with the skill (see proof.ts); absent when there is none. */
  readonly proof?: readonly StoredProof[];
}

export interface CurrentLevel {
  readonly id: string;
  readonly changedAt: number;
}

export interface ProgressState {
  readonly skills: ReadonlyMap<string, ProgressEntry>;
  readonly currentLevel?: CurrentLevel;
}

/** The JSON form kept in globalState (and synced). */
export interface StoredState {
  readonly version: typeof currentStateVersion;
  readonly skills: Readonly<Record<string, ProgressEntry>>;
  readonly currentLevel?: CurrentLevel;
}

export function emptyState(): ProgressState {
  return { skills: new Map() };
}

export function toStored(state: ProgressState): StoredState {
  // Object.fromEntries defines own properties, so "__proto__" stays a key and never becomes a prototype.
  const skills = Object.fromEntries(state.skills) as Record<string, ProgressEntry>;
  return state.currentLevel ? { version: currentStateVersion, skills, currentLevel: state.currentLevel } : { version: currentStateVersion, skills };
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
      const skills = parseEntries(own(record, 'statuses'), 'statuses', (status, where) => ({ status: valid(z.enum(skillStatuses), status, where), changedAt: 0 }));
      return { kind: 'ok', state: { skills }, migratedFrom: 1 };
    }
    if (version !== 2 && version !== currentStateVersion) throw new InvalidState(`version: expected ${currentStateVersion}, got ${JSON.stringify(version) ?? 'nothing'}`);
    onlyKeys(record, ['version', 'skills', 'currentLevel'], '(root)');
    // Version 3 added proof to entries; version 2 is the same without it. Older versions parse strictly, so they see
    // a newer version (and leave it alone) rather than entries with an unknown field (which they would replace).
    const schema = version === 2 ? entrySchemaV2 : entrySchema;
    const skills = parseEntries(own(record, 'skills'), 'skills', (entry, where) => valid(schema, entry, where));
    const level = own(record, 'currentLevel');
    const state: ProgressState = level === undefined ? { skills } : { skills, currentLevel: valid(levelSchema, level, 'currentLevel') };
    return version === 2 ? { kind: 'ok', state, migratedFrom: 2 } : { kind: 'ok', state };
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
function parseEntries<T>(value: unknown, where: string, parseValue: (value: unknown, where: string) => T): Map<string, T> {
  const record = plainObject(value, where);
  const ids = Object.keys(record);
  if (ids.length > maxStoredSkills) throw new InvalidState(`${where}: ${ids.length} entries, more than the ${maxStoredSkills} this extension keeps`);
  const entries = new Map<string, T>();
  for (const id of ids) {
    const path = `${where}.${id.slice(0, 40)}`;
    valid(storedIdSchema, id, `${path} (id)`);
    entries.set(id, parseValue((record as Record<string, unknown>)[id], path));
  }
  return entries;
}

function valid<T>(schema: z.ZodMiniType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue && issue.path.length > 0 ? `${where}.${issue.path.join('.')}` : where;
  throw new InvalidState(`${path}: ${issue?.message ?? 'invalid'}`);
}

const statusRank: Readonly<Record<SkillStatus, number>> = { 'not-started': 0, learning: 1, skipped: 2, done: 3 };

/** A total order on entries: newer first, then a fixed status order, then the proof, so every window picks the same winner. */
function entryWins(a: ProgressEntry, b: ProgressEntry): boolean {
  if (a.changedAt !== b.changedAt) return a.changedAt > b.changedAt;
  if (a.status !== b.status) return statusRank[a.status] > statusRank[b.status];
  return proofOrder(a.proof, b.proof) > 0;
}

function levelWins(a: CurrentLevel, b: CurrentLevel): boolean {
  return a.changedAt !== b.changedAt ? a.changedAt > b.changedAt : a.id > b.id;
}

/**
 * Per-skill merge: the greater entry under one total order wins. That makes merging commutative, associative and
 * idempotent, so windows and machines converge whatever order their changes meet in.
 */
export function mergeStates(base: ProgressState, incoming: ProgressState): ProgressState {
  const skills = new Map(base.skills);
  for (const [id, entry] of incoming.skills) {
    const mine = skills.get(id);
    if (!mine || entryWins(entry, mine)) skills.set(id, entry);
  }
  const a = base.currentLevel;
  const b = incoming.currentLevel;
  const currentLevel = a && b ? (levelWins(b, a) ? b : a) : (b ?? a);
  return currentLevel ? { skills, currentLevel } : { skills };
}

export function statesEqual(a: ProgressState, b: ProgressState): boolean {
  if (a.skills.size !== b.skills.size) return false;
  for (const [id, entry] of a.skills) {
    const other = b.skills.get(id);
    if (!other || other.status !== entry.status || other.changedAt !== entry.changedAt || !proofEqual(other.proof, entry.proof)) return false;
  }
  return a.currentLevel?.id === b.currentLevel?.id && a.currentLevel?.changedAt === b.currentLevel?.changedAt;
}
