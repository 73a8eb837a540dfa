import { isAlias, isCollection, isNode, isPair, parseDocument, visit, type Document } from 'yaml';
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
  const at = positions(text);
  if (text.length > customRoadmapLimits.maxChars) {
    const kib = (n: number): string => `${Math.round(n / 1024)} KiB`;
    return { diagnostics: [at.diagnostic('limit', `the file is ${kib(text.length)}; a roadmap file may be at most ${kib(customRoadmapLimits.maxChars)}`, 0, 0)] };
  }
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const syntax = [
    ...doc.errors.map((e) => at.diagnostic('syntax', `invalid YAML: ${firstLine(e.message)}`, e.pos[0], e.pos[1])),
    ...doc.warnings.map((e) => ({ ...at.diagnostic('syntax', firstLine(e.message), e.pos[0], e.pos[1]), severity: 'warning' as const })),
  ];
  if (doc.errors.length > 0) return { diagnostics: syntax };
  const shape = shapeLimits(doc, at);
  if (shape.length > 0) return { diagnostics: [...syntax, ...shape] };

  const source: Source = { doc, text, at };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: customRoadmapLimits.maxAliases });
  } catch (error) {
    // yaml refuses aliases that expand to too much (a "billion laughs" file).
    return { diagnostics: [...syntax, at.diagnostic('limit', `the file cannot be read: ${error instanceof Error ? firstLine(error.message) : String(error)}`, 0, 0)] };
  }
  const parsed = customRoadmapFileSchema.safeParse(data);
  if (!parsed.success) return { diagnostics: [...syntax, ...parsed.error.issues.flatMap((issue) => issueDiagnostics(issue, filePath(issue.path), source))] };
  const title = parsed.data.title;
  const merged = mergeRoadmap(builtin, parsed.data);
  const problems = merged.problems.map((p) => {
    const [start, end] = nodeRange(doc, text, p.path);
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
function nodeRange(doc: Document, text: string, path: FilePath): [number, number] {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (!isNode(node) || !node.range) continue;
    const [start, end] = node.range;
    const lineEnd = text.indexOf('\n', start);
    return [start, lineEnd >= 0 && lineEnd < end ? lineEnd : end];
  }
  return [0, 0];
}

/** The range of key `key` of the map at `path` (an unknown key is underlined where it is written). */
function keyRange(doc: Document, text: string, path: FilePath, key: string): [number, number] {
  const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (isCollection(map)) {
    for (const item of map.items) {
      if (isPair(item) && isNode(item.key) && !isAlias(item.key) && String(item.key.toJSON()) === key && item.key.range) return [item.key.range[0], item.key.range[1]];
    }
  }
  return nodeRange(doc, text, path);
}

type Issue = z.core.$ZodIssue;

function filePath(path: readonly PropertyKey[]): FilePath {
  return path.filter((key): key is string | number => typeof key !== 'symbol');
}

/** The parsed file and how to place diagnostics in it. */
interface Source {
  readonly doc: Document;
  readonly text: string;
  readonly at: Positions;
}

function issueDiagnostics(issue: Issue, path: FilePath, { doc, text, at }: Source, candidates?: (kind: ReferenceKind) => readonly string[]): RoadmapDiagnostic[] {
  const where = (p: FilePath): [number, number] => nodeRange(doc, text, p);
  const shown = path.length > 0 ? ` (at ${path.join('.')})` : '';
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => at.diagnostic('unknown-key', `unknown key "${key}"${shown}`, ...keyRange(doc, text, path, key)));
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
  const [start, end] = nodeRange(source.doc, source.text, place?.path ?? ['extends']);
  const message = `${place ? '' : 'the built-in roadmap as extended is invalid: '}${issue.message} (in ${describeMergedPath(roadmap, issue.path)})`;
  return [source.at.diagnostic(issue.code === 'too_big' ? 'limit' : 'invalid', message, start, end)];
}
