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
import { notebookCodeCells } from './notebook';
import { findImports, maskPython } from './pythonSource';
import { asciiCharSet, dependencyRulesFor, importRulesFor, lowerCaseCharSet, mayContain, type CharSet, type CombinedPatterns, type CompiledRules, type Needle, type PatternRule } from './rules';
import { signalKinds, type SignalKind } from './vocabulary';

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
  return /^requirements.*\.(?:txt|in)$/i.test(name) || (/(?:^|\/)requirements\/[^/]+$/.test(relPath) && /\.(?:txt|in)$/.test(name));
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

/** The lines of a text, cut only when asked for (most lines of a file never become proof). */
class LineIndex {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  /** Line `n` (1-based), without its newline; "" past the end. */
  line(n: number): string {
    if (!this.starts) {
      this.starts = [0];
      for (let k = this.text.indexOf('\n'); k >= 0; k = this.text.indexOf('\n', k + 1)) this.starts.push(k + 1);
    }
    const start = this.starts[n - 1];
    if (start === undefined) return '';
    const next = this.starts[n];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1);
  }

  all(): string[] {
    return this.text.split('\n');
  }
}

class FindingSink {
  readonly findings: Finding[] = [];
  /** Per rule, its kinds and lines already found (line × kinds + kind): a line matching twice is one proof. */
  private readonly seen = new Map<object, Set<number>>();

  constructor(
    private readonly lines: LineIndex,
    private readonly test: boolean,
    private readonly cell?: number,
  ) {}

  add(rule: { id: string; skill: string }, kind: SignalKind, line: number, column: number, length: number): void {
    const key = line * signalKinds.length + signalKinds.indexOf(kind);
    let keys = this.seen.get(rule);
    if (!keys) this.seen.set(rule, (keys = new Set()));
    else if (keys.has(key)) return;
    keys.add(key);
    const raw = this.lines.line(line);
    // One object shape for every finding; only notebook findings get `cell` (a spread would copy each object).
    const finding: Finding = { rule: rule.id, skill: rule.skill, kind, line, column, length, text: detached(raw.trim().slice(0, maxTextLength)), test: this.test };
    if (this.cell !== undefined) finding.cell = this.cell;
    this.findings.push(finding);
  }
}

/** Imports and code patterns of Python source (a file or a notebook cell). */
function analyzePython(source: string, rules: CompiledRules, sink: FindingSink): void {
  const masked = maskPython(source);
  for (const found of findImports(masked)) {
    for (const rule of importRulesFor(rules, found.module)) sink.add(rule, 'import', found.line, found.column, found.length);
  }
  for (const combined of rules.combinedCodePatterns) matchCode(masked, combined, sink);
}

/**
 * Runs the combined regex over the whole masked code and tests each pattern only on the lines a match touches; after
 * a match the search resumes at the next untested line. Finds exactly what testing every line would.
 */
function matchCode(masked: string, { any, patterns }: CombinedPatterns, sink: FindingSink): void {
  let line = 1;
  let lineStart = 0;
  /** Advances `line`/`lineStart` to the line holding `offset` (offsets only grow: linear overall). */
  const moveTo = (offset: number) => {
    for (let next = masked.indexOf('\n', lineStart); next >= 0 && next < offset; next = masked.indexOf('\n', lineStart)) {
      line++;
      lineStart = next + 1;
    }
  };
  any.lastIndex = 0;
  for (let match = any.exec(masked); match; match = any.exec(masked)) {
    moveTo(match.index);
    for (;;) {
      const end = masked.indexOf('\n', lineStart);
      const text = masked.slice(lineStart, end < 0 ? masked.length : end);
      let lower: string | undefined;
      // The line's characters first: most needles are ruled out by a missing character without a string search.
      const chars = asciiCharSet(text);
      let lowerChars: CharSet | undefined;
      for (const { rule, regex, needles } of patterns) {
        if (needles) {
          const haystack = rule.ignoreCase ? (lower ??= text.toLowerCase()) : text;
          const haystackChars = rule.ignoreCase ? (lowerChars ??= lowerCaseCharSet(chars)) : chars;
          if (!holdsNeedle(haystack, haystackChars, needles)) continue;
        }
        const found = regex.exec(text);
        if (found) sink.add(rule, rule.kind, line, found.index, found[0].length);
      }
      if (end < 0) return;
      line++;
      lineStart = end + 1;
      if (lineStart > match.index + match[0].length - 1) break;
    }
    any.lastIndex = lineStart;
  }
}

function holdsNeedle(haystack: string, haystackChars: CharSet, needles: readonly Needle[]): boolean {
  for (const { text, chars } of needles) if (mayContain(haystackChars, chars) && haystack.includes(text)) return true;
  return false;
}

function matchLines(lines: readonly string[], patterns: readonly PatternRule[], sink: FindingSink): void {
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    for (const { rule, regex } of patterns) {
      const match = regex.exec(line);
      if (match) sink.add(rule, rule.kind, index + 1, match.index, match[0].length);
    }
  });
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
  if (role.python) analyzePython(text, rules, sink);
  if (role.notebook) {
    const findings = notebookCodeCells(text).flatMap((cell) => {
      const cellSink = new FindingSink(new LineIndex(cell.source), test, cell.index);
      analyzePython(cell.source, rules, cellSink);
      return cellSink.findings;
    });
    sink.findings.push(...findings);
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
  if (role.filePatterns.length > 0) matchLines(lines.all(), role.filePatterns, sink);
  if (role.fileKind) {
    const extension = relPath.slice(relPath.lastIndexOf('.')).toLowerCase();
    const firstLine = text.slice(0, text.search(/\S|$/)).split('\n').length;
    for (const rule of rules.fileKinds.get(extension) ?? []) if (size >= rule.minBytes) sink.add(rule, 'file-kind', firstLine, 0, 0);
  }
  return { findings: sink.findings, includes };
}
