// The host's hand-written checks of the evidence worker's messages (parseWorkerMessage) against the zod/mini schema they
// replaced: the same values accepted and returned (keys in the same order), the same rejected, at the same first path.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as z from 'zod/mini';
import { signalKinds } from '../../src/core/evidence/vocabulary';
import { findingSchema, parseWorkerMessage } from '../../src/core/evidence/workerProtocol';
import { assertProperty, mutated } from './helpers/property';

/** The schema the host validated worker messages with before the hand-written checks (its findings: the cache file's). */
const zodWorkerMessage = (() => {
  const skillEvidence = z.object({
    skillId: z.string(),
    confidence: z.number(),
    suggested: z.boolean(),
    kinds: z.array(z.enum(signalKinds)),
    files: z.number(),
    findings: z.number(),
    items: z.array(z.extend(findingSchema, { folder: z.string(), path: z.string(), explanation: z.string() })),
  });
  const id = z.number();
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('progress'), id, filesSeen: z.number(), filesRead: z.number() }),
    z.object({ type: z.literal('results'), id, skills: z.array(skillEvidence), changed: z.optional(z.array(z.string())) }),
    z.object({ type: z.literal('cache'), id, problem: z.optional(z.string()) }),
    z.object({ type: z.literal('cancelled'), id }),
    z.object({ type: z.literal('error'), id, message: z.string() }),
  ]);
})();

type Outcome = { ok: unknown; inOrder: string; keys: string } | { error: string };

const keysOf = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.keys(v) : v));

function checked(value: unknown): Outcome {
  try {
    const message = parseWorkerMessage(value);
    return { ok: message, inOrder: JSON.stringify(message), keys: keysOf(message) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function zodChecked(value: unknown): Outcome {
  const parsed = zodWorkerMessage.safeParse(value);
  if (parsed.success) return { ok: parsed.data, inOrder: JSON.stringify(parsed.data), keys: keysOf(parsed.data) };
  // zod's own wording depends on its locale (importing full zod elsewhere installs English messages); the checks say
  // "Invalid input", zod/mini's default, and the first problem's path is what must agree.
  return { error: `invalid message from the evidence worker: Invalid input at ${parsed.error.issues[0]?.path.join('.') || 'top level'}` };
}

const edgeNumber = fc.constantFrom(0, -0, 1, -1, 1.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
const leaf = fc.oneof(edgeNumber, fc.string({ maxLength: 3 }), fc.constantFrom(...signalKinds, 'results', 'import ', null, true, false, [], {}), fc.jsonValue({ maxDepth: 1 }));
const finding = {
  rule: fc.string({ maxLength: 3 }),
  skill: fc.string({ maxLength: 3 }),
  kind: fc.constantFrom(...signalKinds),
  line: fc.nat(),
  column: fc.nat(),
  length: fc.nat(),
  cell: fc.nat(),
  text: fc.string({ maxLength: 5 }),
  test: fc.boolean(),
  folder: fc.string({ maxLength: 3 }),
  path: fc.string({ maxLength: 5 }),
  explanation: fc.string({ maxLength: 5 }),
};
const item = fc.record(finding, { requiredKeys: ['rule', 'skill', 'kind', 'line', 'column', 'length', 'text', 'test', 'folder', 'path', 'explanation'] });
const skill = fc.record({ skillId: fc.string({ maxLength: 3 }), confidence: fc.double({ min: 0, max: 1, noNaN: true }), suggested: fc.boolean(), kinds: fc.array(fc.constantFrom(...signalKinds), { maxLength: 3 }), files: fc.nat(), findings: fc.nat(), items: fc.array(item, { maxLength: 3 }) });
const valid = fc.oneof(
  fc.record({ type: fc.constant('progress'), id: fc.nat(), filesSeen: fc.nat(), filesRead: fc.nat() }),
  fc.record({ type: fc.constant('results'), id: fc.nat(), skills: fc.array(skill, { maxLength: 3 }), changed: fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }) }, { requiredKeys: ['type', 'id', 'skills'] }),
  fc.record({ type: fc.constant('cache'), id: fc.nat(), problem: fc.string({ maxLength: 5 }) }, { requiredKeys: ['type', 'id'] }),
  fc.record({ type: fc.constant('cancelled'), id: fc.nat() }),
  fc.record({ type: fc.constant('error'), id: fc.nat(), message: fc.string({ maxLength: 5 }) }),
);
/** Every path into a value (its keys and indexes, all levels). */
function pathsOf(value: unknown, prefix: readonly (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.keys(value).flatMap((key) => {
    const step = Array.isArray(value) ? Number(key) : key;
    return [[...prefix, step], ...pathsOf((value as Record<string, unknown>)[key], [...prefix, step])];
  });
}

/** A value from `base` with one of its own fields, at any depth, replaced by a leaf or undefined, or removed. */
const fieldReplaced = (base: fc.Arbitrary<unknown>) => fc.tuple(base, fc.nat(), fc.oneof(leaf, fc.constant(undefined)), fc.boolean()).map(([message, n, replacement, removes]) => {
  const copy = structuredClone(message) as Record<string | number, unknown>;
  const paths = pathsOf(copy);
  const path = paths[n % paths.length] ?? [];
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path.at(-1);
  if (last === undefined) return replacement;
  if (removes) Reflect.deleteProperty(parent, last);
  else parent[last] = replacement;
  return copy;
});
const fields = ['type', 'id', 'filesSeen', 'filesRead', 'skills', 'changed', 'problem', 'message', 'items', 'kinds', ...Object.keys(finding), 'skillId', 'confidence', 'suggested', 'files', 'findings'];
/**
 * Valid messages, the same with one or two fields changed (any of theirs, or a key added, at any depth: two wrong
 * fields tell whether the first problem is found first), and any JSON value.
 */
const messages = fc.oneof(valid, fieldReplaced(valid), fieldReplaced(valid), fieldReplaced(fieldReplaced(valid)), fieldReplaced(fieldReplaced(valid)), mutated(valid, fields, leaf, 5), leaf, fc.jsonValue({ maxDepth: 3 }));

describe('evidence worker messages: the host checks them as the zod/mini schema did', () => {
  it('accepts, returns (keys in order) and rejects (same first path) as zod/mini, for valid, near-valid and any values', () => {
    assertProperty(fc.property(messages, (value) => assert.deepEqual(checked(value), zodChecked(value), JSON.stringify(value))));
  });

  it('the generator reaches both outcomes (the comparison is not all rejections)', () => {
    const values = fc.sample(messages, 2000);
    const accepted = values.filter((v) => 'ok' in checked(v)).length;
    assert.ok(accepted > 300 && accepted < values.length - 300, `${accepted} of ${values.length} accepted`);
  });

  it('a full scan\'s results with 200 items per skill come back equal, other keys dropped', () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ rule: 'pytorch', skill: 'dl', kind: 'import', line: i + 1, column: 0, length: 5, text: 'import torch', test: false, folder: 'app', path: `m${i}.py`, explanation: 'imports PyTorch', extra: 1 }));
    const message = { type: 'results', id: 4, skills: Array.from({ length: 7 }, (_, s) => ({ skillId: `s${s}`, confidence: 0.9, suggested: true, kinds: ['import'], files: 200, findings: 200, items })) };
    const parsed = parseWorkerMessage(message);
    assert.equal(parsed.type === 'results' && parsed.skills[6]?.items[199]?.path, 'm199.py');
    assert.equal(JSON.stringify(parsed).includes('extra'), false);
  });
});
