import { z } from 'zod';
import { idSchema } from '../roadmap/schema';

/** `data/templates/<id>/template.yaml`: what the New Portfolio Project picker shows and what it offers afterwards. */
export const templateManifestSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(3).max(60),
  /** One line in the picker. */
  description: z.string().min(20).max(200),
  /** What a reviewer sees in the finished project; shown as the picker's detail line. */
  demonstrates: z.array(z.string().min(3).max(60)).min(2).max(8),
  /** Roadmap skill ids the project exercises; offered as "learning" after scaffolding. */
  skills: z.array(idSchema).min(1).max(10),
  /** The main framework, named in the picker so the choice is informed. */
  framework: z.string().min(2).max(60),
  /** Codicon shown in the picker, without the `$()` wrapper. */
  icon: z.string().regex(/^[a-z0-9-]+$/, 'a codicon name such as "beaker"'),
  /** Lower sorts first in the picker. */
  order: z.number().int().min(0).max(1000),
});

export type TemplateManifest = z.infer<typeof templateManifestSchema>;

/** One template as the build embeds it: the validated manifest and every file under `files/`, as text. */
export interface Template {
  readonly dir: string;
  readonly manifest: TemplateManifest;
  readonly files: Readonly<Record<string, string>>;
}
