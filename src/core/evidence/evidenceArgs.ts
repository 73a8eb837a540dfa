/** The place of a proof item as commands and webview messages pass it, validated at the boundary (zod/mini). */
import * as z from 'zod/mini';
import type { CommandArguments } from '../commandArgs';

const count = z.int().check(z.minimum(0));

export const proofPlaceSchema = z.strictObject({
  /** The workspace folder's name. */
  folder: z.string().check(z.minLength(1), z.maxLength(200)),
  /** Folder-relative, "/"-separated, with no empty, "." or ".." segment. */
  path: z.string().check(
    z.minLength(1),
    z.maxLength(500),
    z.refine((path) => path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..'), 'is not a relative path inside the folder'),
  ),
  /** 1-based. */
  line: z.int().check(z.minimum(1)),
  /** 0-based, like the scanner's. */
  column: z.optional(count),
  length: z.optional(count),
  /** 0-based notebook cell. */
  cell: z.optional(count),
});

export type ProofPlace = z.infer<typeof proofPlaceSchema>;

export const evidenceArguments = {
  place: {
    usage: 'a proof place { folder, path, line, column?, length?, cell? }',
    schema: z.pipe(z.tuple([proofPlaceSchema]), z.transform(([place]) => place)),
  } satisfies CommandArguments<ProofPlace>,
};
