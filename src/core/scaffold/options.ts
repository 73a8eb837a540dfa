import { z } from 'zod';
import { licenseIds } from './licenses';

/**
 * What `mlCareer.newProject` accepts instead of prompting, so tests and automation can run it. Validated at the
 * boundary because command arguments come from anywhere (keybindings, other extensions, tests).
 */
export const newProjectOptionsSchema = z.strictObject({
  template: z.string().min(1),
  name: z.string(),
  parentDir: z.string().min(1),
  license: z.enum(licenseIds).default('MIT'),
  docker: z.boolean().default(true),
  ci: z.boolean().default(true),
  git: z.boolean().default(true),
  author: z.string().max(100).optional(),
  /** What to do with the new folder; unattended runs stay by default. */
  afterwards: z.enum(['openNewWindow', 'addToWorkspace', 'stay']).default('stay'),
  markSkillsLearning: z.boolean().default(false),
  /** Test hook: fail after writing this many files, to prove nothing is left behind. */
  failAfterFiles: z.number().int().min(0).optional(),
});

export type NewProjectOptions = z.infer<typeof newProjectOptionsSchema>;

export interface NewProjectResult {
  readonly path: string;
  readonly files: readonly string[];
  readonly skills: readonly string[];
}
