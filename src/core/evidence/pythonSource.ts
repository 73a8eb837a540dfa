/**
 * Python source, read the way the interpreter would for our purposes, in one linear pass:
 * - `maskPython(text)`: the same text with every comment and the contents of every string literal (single, double,
 *   triple-quoted, any prefix) replaced by spaces; newlines and quotes are kept, so offsets and line numbers hold
 *   and a pattern matched on the mask never matches inside a string or comment;
 * - `findImports(masked)`: the modules of `import a.b, c as d` and `from a.b import (…)` statements that start a line
 *   (or follow a ";"), with their 1-based line, 0-based column and length; relative imports are the user's own
 *   modules and are left out. `findImports(text, maskedRanges(text))` finds the same, masking only the lines it reads.
 */

const enum Quote {
  Single = 1,
  Triple = 3,
}

/**
 * Where `maskPython` blanks: the [from, to) ranges of comments and string contents, as flat pairs in order. Never
 * throws; O(text length).
 */
export function maskedRanges(text: string): number[] {
  const ranges: number[] = [];
  let i = 0;
  const n = text.length;
  // The next "#", '"' and "'" from `i`, each searched for again (natively) only once `i` has passed it; -1: none left.
  let hash = -2;
  let double = -2;
  let single = -2;
  while (i < n) {
    if (hash !== -1 && hash < i) hash = text.indexOf('#', i);
    if (double !== -1 && double < i) double = text.indexOf('"', i);
    if (single !== -1 && single < i) single = text.indexOf("'", i);
    const next = Math.min(hash < 0 ? n : hash, double < 0 ? n : double, single < 0 ? n : single);
    if (next === n) break;
    i = next;
    const c = text.charCodeAt(i);
    if (c === 0x23 /* # */) {
      let end = text.indexOf('\n', i);
      if (end < 0) end = n;
      ranges.push(i, end);
      i = end;
    } else if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      const triple = c === 0x22 ? '"""' : "'''";
      const kind = text.startsWith(triple, i) ? Quote.Triple : Quote.Single;
      const contentStart = i + kind;
      let j = contentStart;
      let closed = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 0x5c /* \ */) {
          j += 2;
        } else if (kind === Quote.Single && d === 0x0a) {
          break; // an unterminated string ends at the line's end
        } else if (d === c && (kind === Quote.Single || text.startsWith(triple, j))) {
          closed = true;
          break;
        } else j++;
      }
      const contentEnd = Math.min(j, n);
      if (contentEnd > contentStart) ranges.push(contentStart, contentEnd);
      i = closed ? contentEnd + kind : contentEnd;
    }
  }
  return ranges;
}

/** Masks comments and string contents with spaces (see the module comment). Never throws; O(text length). */
export function maskPython(text: string): string {
  return maskSlice(text, maskedRanges(text), 0, text.length);
}

/**
 * `text` from `from` to `to` with `ranges` (from `maskedRanges`) blanked: what `maskPython(text).slice(from, to)`
 * gives, at the cost of the ranges it meets (found by bisection), so a line is masked without masking the file.
 */
export function maskSlice(text: string, ranges: readonly number[], from: number, to: number): string {
  const low = firstRangeEndingAfter(ranges, from);
  if (low >= ranges.length >> 1 || (ranges[2 * low] ?? to) >= to) return text.slice(from, to);
  const out: string[] = [];
  let codeStart = from;
  for (let k = low; k < ranges.length >> 1; k++) {
    const start = Math.max(ranges[2 * k] ?? to, from);
    if (start >= to) break;
    const end = Math.min(ranges[2 * k + 1] ?? to, to);
    const masked = text.slice(start, end);
    out.push(text.slice(codeStart, start), masked.includes('\n') ? masked.replace(/[^\n]/g, ' ') : ' '.repeat(end - start));
    codeStart = end;
  }
  out.push(text.slice(codeStart, to));
  return out.join('');
}

/** The index of the first range of `ranges` (from `maskedRanges`) ending after `offset`, by bisection; the count of ranges if none does. */
function firstRangeEndingAfter(ranges: readonly number[], offset: number): number {
  let low = 0;
  let high = ranges.length >> 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((ranges[2 * middle + 1] ?? 0) > offset) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Where the range of `ranges` holding `offset` ends; -1 when the offset is not masked. */
function maskedUntil(ranges: readonly number[], offset: number): number {
  const k = firstRangeEndingAfter(ranges, offset);
  return k < ranges.length >> 1 && (ranges[2 * k] ?? offset + 1) <= offset ? (ranges[2 * k + 1] ?? -1) : -1;
}

export interface PythonImport {
  module: string;
  /** 1-based line of the module name. */
  line: number;
  /** 0-based column of the module name on its line, and its length: the range a proof selects. */
  column: number;
  length: number;
}

const dottedName = /^[a-z_]\w*(?:\.[a-z_]\w*)*$/i;
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\f';

/**
 * The import statements of Python source (see the module comment): of `text` masked by `ranges` (from
 * `maskedRanges`), or of text masked already when there are none. Only the lines holding "import" are masked and
 * read. Never throws; O(text length).
 */
export function findImports(text: string, ranges: readonly number[] = []): PythonImport[] {
  const found: PythonImport[] = [];
  let line = 1;
  let counted = 0;
  // Only lines containing "import" can hold an import statement: jump from one to the next. Masking only blanks
  // characters, so each "import" of the masked text is one of the text's.
  for (let hit = text.indexOf('import'); hit >= 0; ) {
    // An "import" in a string or comment starts no statement: the search goes on after it (its line is still read if
    // another "import" on it is code), so a docstring's lines are neither masked nor parsed.
    const until = maskedUntil(ranges, hit);
    if (until >= 0) {
      hit = text.indexOf('import', until);
      continue;
    }
    const lineStart = text.lastIndexOf('\n', hit) + 1;
    let lineEnd = text.indexOf('\n', hit);
    if (lineEnd < 0) lineEnd = text.length;
    for (let k = text.indexOf('\n', counted); k >= 0 && k < lineStart; k = text.indexOf('\n', k + 1)) line++;
    counted = lineStart;
    // The masked line alone, or the text when it is masked already: offsets below are into `masked`.
    const lineOnly = ranges.length > 0;
    const masked = lineOnly ? maskSlice(text, ranges, lineStart, lineEnd) : text;
    const offset = lineOnly ? 0 : lineStart;
    const end = offset + lineEnd - lineStart;
    // Statements separated by ";" (strings are masked, so every ";" left is a separator).
    for (let start = offset; start <= end; ) {
      const statementEnd = indexWithin(masked, 0x3b /* ; */, start, end);
      statementImports({ text: masked, start: offset, number: line }, start, statementEnd, found);
      start = statementEnd + 1;
    }
    hit = text.indexOf('import', lineEnd);
  }
  return found;
}

/**
 * The first index of the character `code` in `text` from `from` to `to`, or `to`. Bounded, unlike `indexOf`: on a
 * whole masked file, an `indexOf` per statement or item would read on to the file's end each time (quadratic).
 */
function indexWithin(text: string, code: number, from: number, to: number): number {
  let i = from;
  while (i < to && text.charCodeAt(i) !== code) i++;
  return i;
}

/** A line of the masked text: where it starts and its 1-based number; offsets below are into the whole text. */
interface Line {
  text: string;
  start: number;
  number: number;
}

function statementImports(line: Line, from: number, to: number, found: PythonImport[]): void {
  const text = line.text;
  let i = from;
  while (i < to && isSpace(text[i])) i++;
  if (text.startsWith('import', i) && isSpace(text[i + 6])) {
    // `import a.b as c, d`: every comma-separated item names a module (a trailing "\" continues on the next line,
    // which we leave out: it is rare and its modules are usually imported again elsewhere).
    let itemStart = i + 7;
    while (itemStart < to) {
      const itemEnd = indexWithin(text, 0x2c /* , */, itemStart, to);
      pushModule(line, itemStart, itemEnd, found);
      itemStart = itemEnd + 1;
    }
  } else if (text.startsWith('from', i) && isSpace(text[i + 4])) {
    let nameStart = i + 5;
    while (nameStart < to && isSpace(text[nameStart])) nameStart++;
    let nameEnd = nameStart;
    while (nameEnd < to && !isSpace(text[nameEnd])) nameEnd++;
    let after = nameEnd;
    while (after < to && isSpace(text[after])) after++;
    if (text.startsWith('import', after) && (after + 6 === to || isSpace(text[after + 6]) || text[after + 6] === '(' || text[after + 6] === '*')) {
      pushModule(line, nameStart, nameEnd, found);
    }
  }
}

/** Adds the module of one import item ("a.b", "a.b as c"); anything else, relative imports included, is skipped. */
function pushModule(line: Line, from: number, to: number, found: PythonImport[]): void {
  const text = line.text;
  let start = from;
  while (start < to && isSpace(text[start])) start++;
  let end = start;
  while (end < to && !isSpace(text[end]) && text[end] !== '\\') end++;
  const module = text.slice(start, end);
  if (dottedName.test(module)) found.push({ module, line: line.number, column: start - line.start, length: end - start });
}
