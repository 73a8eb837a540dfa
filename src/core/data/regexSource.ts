import { z } from 'zod';

/**
 * A data field holding the source of a regular expression (compiled with the `u` flag). Besides compiling, every
 * such value must pass the super-linear backtracking lint the code's own regexes pass: the build (esbuild.mjs) finds
 * the fields by this metadata and fails at the value's file:line:col, so a catastrophic pattern never ships.
 */
export function regexSource() {
  return z
    .string()
    .refine((source) => compiles(source), 'not a valid regular expression (with the "u" flag)')
    .meta({ regexSource: true });
}

function compiles(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}
