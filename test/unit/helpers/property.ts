import * as fc from 'fast-check';

/**
 * How many generated cases each property runs: thousands in CI and `npm test`; set ML_CAREER_PROPERTY_RUNS to
 * go deeper locally. fast-check prints the seed and the shrunk counterexample of a failure, so
 * `fc.assert(…, { seed, path })` replays it.
 */
export const propertyRuns = Number(process.env['ML_CAREER_PROPERTY_RUNS'] ?? 2000);

/** `fc.assert` with the project's run count; pass `numRuns` only to go lower for properties that are slow per case. */
export function assertProperty<Ts>(property: fc.IRawProperty<Ts>, params: fc.Parameters<Ts> = {}): void {
  fc.assert(property, { numRuns: propertyRuns, ...params });
}

/**
 * A value from `base` with one part replaced by a `leaf` or undefined, or removed, or a key added, somewhere down to
 * `depth` levels deep: the near-valid values where hand-written checks and a schema are likeliest to disagree. Keys
 * are taken from `fields`, small indexes and short strings.
 */
export function mutated(base: fc.Arbitrary<unknown>, fields: readonly string[], leaf: fc.Arbitrary<unknown>, depth = 3): fc.Arbitrary<unknown> {
  const key = fc.oneof(fc.constantFrom(...fields), fc.nat(2), fc.string({ maxLength: 3 }));
  return fc.tuple(base, fc.array(key, { minLength: 1, maxLength: depth }), fc.oneof(leaf, fc.constant(undefined)), fc.boolean()).map(([value, path, replacement, removes]) => {
    const copy = structuredClone(value) as Record<string | number, unknown>;
    let parent: Record<string | number, unknown> = copy;
    for (const key of path.slice(0, -1)) {
      const child = parent[key];
      if (typeof child !== 'object' || child === null) break;
      parent = child as Record<string | number, unknown>;
    }
    const last = path.at(-1);
    if (last === undefined || typeof parent !== 'object' || parent === null) return replacement;
    if (removes) Reflect.deleteProperty(parent, last);
    else Object.defineProperty(parent, last, { value: replacement, enumerable: true, writable: true, configurable: true });
    return copy;
  });
}
