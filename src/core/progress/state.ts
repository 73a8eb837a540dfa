// zod/mini: stored state is parsed at activation, where full zod would triple the bundle.
import * as z from 'zod/mini';
import { skillStatuses } from './status';

/**
 * The stored progress. Entries are keyed by skill id and keep ids the current content does not know (a newer
 * or older roadmap may know them). Every entry carries the time it changed so two windows, or two machines
 * under Settings Sync, merge per skill with the newest change winning.
 */
export const currentStateVersion = 2;

const timestamp = z.int().check(z.minimum(0));
const stateKey = z.string().check(z.minLength(1), z.maxLength(200));

const entrySchema = z.strictObject({
  status: z.enum(skillStatuses),
  /** Milliseconds since the epoch. */
  changedAt: timestamp,
});

export const progressStateSchema = z.strictObject({
  version: z.literal(currentStateVersion),
  skills: z.record(stateKey, entrySchema),
  currentLevel: z.optional(z.strictObject({ id: stateKey, changedAt: timestamp })),
});

/** Version 1 (the first preview) kept statuses only, with no times and no current level. */
const stateV1Schema = z.strictObject({
  version: z.literal(1),
  statuses: z.record(stateKey, z.enum(skillStatuses)),
});

export type ProgressEntry = z.infer<typeof entrySchema>;
export type ProgressState = z.infer<typeof progressStateSchema>;

export function emptyState(): ProgressState {
  return { version: currentStateVersion, skills: {} };
}

export type ParsedState =
  | { kind: 'ok'; state: ProgressState; migratedFrom?: number }
  | { kind: 'empty' }
  /** Written by a newer version of the extension: use nothing from it and never overwrite it. */
  | { kind: 'newer'; version: number }
  | { kind: 'invalid'; reason: string };

/** Reads whatever was stored, migrating older versions. Never throws. */
export function parseStoredState(raw: unknown): ParsedState {
  if (raw === undefined || raw === null) return { kind: 'empty' };
  const version = typeof raw === 'object' && raw !== null && 'version' in raw ? (raw as { version: unknown }).version : undefined;
  if (typeof version === 'number' && Number.isInteger(version) && version > currentStateVersion) return { kind: 'newer', version };
  if (version === 1) {
    const v1 = stateV1Schema.safeParse(raw);
    if (!v1.success) return { kind: 'invalid', reason: describe(v1.error) };
    // Version 1 kept no times: epoch 0 lets any later change, from any window, win the merge.
    const skills = Object.fromEntries(Object.entries(v1.data.statuses).map(([id, status]) => [id, { status, changedAt: 0 }]));
    return { kind: 'ok', state: { version: currentStateVersion, skills }, migratedFrom: 1 };
  }
  const parsed = progressStateSchema.safeParse(raw);
  return parsed.success ? { kind: 'ok', state: parsed.data } : { kind: 'invalid', reason: describe(parsed.error) };
}

function describe(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Per-skill merge, newest change wins; on a tie the incoming side wins, so merging is deterministic. */
export function mergeStates(base: ProgressState, incoming: ProgressState): ProgressState {
  const skills: Record<string, ProgressEntry> = { ...base.skills };
  for (const [id, entry] of Object.entries(incoming.skills)) {
    const mine = skills[id];
    if (!mine || entry.changedAt >= mine.changedAt) skills[id] = entry;
  }
  const level =
    base.currentLevel && incoming.currentLevel
      ? incoming.currentLevel.changedAt >= base.currentLevel.changedAt
        ? incoming.currentLevel
        : base.currentLevel
      : (incoming.currentLevel ?? base.currentLevel);
  return level ? { version: currentStateVersion, skills, currentLevel: level } : { version: currentStateVersion, skills };
}

export function statesEqual(a: ProgressState, b: ProgressState): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

function normalize(state: ProgressState): unknown {
  return { ...state, skills: Object.fromEntries(Object.entries(state.skills).sort(([x], [y]) => x.localeCompare(y))) };
}

/** The most skills stored progress may hold. */
export const maxStoredSkills = 10_000;
export type StoredState = ProgressState;
