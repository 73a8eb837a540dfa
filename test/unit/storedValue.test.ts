import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as z from 'zod/mini';
import { checkStoredProof, maxStoredProof } from '../../src/core/progress/proof';
import { maxNoteLength, maxStatusHistory, maxStoredIdLength, parseStoredState, storedChecks } from '../../src/core/progress/state';
import { skillStatuses } from '../../src/core/progress/status';
import { Rejected, type Checker } from '../../src/core/progress/storedValue';
import { assertProperty, mutated } from './helpers/property';

/**
 * The zod/mini schemas stored progress was read with before the hand-written checks replaced them (zod cost more at
 * activation than the rest of the main bundle): the checks must accept, return and reject exactly as these did.
 */
const zodSchemas = (() => {
  const timestamp = z.int().check(z.minimum(0));
  const storedId = z.string().check(z.minLength(1), z.maxLength(maxStoredIdLength));
  const bounded = (max: number) => z.string().check(z.maxLength(max));
  const positive = z.int().check(z.minimum(1));
  const proof = z.strictObject({
    folder: bounded(200),
    path: bounded(500).check(z.minLength(1)),
    line: positive,
    cell: z.optional(positive),
    rule: bounded(200).check(z.minLength(1)),
    text: bounded(160),
    commit: z.optional(bounded(64)),
    remote: z.optional(bounded(500)),
  });
  const entryFields = { status: z.enum(skillStatuses), changedAt: timestamp };
  const proofField = { proof: z.optional(z.array(proof).check(z.minLength(1), z.maxLength(maxStoredProof))) };
  const statusChange = z.strictObject({ status: z.enum(skillStatuses), at: timestamp });
  return {
    storedId,
    status: z.enum(skillStatuses),
    proof,
    entryV2: z.strictObject(entryFields),
    entryV3: z.strictObject({ ...entryFields, ...proofField }),
    entry: z.strictObject({ ...entryFields, ...proofField, history: z.optional(z.array(statusChange).check(z.minLength(1), z.maxLength(maxStatusHistory))) }),
    note: z.strictObject({ text: z.string().check(z.maxLength(maxNoteLength)), changedAt: timestamp }),
    level: z.strictObject({ id: storedId, changedAt: timestamp }),
  };
})();

const checks: Record<keyof typeof zodSchemas, Checker<unknown>> = { ...storedChecks, proof: checkStoredProof };

type Outcome = { ok: unknown; inOrder: string } | { path: string };

/** What a check makes of a value, in the terms both sides share: the value (and its keys' order) or the first problem's path. */
function outcome(check: Checker<unknown>, value: unknown): Outcome {
  try {
    const checked = check(value);
    return { ok: checked, inOrder: JSON.stringify(checked) };
  } catch (error) {
    if (!(error instanceof Rejected)) throw error;
    return { path: error.path.join('.') };
  }
}

function zodOutcome(schema: z.ZodMiniType, value: unknown): Outcome {
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: parsed.data, inOrder: JSON.stringify(parsed.data) } : { path: parsed.error.issues[0]!.path.join('.') };
}

const edgeNumber = fc.constantFrom(0, -0, 1, -1, 1.5, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), 1e300);
const edgeString = fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('', 'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(160), 'x'.repeat(161), 'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(500), 'x'.repeat(501)));
const leaf = fc.oneof(edgeNumber, edgeString, fc.constantFrom(...skillStatuses, 'done ', null, true), fc.jsonValue({ maxDepth: 1 }));
const validProof = fc.record(
  { folder: edgeString, path: fc.string({ minLength: 1, maxLength: 5 }), line: fc.integer({ min: 1, max: 9 }), cell: fc.integer({ min: 1, max: 9 }), rule: fc.constantFrom('r'), text: fc.string({ maxLength: 5 }), commit: fc.constantFrom('abc'), remote: fc.constantFrom('https://x') },
  { requiredKeys: ['folder', 'path', 'line', 'rule', 'text'] },
);
const change = fc.record({ status: fc.constantFrom(...skillStatuses), at: fc.nat() });
const entry = (fields: { proof?: boolean; history?: boolean }) =>
  fc.record(
    {
      status: fc.constantFrom(...skillStatuses),
      changedAt: fc.nat(),
      ...(fields.proof ? { proof: fc.array(validProof, { minLength: 1, maxLength: maxStoredProof }) } : {}),
      ...(fields.history ? { history: fc.array(change, { minLength: 1, maxLength: maxStatusHistory }) } : {}),
    },
    { requiredKeys: ['status', 'changedAt'] },
  );
/** Values each check accepts. */
const validValues: Record<keyof typeof zodSchemas, fc.Arbitrary<unknown>> = {
  storedId: fc.string({ minLength: 1, maxLength: 5 }),
  status: fc.constantFrom(...skillStatuses),
  proof: validProof,
  entryV2: entry({}),
  entryV3: entry({ proof: true }),
  entry: entry({ proof: true, history: true }),
  note: fc.record({ text: fc.string({ maxLength: 5 }), changedAt: fc.nat() }),
  level: fc.record({ id: fc.string({ minLength: 1, maxLength: 5 }), changedAt: fc.nat() }),
};
/** Keys `mutated` changes, besides indexes and other strings. */
const mutatedFields = ['status', 'changedAt', 'at', 'text', 'id', 'proof', 'history', 'folder', 'path', 'line', 'cell', 'rule', 'commit', 'remote'];
const names = Object.keys(zodSchemas) as (keyof typeof zodSchemas)[];
/** Valid values of the check, the same changed in one place, valid values of the others, and any JSON value. */
const valuesFor = (name: keyof typeof zodSchemas) =>
  fc.oneof(validValues[name], mutated(validValues[name], mutatedFields, leaf), mutated(validValues[name], mutatedFields, leaf), fc.oneof(...names.map((other) => validValues[other])), leaf, fc.jsonValue({ maxDepth: 3 }));

describe('stored progress checks: the same answers as the zod schemas they replaced', () => {
  for (const name of names) {
    it(`${name}: accepts, returns and rejects (at the same first path) as zod did, for any JSON value and near-valid ones`, () => {
      assertProperty(fc.property(valuesFor(name), (value) => assert.deepEqual(outcome(checks[name], value), zodOutcome(zodSchemas[name], value), JSON.stringify(value))));
    });
  }

  it('the generators reach both outcomes for every check (the comparison is not all rejections)', () => {
    for (const name of names) {
      const values = fc.sample(valuesFor(name), 2000);
      const accepted = values.filter((v) => 'ok' in outcome(checks[name], v)).length;
      assert.ok(accepted > 200 && accepted < values.length - 200, `${name}: ${accepted} of ${values.length} accepted`);
    }
  });

  it('names the first problem with its path and zod/mini\'s message', () => {
    const parsed = parseStoredState({ version: 4, skills: { python: { status: 'done', changedAt: 1, proof: [{ folder: 'a', path: 'p', line: 0, rule: 'r', text: '' }] } } });
    assert.deepEqual(parsed, { kind: 'invalid', reason: 'skills.python.proof.0.line: Invalid input' });
  });

  it('keeps an optional key given as undefined and leaves out one that is absent, as zod did', () => {
    assert.deepEqual(Object.keys(storedChecks.entry({ status: 'done', changedAt: 1, proof: undefined })), ['status', 'changedAt', 'proof']);
    assert.deepEqual(Object.keys(storedChecks.entry({ changedAt: 1, status: 'done' })), ['status', 'changedAt']);
  });
});
