// Types for parse.mjs, which the TypeScript unit tests import.
export function activationStats(text: string): Map<string, { codeLoading: number; activateCall: number; activateResolved: number; event: string }>;
export function shownActivationMs(text: string): number | undefined;
export function cpuTicks(stat: string): number;
export function requireTimes(marks: readonly { name: string; startTime: number }[]): Map<string, number>;
export function scanWindow(log: string): { started: number; done: number } | undefined;
export function maxLatenessMs(samples: readonly (readonly [number, number])[], from: number, to: number): number;
