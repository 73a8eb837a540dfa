/**
 * Evidence rules as data (data/evidence/*.yaml), validated by esbuild.mjs at build time with these schemas.
 *
 * A rule file is `{ version: 1, rules: [...] }`; each rule names the roadmap skill it proves, its signal kind, what
 * it matches, a weight in (0, 1] and the explanation shown to the user ("imports PyTorch"). Kinds:
 * - `api`: specific API use in code (`pattern`, a linear-time regex matched per code line, strings and comments
 *   masked out), in Python files and notebook code cells unless `files` says otherwise. A match at the name a `def` or
 *   `class` defines is not use. `whenImporting` counts it only in code that imports one of those modules (a name
 *   such as `DAG(` or `.groupby(` is Airflow's or pandas' only then); `testCodeOnly` only in test code;
 * - `import`: Python imports of `modules` (a module and its submodules); the same rule also yields `dependency`
 *   signals for the distributions of those modules (data/evidence/distributions.yaml) declared in manifests;
 * - `dependency`: packages declared in a manifest of an `ecosystem` that has no import to derive them from;
 * - `config`: files matching `files` (globs) whose content matches `pattern` on some line;
 * - `file-kind`: files with one of `extensions`, at least `minBytes` long.
 * `data/evidence/distributions.yaml` maps Python import names to distribution names where they differ.
 */
import { z } from 'zod';
import { regexSource } from '../data/regexSource';
import { idSchema, type Roadmap } from '../roadmap/schema';
import { ecosystems, evidenceGroupKinds } from './vocabulary';


const pythonModuleSchema = z.string().regex(/^[a-z_]\w*(?:\.[a-z_]\w*)*$/i, 'a dotted Python module name (e.g. "torch" or "google.cloud")');
/** A glob over a workspace-relative path: `*`, `?`, `**`, `[...]`; a glob without "/" matches a file name at any depth. */
const globSchema = z.string().min(1).max(200).regex(/^[^\s\\{}]+$/, 'a glob without spaces, backslashes or braces');

const common = {
  id: idSchema,
  skill: idSchema,
  weight: z.number().gt(0).lte(1),
  explanation: z.string().min(5).max(80),
};

export const evidenceRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...common,
    kind: z.literal('api'),
    pattern: regexSource(),
    ignoreCase: z.boolean().default(false),
    files: z.array(globSchema).min(1).optional(),
    whenImporting: z.array(pythonModuleSchema).min(1).optional(),
    testCodeOnly: z.boolean().default(false),
  }),
  z.strictObject({ ...common, kind: z.literal('import'), modules: z.array(pythonModuleSchema).min(1) }),
  z.strictObject({ ...common, kind: z.literal('dependency'), ecosystem: z.enum(ecosystems), packages: z.array(z.string().min(1).max(100)).min(1) }),
  z.strictObject({ ...common, kind: z.literal('config'), files: z.array(globSchema).min(1), pattern: regexSource(), ignoreCase: z.boolean().default(false) }),
  z.strictObject({
    ...common,
    kind: z.literal('file-kind'),
    extensions: z.array(z.string().regex(/^\.[a-z0-9]+$/, 'an extension such as ".rs"')).min(1),
    minBytes: z.number().int().min(1),
  }),
]);

export const evidenceRuleFileSchema = z
  .strictObject({ version: z.literal(1), rules: z.array(evidenceRuleSchema).min(1) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `rule id "${rule.id}" is used twice` });
      seen.add(rule.id);
      if (rule.kind === 'api' && rule.files && rule.whenImporting) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'whenImporting'], message: 'whenImporting reads Python imports, and a rule with files reads other files: give one or the other' });
      }
      if ('pattern' in rule && hasLookaround(rule.pattern)) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'pattern'], message: 'a lookaround ("(?=", "(?!", "(?<=", "(?<!") is not supported: patterns are searched over whole files, where it could see past the line' });
      }
    });
  });

/** Whether a regex source has a lookahead or lookbehind (escapes and character classes are skipped). */
export function hasLookaround(source: string): boolean {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(' && source[i + 1] === '?' && /^(?:[=!]|<[=!])/.test(source.slice(i + 2, i + 4))) return true;
  }
  return false;
}

export const distributionTableSchema = z.strictObject({
  version: z.literal(1),
  /** Python import name → the distributions (PyPI/conda names) that provide it, where they differ from the import name. */
  modules: z.record(pythonModuleSchema, z.array(z.string().min(1).max(100)).min(1)),
  /** conda package name → the PyPI distribution it packages, where they differ (conda's "pytorch" is PyPI's "torch"). */
  condaNames: z.record(z.string().min(1).max(100), z.string().min(1).max(100)).default({}),
});

export type EvidenceRule = z.infer<typeof evidenceRuleSchema>;
export type EvidenceRuleFile = z.infer<typeof evidenceRuleFileSchema>;
export type DistributionTable = z.infer<typeof distributionTableSchema>;

/**
 * The build's cross-check of a rule file against data/roadmap.yaml: every rule's skill exists and belongs to a
 * group whose skills can have code evidence.
 */
export function checkRulesAgainstRoadmap(file: EvidenceRuleFile, roadmap: Roadmap): Array<{ path: Array<string | number>; message: string }> {
  const groupOf = new Map(roadmap.groups.flatMap((group) => group.skills.map((skill) => [skill.id, group] as const)));
  return file.rules.flatMap((rule, i) => {
    const group = groupOf.get(rule.skill);
    if (!group) return [{ path: ['rules', i, 'skill'], message: `unknown skill "${rule.skill}" (not in data/roadmap.yaml)` }];
    if (!evidenceGroupKinds.has(group.kind)) {
      return [{ path: ['rules', i, 'skill'], message: `skill "${rule.skill}" is in a ${group.kind} group, which has no code evidence` }];
    }
    return [];
  });
}
