/**
 * Compiled evidence rules: `compileRules(ruleFiles, distributions, roadmap)` turns the validated data into the
 * lookups the scanner uses per file (imports by module prefix, dependencies by ecosystem and name, regexes and
 * globs compiled once). `ruleSet.evidenceApplies(skillId)` is false for soft skills and break-in steps: they have
 * no code evidence, and the UI says so instead of showing an empty list.
 */
import type { Roadmap } from '../roadmap/schema';
import { compileGlob, globNameCondition } from './glob';
import { normalizeDistribution } from './manifests';
import type { DistributionTable, EvidenceRule, EvidenceRuleFile } from './ruleSchema';
import { evidenceGroupKinds, type Ecosystem, type SignalKind } from './vocabulary';

export type RuleOf<K extends SignalKind> = Extract<EvidenceRule, { kind: K }>;

export interface Needle {
  text: string;
  /** Its characters (`asciiCharSet`): a line lacking one of them is not searched for it. */
  chars: CharSet;
}

export interface PatternRule {
  rule: RuleOf<'api'> | RuleOf<'config'>;
  regex: RegExp;
  /** Literals of which a matching line holds at least one (lowercase when the pattern ignores case); none: no filter. */
  needles?: readonly Needle[];
  /** Which files the pattern reads; undefined: Python source and notebook code cells. */
  files?: (relPath: string) => boolean;
}

/**
 * All code patterns of one flag set as one global, multiline regex: a file's masked code is searched once, and only
 * the lines it matches are tested against each pattern.
 */
export interface CombinedPatterns {
  any: RegExp;
  patterns: readonly PatternRule[];
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
  readonly combinedCodePatterns: readonly CombinedPatterns[];
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
        const regex = new RegExp(rule.pattern, rule.ignoreCase ? 'iu' : 'u');
        const globs = rule.files?.map(compileGlob);
        const needles = requiredLiterals(rule.pattern)?.map((n) => (rule.ignoreCase ? n.toLowerCase() : n));
        const compiled: PatternRule = { rule, regex, ...(needles ? { needles: needles.map((text) => ({ text, chars: asciiCharSet(text) })) } : {}), ...(globs ? { files: (p: string) => globs.some((g) => g(p)) } : {}) };
        (globs ? filePatterns : codePatterns).push(compiled);
        break;
      }
      case 'file-kind':
        for (const extension of rule.extensions) push(fileKinds, extension, rule);
        break;
    }
  }
  const evidenceSkills = new Set(roadmap.groups.filter((g) => evidenceGroupKinds.has(g.kind)).flatMap((g) => g.skills.map((s) => s.id)));
  const combinedCodePatterns = [false, true].flatMap((ignoreCase): CombinedPatterns[] => {
    const patterns = codePatterns.filter((p) => p.rule.ignoreCase === ignoreCase);
    return patterns.length === 0 ? [] : [{ any: combinePatterns(patterns.map((p) => p.rule.pattern), ignoreCase), patterns }];
  });
  return {
    combinedCodePatterns,
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
 * `filePatternsFor` over an index: patterns whose every glob names a file or an extension are candidates only for
 * files with that name or extension; the rest are candidates for every file. Candidates are then tested in full.
 */
function indexFilePatterns(patterns: readonly PatternRule[]): (relPath: string) => readonly PatternRule[] {
  const byName = new Map<string, PatternRule[]>();
  const byExtension = new Map<string, PatternRule[]>();
  const everywhere: PatternRule[] = [];
  for (const pattern of patterns) {
    for (const glob of pattern.rule.files ?? []) {
      const condition = globNameCondition(glob);
      if (!condition) everywhere.push(pattern);
      else if ('name' in condition) push(byName, condition.name, pattern);
      else push(byExtension, condition.extension, pattern);
    }
  }
  const order = new Map(patterns.map((pattern, index) => [pattern, index]));
  return (relPath) => {
    const name = relPath.slice(relPath.lastIndexOf('/') + 1);
    const dot = name.lastIndexOf('.');
    const named = byName.get(name);
    const typed = dot < 0 ? undefined : byExtension.get(name.slice(dot));
    const candidates = !named && !typed ? everywhere : [...new Set([...(named ?? []), ...(typed ?? []), ...everywhere])].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    return candidates.filter((pattern) => pattern.files?.(relPath) === true);
  };
}

/** The top-level alternatives of a regex source ("a|(b|c)|d" → "a", "(b|c)", "d"). */
export function topLevelAlternatives(source: string): string[] {
  const alternatives: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      alternatives.push(source.slice(start, i));
      start = i + 1;
    }
  }
  alternatives.push(source.slice(start));
  return alternatives;
}

/**
 * For each top-level alternative of a regex source, its longest run of literal characters outside any group, class
 * or quantifier (a match must contain it); undefined when some alternative has none. Conservative: a character
 * followed by a quantifier, anything in a group and escapes other than of punctuation end a run.
 */
export function requiredLiterals(source: string): string[] | undefined {
  const literals: string[] = [];
  for (const alternative of topLevelAlternatives(source)) {
    let best = '';
    let run = '';
    let depth = 0;
    let inClass = false;
    const endRun = () => {
      if (run.length > best.length) best = run;
      run = '';
    };
    for (let i = 0; i < alternative.length; i++) {
      const c = alternative[i] ?? '';
      const next = alternative[c === '\\' ? i + 2 : i + 1];
      const quantified = next !== undefined && '?*+{'.includes(next);
      if (c === '\\') {
        const escaped = alternative[++i] ?? '';
        if (depth === 0 && !inClass && /[^\w\s]/.test(escaped) && !quantified) run += escaped;
        else endRun();
      } else if (inClass) inClass = c !== ']';
      else if (c === '[') {
        inClass = true;
        endRun();
      } else if (c === '(') {
        depth++;
        endRun();
      } else if (c === ')') depth--;
      else if (depth === 0 && /[\w\- "'=:,;/<>@!#%&`~]/.test(c) && !quantified) run += c;
      else endRun();
    }
    endRun();
    if (best === '') return undefined;
    literals.push(best);
  }
  return literals;
}

/** The ASCII characters of a text as a bit set (codes 0–31 in `w0`, 32–63 in `w1` …), and whether it has any other character. */
export interface CharSet {
  w0: number;
  w1: number;
  w2: number;
  w3: number;
  nonAscii: boolean;
}

export function asciiCharSet(text: string): CharSet {
  const set: CharSet = { w0: 0, w1: 0, w2: 0, w3: 0, nonAscii: false };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const bit = 1 << (code & 31);
    if (code < 32) set.w0 |= bit;
    else if (code < 64) set.w1 |= bit;
    else if (code < 96) set.w2 |= bit;
    else if (code < 128) set.w3 |= bit;
    else set.nonAscii = true;
  }
  return set;
}

/** "A"–"Z" in `w2`, at the bit positions "a"–"z" have in `w3`. */
const asciiUpperBits = 0x07fffffe;

/** The char set of `text.toLowerCase()` from that of `text`; other characters may lower to ASCII (Kelvin sign → "k"): then every ASCII character counts as present. */
export function lowerCaseCharSet({ w0, w1, w2, w3, nonAscii }: CharSet): CharSet {
  if (nonAscii) return { w0: ~0, w1: ~0, w2: ~0, w3: ~0, nonAscii };
  return { w0, w1, w2: w2 & ~asciiUpperBits, w3: w3 | (w2 & asciiUpperBits), nonAscii };
}

/**
 * Whether a text whose char set is `text` may contain a literal of char set `literal`: false only when the literal has
 * an ASCII character the text lacks, so a literal that occurs always passes (confirming it is then a string search).
 */
export function mayContain(text: CharSet, literal: CharSet): boolean {
  return (literal.w0 & ~text.w0) === 0 && (literal.w1 & ~text.w1) === 0 && (literal.w2 & ~text.w2) === 0 && (literal.w3 & ~text.w3) === 0;
}

const lineStart = '^\\s*';

/**
 * One global multiline regex matching wherever any of the patterns matches. Alternatives that start with "^\s*" share
 * that prefix, so most positions fail at "^" at once instead of trying each alternative. Each pattern passed the
 * super-linear lint (esbuild.mjs); factoring a common prefix out of an alternation keeps that.
 */
export function combinePatterns(sources: readonly string[], ignoreCase: boolean): RegExp {
  const alternatives = sources.flatMap(topLevelAlternatives);
  const anchored = alternatives.filter((a) => a.startsWith(lineStart)).map((a) => `(?:${a.slice(lineStart.length)})`);
  const others = alternatives.filter((a) => !a.startsWith(lineStart)).map((a) => `(?:${a})`);
  const union = [...(anchored.length > 0 ? [`${lineStart}(?:${anchored.join('|')})`] : []), ...others].join('|');
  return new RegExp(union, ignoreCase ? 'gimu' : 'gmu');
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
