/**
 * Python source, read the way the interpreter would for our purposes, in one linear pass:
 * - `maskPython(text)`: the same text with every comment and the contents of every string literal (single, double,
 *   triple-quoted, any prefix) replaced by spaces; newlines and quotes are kept, so offsets and line numbers hold
 *   and a pattern matched on the mask never matches inside a string or comment;
 * - `findImports(masked)`: the modules of `import a.b, c as d` and `from a.b import (…)` statements that start a line
 *   (or follow a ";"), with their 1-based line, 0-based column and length; relative imports are the user's own
 *   modules and are left out.
 */

const enum Quote {
  Single = 1,
  Triple = 3,
}

/** Masks comments and string contents with spaces (see the module comment). Never throws; O(text length). */
export function maskPython(text: string): string {
  const out: string[] = [];
  let codeStart = 0;
  let i = 0;
  const n = text.length;
  const mask = (from: number, to: number) => {
    const masked = text.slice(from, to);
    out.push(text.slice(codeStart, from), masked.includes('\n') ? masked.replace(/[^\n]/g, ' ') : ' '.repeat(to - from));
    codeStart = to;
  };
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
      mask(i, end);
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
      mask(contentStart, contentEnd);
      i = closed ? contentEnd + kind : contentEnd;
    }
  }
  out.push(text.slice(codeStart));
  return out.join('');
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

/** The import statements of masked Python source (see the module comment). Never throws; O(text length). */
export function findImports(masked: string): PythonImport[] {
  const found: PythonImport[] = [];
  let line = 1;
  let counted = 0;
  // Only lines containing "import" can hold an import statement: jump from one to the next.
  for (let hit = masked.indexOf('import'); hit >= 0; ) {
    const lineStart = masked.lastIndexOf('\n', hit) + 1;
    let lineEnd = masked.indexOf('\n', hit);
    if (lineEnd < 0) lineEnd = masked.length;
    for (let k = masked.indexOf('\n', counted); k >= 0 && k < lineStart; k = masked.indexOf('\n', k + 1)) line++;
    counted = lineStart;
    // Statements separated by ";" (strings are masked, so every ";" left is a separator).
    for (let start = lineStart; start <= lineEnd; ) {
      let end = masked.indexOf(';', start);
      if (end < 0 || end > lineEnd) end = lineEnd;
      statementImports({ text: masked, start: lineStart, number: line }, start, end, found);
      start = end + 1;
    }
    hit = masked.indexOf('import', lineEnd);
  }
  return found;
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
      let itemEnd = text.indexOf(',', itemStart);
      if (itemEnd < 0 || itemEnd > to) itemEnd = to;
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
