/** Project names become a folder name, a distribution name and (with "-" → "_") a Python package name. */
export const nameLimits = { min: 2, max: 50 } as const;

// Device names Windows refuses as file names, with or without an extension.
const windowsReserved = new Set(['con', 'prn', 'aux', 'nul', ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => [`com${n}`, `lpt${n}`])]);

// A package with one of these names would shadow Python itself, a dependency, or a folder of the generated project.
const pythonReserved = new Set([
  // keywords and constants
  'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'false', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'none', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'true', 'try', 'while', 'with', 'yield',
  // standard library modules a project name is likely to collide with
  'abc', 'array', 'ast', 'asyncio', 'base64', 'builtins', 'collections', 'copy', 'csv', 'dataclasses', 'datetime',
  'email', 'enum', 'functools', 'glob', 'hashlib', 'html', 'http', 'inspect', 'io', 'itertools', 'json', 'logging',
  'math', 'os', 'pathlib', 'pickle', 'platform', 'queue', 'random', 're', 'select', 'shutil', 'signal', 'site',
  'socket', 'sqlite3', 'statistics', 'string', 'struct', 'subprocess', 'sys', 'tempfile', 'test', 'threading',
  'time', 'token', 'tokenize', 'types', 'typing', 'unittest', 'urllib', 'uuid', 'warnings', 'xml', 'zipfile',
  // the generated project's dependencies and folders
  'fastapi', 'httpx', 'joblib', 'numpy', 'pandas', 'pydantic', 'pytest', 'ruff', 'scipy', 'sklearn', 'starlette',
  'torch', 'torchvision', 'uvicorn', 'src', 'tests', 'data', 'models', 'reports', 'docs',
]);

/** The Python import name for a valid project name. */
export function toPackageName(projectName: string): string {
  return projectName.toLowerCase().replace(/-/g, '_');
}

/**
 * Checks a project name as typed. Returns a message that says what to fix, or `undefined` when it is usable.
 * Pure: whether the folder already exists is checked separately (see `targetConflict`).
 */
export function validateProjectName(raw: string): string | undefined {
  const name = raw.trim();
  if (name.length === 0) return 'Enter a project name, e.g. "review-classifier".';
  if (name !== raw) return 'Remove the spaces at the start or end of the name.';
  if (name.includes('/') || name.includes('\\')) return 'Use a plain folder name: no "/" or "\\" (the parent folder is chosen next).';
  if (name.includes('..')) return 'Remove "..": the name must not point outside the parent folder.';
  if (name.startsWith('.')) return 'Do not start the name with "." (that makes a hidden folder and an invalid package name).';
  if (name.length < nameLimits.min) return `Use at least ${nameLimits.min} characters.`;
  if (name.length > nameLimits.max) return `Use at most ${nameLimits.max} characters (this one has ${name.length}).`;
  if (/[^\u0020-\u007e]/.test(name)) return 'Use ASCII letters, digits, "-" and "_" only (Python package names are ASCII).';
  if (/\s/.test(name)) return 'Replace spaces with "-" or "_".';
  if (!/^[a-z]/i.test(name)) return 'Start the name with a letter (a Python package name cannot start with a digit or symbol).';
  const bad = /[^\w-]/.exec(name);
  if (bad) return `Remove "${bad[0]}": use letters, digits, "-" and "_" only.`;
  if (/[-_]$/.test(name)) return 'End the name with a letter or digit.';
  if (/[-_]{2}/.test(name)) return 'Use a single "-" or "_" between words.';
  const lower = name.toLowerCase();
  if (windowsReserved.has(lower)) return `"${name}" is a reserved device name on Windows; choose another name.`;
  const pkg = toPackageName(name);
  if (pythonReserved.has(pkg)) return `"${pkg}" would shadow a Python keyword, module or project folder; choose a more specific name.`;
  return undefined;
}

/** What the folder at the target path holds, as far as scaffolding cares. */
export type TargetState = 'missing' | 'empty-dir' | 'non-empty-dir' | 'file' | 'link';

/** The message for a target that must not be written, or `undefined` when scaffolding may go ahead. */
export function targetConflict(name: string, state: TargetState): string | undefined {
  if (state === 'non-empty-dir') return `A folder "${name}" with files in it already exists there; choose another name or parent folder.`;
  if (state === 'file') return `A file named "${name}" already exists there; choose another name or parent folder.`;
  // Never followed: writing through a link would put the project wherever the link points.
  if (state === 'link') return `A link named "${name}" exists there; choose another name or parent folder.`;
  return undefined;
}
