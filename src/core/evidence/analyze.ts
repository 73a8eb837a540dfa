/**
 * One file's evidence: `fileRole(relPath, rules)` says whether (and as what) a file is worth reading, from its path
 * alone, so the scanner skips everything else unread; `analyzeFile(relPath, text, size, role, rules)` returns its
 * findings. Findings carry the rule, the signal kind, the 1-based line (within the cell for notebooks, with the
 * 0-based cell index), the matched range and the trimmed line text. Requirements files return their `-r` includes.
 */
import { isTestPath } from './ignore';
import {
  parseCargoToml,
  parseCondaEnvironment,
  parsePackageJson,
  parsePyproject,
  parseRequirements,
  parseSetupCfg,
  parseSetupPy,
  type DeclaredDependency,
} from './manifests';
import { TextPairs, type Literal } from './literals';
import { notebookCodeCells } from './notebook';
import { findImports, maskedRanges, maskSlice, type PythonImport } from './pythonSource';
import { dependencyRulesFor, importRulesFor, isAscii, type CompiledRules, type PatternRule } from './rules';
import type { SignalKind } from './vocabulary';

export interface Finding {
  rule: string;
  skill: string;
  kind: SignalKind;
  line: number;
  column: number;
  length: number;
  /** 0-based index of the notebook cell (`line` is then within the cell). */
  cell?: number;
  /** The matched line, trimmed and cut to 200 characters. */
  text: string;
  /** In test code, which counts at a lower weight. */
  test: boolean;
}

type Manifest = 'requirements' | 'pyproject' | 'setup.cfg' | 'setup.py' | 'conda' | 'package.json' | 'cargo';

export interface FileRole {
  python: boolean;
  notebook: boolean;
  manifest?: Manifest;
  filePatterns: readonly PatternRule[];
  fileKind: boolean;
}

const manifestByName: Readonly<Record<string, Manifest>> = {
  'pyproject.toml': 'pyproject',
  'setup.cfg': 'setup.cfg',
  'setup.py': 'setup.py',
  'environment.yml': 'conda',
  'environment.yaml': 'conda',
  'package.json': 'package.json',
  'Cargo.toml': 'cargo',
};

export function isRequirementsFile(relPath: string): boolean {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  return /^requirements.*\.(?:txt|in)$/i.test(name) || (relPath.includes('requirements/') && /(?:^|\/)requirements\/[^/]+$/.test(relPath) && /\.(?:txt|in)$/.test(name));
}

/** What a file is, from its path: undefined when no rule can use it (the scanner then never reads it). */
export function fileRole(relPath: string, rules: CompiledRules): FileRole | undefined {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot).toLowerCase() : '';
  const role: FileRole = {
    python: extension === '.py' || extension === '.pyw',
    notebook: extension === '.ipynb',
    manifest: isRequirementsFile(relPath) ? 'requirements' : manifestByName[name],
    filePatterns: rules.filePatternsFor(relPath),
    fileKind: rules.fileKinds.has(extension),
  };
  return role.python || role.notebook || role.manifest || role.filePatterns.length > 0 || role.fileKind ? role : undefined;
}

export interface FileAnalysis {
  findings: Finding[];
  /** Requirements files named by `-r`, relative to the folder root. */
  includes: string[];
}

const maxTextLength = 200;

/**
 * A copy of a short string that does not keep the string it was cut from alive: V8 represents a substring as a
 * slice of its parent, so a finding's line would otherwise hold its whole file in memory for as long as the finding
 * lives. Slicing a concatenation flattens it into a new string first.
 */
function detached(text: string): string {
  return `${text} `.slice(0, -1);
}

/**
 * Proof texts seen lately, so that the same line in many files (`import numpy as np`) is one string in memory, not
 * one per finding: a table indexed by a hash of the text, each slot holding the last text that hashed there. Only a
 * cache: a collision replaces the slot, it never changes what is found.
 */
const recentTextSlots = 4096;
const recentTexts: Array<string | undefined> = new Array<string | undefined>(recentTextSlots).fill(undefined);

function proofText(line: string): string {
  const text = line.trim().slice(0, maxTextLength);
  // A hash of the length and 16 characters spread over the text: enough to tell lines apart, cheaper than all.
  let hash = text.length;
  const step = Math.max(1, text.length >> 4);
  for (let i = text.length - 1; i >= 0; i -= step) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  const slot = hash & (recentTextSlots - 1);
  const known = recentTexts[slot];
  if (known === text) return known;
  const copy = detached(text);
  recentTexts[slot] = copy;
  return copy;
}

/** Where the lines of a text start, worked out only when asked for (most files never need it). */
class LineIndex {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  private lineStarts(): number[] {
    if (!this.starts) {
      this.starts = [0];
      for (let k = this.text.indexOf('\n'); k >= 0; k = this.text.indexOf('\n', k + 1)) this.starts.push(k + 1);
    }
    return this.starts;
  }

  /** Line `n` (1-based) of `text` (this text, or another with its newlines at the same offsets), without its newline; "" past the end. */
  line(n: number, text = this.text): string {
    const starts = this.lineStarts();
    const start = starts[n - 1];
    if (start === undefined) return '';
    const next = starts[n];
    return text.slice(start, next === undefined ? text.length : next - 1);
  }

  /** The 1-based line holding an offset (a newline belongs to the line it ends). */
  lineAt(offset: number): number {
    const starts = this.lineStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  /** Where line `n` starts; undefined past the last line. */
  startOf(n: number): number | undefined {
    return this.lineStarts()[n - 1];
  }

  /** Where line `n` ends (its newline, or the end of the text). */
  endOf(n: number): number {
    const next = this.lineStarts()[n];
    return next === undefined ? this.text.length : next - 1;
  }
}

/** Findings a sink compares one by one to find a repeat; past this many, a set of keys answers. */
const maxCompared = 32;

const findingKey = (rule: string, kind: SignalKind, line: number) => `${rule}\n${kind}\n${line}`;

class FindingSink {
  readonly findings: Finding[] = [];
  /** Keys of (rule, kind, line) of this sink's findings, made once they are more than `maxCompared`. */
  private seen: Set<string> | undefined;

  constructor(
    readonly lines: LineIndex,
    readonly test: boolean,
    private readonly cell?: number,
  ) {}

  add(rule: { id: string; skill: string }, kind: SignalKind, line: number, column: number, length: number): void {
    if (this.has(rule.id, kind, line)) return;
    // One object shape for every finding; only notebook findings get `cell` (a spread would copy each object).
    const finding: Finding = { rule: rule.id, skill: rule.skill, kind, line, column, length, text: proofText(this.lines.line(line)), test: this.test };
    if (this.cell !== undefined) finding.cell = this.cell;
    this.findings.push(finding);
    this.seen?.add(findingKey(rule.id, kind, line));
  }

  /**
   * Whether this sink has a finding of the rule and kind on the line (a line matching twice is one proof). Most files
   * have a few findings: comparing them makes no key and no set per file, and costs less than hashing one.
   */
  private has(rule: string, kind: SignalKind, line: number): boolean {
    const { findings, cell } = this;
    if (!this.seen && findings.length <= maxCompared) {
      for (const f of findings) if (f.line === line && f.rule === rule && f.kind === kind && f.cell === cell) return true;
      return false;
    }
    this.seen ??= new Set(findings.flatMap((f) => (f.cell === cell ? [findingKey(f.rule, f.kind, f.line)] : [])));
    return this.seen.has(findingKey(rule, kind, line));
  }

  /** Puts the findings from index `from` on in line order (stable: per line, in the order they were added). */
  orderByLine(from: number): void {
    const { findings } = this;
    if (findings.length - from > 32) {
      findings.push(...findings.splice(from).sort((a, b) => a.line - b.line));
      return;
    }
    // A few findings (as most files have) are sorted in place by insertion: no arrays made.
    for (let i = from + 1; i < findings.length; i++) {
      const finding = findings[i];
      if (!finding) continue;
      let j = i;
      for (; j > from && (findings[j - 1]?.line ?? 0) > finding.line; j--) findings[j] = findings[j - 1] as Finding;
      findings[j] = finding;
    }
  }
}

/** Python source (a file or a notebook cell): its text, where comments and strings are, and its imports. */
interface PythonCode {
  source: string;
  ranges: readonly number[];
  imports: readonly PythonImport[];
}

function pythonCode(source: string): PythonCode {
  const ranges = maskedRanges(source);
  return { source, ranges, imports: findImports(source, ranges) };
}

/** Whether one of `modules` is one of `wanted` or a submodule of one. */
function importsOneOf(modules: readonly string[], wanted: readonly string[]): boolean {
  return modules.some((module) => wanted.some((w) => module === w || (module.startsWith(w) && module[w.length] === '.')));
}

/**
 * Imports and code patterns of Python code whose lines `sink` indexes. `modules` are what the whole file imports (a
 * notebook's: every code cell's), which decides the patterns that count only alongside an import.
 */
function analyzePython(code: PythonCode, modules: readonly string[], rules: CompiledRules, sink: FindingSink): void {
  for (const found of code.imports) {
    for (const rule of importRulesFor(rules, found.module)) sink.add(rule, 'import', found.line, found.column, found.length);
  }
  searchPatterns(code.source, rules.codePatterns, sink, code.ranges, ({ rule }) => rule.kind !== 'api' || ((!rule.testCodeOnly || sink.test) && (!rule.whenImporting || importsOneOf(modules, rule.whenImporting))));
}

/**
 * Whether a match at `index` of a line starts at the name a `def` or `class` statement defines: `class FastAPI(…):`
 * or `def init_process_group(…):` is a definition of that name, not a use of it (a library's own source, or a user's
 * look-alike). Only the line's first match is tested, and a definition's name is where it starts.
 */
export function startsAtDefinedName(line: string, index: number): boolean {
  let end = index;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  if (end === index) return false;
  const keyword = line.endsWith('class', end) ? 'class' : line.endsWith('def', end) ? 'def' : undefined;
  if (!keyword) return false;
  const before = line[end - keyword.length - 1];
  return before === undefined || before === ' ' || before === '\t' || before === ';' || before === ':';
}

const noLines: readonly number[] = [];

/**
 * Whether a text can hold a match of a pattern, and on which lines, by the literals one of which each match holds
 * (`needles`). Patterns that ignore case are checked against the text lower-cased, if it is ASCII (Unicode case
 * folding is not lower-casing: other texts are searched in full).
 */
export class PatternPrefilter {
  private pairs: TextPairs | undefined;
  private lower: string | null | undefined = null;

  constructor(private readonly text: string) {}

  mayMatch(pattern: PatternRule): boolean {
    if (!pattern.needles) return true;
    const haystack = this.haystack(pattern);
    return haystack === undefined || (this.mayHoldNeedle(pattern) && pattern.needles.some((needle) => this.firstAt(pattern, needle, haystack) >= 0));
  }

  /**
   * The lines (ascending, 1-based) holding one of the pattern's literals: every line it matches is among them.
   * undefined when the literals cannot tell: the pattern has none, or ignores case and the text is not ASCII, or
   * `masking` (the lines are tested masked) and a literal has a space, which masking may have made.
   */
  linesOf(pattern: PatternRule, lines: LineIndex, masking: boolean): readonly number[] | undefined {
    const { needles } = pattern;
    if (!needles || (masking && pattern.spacedNeedles)) return undefined;
    const haystack = this.haystack(pattern);
    if (haystack === undefined) return undefined;
    if (!this.mayHoldNeedle(pattern)) return noLines;
    // Made only on a first hit: most patterns have none in most files.
    let found: number[] | undefined;
    let sources = 0;
    for (const needle of needles) {
      let at = this.firstAt(pattern, needle, haystack);
      if (at < 0) continue;
      found ??= [];
      sources++;
      while (at >= 0) {
        const n = lines.lineAt(at);
        found.push(n);
        const next = lines.startOf(n + 1);
        at = next === undefined ? -1 : haystack.indexOf(needle.text, next);
      }
    }
    if (!found) return noLines;
    return sources < 2 ? found : [...new Set(found)].sort((a, b) => a - b);
  }

  /** Where to look for a pattern's literals: the text, or lower-cased for a pattern ignoring case (undefined: not ASCII). */
  private haystack({ rule }: PatternRule): string | undefined {
    if (!rule.ignoreCase) return this.text;
    if (this.lower === null) this.lower = isAscii(this.text) ? this.text.toLowerCase() : undefined;
    return this.lower;
  }

  /** false when the text holds none of the pattern's literals (ruled out by their pairs of characters, if it can be). */
  private mayHoldNeedle({ rule, needlePairs }: PatternRule): boolean {
    if (rule.ignoreCase || !needlePairs) return true;
    this.pairs ??= new TextPairs(this.text);
    return this.pairs.mayHoldOne(needlePairs);
  }

  /** Where a literal first is in the haystack; -1 when it is not (ruled out by its pairs of characters, if it can be). */
  private firstAt({ rule }: PatternRule, needle: Literal, haystack: string): number {
    if (rule.ignoreCase) return haystack.indexOf(needle.text);
    this.pairs ??= new TextPairs(this.text);
    return this.pairs.indexOf(needle);
  }
}

/**
 * Finds the lines each pattern matches (a blank line is never proof), exactly as testing every line (masked by
 * `ranges` from `maskedRanges`, for Python) with the pattern's per-line regex would. A pattern whose literals tell
 * its lines is tested on those alone; any other is searched for in the whole (masked) text in one pass, and each
 * line a `search` match touches is tested, the search resuming at the next line.
 */
function searchPatterns(text: string, patterns: readonly PatternRule[], sink: FindingSink, ranges: readonly number[] = [], applies: (pattern: PatternRule) => boolean = () => true): void {
  const prefilter = new PatternPrefilter(text);
  const { lines } = sink;
  const from = sink.findings.length;
  const masking = ranges.length > 0;
  /** The whole masked text, made only if some pattern needs a full search. */
  let masked: string | undefined;
  const test = ({ rule, regex }: PatternRule, n: number, line: string) => {
    const found = regex.exec(line);
    if (found && line.trim() !== '' && !(rule.kind === 'api' && startsAtDefinedName(line, found.index))) sink.add(rule, rule.kind, n, found.index, found[0].length);
  };
  for (const pattern of patterns) {
    if (!applies(pattern)) continue;
    const located = prefilter.linesOf(pattern, lines, masking);
    if (located) {
      for (const n of located) test(pattern, n, masking ? maskSlice(text, ranges, lines.startOf(n) ?? 0, lines.endOf(n)) : lines.line(n));
      continue;
    }
    // The prefilter reads the unmasked text; masking may make a literal with a space, so a masked text goes unfiltered.
    if (!masking && !prefilter.mayMatch(pattern)) continue;
    masked ??= masking ? maskSlice(text, ranges, 0, text.length) : text;
    const { search } = pattern;
    search.lastIndex = 0;
    for (let match = search.exec(masked); match; match = search.exec(masked)) {
      const last = lines.lineAt(match.index + Math.max(match[0].length - 1, 0));
      for (let n = lines.lineAt(match.index); n <= last; n++) test(pattern, n, lines.line(n, masked));
      const next = lines.startOf(last + 1);
      if (next === undefined) break;
      search.lastIndex = next;
    }
  }
  sink.orderByLine(from);
}

function parseManifest(manifest: Manifest, text: string): { dependencies: DeclaredDependency[]; includes: string[] } {
  switch (manifest) {
    case 'requirements':
      return parseRequirements(text);
    case 'pyproject':
      return { dependencies: parsePyproject(text), includes: [] };
    case 'setup.cfg':
      return { dependencies: parseSetupCfg(text), includes: [] };
    case 'setup.py':
      return { dependencies: parseSetupPy(text), includes: [] };
    case 'conda':
      return { dependencies: parseCondaEnvironment(text), includes: [] };
    case 'package.json':
      return { dependencies: parsePackageJson(text), includes: [] };
    case 'cargo':
      return { dependencies: parseCargoToml(text), includes: [] };
  }
}

/** Joins a folder-relative base folder and a relative path ("a/b" + "../c.txt" → "a/c.txt"); undefined if it leaves the root. */
export function joinRelative(baseFolder: string, relative: string): string | undefined {
  const parts = baseFolder === '' ? [] : baseFolder.split('/');
  for (const part of relative.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/**
 * The findings of one file. `role` comes from `fileRole` (or is forced to requirements for a file named by `-r`);
 * `size` is the file's size in bytes.
 */
export function analyzeFile(relPath: string, text: string, size: number, role: FileRole, rules: CompiledRules): FileAnalysis {
  const test = isTestPath(relPath);
  const lines = new LineIndex(text);
  const sink = new FindingSink(lines, test);
  let includes: string[] = [];
  if (role.python) {
    const code = pythonCode(text);
    analyzePython(code, code.imports.map((i) => i.module), rules, sink);
  }
  if (role.notebook) {
    const cells = notebookCodeCells(text).map((cell) => ({ index: cell.index, code: pythonCode(cell.source) }));
    const modules = cells.flatMap(({ code }) => code.imports.map((i) => i.module));
    for (const { index, code } of cells) {
      const cellSink = new FindingSink(new LineIndex(code.source), test, index);
      analyzePython(code, modules, rules, cellSink);
      sink.findings.push(...cellSink.findings);
    }
  }
  if (role.manifest) {
    const parsed = parseManifest(role.manifest, text);
    for (const dependency of parsed.dependencies) {
      const line = lines.line(dependency.line);
      const column = Math.max(0, line.toLowerCase().indexOf(dependency.name.toLowerCase()));
      for (const rule of dependencyRulesFor(rules, dependency.ecosystem, dependency.name)) sink.add(rule, 'dependency', dependency.line, column, dependency.name.length);
    }
    const folder = relPath.includes('/') ? relPath.slice(0, relPath.lastIndexOf('/')) : '';
    includes = parsed.includes.flatMap((include) => joinRelative(folder, include) ?? []);
  }
  if (role.filePatterns.length > 0) searchPatterns(text, role.filePatterns, sink);
  if (role.fileKind) {
    const extension = relPath.slice(relPath.lastIndexOf('.')).toLowerCase();
    const firstLine = text.slice(0, text.search(/\S|$/)).split('\n').length;
    for (const rule of rules.fileKinds.get(extension) ?? []) if (size >= rule.minBytes) sink.add(rule, 'file-kind', firstLine, 0, 0);
  }
  return { findings: sink.findings, includes };
}
