// Apart from suggestions.ts, which the Roadmap view loads at activation: zod is loaded only with the evidence bundle.
import * as z from 'zod/mini';
import type { Dismissals } from './suggestions';
import { signalKinds } from './vocabulary';

const dismissalsSchema = z.record(z.string().check(z.minLength(1), z.maxLength(200)), z.array(z.enum(signalKinds)));

/** Reads stored dismissals; anything unreadable counts as none dismissed (a suggestion comes back, nothing is lost). */
export function parseDismissals(raw: unknown): Dismissals {
  const parsed = dismissalsSchema.safeParse(raw);
  return parsed.success ? new Map(Object.entries(parsed.data)) : new Map();
}
