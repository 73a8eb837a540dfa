/**
 * A forgiving TOML reader for manifests (pyproject.toml, Cargo.toml): tables, dotted keys, strings of all four
 * kinds, arrays, inline tables; other scalars are kept as raw text. Every value carries its 1-based line so a
 * dependency can be shown at `file:line`. Malformed input never throws: the reader skips to the next line.
 * `readToml(text)` returns the root table.
 */

export type TomlValue =
  | { kind: 'string'; value: string; line: number }
  | { kind: 'array'; items: TomlValue[]; line: number }
  | { kind: 'table'; entries: Map<string, TomlValue>; line: number }
  | { kind: 'scalar'; raw: string; line: number };
export type TomlTable = Extract<TomlValue, { kind: 'table' }>;

const bareKeyChar = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '-';

class Reader {
  i = 0;
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) this.lineStarts.push(k + 1);
  }

  line(at = this.i): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  peek(offset = 0): string {
    return this.text[this.i + offset] ?? '';
  }

  /** Skips spaces, and with `newlines` also line breaks and comments. */
  skip(newlines: boolean): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r') this.i++;
      else if (newlines && c === '\n') this.i++;
      else if (newlines && c === '#') this.toLineEnd();
      else return;
    }
  }

  toLineEnd(): void {
    const end = this.text.indexOf('\n', this.i);
    this.i = end < 0 ? this.text.length : end;
  }

  done(): boolean {
    return this.i >= this.text.length;
  }
}

function readString(r: Reader): string | undefined {
  const quote = r.peek();
  const triple = r.text.startsWith(quote.repeat(3), r.i);
  r.i += triple ? 3 : 1;
  let value = '';
  while (!r.done()) {
    const c = r.peek();
    if (triple ? r.text.startsWith(quote.repeat(3), r.i) : c === quote) {
      r.i += triple ? 3 : 1;
      return value;
    }
    if (!triple && c === '\n') return undefined;
    if (c === '\\' && quote === '"') {
      value += r.peek(1);
      r.i += 2;
    } else {
      value += c;
      r.i++;
    }
  }
  return undefined;
}

function readKey(r: Reader): string[] | undefined {
  const parts: string[] = [];
  for (;;) {
    r.skip(false);
    const c = r.peek();
    if (c === '"' || c === "'") {
      const part = readString(r);
      if (part === undefined) return undefined;
      parts.push(part);
    } else {
      const start = r.i;
      while (bareKeyChar(r.peek())) r.i++;
      if (r.i === start) return undefined;
      parts.push(r.text.slice(start, r.i));
    }
    r.skip(false);
    if (r.peek() !== '.') return parts;
    r.i++;
  }
}

function readValue(r: Reader, depth: number): TomlValue | undefined {
  r.skip(false);
  const line = r.line();
  const c = r.peek();
  if (c === '"' || c === "'") {
    const value = readString(r);
    return value === undefined ? undefined : { kind: 'string', value, line };
  }
  if (depth > 32) return undefined;
  if (c === '[') {
    r.i++;
    const items: TomlValue[] = [];
    for (;;) {
      r.skip(true);
      if (r.peek() === ']') {
        r.i++;
        return { kind: 'array', items, line };
      }
      const item = readValue(r, depth + 1);
      if (!item) return undefined;
      items.push(item);
      r.skip(true);
      if (r.peek() === ',') r.i++;
      else if (r.peek() !== ']') return undefined;
    }
  }
  if (c === '{') {
    r.i++;
    const table: TomlTable = { kind: 'table', entries: new Map(), line };
    for (;;) {
      r.skip(false);
      if (r.peek() === '}') {
        r.i++;
        return table;
      }
      const key = readKey(r);
      if (!key || r.peek() !== '=') return undefined;
      r.i++;
      const value = readValue(r, depth + 1);
      if (!value) return undefined;
      setPath(table, key, value);
      r.skip(false);
      if (r.peek() === ',') r.i++;
      else if (r.peek() !== '}') return undefined;
    }
  }
  const start = r.i;
  while (!r.done() && !',]}#\n'.includes(r.peek())) r.i++;
  const raw = r.text.slice(start, r.i).trim();
  return raw === '' ? undefined : { kind: 'scalar', raw, line };
}

/** The table at `path` under `table`, created as needed (a non-table in the way is replaced). */
function tableAt(table: TomlTable, path: readonly string[], line: number): TomlTable {
  let current = table;
  for (const part of path) {
    let next = current.entries.get(part);
    if (next?.kind !== 'table') {
      next = { kind: 'table', entries: new Map(), line };
      current.entries.set(part, next);
    }
    current = next;
  }
  return current;
}

function setPath(table: TomlTable, key: readonly string[], value: TomlValue): void {
  tableAt(table, key.slice(0, -1), value.line).entries.set(key.at(-1) ?? '', value);
}

/** Reads a TOML document (see the module comment). Never throws; linear in the text's length. */
export function readToml(text: string): TomlTable {
  const r = new Reader(text);
  const root: TomlTable = { kind: 'table', entries: new Map(), line: 1 };
  let current = root;
  while (!r.done()) {
    r.skip(true);
    if (r.done()) break;
    const lineStart = r.i;
    if (r.peek() === '[') {
      const arrayOfTables = r.peek(1) === '[';
      r.i += arrayOfTables ? 2 : 1;
      const key = readKey(r);
      if (key && r.peek() === ']') current = tableAt(root, key, r.line());
    } else {
      const key = readKey(r);
      if (key && r.peek() === '=') {
        r.i++;
        const value = readValue(r, 0);
        if (value) setPath(current, key, value);
      }
    }
    // Whatever is left on the line (a comment, or the rest of a malformed entry) is skipped.
    if (r.i === lineStart) r.i++;
    r.toLineEnd();
  }
  return root;
}

/** The value at a dotted path, if any. */
export function tomlGet(table: TomlTable, ...path: string[]): TomlValue | undefined {
  let value: TomlValue | undefined = table;
  for (const part of path) value = value?.kind === 'table' ? value.entries.get(part) : undefined;
  return value;
}
