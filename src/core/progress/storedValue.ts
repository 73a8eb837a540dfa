/**
 * Checks for the values progress storage hands back, written out instead of built with zod: stored progress is read
 * while the extension activates, and loading zod and building its schemas cost more than the rest of the main
 * bundle's start-up together. They accept and reject exactly what the zod/mini schemas they replaced did and return
 * the same values (test/unit/storedValue.test.ts holds those schemas and compares the two on any JSON value), and
 * name the same first problem: its path and zod/mini's message, "Invalid input".
 */

/** Where a checked value went wrong: the path inside it, empty for the value itself. */
export class Rejected extends Error {
  constructor(readonly path: readonly (string | number)[]) {
    super('Invalid input');
  }
}

/** Returns the value as checked (objects rebuilt with only their known keys) or throws Rejected. */
export type Checker<T> = (value: unknown) => T;

/** A checker that may also be absent from its object. */
interface OptionalChecker<T> extends Checker<T | undefined> {
  readonly optional: true;
}

const within = <T>(key: string | number, check: () => T): T => {
  try {
    return check();
  } catch (error) {
    throw error instanceof Rejected ? new Rejected([key, ...error.path]) : error;
  }
};

/** zod's `z.string().check(z.minLength(min), z.maxLength(max))`: lengths in UTF-16 code units, as `.length`. */
export function string(limits: { readonly min?: number; readonly max: number }): Checker<string> {
  return (value) => {
    if (typeof value !== 'string' || value.length > limits.max || value.length < (limits.min ?? 0)) throw new Rejected([]);
    return value;
  };
}

/** zod's `z.int().check(z.minimum(min))`: a safe integer, at least `min`. */
export function int(min: number): Checker<number> {
  return (value) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) throw new Rejected([]);
    return value;
  };
}

/** zod's `z.enum(values)`. */
export function oneOf<T extends string>(values: readonly T[]): Checker<T> {
  return (value) => {
    if (!(values as readonly unknown[]).includes(value)) throw new Rejected([]);
    return value as T;
  };
}

/** zod's `z.optional(check)`. */
export function optional<T>(check: Checker<T>): OptionalChecker<T> {
  return Object.assign((value: unknown) => (value === undefined ? undefined : check(value)), { optional: true as const });
}

/** zod's `z.array(element).check(z.minLength(min), z.maxLength(max))`: a wrong length is a problem of the array. */
export function array<T>(element: Checker<T>, limits: { readonly min: number; readonly max: number }): Checker<T[]> {
  return (value) => {
    if (!Array.isArray(value) || value.length < limits.min || value.length > limits.max) throw new Rejected([]);
    // Array.from, unlike map, visits holes too: a hole is an undefined element.
    return Array.from(value as unknown[], (item, index) => within(index, () => element(item)));
  };
}

type Shape = Readonly<Record<string, Checker<unknown>>>;
type Checked<S extends Shape> = { -readonly [K in keyof S as S[K] extends OptionalChecker<unknown> ? never : K]: ReturnType<S[K]> } & {
  -readonly [K in keyof S as S[K] extends OptionalChecker<unknown> ? K : never]?: ReturnType<S[K]>;
};

/**
 * zod's `z.strictObject(shape)`: fields are checked in the shape's order, then any other key is a problem of the
 * object. The result has the shape's keys in that order; an optional key is left out when the value has no such key.
 */
export function strictObject<S extends Shape>(shape: S): Checker<Checked<S>> {
  const fields = Object.entries(shape);
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Rejected([]);
    const record = value as Record<string, unknown>;
    const checked: Record<string, unknown> = {};
    for (const [key, check] of fields) {
      if ('optional' in check && !(key in record)) continue;
      checked[key] = within(key, () => check(record[key]));
    }
    if (Object.keys(record).some((key) => !Object.hasOwn(shape, key))) throw new Rejected([]);
    return checked as Checked<S>;
  };
}

/** `check(value)`'s result, or undefined when it rejects the value. */
export function accepted<T>(check: Checker<T>, value: unknown): T | undefined {
  try {
    return check(value);
  } catch (error) {
    if (error instanceof Rejected) return undefined;
    throw error;
  }
}
