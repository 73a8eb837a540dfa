/**
 * The messages between the extension host and the evidence worker (src/evidence/scanWorker.ts, bundled as
 * dist/evidenceWorker.js), validated on both sides: with zod/mini in the worker (`parseHostMessage`), and in the host
 * by hand-written checks (`parseWorkerMessage`) that accept, return and reject exactly what a zod/mini schema does
 * (test/unit/workerMessage.test.ts holds that schema and compares the two on generated values): a full scan's
 * results (up to 200 proof items per skill) took zod 9–15 ms on the host's thread, where they stall the editor's
 * extensions. Every request carries an `id` its answers repeat.
 *
 * Host → worker:
 *   { type: 'scan', id, folders: [{ name, root }], exclude: string[], cacheFile?: string }
 *       (re)creates the scanner for these folders and scans, reusing the cache in `cacheFile` and writing the new one
 *       there (the worker does both: the host never holds the cache); answers progress…, then results
 *   { type: 'update' | 'remove', id, folder, path }   a saved/created or deleted file or folder; answers results
 *       (`changed`: the skills whose evidence may have changed)
 *   { type: 'cancel', id }                             aborts the scan `id`; it answers { type: 'cancelled', id },
 *       after which updates are refused until the next scan completes
 * Worker → host:
 *   { type: 'progress', id, filesSeen, filesRead } · { type: 'results', id, skills, changed? } ·
 *   { type: 'cache', id, problem? } · { type: 'cancelled', id } · { type: 'error', id, message }
 *   A full scan's results have no `changed`. A scan given a `cacheFile` then writes it and says so with `cache`
 *   (`problem`: why it could not), after its results: the host need not wait for a file of many megabytes.
 */
// zod/mini (the worker's checks of the host's messages and of the cache file): full zod would triple the bundle.
import * as z from 'zod/mini';
import { Rejected } from '../progress/storedValue';
import type { EvidenceItem, SkillEvidence } from './confidence';
import type { SerializedEvidenceCache } from './scanner';
import { signalKinds, type SignalKind } from './vocabulary';

export const findingSchema = z.object({
  rule: z.string(),
  skill: z.string(),
  kind: z.enum(signalKinds),
  line: z.number(),
  column: z.number(),
  length: z.number(),
  cell: z.optional(z.number()),
  text: z.string(),
  test: z.boolean(),
});

export const evidenceCacheSchema = z.object({
  version: z.literal(1),
  rules: z.string(),
  folders: z.record(z.string(), z.record(z.string(), z.object({ size: z.number(), mtimeMs: z.number(), findings: z.array(findingSchema), includes: z.optional(z.array(z.string())) }))),
});

const id = z.number();

export const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('scan'),
    id,
    folders: z.array(z.object({ name: z.string(), root: z.string() })),
    exclude: z.array(z.string()),
    cacheFile: z.optional(z.string()),
  }),
  z.object({ type: z.literal('update'), id, folder: z.string(), path: z.string() }),
  z.object({ type: z.literal('remove'), id, folder: z.string(), path: z.string() }),
  z.object({ type: z.literal('cancel'), id }),
]);

export type HostMessage = z.infer<typeof hostMessageSchema>;
export type WorkerMessage =
  | { type: 'progress'; id: number; filesSeen: number; filesRead: number }
  | { type: 'results'; id: number; skills: SkillEvidence[]; changed?: string[] }
  | { type: 'cache'; id: number; problem?: string }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; message: string };

const invalid = (from: string, message: string, path: readonly PropertyKey[]) => new Error(`invalid message from the ${from}: ${message} at ${path.join('.') || 'top level'}`);

export function parseHostMessage(data: unknown): HostMessage {
  const result = hostMessageSchema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw invalid('extension host', issue?.message ?? 'unknown problem', issue?.path ?? []);
}

/** The checks below throw `Rejected` with the path of the first problem, in the order zod/mini reports them. */
const reject = (): never => {
  throw new Rejected([]);
};

/** A problem of a part (at `key`) as a problem of the whole. */
const within = (key: string | number, error: unknown): unknown => (error instanceof Rejected ? new Rejected([key, ...error.path]) : error);

// zod/mini's z.string(), z.number() (finite), z.boolean() and z.enum(signalKinds).
const string = (value: unknown): string => (typeof value === 'string' ? value : reject());
const number = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : reject());
const boolean = (value: unknown): boolean => (typeof value === 'boolean' ? value : reject());
const signalKind = (value: unknown): SignalKind => ((signalKinds as readonly unknown[]).includes(value) ? (value as SignalKind) : reject());

/** An object (z.object: any other key is dropped). */
const object = (value: unknown): Readonly<Record<string, unknown>> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : reject());

/** z.array(element): every index up to the length, holes included (a hole is undefined). */
function array<T>(value: unknown, element: (item: unknown) => T): T[] {
  if (!Array.isArray(value)) return reject();
  const items = value as unknown[];
  const checked = new Array<T>(items.length);
  for (let i = 0; i < items.length; i++) {
    try {
      checked[i] = element(items[i]);
    } catch (error) {
      throw within(i, error);
    }
  }
  return checked;
}

/** A field of an object, checked. (No closure per field: a full scan's results are checked before the code is optimised.) */
function field<T>(value: Readonly<Record<string, unknown>>, key: string, check: (item: unknown) => T): T {
  try {
    return check(value[key]);
  } catch (error) {
    throw within(key, error);
  }
}

/** An optional field (z.optional) as an object to spread: empty when `object` has no such key. */
const optional = <T>(value: Readonly<Record<string, unknown>>, key: string, check: (item: unknown) => T): { [key: string]: T | undefined } =>
  key in value ? { [key]: field(value, key, (item) => (item === undefined ? undefined : check(item))) } : {};

function evidenceItem(value: unknown): EvidenceItem {
  const v = object(value);
  return {
    rule: field(v, 'rule', string),
    skill: field(v, 'skill', string),
    kind: field(v, 'kind', signalKind),
    line: field(v, 'line', number),
    column: field(v, 'column', number),
    length: field(v, 'length', number),
    ...optional(v, 'cell', number),
    text: field(v, 'text', string),
    test: field(v, 'test', boolean),
    folder: field(v, 'folder', string),
    path: field(v, 'path', string),
    explanation: field(v, 'explanation', string),
  };
}

function skillEvidence(value: unknown): SkillEvidence {
  const v = object(value);
  return {
    skillId: field(v, 'skillId', string),
    confidence: field(v, 'confidence', number),
    suggested: field(v, 'suggested', boolean),
    kinds: field(v, 'kinds', (kinds) => array(kinds, signalKind)),
    files: field(v, 'files', number),
    findings: field(v, 'findings', number),
    items: field(v, 'items', (items) => array(items, evidenceItem)),
  };
}

/** z.discriminatedUnion('type', …): the type first, then the fields of its message in order. */
function workerMessage(value: unknown): WorkerMessage {
  const v = object(value);
  const id = () => field(v, 'id', number);
  switch (v['type']) {
    case 'progress':
      return { type: 'progress', id: id(), filesSeen: field(v, 'filesSeen', number), filesRead: field(v, 'filesRead', number) };
    case 'results':
      return { type: 'results', id: id(), skills: field(v, 'skills', (skills) => array(skills, skillEvidence)), ...optional(v, 'changed', (changed) => array(changed, string)) };
    case 'cache':
      return { type: 'cache', id: id(), ...optional(v, 'problem', string) };
    case 'cancelled':
      return { type: 'cancelled', id: id() };
    case 'error':
      return { type: 'error', id: id(), message: field(v, 'message', string) };
    default:
      throw new Rejected(['type']);
  }
}

export function parseWorkerMessage(data: unknown): WorkerMessage {
  try {
    return workerMessage(data);
  } catch (error) {
    if (error instanceof Rejected) throw invalid('evidence worker', error.message, error.path);
    throw error;
  }
}

// The protocol's shapes are the core's: a change to either fails the typecheck here.
const _cacheMatches: SerializedEvidenceCache = {} as z.infer<typeof evidenceCacheSchema>;
void _cacheMatches;
