import { z } from 'zod';
import { idSchema } from '../roadmap/schema';

const makeHelpText = z.string().min(10).max(100).regex(/^[^\n#]+$/, 'one line without "#"');
const checklistItems = z.array(z.string().min(10).max(200).regex(/^[^\n]+$/, 'one line')).max(5).default([]);

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
  /** The `## ` help of the shared Makefile's `train` and `evaluate` targets (`make help` prints them). */
  makeHelp: z.strictObject({ train: makeHelpText, evaluate: makeHelpText }),
  /**
   * The project's runtime requirements, one PEP 508 string each, as written into pyproject.toml. A `torch` entry also
   * makes the shared Dockerfile and CI workflow install CPU wheels of PyTorch first.
   */
  pythonDependencies: z.array(z.string().regex(/^[a-z0-9][\w.-]*(\[[\w,-]+\])?([<>=!~]=?[\w.*+-]+,?)*$/i, 'a requirement such as "numpy>=1.24"')).min(1).max(30),
  /**
   * The template's own items of the shared DEPLOY_CHECKLIST.md, outside the ML Test Score: serving and responsible AI
   * items close those sections, the rest (by topic) fill "Specific to this project".
   */
  checklist: z.strictObject({
    data: checklistItems,
    model: checklistItems,
    infrastructure: checklistItems,
    serving: checklistItems,
    monitoring: checklistItems,
    responsibleAi: checklistItems,
  }),
});

export type TemplateManifest = z.infer<typeof templateManifestSchema>;

/**
 * One template as the build embeds it: the validated manifest and every file under `files/`, as text, plus the files
 * every template shares (`data/template-common/files/`). A template's own file overrides the shared one at its path.
 */
export interface Template {
  readonly dir: string;
  readonly manifest: TemplateManifest;
  readonly files: Readonly<Record<string, string>>;
  readonly common: Readonly<Record<string, string>>;
}
