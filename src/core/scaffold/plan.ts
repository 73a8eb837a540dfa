import { markdownSource } from './formats';
import { licenseText, type LicenseId } from './licenses';
import type { Template } from './manifestSchema';
import { toPackageName } from './names';
import { renderTemplate, type TemplateFlags, type TemplateValues } from './render';

export interface ScaffoldChoices {
  readonly name: string;
  readonly license: LicenseId;
  readonly docker: boolean;
  readonly ci: boolean;
  /** Stamped into the licence and the README; passed in so plans are reproducible in tests. */
  readonly year: number;
  /** The copyright holder; defaults to "The <name> authors". */
  readonly author?: string;
}

export interface PlannedFile {
  /** Relative, "/"-separated. */
  readonly path: string;
  readonly content: string;
}

/** A path segment named like this becomes the package name, so `src/__package__/api.py` → `src/my_proj/api.py`. */
export const packageSegment = '__package__';

// Files that exist only when their option is on.
const optionalFiles: ReadonlyArray<{ test: (path: string) => boolean; option: 'docker' | 'ci' }> = [
  { test: (p) => p === 'Dockerfile' || p === '.dockerignore', option: 'docker' },
  { test: (p) => p.startsWith('.github/'), option: 'ci' },
];

/** A requirement on PyTorch, which the shared Dockerfile and CI workflow install as CPU wheels first. */
const torchRequirement = /^torch(?![\w.-])/i;

/** The values and flags every template file of a project is rendered with. */
export function templateValues(template: Template, choices: ScaffoldChoices): { values: TemplateValues; flags: TemplateFlags; license: string | undefined } {
  const { manifest } = template;
  const author = choices.author?.trim() || `The ${choices.name} authors`;
  const license = licenseText(choices.license, choices.year, author);
  // Checklist items are Markdown by design (`code`, **bold**); every other value is text, escaped per file format.
  const values = {
    projectName: choices.name,
    packageName: toPackageName(choices.name),
    templateTitle: manifest.title,
    description: manifest.description,
    year: String(choices.year),
    author,
    license: choices.license === 'none' ? 'not licensed yet' : choices.license,
    trainHelp: manifest.makeHelp.train,
    evaluateHelp: manifest.makeHelp.evaluate,
    pythonDependencies: manifest.pythonDependencies,
    checklistData: manifest.checklist.data.map(markdownSource),
    checklistModel: manifest.checklist.model.map(markdownSource),
    checklistInfrastructure: manifest.checklist.infrastructure.map(markdownSource),
    checklistServing: manifest.checklist.serving.map(markdownSource),
    checklistMonitoring: manifest.checklist.monitoring.map(markdownSource),
    checklistResponsibleAi: manifest.checklist.responsibleAi.map(markdownSource),
  };
  const flags = {
    docker: choices.docker,
    ci: choices.ci,
    license: license !== undefined,
    torch: manifest.pythonDependencies.some((d) => torchRequirement.test(d)),
  };
  return { values, flags, license };
}

/**
 * Every file the project gets, rendered, sorted by path: the shared files first, a template's own file replacing the
 * shared one at the same path. Pure: writing is `writeProject`'s job.
 */
export function planProject(template: Template, choices: ScaffoldChoices): PlannedFile[] {
  const packageName = toPackageName(choices.name);
  const { values, flags, license } = templateValues(template, choices);
  const files: PlannedFile[] = [];
  const sources = [
    ...Object.entries(template.common).filter(([source]) => !Object.hasOwn(template.files, source)).map(([source, text]) => ({ source, text, where: `template-common/files/${source}` })),
    ...Object.entries(template.files).map(([source, text]) => ({ source, text, where: `${template.dir}/files/${source}` })),
  ];
  for (const { source, text, where } of sources) {
    const rule = optionalFiles.find((r) => r.test(source));
    if (rule && !choices[rule.option]) continue;
    const path = source
      .split('/')
      .map((segment) => (segment === packageSegment ? packageName : segment))
      .join('/');
    files.push({ path, content: renderTemplate(text, values, flags, where) });
  }
  if (license !== undefined) files.push({ path: 'LICENSE', content: license });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
