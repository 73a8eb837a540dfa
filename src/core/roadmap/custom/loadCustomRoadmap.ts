import { Composer, isAlias, isCollection, isNode, isPair, Lexer, Parser, visit, YAMLParseError, type CST, type Document } from 'yaml';
import type { z } from 'zod';
import { roadmapSchema, type ReferenceKind, type Roadmap, type UnknownReference } from '../schema';
import { customRoadmapFileSchema } from './customSchema';
import { customRoadmapLimits } from './limits';
import { describeMergedPath, filePathOf, mergeRoadmap, type FilePath, type MergedRoadmap } from './merge';
import { closestId } from './closestId';

/** A place in the file: 0-based line and UTF-16 character, as editors count them. */
export interface TextPosition {
  readonly line: number;
  readonly character: number;
}

export type RoadmapDiagnosticCode = 'syntax' | 'unknown-key' | 'duplicate-id' | 'unknown-id' | 'https' | 'cycle' | 'limit' | 'invalid';

export interface RoadmapDiagnostic {
  readonly code: RoadmapDiagnosticCode;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  readonly start: TextPosition;
  readonly end: TextPosition;
  /** For an unknown id: a close id that exists, which a quick fix puts in its place. */
  readonly replacement?: string;
}

export interface CustomRoadmapResult {
  /** The resolved roadmap, when the file has no errors. */
  readonly roadmap?: Roadmap;
  /** The file's `title`, when it has one. */
  readonly title?: string;
  readonly diagnostics: readonly RoadmapDiagnostic[];
}

/**
 * Reads a roadmap file's text and resolves it against the built-in roadmap. Never throws: anything wrong comes
 * back as diagnostics with the exact range it concerns, and no roadmap.
 */
export function loadCustomRoadmap(text: string, builtin: Roadmap): CustomRoadmapResult {
  const result = load(text, builtin, positions(text));
  return result.diagnostics.length > maxDiagnostics ? { ...result, diagnostics: listed(result.diagnostics) } : result;
}

/**
 * Diagnostics listed for one file. A file of garbage can have one per few characters (250,000 in a file under the size
 * limit), which would flood the Problems panel; past the first ones, they mostly follow from them.
 */
export const maxDiagnostics = 200;

/**
 * The first of `total` diagnostics (`diagnostics` holds the first of them at least), the last place saying how many more
 * there are, at the first of those.
 */
function listed(diagnostics: readonly RoadmapDiagnostic[], total = diagnostics.length): RoadmapDiagnostic[] {
  const shown = diagnostics.slice(0, maxDiagnostics - 1);
  const next = diagnostics[shown.length] as RoadmapDiagnostic;
  const more = (total - shown.length).toLocaleString('en');
  const message = `${more} more problems are not listed; fix the ones above first, as later ones often follow from them`;
  return [...shown, { code: next.code, severity: next.severity, start: next.start, end: next.end, message }];
}

function load(text: string, builtin: Roadmap, at: Positions): CustomRoadmapResult {
  if (text.length > customRoadmapLimits.maxChars) {
    const kib = (n: number): string => `${Math.round(n / 1024)} KiB`;
    return { diagnostics: [at.diagnostic('limit', `the file is ${kib(text.length)}; a roadmap file may be at most ${kib(customRoadmapLimits.maxChars)}`, 0, 0)] };
  }
  // Parsed to a syntax tree first, which is checked before anything recurses through it.
  const tree = syntaxTree(text);
  if ('tooDeep' in tree) return { diagnostics: [tooDeep(at, tree.tooDeep)] };
  const uncomposable = composeLimits(tree.tokens, at);
  if (uncomposable) return { diagnostics: [uncomposable] };
  const doc = composeDocument(tree.tokens, text.length);
  // Only those that can be listed are placed in the text (which took 0.3 s for 250,000).
  const syntax = [
    ...doc.errors.slice(0, maxDiagnostics).map((e) => at.diagnostic('syntax', `invalid YAML: ${firstLine(e.message)}`, e.pos[0], e.pos[1])),
    ...doc.warnings.slice(0, maxDiagnostics).map((e) => ({ ...at.diagnostic('syntax', firstLine(e.message), e.pos[0], e.pos[1]), severity: 'warning' as const })),
  ];
  const syntaxCount = doc.errors.length + doc.warnings.length;
  if (doc.errors.length > 0) return { diagnostics: syntaxCount > maxDiagnostics ? listed(syntax, syntaxCount) : syntax };
  const shape = shapeLimits(doc, at);
  if (shape.length > 0) return { diagnostics: [...syntax, ...shape] };

  const source: Source = { doc, at };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: customRoadmapLimits.maxAliases });
  } catch (error) {
    // yaml refuses aliases that expand to too much (a "billion laughs" file).
    return { diagnostics: [...syntax, at.diagnostic('limit', `the file cannot be read: ${error instanceof Error ? firstLine(error.message) : String(error)}`, 0, 0)] };
  }
  let parsed: ReturnType<typeof customRoadmapFileSchema.safeParse>;
  try {
    parsed = customRoadmapFileSchema.safeParse(data);
  } catch (error) {
    // zod gathers a list's issues with push(...issues), which overflows the stack past some 120,000 of them.
    if (!(error instanceof RangeError)) throw error;
    return { diagnostics: [...syntax, at.diagnostic('limit', 'the file has too many problems to list; look for a very long list of wrong items', 0, 0)] };
  }
  if (!parsed.success) return { diagnostics: [...syntax, ...parsed.error.issues.flatMap((issue) => issueDiagnostics(issue, filePath(issue.path), source))] };
  const title = parsed.data.title;
  const merged = mergeRoadmap(builtin, parsed.data);
  const problems = merged.problems.map((p) => {
    const [start, end] = nodeRange(doc, at, p.path);
    const replacement = p.candidates ? closestId(String(doc.getIn(p.path) ?? ''), p.candidates) : undefined;
    const code = p.kind === 'unknown-id' ? 'unknown-id' : p.kind === 'limit' ? 'limit' : 'invalid';
    return { ...at.diagnostic(code, withSuggestion(p.message, replacement), start, end), ...(replacement ? { replacement } : {}) };
  });
  const whole = roadmapSchema.safeParse(merged.roadmap);
  const mergedIssues = whole.success ? [] : whole.error.issues.flatMap((issue) => mergedIssueDiagnostics(issue, merged, source));
  const diagnostics = [...syntax, ...problems, ...mergedIssues];
  if (diagnostics.some((d) => d.severity === 'error') || !whole.success) return { ...(title ? { title } : {}), diagnostics };
  return { roadmap: whole.data, ...(title ? { title } : {}), diagnostics };
}

type Positions = ReturnType<typeof positions>;

/**
 * Offsets to positions, counted from the text itself: `yaml`'s LineCounter only knows the lines its lexer
 * reached, and an error can end past them.
 */
function positions(text: string) {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const position = (offset: number): TextPosition => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if ((lineStarts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - (lineStarts[low] ?? 0) };
  };
  return {
    /** The offset of the line break that ends `offset`'s line, -1 on the last: `indexOf('\n', offset)` without reading the line. */
    lineEnd: (offset: number): number => {
      const next = lineStarts[position(offset).line + 1];
      return next === undefined ? -1 : next - 1;
    },
    diagnostic: (code: RoadmapDiagnosticCode, message: string, start: number, end: number): RoadmapDiagnostic => ({
      code,
      message,
      severity: 'error',
      start: position(start),
      end: position(Math.max(start, end)),
    }),
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function withSuggestion(message: string, replacement: string | undefined): string {
  return replacement ? `${message}; did you mean "${replacement}"?` : message;
}

/**
 * Deeper than this, a file is refused before `yaml` composes it. Composing recurses per level and turns a stack
 * overflow into an error (past some 1,250 levels of "[" in plain Node, fewer in the extension host), but near the end of
 * the stack V8 may abort the whole process instead: a second load of 40,000 "[" did ("RegExpCompiler Allocation
 * failed"). Far above `maxDepth`, so a file within reach of it gets the usual diagnostics.
 */
const maxComposedDepth = 100;
/**
 * More keys than this in one map, and a file is refused before `yaml` composes it: its check for duplicate keys
 * compares each key with every earlier one (a map of 40,000 keys, in a file below the size limit, took 12 s). A
 * roadmap's maps have a dozen at most.
 */
const maxMapKeys = 100;

type CollectionToken = CST.BlockMap | CST.BlockSequence | CST.FlowCollection;

function isCollectionToken(token: CST.Token | null | undefined): token is CollectionToken {
  return token?.type === 'block-map' || token?.type === 'block-seq' || token?.type === 'flow-collection';
}

/**
 * The text's syntax tree, which yaml builds without recursion, one lexical token at a time; or the first collection
 * nested deeper than `maxComposedDepth`, as soon as it opens: the rest of a file of 500,000 "[" took over a second to
 * build, for nothing.
 */
function syntaxTree(text: string): { tokens: CST.Token[] } | { tooDeep: CollectionToken } {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    // The parser's stack holds the document, the collections open at this point and maybe a scalar.
    const deep = parser.stack.length > maxComposedDepth + 1 ? parser.stack.filter(isCollectionToken)[maxComposedDepth] : undefined;
    if (deep) return { tooDeep: deep };
  }
  for (const token of parser.end()) tokens.push(token);
  return { tokens };
}

function tooDeep(at: Positions, collection: CollectionToken): RoadmapDiagnostic {
  const message = `nested more than ${maxComposedDepth} levels deep; a roadmap file nests at most ${customRoadmapLimits.maxDepth}`;
  return at.diagnostic('limit', message, collection.offset, collection.offset + 1);
}

/**
 * Nesting or a map that `yaml` cannot compose safely or quickly (see `maxComposedDepth`, `maxMapKeys`), the first in
 * the text, found in its syntax tree, walked without recursion.
 */
function composeLimits(tokens: readonly CST.Token[], at: Positions): RoadmapDiagnostic | undefined {
  const pending: { token: CST.Token | null | undefined; depth: number }[] = [...tokens].reverse().map((token) => ({ token, depth: 0 }));
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { token, depth } = next;
    if (token?.type === 'document') pending.push({ token: token.value, depth });
    if (!isCollectionToken(token)) continue;
    if (depth >= maxComposedDepth) return tooDeep(at, token);
    const isMap = token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{');
    if (isMap && token.items.length > maxMapKeys) {
      return at.diagnostic('limit', `${token.items.length} keys in one map; a roadmap file's maps have at most ${maxMapKeys}`, token.offset, token.offset + 1);
    }
    for (let i = token.items.length - 1; i >= 0; i--) pending.push({ token: token.items[i]?.value, depth: depth + 1 }, { token: token.items[i]?.key, depth: depth + 1 });
  }
  return undefined;
}

/** `parseDocument(text, { prettyErrors: false, uniqueKeys: true })` from the text's syntax tree, already built. */
function composeDocument(tokens: readonly CST.Token[], length: number): Document.Parsed {
  let doc: Document.Parsed | undefined;
  // yaml makes an Error per problem, and a file of garbage has one every few characters: without their stack traces,
  // which nothing reads, 500,000 characters of "- [ ] " compose in 1.6 s instead of 4.2.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    for (const next of new Composer({ prettyErrors: false, uniqueKeys: true }).compose(tokens, true, length)) {
      if (!doc) {
        doc = next;
        continue;
      }
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  // compose(…, true) yields a document for any text, an empty one included.
  if (!doc) throw new Error('yaml composed no document');
  return doc;
}

/**
 * Nesting deeper than the limit, more aliases than it allows or an alias to nothing: refused before anything
 * expands them.
 */
function shapeLimits(doc: Document, at: Positions): RoadmapDiagnostic[] {
  const found: RoadmapDiagnostic[] = [];
  let aliases = 0;
  visit(doc, {
    Alias(_key, node) {
      if (node.resolve(doc) === undefined) {
        found.push(at.diagnostic('syntax', `invalid YAML: the alias *${node.source} names no anchor (&${node.source}) written before it`, node.range?.[0] ?? 0, node.range?.[1] ?? 0));
        return visit.BREAK;
      }
      aliases++;
      if (aliases > customRoadmapLimits.maxAliases) {
        found.push(at.diagnostic('limit', `more than ${customRoadmapLimits.maxAliases} aliases (*name); write the items out instead`, node.range?.[0] ?? 0, node.range?.[1] ?? 0));
        return visit.BREAK;
      }
      return undefined;
    },
    Collection(_key, node, path) {
      const depth = path.filter((ancestor) => isCollection(ancestor)).length + 1;
      if (depth > customRoadmapLimits.maxDepth) {
        const [start = 0] = node.range ?? [];
        found.push(at.diagnostic('limit', `nested ${depth} levels deep; a roadmap file nests at most ${customRoadmapLimits.maxDepth}`, start, start + 1));
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * The range to underline for `path`: the value there, or the first line of it when it spans several lines. A
 * path that does not exist (a missing key) points at the first line of its deepest existing parent.
 */
function nodeRange(doc: Document, at: Positions, path: FilePath): [number, number] {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (!isNode(node) || !node.range) continue;
    const [start, end] = node.range;
    // Not text.indexOf: on a file of one long line that reads to its end once per diagnostic.
    const lineEnd = at.lineEnd(start);
    return [start, lineEnd >= 0 && lineEnd < end ? lineEnd : end];
  }
  return [0, 0];
}

/**
 * The range of each key of the map at `path`, the first where one is written twice (an unknown key is underlined where
 * it is written). Found once for all of a map's unknown keys: a search per key was quadratic in a map of many.
 */
function keyRanges(doc: Document, path: FilePath): Map<string, [number, number]> {
  const ranges = new Map<string, [number, number]>();
  const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (isCollection(map)) {
    for (const item of map.items) {
      if (!isPair(item) || !isNode(item.key) || isAlias(item.key) || !item.key.range) continue;
      const key = String(item.key.toJSON());
      if (!ranges.has(key)) ranges.set(key, [item.key.range[0], item.key.range[1]]);
    }
  }
  return ranges;
}

type Issue = z.core.$ZodIssue;

function filePath(path: readonly PropertyKey[]): FilePath {
  return path.filter((key): key is string | number => typeof key !== 'symbol');
}

/** The parsed file and how to place diagnostics in it. */
interface Source {
  readonly doc: Document;
  readonly at: Positions;
}

function issueDiagnostics(issue: Issue, path: FilePath, { doc, at }: Source, candidates?: (kind: ReferenceKind) => readonly string[]): RoadmapDiagnostic[] {
  const where = (p: FilePath): [number, number] => nodeRange(doc, at, p);
  const shown = path.length > 0 ? ` (at ${path.join('.')})` : '';
  switch (issue.code) {
    case 'unrecognized_keys': {
      const written = keyRanges(doc, path);
      return issue.keys.map((key) => at.diagnostic('unknown-key', `unknown key "${key}"${shown}`, ...(written.get(key) ?? where(path))));
    }
    case 'too_big':
      return [at.diagnostic('limit', `${issue.message}${shown}`, ...where(path))];
    case 'invalid_format':
      if (issue.format === 'starts_with') return [at.diagnostic('https', `${issue.message}${shown}`, ...where(path))];
      break;
    case 'custom': {
      const params = issue.params as { unknownReference?: UnknownReference; duplicateId?: string; cycle?: string[] } | undefined;
      if (params?.duplicateId !== undefined) return [at.diagnostic('duplicate-id', issue.message, ...where(path))];
      if (params?.cycle !== undefined) return [at.diagnostic('cycle', issue.message, ...where(path))];
      const reference = params?.unknownReference;
      if (reference) {
        const replacement = candidates ? closestId(reference.id, candidates(reference.kind)) : undefined;
        return [{ ...at.diagnostic('unknown-id', withSuggestion(issue.message, replacement), ...where(path)), ...(replacement ? { replacement } : {}) }];
      }
      break;
    }
    default:
      break;
  }
  return [at.diagnostic('invalid', `${issue.message}${shown}`, ...where(path))];
}

/**
 * An issue of the merged roadmap, shown where the file caused it: at its own place when the file wrote it, at
 * the entry that changed a built-in item, or at `extends` when the file had no visible part in it.
 */
function mergedIssueDiagnostics(issue: Issue, merged: MergedRoadmap, source: Source): RoadmapDiagnostic[] {
  const place = filePathOf(merged, issue.path);
  const { roadmap } = merged;
  const ids = {
    level: () => roadmap.levels.map((l) => l.id),
    competency: () => roadmap.competencies.map((c) => c.id),
    group: () => roadmap.groups.map((g) => g.id),
    skill: () => roadmap.groups.flatMap((g) => g.skills.map((s) => s.id)),
    item: () => [],
  } satisfies Record<ReferenceKind, () => readonly string[]>;
  if (place?.exact) return issueDiagnostics(issue, place.path, source, (kind) => ids[kind]());
  const [start, end] = nodeRange(source.doc, source.at, place?.path ?? ['extends']);
  const message = `${place ? '' : 'the built-in roadmap as extended is invalid: '}${issue.message} (in ${describeMergedPath(roadmap, issue.path)})`;
  return [source.at.diagnostic(issue.code === 'too_big' ? 'limit' : 'invalid', message, start, end)];
}
