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
import { compileGlobSegments, segmentsMatch, type GlobSegment } from './glob';

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
  const parts = relPath.split('/');
  const name = parts.at(-1) ?? '';
  return (
    parts.slice(0, -1).some((p) => testFolderNames.has(p)) ||
    /^test_.*\.py$|_test\.py$|^conftest\.py$|\.(?:test|spec)\.[cm]?[jt]sx?$/.test(name)
  );
}

/** No real path pattern is longer; a longer line is junk and is skipped rather than compiled. */
const maxPatternLength = 4096;

interface IgnorePattern {
  segments: GlobSegment[];
  negated: boolean;
  directoryOnly: boolean;
}

/** Parses a `.gitignore`/`.ignore` file (gitignore(5)). */
export function parseIgnoreFile(text: string): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
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
    patterns.push({ segments: compileGlobSegments(anchored ? line : `**/${line}`), negated, directoryOnly });
  }
  return patterns;
}

/** The ignore files from the root down to a folder; each folder's stack extends its parent's. */
export class IgnoreStack {
  private constructor(
    private readonly parent: IgnoreStack | undefined,
    /** The folder of these patterns, relative to the root ("" for the root). */
    private readonly base: string,
    private readonly patterns: readonly IgnorePattern[],
  ) {}

  static readonly empty = new IgnoreStack(undefined, '', []);

  /** This stack and its parents, deepest first. */
  private *chain(): Iterable<IgnoreStack> {
    yield this;
    for (let stack = this.parent; stack; stack = stack.parent) yield stack;
  }

  /** This stack with a folder's ignore files added (their texts in order of precedence, lowest first). */
  withFolder(base: string, texts: readonly string[]): IgnoreStack {
    const patterns = texts.flatMap(parseIgnoreFile);
    return patterns.length > 0 ? new IgnoreStack(this, base, patterns) : this;
  }

  /** Whether `relPath` (relative to the root) is ignored; a deeper file's last matching pattern decides. */
  ignores(relPath: string, isDirectory: boolean): boolean {
    for (const stack of this.chain()) {
      if (stack.patterns.length === 0) continue;
      const local = stack.base === '' ? relPath : relPath.startsWith(`${stack.base}/`) ? relPath.slice(stack.base.length + 1) : undefined;
      if (local === undefined) continue;
      const parts = local.split('/');
      for (const pattern of [...stack.patterns].reverse()) {
        if (pattern.directoryOnly && !isDirectory) continue;
        if (segmentsMatch(pattern.segments, parts)) return !pattern.negated;
      }
    }
    return false;
  }
}

interface AttributePattern {
  segments: GlobSegment[];
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
    patterns.push({ segments: compileGlobSegments(anchored ? pattern : `**/${pattern}`), vendored, generated });
  }
  return patterns;
}

/** The `.gitattributes` files from the root down to a folder. */
export class AttributeStack {
  private constructor(
    private readonly parent: AttributeStack | undefined,
    private readonly base: string,
    private readonly patterns: readonly AttributePattern[],
  ) {}

  static readonly empty = new AttributeStack(undefined, '', []);

  private *chain(): Iterable<AttributeStack> {
    yield this;
    for (let stack = this.parent; stack; stack = stack.parent) yield stack;
  }

  withFolder(base: string, text: string | undefined): AttributeStack {
    const patterns = text === undefined ? [] : parseGitattributes(text);
    return patterns.length > 0 ? new AttributeStack(this, base, patterns) : this;
  }

  /** Whether a file is marked vendored or generated; for each attribute the deepest, last matching line decides. */
  marksNotOwnCode(relPath: string): boolean {
    let vendored: boolean | undefined;
    let generated: boolean | undefined;
    for (const stack of this.chain()) {
      if (vendored !== undefined && generated !== undefined) break;
      const local = stack.base === '' ? relPath : relPath.startsWith(`${stack.base}/`) ? relPath.slice(stack.base.length + 1) : undefined;
      if (local === undefined) continue;
      const parts = local.split('/');
      for (const pattern of [...stack.patterns].reverse()) {
        if (!segmentsMatch(pattern.segments, parts)) continue;
        vendored ??= pattern.vendored;
        generated ??= pattern.generated;
      }
    }
    return vendored === true || generated === true;
  }
}
