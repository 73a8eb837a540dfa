/**
 * What is not the user's code. The scanner walks top-down and asks, per folder and per file:
 * - `alwaysSkippedFolder(name, entryNames)`: dependency, environment, build, vendored and fixture folders, and any
 *   folder holding a virtual or conda environment (`pyvenv.cfg`, `conda-meta`);
 * - `IgnoreStack`: the `.gitignore` and `.ignore` files from the root down to a folder (nested, negations, deeper
 *   files win, git's rules for anchoring and "dir/");
 * - `AttributeStack`: `.gitattributes` marking files `linguist-vendored` or `linguist-generated`;
 * - `skippedFileName(name)`: minified and lock files.
 * `isTestPath(relPath)` says whether a file is test code (which counts at a lower weight).
 */
import { compileGlobSegments, globNameCondition, segmentsMatch, type GlobSegment } from './glob';

const skippedFolderNames: ReadonlySet<string> = new Set([
  '.git', '.hg', '.svn', 'node_modules', 'bower_components', 'jspm_packages',
  '.venv', 'venv', '.virtualenv', 'virtualenv', 'site-packages', 'dist-packages', '__pypackages__', '.conda',
  '__pycache__', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.tox', '.nox', '.eggs', '.ipynb_checkpoints',
  'build', 'dist', 'out', 'target', '.next', '.nuxt', '.parcel-cache', '.gradle', '.cache', '.terraform', '.dvc', '.idea', '.vscode-test',
  'vendor', 'vendored', 'third_party', 'third-party', 'thirdparty', 'external', 'extern',
  'fixtures', '__fixtures__', 'testdata', '__snapshots__',
]);

/** Files inside a folder that mark it as an environment, whatever its name (`env/`, `myenv/`). */
const environmentMarkers = ['pyvenv.cfg', 'conda-meta'];

export function alwaysSkippedFolder(name: string, entryNames: readonly string[]): boolean {
  return skippedFolderNames.has(name) || name.endsWith('.egg-info') || name.endsWith('.dist-info') || environmentMarkers.some((m) => entryNames.includes(m));
}

export function skippedFileName(name: string): boolean {
  return /\.min\.(?:js|css|mjs)$/.test(name) || name.endsWith('.lock') || name === 'package-lock.json';
}

const testFolderNames: ReadonlySet<string> = new Set(['test', 'tests', 'testing', '__tests__', 'spec', 'specs', 'e2e']);

export function isTestPath(relPath: string): boolean {
  const nameStart = relPath.lastIndexOf('/') + 1;
  // Folder names are cut out only where one could be a test folder's: most paths hold no "test", "spec" or "e2e".
  if (/test|spec|e2e/.test(relPath.slice(0, nameStart))) {
    for (let start = 0, end = relPath.indexOf('/'); end >= 0 && end < nameStart; start = end + 1, end = relPath.indexOf('/', start)) {
      if (testFolderNames.has(relPath.slice(start, end))) return true;
    }
  }
  return /^test_.*\.py$|_test\.py$|^conftest\.py$|\.(?:test|spec)\.[cm]?[jt]sx?$/.test(relPath.slice(nameStart));
}

/** No real path pattern is longer; a longer line is junk and is skipped rather than compiled. */
const maxPatternLength = 4096;

/** A pattern line: its segments, and what the name of every path it matches meets (checked first: most paths fail it). */
interface LinePattern {
  segments: GlobSegment[];
  nameMeets: (name: string) => boolean;
}

function namePredicate(glob: string): (name: string) => boolean {
  const condition = globNameCondition(glob);
  if (!condition) return () => true;
  if ('name' in condition) return (name) => name === condition.name;
  if ('extension' in condition) return (name) => name.endsWith(condition.extension);
  return (name) => name.startsWith(condition.prefix);
}

/**
 * A compiler of one file's pattern lines that compiles each distinct glob once: a file repeating a line thousands of
 * times (hostile, or generated) then costs a lookup per line, not a compiled pattern each to keep and collect.
 */
function linePatterns(): (glob: string) => LinePattern {
  const compiled = new Map<string, LinePattern>();
  return (glob) => {
    let pattern = compiled.get(glob);
    if (!pattern) {
      pattern = { segments: compileGlobSegments(glob), nameMeets: namePredicate(glob) };
      compiled.set(glob, pattern);
    }
    return pattern;
  };
}

interface IgnorePattern extends LinePattern {
  negated: boolean;
  directoryOnly: boolean;
}

/** Parses a `.gitignore`/`.ignore` file (gitignore(5)). */
export function parseIgnoreFile(text: string): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  const linePattern = linePatterns();
  for (const rawLine of text.split('\n')) {
    let line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line === '' || line.startsWith('#') || line.length > maxPatternLength) continue;
    // Trailing spaces are dropped unless escaped with a backslash.
    let end = line.length;
    while (end > 0 && line[end - 1] === ' ' && line[end - 2] !== '\\') end--;
    line = line.slice(0, end);
    const negated = line.startsWith('!');
    if (negated || line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
    const directoryOnly = line.endsWith('/');
    if (directoryOnly) line = line.slice(0, -1);
    if (line === '') continue;
    // A "/" at the start or in the middle anchors the pattern to the file's folder; otherwise it matches at any depth.
    const anchored = line.includes('/');
    const { segments, nameMeets } = linePattern(anchored ? line : `**/${line}`);
    patterns.push({ segments, nameMeets, negated, directoryOnly });
  }
  return patterns;
}

/**
 * Pattern files from the root down to a folder; each folder's stack extends its parent's. `matching` lists the
 * patterns that match a path in order of precedence (the deepest file first, and in a file its last line first),
 * passing over those `skip` says cannot decide.
 */
abstract class PatternStack<P extends LinePattern> {
  protected constructor(
    private readonly parent: PatternStack<P> | undefined,
    /** The folder of these patterns, relative to the root ("" for the root). */
    private readonly base: string,
    private readonly patterns: readonly P[],
  ) {}

  /** No pattern at all (the root's stack when no folder has a pattern file): nothing to match, no iterator to make. */
  protected get empty(): boolean {
    return this.parent === undefined && this.patterns.length === 0;
  }

  protected *matching(relPath: string, skip?: (pattern: P) => boolean): Iterable<P> {
    const name = relPath.slice(relPath.lastIndexOf('/') + 1);
    for (let stack: PatternStack<P> | undefined = this as PatternStack<P>; stack; stack = stack.parent) {
      const { base, patterns } = stack;
      if (patterns.length === 0 || (base !== '' && !(relPath.startsWith(base) && relPath[base.length] === '/'))) continue;
      let parts: string[] | undefined;
      for (let i = patterns.length - 1; i >= 0; i--) {
        const pattern = patterns[i];
        if (!pattern || skip?.(pattern) || !pattern.nameMeets(name)) continue;
        parts ??= (base === '' ? relPath : relPath.slice(base.length + 1)).split('/');
        if (segmentsMatch(pattern.segments, parts)) yield pattern;
      }
    }
  }
}

/** The `.gitignore` and `.ignore` files from the root down to a folder. */
export class IgnoreStack extends PatternStack<IgnorePattern> {
  static readonly empty = new IgnoreStack(undefined, '', []);

  /** This stack with a folder's ignore files added (their texts in order of precedence, lowest first). */
  withFolder(base: string, texts: readonly string[]): IgnoreStack {
    const patterns = texts.flatMap(parseIgnoreFile);
    return patterns.length > 0 ? new IgnoreStack(this, base, patterns) : this;
  }

  /** Whether `relPath` (relative to the root) is ignored: the first matching pattern in order of precedence decides. */
  ignores(relPath: string, isDirectory: boolean): boolean {
    if (this.empty) return false;
    // A folder-only pattern never decides for a file.
    for (const pattern of this.matching(relPath, isDirectory ? undefined : (p) => p.directoryOnly)) return !pattern.negated;
    return false;
  }
}

interface AttributePattern extends LinePattern {
  /** true: set, false: unset ("-attr" or "attr=false"); the attributes this line does not name are absent. */
  vendored?: boolean;
  generated?: boolean;
}

function attributeValue(token: string, name: string): boolean | undefined {
  if (token === name || token === `${name}=true`) return true;
  if (token === `-${name}` || token === `!${name}` || token === `${name}=false`) return false;
  return undefined;
}

/** Parses a `.gitattributes` file, keeping only the lines that name `linguist-vendored` or `linguist-generated`. */
export function parseGitattributes(text: string): AttributePattern[] {
  const patterns: AttributePattern[] = [];
  const linePattern = linePatterns();
  for (const rawLine of text.split('\n')) {
    if (rawLine.length > maxPatternLength) continue;
    const [pattern, ...attributes] = rawLine.trim().split(/[ \t]+/);
    if (!pattern || pattern.startsWith('#') || pattern.startsWith('!')) continue;
    let vendored: boolean | undefined;
    let generated: boolean | undefined;
    for (const token of attributes) {
      vendored = attributeValue(token, 'linguist-vendored') ?? vendored;
      generated = attributeValue(token, 'linguist-generated') ?? generated;
    }
    if (vendored === undefined && generated === undefined) continue;
    const anchored = pattern.replace(/\/$/, '').includes('/');
    const { segments, nameMeets } = linePattern(anchored ? pattern : `**/${pattern}`);
    patterns.push({ segments, nameMeets, vendored, generated });
  }
  return patterns;
}

/** The `.gitattributes` files from the root down to a folder. */
export class AttributeStack extends PatternStack<AttributePattern> {
  static readonly empty = new AttributeStack(undefined, '', []);

  withFolder(base: string, text: string | undefined): AttributeStack {
    const patterns = text === undefined ? [] : parseGitattributes(text);
    return patterns.length > 0 ? new AttributeStack(this, base, patterns) : this;
  }

  /** Whether a file is marked vendored or generated; for each attribute the first line naming it in order of precedence decides. */
  marksNotOwnCode(relPath: string): boolean {
    if (this.empty) return false;
    let vendored: boolean | undefined;
    let generated: boolean | undefined;
    for (const pattern of this.matching(relPath)) {
      vendored ??= pattern.vendored;
      generated ??= pattern.generated;
      if (vendored !== undefined && generated !== undefined) break;
    }
    return vendored === true || generated === true;
  }
}
