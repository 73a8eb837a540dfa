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
