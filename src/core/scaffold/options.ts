// zod/mini: this runs in the extension at activation, where full zod would triple the bundle.
import * as z from 'zod/mini';
import { licenseIds } from './licenses';

/**
 * What `mlCareer.newProject` accepts instead of prompting, so tests and automation can run it. Validated at the
 * boundary because command arguments come from anywhere (keybindings, other extensions, tests).
 */
export const newProjectOptionsSchema = z.strictObject({
  template: z.string().check(z.minLength(1)),
  name: z.string(),
  parentDir: z.string().check(z.minLength(1)),
  license: z._default(z.enum(licenseIds), 'MIT'),
  docker: z._default(z.boolean(), true),
  ci: z._default(z.boolean(), true),
  git: z._default(z.boolean(), true),
  author: z.optional(z.string().check(z.maxLength(100))),
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
}
