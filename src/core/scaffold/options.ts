// zod/mini: this runs in the extension at activation, where full zod would triple the bundle.
import * as path from 'node:path';
import * as z from 'zod/mini';
import { licenseIds } from './licenses';

/**
 * What `mlCareer.newProject` accepts instead of prompting, so tests and automation can run it. Validated at the
 * boundary because command arguments come from anywhere (keybindings, other extensions, tests).
 */
export const newProjectOptionsSchema = z.strictObject({
  template: z.string().check(z.minLength(1)),
  name: z.string(),
  /** Absolute: a relative path would resolve against the extension host's working directory, not the workspace. */
  parentDir: z.string().check(z.minLength(1), z.refine((dir) => path.isAbsolute(dir), 'must be an absolute path')),
  license: z._default(z.enum(licenseIds), 'MIT'),
  docker: z._default(z.boolean(), true),
  ci: z._default(z.boolean(), true),
  git: z._default(z.boolean(), true),
  /** One line: it lands in LICENSE, README.md and MODEL_CARD.md, where a line break or control character cannot go. */
  author: z.optional(z.string().check(z.maxLength(100), z.refine((author) => !/\p{Cc}/u.test(author), 'must be one line, without control characters'))),
  /** What to do with the new folder; unattended runs stay by default. */
  afterwards: z._default(z.enum(['openNewWindow', 'addToWorkspace', 'stay']), 'stay'),
  markSkillsLearning: z._default(z.boolean(), false),
  /** Test hook: fail after writing this many files, to prove nothing is left behind. */
  failAfterFiles: z.optional(z.int().check(z.minimum(0))),
});

export type NewProjectOptions = z.infer<typeof newProjectOptionsSchema>;

export interface NewProjectResult {
  readonly path: string;
  readonly files: readonly string[];
  readonly skills: readonly string[];
  /** Why the repository could not be created; the project itself was written and is usable without git. */
  readonly gitError?: string;
}

/**
 * Why a picked parent folder cannot be used, or `undefined`. The project is written (and git run) with Node's fs,
 * which reaches only folders on this machine's disk (`file:`), not virtual file systems.
 */
export function parentFolderProblem(folder: { readonly scheme: string; toString(skipEncoding?: boolean): string }): string | undefined {
  if (folder.scheme === 'file') return undefined;
  return `New Portfolio Project needs a folder on disk; ${folder.toString(true)} is on a "${folder.scheme}" file system. Choose a local folder.`;
}
