/**
 * Dependency manifests, parsed rather than grepped. Each parser takes the file's text and returns the declared
 * dependencies with their 1-based line (`DeclaredDependency`); none throws, whatever the input.
 * - `parseRequirements`: requirements*.txt per PEP 508 and pip's file format (extras, `~=`, markers, URLs and
 *   `#egg=`, `-e`, comments, "\" continuations); `-r`/`--requirement` includes are returned for the scanner to follow.
 * - `parsePyproject`: only dependency tables (PEP 621 `dependencies` and `optional-dependencies`, PEP 735
 *   `dependency-groups`, Poetry's dependencies, dev-dependencies and groups); tool settings are not evidence.
 * - `parseSetupCfg` (`install_requires`, `extras_require`), `parseSetupPy` (`install_requires=[…]`,
 *   `extras_require={…}`), `parseCondaEnvironment` (conda and `pip:` entries), `parsePackageJson`, `parseCargoToml`.
 * Python names are PEP 503 normalised (`normalizeDistribution`); conda names are mapped to PyPI names by the caller.
 */
import type { Ecosystem } from './vocabulary';
import { maskPython } from './pythonSource';
import { readToml, tomlGet, type TomlTable, type TomlValue } from './toml';

export interface DeclaredDependency {
  ecosystem: Ecosystem | 'conda';
  name: string;
  line: number;
}

/** PEP 503: lowercase, runs of "-", "_" and "." become one "-". */
export function normalizeDistribution(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const pep508Name = /^[a-z0-9](?:[\w.-]*[a-z0-9])?/i;

/** The distribution name of one PEP 508 requirement ("torch[cuda]>=2; python_version>'3.8'"), if it has one. */
export function requirementName(requirement: string): string | undefined {
  const name = pep508Name.exec(requirement.trim())?.[0];
  return name === undefined ? undefined : normalizeDistribution(name);
}

/** The `#egg=name` of a URL or path requirement. */
function eggName(spec: string): string | undefined {
  const at = spec.indexOf('#egg=');
  return at < 0 ? undefined : requirementName(spec.slice(at + 5));
}

export interface RequirementsFile {
  dependencies: DeclaredDependency[];
  /** Paths named by `-r`/`--requirement`, relative to the file's folder. */
  includes: string[];
}

export function parseRequirements(text: string): RequirementsFile {
  const dependencies: DeclaredDependency[] = [];
  const includes: string[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const lineNumber = index + 1;
    // "\" continues a line; the parts are joined once, so a long chain of continuations stays linear.
    const parts = [lines[index] ?? ''];
    while ((parts.at(-1) ?? '').endsWith('\\') && index + 1 < lines.length) {
      parts.push((parts.pop() ?? '').slice(0, -1), lines[++index] ?? '');
    }
    const logical = parts.join('');
    // pip: a comment starts at "#" at the line's start or after whitespace (a URL's "#egg=" is not one).
    const comment = /(?:^|\s)#/.exec(logical);
    const line = (comment ? logical.slice(0, comment.index) : logical).trim();
    if (line === '') continue;
    const option = /^(-r|--requirement|-e|--editable|-c|--constraint)(?:\s+|=)(\S+)/.exec(line);
    if (option) {
      const [, flag = '', value = ''] = option;
      if (flag === '-r' || flag === '--requirement') includes.push(value);
      const egg = flag === '-e' || flag === '--editable' ? eggName(logical) : undefined;
      if (egg) dependencies.push({ ecosystem: 'python', name: egg, line: lineNumber });
      continue;
    }
    if (line.startsWith('-')) continue; // --index-url, --hash and other options
    if (/^[a-z+]+:\/\//i.test(line) || line.startsWith('.') || line.startsWith('/')) {
      const egg = eggName(logical);
      if (egg) dependencies.push({ ecosystem: 'python', name: egg, line: lineNumber });
      continue;
    }
    const name = requirementName(line);
    if (name) dependencies.push({ ecosystem: 'python', name, line: lineNumber });
  }
  return { dependencies, includes };
}

function stringItems(value: TomlValue | undefined): Array<{ value: string; line: number }> {
  if (value?.kind !== 'array') return [];
  return value.items.flatMap((item) => (item.kind === 'string' ? [{ value: item.value, line: item.line }] : []));
}

function tableValues(value: TomlValue | undefined): TomlValue[] {
  return value?.kind === 'table' ? [...value.entries.values()] : [];
}

function requirementsOf(value: TomlValue | undefined): DeclaredDependency[] {
  return stringItems(value).flatMap(({ value: spec, line }) => {
    const name = requirementName(spec);
    return name ? [{ ecosystem: 'python' as const, name, line }] : [];
  });
}

/** Keys of a name → spec table (Poetry, Cargo) as dependencies, with the line of each entry. */
function keyedDependencies(table: TomlValue | undefined, ecosystem: Ecosystem, skip: readonly string[] = []): DeclaredDependency[] {
  if (table?.kind !== 'table') return [];
  return [...table.entries]
    .filter(([name]) => !skip.includes(name))
    .map(([name, spec]) => ({ ecosystem, name: ecosystem === 'python' ? normalizeDistribution(name) : name, line: spec.line }));
}

export function parsePyproject(text: string): DeclaredDependency[] {
  const toml = readToml(text);
  const poetry = tomlGet(toml, 'tool', 'poetry');
  const poetryTables = [
    tomlGet(toml, 'tool', 'poetry', 'dependencies'),
    tomlGet(toml, 'tool', 'poetry', 'dev-dependencies'),
    ...tableValues(poetry?.kind === 'table' ? tomlGet(poetry, 'group') : undefined).map((group) => (group.kind === 'table' ? tomlGet(group, 'dependencies') : undefined)),
  ];
  return [
    ...requirementsOf(tomlGet(toml, 'project', 'dependencies')),
    ...tableValues(tomlGet(toml, 'project', 'optional-dependencies')).flatMap(requirementsOf),
    // PEP 735 groups hold requirement strings and `{ include-group = "…" }` tables; the strings are the dependencies.
    ...tableValues(tomlGet(toml, 'dependency-groups')).flatMap(requirementsOf),
    ...poetryTables.flatMap((table) => keyedDependencies(table, 'python', ['python'])),
  ];
}

export function parseCargoToml(text: string): DeclaredDependency[] {
  const toml: TomlTable = readToml(text);
  const sections = ['dependencies', 'dev-dependencies', 'build-dependencies'];
  const targets = tableValues(tomlGet(toml, 'target'));
  return [
    ...sections.flatMap((section) => keyedDependencies(tomlGet(toml, section), 'cargo')),
    ...keyedDependencies(tomlGet(toml, 'workspace', 'dependencies'), 'cargo'),
    ...targets.flatMap((target) => (target.kind === 'table' ? sections.flatMap((section) => keyedDependencies(tomlGet(target, section), 'cargo')) : [])),
  ];
}

/** setup.cfg: the indented lines of `install_requires =` in `[options]` and of every key in `[options.extras_require]`. */
export function parseSetupCfg(text: string): DeclaredDependency[] {
  const found: DeclaredDependency[] = [];
  let section = '';
  let collecting = false;
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.trimEnd();
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      section = (header[1] ?? '').trim();
      collecting = false;
      return;
    }
    const indented = /^\s/.test(line);
    if (!indented) {
      const key = /^([\w-]+)\s*[=:]/.exec(line);
      collecting = key !== null && ((section === 'options' && key[1] === 'install_requires') || section === 'options.extras_require');
      const inline = key ? line.slice(key[0].length).trim() : undefined;
      if (collecting && inline) pushRequirement(found, inline, index + 1);
      return;
    }
    const value = line.trim();
    if (collecting && value !== '' && !value.startsWith('#')) pushRequirement(found, value, index + 1);
  });
  return found;
}

function pushRequirement(found: DeclaredDependency[], spec: string, line: number): void {
  const name = requirementName(spec);
  if (name) found.push({ ecosystem: 'python', name, line });
}

/** setup.py: the string literals inside `install_requires=[…]` and `extras_require={…}` (located on the masked code). */
export function parseSetupPy(text: string): DeclaredDependency[] {
  const masked = maskPython(text);
  const found: DeclaredDependency[] = [];
  const keyword = /\b(?:install_requires|extras_require|tests_require)\s*=\s*([[{])/g;
  for (let match = keyword.exec(masked); match; match = keyword.exec(masked)) {
    const close = match[1] === '[' ? ']' : '}';
    const start = match.index + match[0].length;
    let end = masked.indexOf(close, start);
    if (match[1] === '{') {
      // extras_require={"x": [...], ...}: the dict closes after its lists.
      let depth = 1;
      for (end = start; end < masked.length && depth > 0; end++) {
        if (masked[end] === '{') depth++;
        else if (masked[end] === '}') depth--;
      }
    }
    if (end < 0) end = masked.length;
    const literal = /"([^"\n]*)"|'([^'\n]*)'/g;
    const region = text.slice(start, end);
    let line = text.slice(0, start).split('\n').length;
    let counted = 0;
    for (let s = literal.exec(region); s; s = literal.exec(region)) {
      for (; counted < s.index; counted++) if (region.charCodeAt(counted) === 0x0a) line++;
      // Dict keys of extras_require ("gpu": [...]) are names of extras, not requirements.
      if (match[1] === '{' && /^\s*:/.test(region.slice(s.index + s[0].length, s.index + s[0].length + 40))) continue;
      pushRequirement(found, s[1] ?? s[2] ?? '', line);
    }
    keyword.lastIndex = Math.max(end, keyword.lastIndex);
  }
  return found;
}

/** A conda spec ("pytorch=2.1", "conda-forge::numpy>=1.26") → its package name. */
function condaName(spec: string): string | undefined {
  const withoutChannel = spec.includes('::') ? spec.slice(spec.lastIndexOf('::') + 2) : spec;
  return /^[a-z0-9][\w.-]*/i.exec(withoutChannel.trim())?.[0]?.toLowerCase();
}

/** environment.yml: the items of the top-level `dependencies:` list, conda ones and those under `- pip:`. */
export function parseCondaEnvironment(text: string): DeclaredDependency[] {
  const found: DeclaredDependency[] = [];
  let inDependencies = false;
  let pipIndent = -1;
  text.split('\n').forEach((rawLine, index) => {
    const hash = rawLine.search(/\s#/);
    const line = (hash < 0 ? rawLine : rawLine.slice(0, hash)).trimEnd();
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      inDependencies = /^dependencies\s*:\s*$/.test(line);
      pipIndent = -1;
      return;
    }
    if (!inDependencies) return;
    const itemText = line.trimStart();
    if (!/^-\s/.test(itemText)) return;
    const itemIndent = indent;
    const spec = itemText.slice(1).trim().replace(/^["']|["']$/g, '');
    if (pipIndent >= 0 && itemIndent <= pipIndent) pipIndent = -1;
    if (/^pip\s*:\s*$/.test(spec)) {
      pipIndent = itemIndent;
      return;
    }
    if (pipIndent >= 0) {
      pushRequirement(found, spec, index + 1);
      return;
    }
    const name = condaName(spec);
    if (name && name !== 'python' && name !== 'pip') found.push({ ecosystem: 'conda', name, line: index + 1 });
  });
  return found;
}

/** package.json: the names in dependencies, devDependencies, peerDependencies and optionalDependencies. */
export function parsePackageJson(text: string): DeclaredDependency[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof manifest !== 'object' || manifest === null) return [];
  const lines = text.split('\n');
  const found: DeclaredDependency[] = [];
  for (const section of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const table = (manifest as Record<string, unknown>)[section];
    if (typeof table !== 'object' || table === null || Array.isArray(table)) continue;
    const sectionLine = lines.findIndex((l) => l.includes(`"${section}"`));
    for (const name of Object.keys(table)) {
      const offset = lines.slice(Math.max(sectionLine, 0)).findIndex((l) => l.includes(`"${name}"`));
      found.push({ ecosystem: 'npm', name, line: offset < 0 ? 1 : Math.max(sectionLine, 0) + offset + 1 });
    }
  }
  return found;
}
