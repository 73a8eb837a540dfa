/** The message of anything thrown (errors, strings, rejected non-errors), for logs and notifications. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
