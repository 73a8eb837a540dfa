/**
 * Compiled evidence rules: `compileRules(ruleFiles, distributions, roadmap)` turns the validated data into the
 * lookups the scanner uses per file (imports by module prefix, dependencies by ecosystem and name, regexes and
 * globs compiled once). `ruleSet.evidenceApplies(skillId)` is false for soft skills and break-in steps: they have
 * no code evidence, and the UI says so instead of showing an empty list.
 */
import type { Roadmap } from '../roadmap/schema';
import { compileGlob, globNameCondition } from './glob';
import { literalOf, pairTable, requiredLiterals, type Literal } from './literals';
import { normalizeDistribution } from './manifests';
import type { DistributionTable, EvidenceRule, EvidenceRuleFile } from './ruleSchema';
import { evidenceGroupKinds, type Ecosystem, type SignalKind } from './vocabulary';

export type RuleOf<K extends SignalKind> = Extract<EvidenceRule, { kind: K }>;

export interface PatternRule {
  rule: RuleOf<'api'> | RuleOf<'config'>;
  /** Tests one line (without its newline). */
  regex: RegExp;
  /**
   * The same pattern, global and multiline, to search a whole file: it matches wherever `regex` matches a line, and
   * maybe more (across lines, or after a "\r"), so each line one of its matches touches is then tested with `regex`.
   */
  search: RegExp;
  /** Literals of which every match holds one (lowercase when the pattern ignores case); none: no filter. */
  needles?: readonly Literal[];
  /** The needles' `pairTable`. */
  needlePairs?: Uint16Array;
  /** Whether a literal has a space (masking could make one: see `PatternPrefilter.linesOf`). */
  spacedNeedles: boolean;
  /** Which files the pattern reads; undefined: Python source and notebook code cells. */
  files?: (relPath: string) => boolean;
}

export interface CompiledRules {
  readonly byId: ReadonlyMap<string, EvidenceRule>;
  /** Python module (a prefix of an imported name, e.g. "torch" for "torch.nn") → import rules. */
  readonly importRules: ReadonlyMap<string, ReadonlyArray<RuleOf<'import'>>>;
  /** `${ecosystem}:${name}` → the rules a declared dependency proves (import rules for Python distributions). */
  readonly dependencyRules: ReadonlyMap<string, ReadonlyArray<RuleOf<'import'> | RuleOf<'dependency'>>>;
  /** conda name → PyPI name, where they differ. */
  readonly condaNames: ReadonlyMap<string, string>;
  readonly codePatterns: readonly PatternRule[];
  readonly filePatterns: readonly PatternRule[];
  /** The file patterns that read this file (in `filePatterns` order); looked up by name and extension first. */
  filePatternsFor(relPath: string): readonly PatternRule[];
  /** Extension (".rs") → file-kind rules. */
  readonly fileKinds: ReadonlyMap<string, ReadonlyArray<RuleOf<'file-kind'>>>;
  /** The skills of groups that can have code evidence. */
  readonly evidenceSkills: ReadonlySet<string>;
  evidenceApplies(skillId: string): boolean;
}

const dependencyKey = (ecosystem: Ecosystem, name: string) => `${ecosystem}:${ecosystem === 'python' ? normalizeDistribution(name) : name}`;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

/** The distributions of an import rule's module: listed ones for it and its submodules, or the module's own name. */
function distributionsOf(module: string, table: DistributionTable): string[] {
  const listed = Object.entries(table.modules).flatMap(([name, dists]) => (name === module || name.startsWith(`${module}.`) ? dists : []));
  return listed.length > 0 ? listed : [module];
}

export function compileRules(files: readonly EvidenceRuleFile[], distributions: DistributionTable, roadmap: Roadmap): CompiledRules {
  const byId = new Map<string, EvidenceRule>();
  const importRules = new Map<string, Array<RuleOf<'import'>>>();
  const dependencyRules = new Map<string, Array<RuleOf<'import'> | RuleOf<'dependency'>>>();
  const codePatterns: PatternRule[] = [];
  const filePatterns: PatternRule[] = [];
  const fileKinds = new Map<string, Array<RuleOf<'file-kind'>>>();
  for (const rule of files.flatMap((file) => file.rules)) {
    if (byId.has(rule.id)) throw new Error(`evidence rule id "${rule.id}" is defined twice in data/evidence/`);
    byId.set(rule.id, rule);
    switch (rule.kind) {
      case 'import':
        for (const module of rule.modules) {
          push(importRules, module, rule);
          for (const dist of distributionsOf(module, distributions)) push(dependencyRules, dependencyKey('python', dist), rule);
        }
        break;
      case 'dependency':
        for (const name of rule.packages) push(dependencyRules, dependencyKey(rule.ecosystem, name), rule);
        break;
      case 'api':
      case 'config': {
        const flags = rule.ignoreCase ? 'iu' : 'u';
        const globs = rule.files?.map(compileGlob);
        const needles = patternNeedles(rule.pattern, rule.ignoreCase)?.map(literalOf);
        const compiled: PatternRule = {
          rule,
          regex: new RegExp(rule.pattern, flags),
          search: new RegExp(rule.pattern, `gm${flags}`),
          ...(needles ? { needles, needlePairs: pairTable(needles) } : {}),
          spacedNeedles: needles?.some((needle) => needle.text.includes(' ')) ?? false,
          ...(globs ? { files: (p: string) => globs.some((g) => g(p)) } : {}),
        };
        (globs ? filePatterns : codePatterns).push(compiled);
        break;
      }
      case 'file-kind':
        for (const extension of rule.extensions) push(fileKinds, extension, rule);
        break;
    }
  }
  const evidenceSkills = new Set(roadmap.groups.filter((g) => evidenceGroupKinds.has(g.kind)).flatMap((g) => g.skills.map((s) => s.id)));
  return {
    byId,
    importRules,
    dependencyRules,
    condaNames: new Map(Object.entries(distributions.condaNames).map(([conda, pypi]) => [conda, normalizeDistribution(pypi)])),
    codePatterns,
    filePatterns,
    filePatternsFor: indexFilePatterns(filePatterns),
    fileKinds,
    evidenceSkills,
    evidenceApplies: (skillId) => evidenceSkills.has(skillId),
  };
}

/**
 * `filePatternsFor` over an index: patterns whose every glob names a file, an extension or a start of the name
 * ("Dockerfile.*") are candidates only for files meeting one of those; the rest are candidates for every file.
 * Candidates are then tested in full. Most files meet no condition, and no pattern is tested on them at all.
 */
function indexFilePatterns(patterns: readonly PatternRule[]): (relPath: string) => readonly PatternRule[] {
  const byName = new Map<string, PatternRule[]>();
  const byExtension = new Map<string, PatternRule[]>();
  const byPrefix = new Map<string, PatternRule[]>();
  const everywhere: PatternRule[] = [];
  for (const pattern of patterns) {
    for (const glob of pattern.rule.files ?? []) {
      const condition = globNameCondition(glob);
      if (!condition) everywhere.push(pattern);
      else if ('name' in condition) push(byName, condition.name, pattern);
      else if ('extension' in condition) push(byExtension, condition.extension, pattern);
      else push(byPrefix, condition.prefix, pattern);
    }
  }
  const prefixes = [...byPrefix];
  const order = new Map(patterns.map((pattern, index) => [pattern, index]));
  return (relPath) => {
    const name = relPath.slice(relPath.lastIndexOf('/') + 1);
    const dot = name.lastIndexOf('.');
    const named = byName.get(name);
    const typed = dot < 0 ? undefined : byExtension.get(name.slice(dot));
    // Most files meet no condition: no array is made for them.
    if (!named && !typed && !prefixes.some(([prefix]) => name.startsWith(prefix))) return everywhere.length === 0 ? everywhere : everywhere.filter((pattern) => pattern.files?.(relPath) === true);
    const started = prefixes.flatMap(([prefix, list]) => (name.startsWith(prefix) ? list : []));
    const candidates = [...new Set([...(named ?? []), ...(typed ?? []), ...started, ...everywhere])].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    return candidates.filter((pattern) => pattern.files?.(relPath) === true);
  };
}

/**
 * The literals a file must hold for the pattern to match one of its lines (`requiredLiterals`), lower-cased when it
 * ignores case. A case-insensitive pattern with a non-ASCII literal gets none: Unicode case folding is not
 * lower-casing ("ſ" matches "s"), so lower-cased texts could miss it.
 */
function patternNeedles(source: string, ignoreCase: boolean): string[] | undefined {
  const literals = requiredLiterals(source);
  if (!ignoreCase || !literals) return literals;
  return literals.every(isAscii) ? literals.map((l) => l.toLowerCase()) : undefined;
}

export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The import rules an imported module ("torch.nn.functional") proves: those of the module and of each parent. */
export function importRulesFor(rules: CompiledRules, module: string): ReadonlyArray<RuleOf<'import'>> {
  const found: Array<RuleOf<'import'>> = [];
  let end = module.length;
  for (;;) {
    for (const rule of rules.importRules.get(module.slice(0, end)) ?? []) if (!found.includes(rule)) found.push(rule);
    end = module.lastIndexOf('.', end - 1);
    if (end < 0) return found;
  }
}

export function dependencyRulesFor(rules: CompiledRules, ecosystem: Ecosystem | 'conda', name: string): ReadonlyArray<EvidenceRule> {
  if (ecosystem === 'conda') {
    const lower = name.toLowerCase();
    return rules.dependencyRules.get(dependencyKey('python', rules.condaNames.get(lower) ?? lower)) ?? [];
  }
  return rules.dependencyRules.get(dependencyKey(ecosystem, name)) ?? [];
}
