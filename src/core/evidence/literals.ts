/**
 * `requiredLiterals(source)`: literals of which every match of a regex holds at least one, found by reading the
 * regex's structure, so a file holding none of them is never searched. `\b(?:LoraConfig|SFTTrainer)\(` gives
 * "LoraConfig(" and "SFTTrainer("; `^\s*FROM\s+\S` gives "FROM"; undefined when some way of matching needs no
 * literal at all (`\w+\(`).
 *
 * Each part of a sequence is exact (it matches exactly one of a few strings: a character, a group of exact
 * alternatives), required (every match of it holds one of some strings: a repeated or inexact group) or neither (a
 * class, `\w`, anything optional). Adjacent exact parts join into longer strings; the sequence keeps the set whose
 * shortest literal is longest (then the smallest set). Conservative where unsure: escapes other than of punctuation
 * and `\b` count as neither.
 */

type Part = { exact: string[] } | { required: string[] } | 'zero-width' | undefined;

/** Exact sets larger than this are not built (they would be cut to required sets of their pieces). */
const maxSet = 64;

const better = (a: string[], b: string[] | undefined) => {
  if (!b) return true;
  const shortest = (set: string[]) => Math.min(...set.map((s) => s.length));
  return shortest(a) > shortest(b) || (shortest(a) === shortest(b) && a.length < b.length);
};

class RegexReader {
  private i = 0;

  constructor(private readonly source: string) {}

  /** Alternatives up to a ")" or the end, as one part. */
  alternation(): Part {
    const alternatives: Array<{ exact?: string[]; best?: string[] }> = [this.sequence()];
    while (this.source[this.i] === '|') {
      this.i++;
      alternatives.push(this.sequence());
    }
    const exact = alternatives.every((a) => a.exact) ? [...new Set(alternatives.flatMap((a) => a.exact ?? []))] : undefined;
    if (exact && exact.length <= maxSet) return { exact };
    return alternatives.every((a) => a.best) ? { required: [...new Set(alternatives.flatMap((a) => a.best ?? []))] } : undefined;
  }

  /** One alternative: `exact` when all of it is exact, and its best required set (with no empty literal). */
  private sequence(): { exact?: string[]; best?: string[] } {
    let current: string[] | undefined = [''];
    let allExact = true;
    let best: string[] | undefined;
    const consider = (set: string[] | undefined) => {
      if (set && !set.includes('') && better(set, best)) best = set;
    };
    while (this.i < this.source.length && this.source[this.i] !== '|' && this.source[this.i] !== ')') {
      const part = this.quantified(this.atom());
      if (part === 'zero-width') continue;
      if (part && 'exact' in part) {
        const joined: string[] = current ? current.flatMap((head) => part.exact.map((tail) => head + tail)) : [];
        if (current && joined.length <= maxSet) current = joined;
        else {
          consider(current);
          allExact = false;
          current = part.exact;
        }
        continue;
      }
      allExact = false;
      consider(current);
      current = undefined;
      if (part) consider(part.required);
    }
    consider(current);
    return allExact && current ? { exact: current, ...(best ? { best } : {}) } : best ? { best } : {};
  }

  private atom(): Part {
    const c = this.source[this.i++] ?? '';
    if (c === '^' || c === '$') return 'zero-width';
    if (c === '.') return undefined;
    if (c === '[') {
      for (; this.i < this.source.length && this.source[this.i] !== ']'; this.i++) if (this.source[this.i] === '\\') this.i++;
      this.i++;
      return undefined;
    }
    if (c === '(') {
      const lookaround = /^\?<?[=!]/.test(this.source.slice(this.i, this.i + 3));
      if (this.source.startsWith('?:', this.i)) this.i += 2;
      else if (this.source.startsWith('?<', this.i) && !lookaround) this.i = this.source.indexOf('>', this.i) + 1;
      else if (lookaround) this.i += this.source[this.i + 1] === '<' ? 3 : 2;
      const inner = this.alternation();
      this.i++; // ")"
      return lookaround ? 'zero-width' : inner;
    }
    if (c === '\\') {
      const escaped = this.source[this.i++] ?? '';
      if (escaped === 'b' || escaped === 'B') return 'zero-width';
      // Skip the rest of \u{…}, \uXXXX, \xXX, \cX, \p{…}, \k<…> and backreferences, so it is not read as literals.
      const next = this.source[this.i] ?? '';
      if (/[pPuk]/.test(escaped) && '{<'.includes(next) && next !== '') this.i = this.source.indexOf(next === '{' ? '}' : '>', this.i) + 1;
      else if (escaped === 'u') this.i += 4;
      else if (escaped === 'x') this.i += 2;
      else if (escaped === 'c') this.i += 1;
      else while (/\d/.test(escaped) && /\d/.test(this.source[this.i] ?? '')) this.i++;
      return /[^\w\s]/.test(escaped) ? { exact: [escaped] } : undefined;
    }
    return { exact: [c] };
  }

  /** Applies a quantifier after a part: optional ones require nothing; repeated ones require the part, not exactly. */
  private quantified(part: Part): Part {
    const rest = this.source.slice(this.i);
    const quantifier = /^(?:[?*+]|\{(\d+)(?:,\d*)?\})/.exec(rest);
    if (!quantifier) return part;
    this.i += quantifier[0].length;
    if (this.source[this.i] === '?') this.i++; // lazy
    const min = quantifier[0] === '+' ? 1 : quantifier[1] === undefined ? 0 : Number(quantifier[1]);
    if (min === 0 || part === undefined || part === 'zero-width') return min === 0 ? undefined : part;
    return { required: 'exact' in part ? part.exact : part.required };
  }
}

export function requiredLiterals(source: string): string[] | undefined {
  const part = new RegexReader(source).alternation();
  const set = part && part !== 'zero-width' ? ('exact' in part ? part.exact : part.required) : undefined;
  return set && !set.includes('') ? set : undefined;
}

/** A literal with the hashes of its pairs of adjacent characters (see `TextPairs`). */
export interface Literal {
  text: string;
  pairs: readonly number[];
}

/** How many values a pair hash takes. */
const pairHashes = 4096;
const pairHash = (first: number, second: number) => (Math.imul(first, 31) + second) & (pairHashes - 1);

export function literalOf(text: string): Literal {
  const pairs = new Set<number>();
  for (let i = 1; i < text.length; i++) pairs.add(pairHash(text.charCodeAt(i - 1), text.charCodeAt(i)));
  return { text, pairs: [...pairs] };
}

/**
 * The pairs of several literals in one flat array, for `TextPairs.mayHoldOne`: per literal, its number of pairs, then
 * its pairs.
 */
export function pairTable(literals: readonly Literal[]): Uint16Array {
  return Uint16Array.from(literals.flatMap((literal) => [literal.pairs.length, ...literal.pairs]));
}

/** One byte per pair hash, reused for every text: texts are looked at one at a time, and this spares an allocation per file. */
const scratch = new Uint8Array(pairHashes);
/** Which `TextPairs` the bytes are of: each takes the next number. */
let scratchGeneration = 0;

/**
 * The pairs of adjacent characters a text holds, by hash: a literal with a pair the text lacks is not in it, which
 * rules most literals out without searching the text for each (one pass over the text instead of one search per
 * literal). Only the newest `TextPairs` may be asked.
 */
export class TextPairs {
  private readonly generation = ++scratchGeneration;

  constructor(private readonly text: string) {
    scratch.fill(0);
    let previous = text.charCodeAt(0);
    for (let i = 1; i < text.length; i++) {
      const current = text.charCodeAt(i);
      scratch[pairHash(previous, current)] = 1;
      previous = current;
    }
  }

  /** Where the literal first is in the text; -1 when it is not. */
  indexOf(literal: Literal): number {
    this.checkCurrent();
    for (const hash of literal.pairs) if (scratch[hash] === 0) return -1;
    return this.text.indexOf(literal.text);
  }

  /**
   * Whether the text may hold one of the literals of a `pairTable`: false when each lacks a pair of the text. Most
   * texts hold none of a pattern's literals, and one loop over a flat array rules them all out for a fraction of the
   * cost of asking for each literal.
   */
  mayHoldOne(table: Uint16Array): boolean {
    this.checkCurrent();
    for (let i = 0; i < table.length; ) {
      const end = i + 1 + (table[i] ?? 0);
      let j = i + 1;
      while (j < end && scratch[table[j] ?? 0] === 1) j++;
      if (j === end) return true;
      i = end;
    }
    return false;
  }

  private checkCurrent(): void {
    if (scratchGeneration !== this.generation) throw new Error('TextPairs: a newer text has taken the pair bytes');
  }
}
