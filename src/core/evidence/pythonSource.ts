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
    out.push(text.slice(codeStart, from), text.slice(from, to).replace(/[^\n]/g, ' '));
    codeStart = to;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x23 /* # */) {
      let end = text.indexOf('\n', i);
      if (end < 0) end = n;
      mask(i, end);
      i = end;
    } else if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      const quote = c === 0x22 ? '"' : "'";
      const kind = text.startsWith(quote.repeat(3), i) ? Quote.Triple : Quote.Single;
      const contentStart = i + kind;
      let j = contentStart;
      let closed = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 0x5c /* \ */) {
          j += 2;
        } else if (kind === Quote.Single && d === 0x0a) {
          break; // an unterminated string ends at the line's end
        } else if (text[j] === quote && (kind === Quote.Single || text.startsWith(quote.repeat(3), j))) {
          closed = true;
          break;
        } else j++;
      }
      const contentEnd = Math.min(j, n);
      mask(contentStart, contentEnd);
      i = closed ? contentEnd + kind : contentEnd;
    } else i++;
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
  const lines = masked.split('\n');
  for (const [index, line] of lines.entries()) {
    let start = 0;
    // Statements separated by ";" (strings are masked, so every ";" left is a separator).
    while (start <= line.length) {
      let end = line.indexOf(';', start);
      if (end < 0) end = line.length;
      statementImports(line, start, end, index + 1, found);
      start = end + 1;
    }
  }
  return found;
}

function statementImports(line: string, from: number, to: number, lineNumber: number, found: PythonImport[]): void {
  let i = from;
  while (i < to && isSpace(line[i])) i++;
  if (line.startsWith('import', i) && isSpace(line[i + 6])) {
    // `import a.b as c, d`: every comma-separated item names a module (a trailing "\" continues on the next line,
    // which we leave out: it is rare and its modules are usually imported again elsewhere).
    let itemStart = i + 7;
    while (itemStart < to) {
      let itemEnd = line.indexOf(',', itemStart);
      if (itemEnd < 0 || itemEnd > to) itemEnd = to;
      pushModule(line, itemStart, itemEnd, lineNumber, found);
      itemStart = itemEnd + 1;
    }
  } else if (line.startsWith('from', i) && isSpace(line[i + 4])) {
    let nameStart = i + 5;
    while (nameStart < to && isSpace(line[nameStart])) nameStart++;
    let nameEnd = nameStart;
    while (nameEnd < to && !isSpace(line[nameEnd])) nameEnd++;
    let after = nameEnd;
    while (after < to && isSpace(line[after])) after++;
    if (line.startsWith('import', after) && (after + 6 === to || isSpace(line[after + 6]) || line[after + 6] === '(' || line[after + 6] === '*')) {
      pushModule(line, nameStart, nameEnd, lineNumber, found);
    }
  }
}

/** Adds the module of one import item ("a.b", "a.b as c"); anything else, relative imports included, is skipped. */
function pushModule(line: string, from: number, to: number, lineNumber: number, found: PythonImport[]): void {
  let start = from;
  while (start < to && isSpace(line[start])) start++;
  let end = start;
  while (end < to && !isSpace(line[end]) && line[end] !== '\\') end++;
  const module = line.slice(start, end);
  if (dottedName.test(module)) found.push({ module, line: lineNumber, column: start, length: end - start });
}
