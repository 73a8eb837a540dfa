/**
 * Glob matching without regular expressions, in O(pattern × path) time for any input: `*` and `?` within a path
 * segment, `[...]`/`[!...]` classes, `\` escapes, `**` for any number of segments, `{a,b}` alternatives.
 *
 * - `compileGlob(glob)`: a matcher of workspace-relative paths ("a/b/c.py"); a glob without "/" matches a file name
 *   at any depth (the rule-data convention), a glob with "/" matches the whole path.
 * - `compilePathGlob(glob)`: a matcher of the whole relative path only (VS Code's `files.exclude` convention).
 * - `compileGlobSegments(glob)`: the parsed segments, for the gitignore matcher in ignore.ts.
 * - `globNameCondition(glob)`: what a file's name must be, end or start with for the glob to match it, so a matcher
 *   can look candidate globs up by name, extension or start instead of testing each one on every path.
 */

/** A literal character is the string itself (no allocation per character); `?` and `*` are shared constants. */
type Token = string | typeof anyChar | typeof star | { negated: boolean; ranges: Array<[string, string]> };
const anyChar = { any: true } as const;
const star = { star: true } as const;
/** A path segment's tokens, or `"**"` for any number of segments. */
export type GlobSegment = Token[] | '**';

const maxAlternatives = 64;

function tokenize(segment: string): Token[] {
  const tokens: Token[] = [];
  const chars = Array.from(segment);
  const at = (k: number) => chars[k] ?? '';
  // Once no "]" is left, no later "[" opens a class: remembering it keeps "[[[[…" linear.
  let closingLeft = true;
  for (let i = 0; i < chars.length; i++) {
    const c = at(i);
    if (c === '\\' && i + 1 < chars.length) tokens.push(at(++i));
    else if (c === '*') {
      if (tokens.at(-1) !== star) tokens.push(star);
    } else if (c === '?') tokens.push(anyChar);
    else if (c === '[') {
      const close = closingLeft ? chars.indexOf(']', i + 2) : -1;
      if (close < 0) {
        closingLeft = false;
        tokens.push(c);
        continue;
      }
      let j = i + 1;
      const negated = chars[j] === '!' || chars[j] === '^';
      if (negated) j++;
      const ranges: Array<[string, string]> = [];
      for (; j < close; j++) {
        if (chars[j + 1] === '-' && j + 2 < close) {
          ranges.push([at(j), at(j + 2)]);
          j += 2;
        } else ranges.push([at(j), at(j)]);
      }
      tokens.push({ negated, ranges });
      i = close;
    } else tokens.push(c);
  }
  return tokens;
}

function tokenMatches(token: Token, char: string): boolean {
  if (typeof token === 'string') return token === char;
  if (!('ranges' in token)) return token === anyChar;
  return token.ranges.some(([from, to]) => char >= from && char <= to) !== token.negated;
}

/**
 * Wildcard matching with one kind of star: greedy, and on a mismatch the last star takes one more item. Correct for a
 * single star kind and O(pattern × items). Used for characters in a segment and for segments in a path.
 */
function wildcardMatch<P, I>(pattern: readonly P[], items: readonly I[], isStar: (p: P) => boolean, matches: (p: P, item: I) => boolean): boolean {
  let p = 0;
  let i = 0;
  let starP = -1;
  let starI = 0;
  for (let item = items[i]; item !== undefined; item = items[i]) {
    const current = pattern[p];
    if (current !== undefined && !isStar(current) && matches(current, item)) {
      p++;
      i++;
    } else if (current !== undefined && isStar(current)) {
      starP = p++;
      starI = i;
    } else if (starP >= 0) {
      p = starP + 1;
      i = ++starI;
    } else return false;
  }
  return pattern.slice(p).every(isStar);
}

function segmentMatches(tokens: Token[], name: string): boolean {
  // A leading "*" or "?" does not match a leading dot only in shells; gitignore and VS Code match dot files, as here.
  return wildcardMatch(tokens, Array.from(name), (t) => t === star, tokenMatches);
}

/** Whether a relative path (split into segments) matches glob segments. */
export function segmentsMatch(glob: readonly GlobSegment[], path: readonly string[]): boolean {
  return wildcardMatch(glob, path, (s) => s === '**', (s, name) => s !== '**' && segmentMatches(s, name));
}

/** Brace groups nested deeper than this are kept as written: no one writes them, and a hostile glob cannot recurse. */
const maxBraceDepth = 8;

/**
 * `{a,b}` alternatives expanded (nested too, up to 8 deep), at most 64, in order; the rest of a longer expansion is
 * dropped, and an unclosed "{" is kept as written with what follows it. Groups in a row are combined one after
 * another, not by recursion, so thousands of them neither overflow the stack nor take quadratic time.
 */
export function expandBraces(glob: string, depth = 0): string[] {
  let expanded = [''];
  let literalStart = 0;
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === '{' && depth < maxBraceDepth) {
      const group = braceGroup(glob, i);
      if (group === undefined) break;
      const prefix = glob.slice(literalStart, i);
      const alternatives: string[] = [];
      for (let k = 0; k + 1 < group.length && alternatives.length < maxAlternatives; k++) {
        alternatives.push(...expandBraces(glob.slice((group[k] ?? i) + 1, group[k + 1]), depth + 1));
      }
      const combined: string[] = [];
      for (const head of expanded) {
        for (const alternative of alternatives) if (combined.length < maxAlternatives) combined.push(head + prefix + alternative);
      }
      expanded = combined;
      i = group.at(-1) ?? i;
      literalStart = i + 1;
    }
  }
  const rest = glob.slice(literalStart);
  return expanded.map((head) => head + rest);
}

/** The "{" at `open`, its top-level commas and its "}", in order; undefined when it is never closed. */
function braceGroup(glob: string, open: number): number[] | undefined {
  let depth = 0;
  const bounds = [open];
  for (let i = open; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === ',' && depth === 1) bounds.push(i);
    else if (c === '}' && --depth === 0) return [...bounds, i];
  }
  return undefined;
}

export function compileGlobSegments(glob: string): GlobSegment[] {
  return glob
    .split('/')
    .filter((part) => part !== '')
    .map((part) => (part === '**' ? '**' : tokenize(part)));
}

/** A matcher of the whole relative path ("a/b/c.py") against a glob with `{a,b}` alternatives. */
export function compilePathGlob(glob: string): (relPath: string) => boolean {
  const alternatives = expandBraces(glob).map(compileGlobSegments);
  return (relPath) => {
    const parts = relPath.split('/');
    return alternatives.some((segments) => segmentsMatch(segments, parts));
  };
}

/**
 * A matcher for rule data: a glob without "/" matches the file name at any depth, one with "/" the whole path.
 * Plain names, "*.ext" and "name.*" get string tests: the scanner asks every rule's globs about every file.
 */
export function compileGlob(glob: string): (relPath: string) => boolean {
  if (!glob.includes('/')) {
    const special = /[*?[\\{]/;
    const nameOf = (relPath: string) => relPath.slice(relPath.lastIndexOf('/') + 1);
    if (!special.test(glob)) return (relPath) => nameOf(relPath) === glob;
    const rest = glob.slice(1);
    if (glob.startsWith('*') && !special.test(rest)) return (relPath) => relPath.endsWith(rest);
    const head = glob.slice(0, -1);
    if (glob.endsWith('*') && !special.test(head)) return (relPath) => nameOf(relPath).startsWith(head);
  }
  return compilePathGlob(glob.includes('/') ? glob : `**/${glob}`);
}

/**
 * A condition every file name the glob matches meets: the exact name, an extension (".yaml", as written: globs are
 * case-sensitive) or else a start ("Dockerfile." for "Dockerfile.*"); undefined when the glob's last segment allows
 * none ("*", "**", braces, a leading class).
 */
export function globNameCondition(glob: string): { name: string } | { extension: string } | { prefix: string } | undefined {
  if (glob.includes('{')) return undefined;
  const last = glob.slice(glob.lastIndexOf('/') + 1);
  const special = /[*?[\\]/g;
  let tailStart = 0;
  for (let match = special.exec(last); match; match = special.exec(last)) tailStart = match.index + 1;
  if (tailStart === 0) return last === '' ? undefined : { name: last };
  const tail = last.slice(tailStart);
  if (tail.length > 1 && tail.lastIndexOf('.') === 0) return { extension: tail };
  const head = last.slice(0, last.search(/[*?[\\]/));
  return head === '' ? undefined : { prefix: head };
}
