/**
 * The messages between the extension host and the evidence worker (src/evidence/scanWorker.ts, bundled as
 * dist/evidenceWorker.js), validated with zod/mini on both sides (`parseHostMessage` in the worker,
 * `parseWorkerMessage` in the host). Every request carries an `id` its answers repeat.
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
// zod/mini: the host validates every message at the boundary; full zod would triple the bundle.
import * as z from 'zod/mini';
import type { SkillEvidence } from './confidence';
import type { SerializedEvidenceCache } from './scanner';
import { signalKinds } from './vocabulary';

const findingSchema = z.object({
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

const skillEvidenceSchema = z.object({
  skillId: z.string(),
  confidence: z.number(),
  suggested: z.boolean(),
  kinds: z.array(z.enum(signalKinds)),
  files: z.number(),
  findings: z.number(),
  items: z.array(z.extend(findingSchema, { folder: z.string(), path: z.string(), explanation: z.string() })),
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

export const workerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), id, filesSeen: z.number(), filesRead: z.number() }),
  z.object({ type: z.literal('results'), id, skills: z.array(skillEvidenceSchema), changed: z.optional(z.array(z.string())) }),
  z.object({ type: z.literal('cache'), id, problem: z.optional(z.string()) }),
  z.object({ type: z.literal('cancelled'), id }),
  z.object({ type: z.literal('error'), id, message: z.string() }),
]);

export type HostMessage = z.infer<typeof hostMessageSchema>;
export type WorkerMessage = z.infer<typeof workerMessageSchema>;

function parse<T>(schema: z.ZodMiniType<T>, data: unknown, from: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Error(`invalid message from the ${from}: ${issue?.message ?? 'unknown problem'} at ${issue?.path.join('.') || 'top level'}`);
}

export const parseHostMessage = (data: unknown): HostMessage => parse(hostMessageSchema, data, 'extension host');
export const parseWorkerMessage = (data: unknown): WorkerMessage => parse(workerMessageSchema, data, 'evidence worker');

// The protocol's shapes are the core's: a change to either fails the typecheck here.
const _cacheMatches: SerializedEvidenceCache = {} as z.infer<typeof evidenceCacheSchema>;
const _skillsMatch: SkillEvidence = {} as z.infer<typeof skillEvidenceSchema>;
void _cacheMatches;
void _skillsMatch;
