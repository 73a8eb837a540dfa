// zod/mini, like the progress state it wraps; this module loads only with the export bundle.
import * as z from 'zod/mini';
import { parseStoredState, toStored, type ProgressState, type StoredState } from '../progress/state';
import type { ExportSource, RoadmapInfo } from './exportSource';
import { remoteWithoutCredentials } from './permalink';

/**
 * The full export, a JSON file (version 1):
 *
 * ```json
 * {
 *   "format": "ml-career-export",    // always this: tells the file from any other JSON
 *   "version": 1,                    // of this envelope; a newer version is refused, never half-read
 *   "exportedAt": "2026-11-26T09:00:00.000Z",
 *   "extensionVersion": "0.1.0",     // the extension that wrote it
 *   "roadmap": { "id": "…", "name": "…" },  // the roadmap in use; progress is keyed by skill id, so any roadmap can read it
 *   "progress": { "version": 4, … }  // the stored progress exactly as the extension keeps it (src/core/progress/state.ts)
 * }
 * ```
 *
 * `progress` is the extension's own stored form, so whatever progress keeps (statuses with their dates and
 * history, accepted proof, notes with deleted ones as empty texts, the current level) travels without a second
 * schema, and import reads it with the very parser that reads storage, migrations included. The one change:
 * credentials in a proof's remote URL are left out.
 */
export const exportFormat = 'ml-career-export';
export const exportVersion = 1;
/** Far above any real export (10,000 skills with proof), low enough that reading it cannot stall the window. */
export const maxImportBytes = 32 * 1024 * 1024;

export interface FullExport {
  readonly format: typeof exportFormat;
  readonly version: typeof exportVersion;
  readonly exportedAt: string;
  readonly extensionVersion: string;
  readonly roadmap: RoadmapInfo;
  readonly progress: StoredState;
}

export function fullExport(source: ExportSource): FullExport {
  return {
    format: exportFormat,
    version: exportVersion,
    exportedAt: new Date(source.now).toISOString(),
    extensionVersion: source.extensionVersion,
    roadmap: { id: source.roadmapInfo.id, name: source.roadmapInfo.name },
    progress: withoutCredentials(toStored(source.state)),
  };
}

/** The stored state with every proof's remote URL stripped of user name and password (unchanged when none has any). */
function withoutCredentials(stored: StoredState): StoredState {
  const skills = Object.entries(stored.skills).map(([id, entry]) => {
    if (!entry.proof?.some((proof) => proof.remote !== undefined && remoteWithoutCredentials(proof.remote) !== proof.remote)) return [id, entry] as const;
    return [id, { ...entry, proof: entry.proof.map((proof) => (proof.remote === undefined ? proof : { ...proof, remote: remoteWithoutCredentials(proof.remote) })) }] as const;
  });
  // Object.fromEntries, as toStored does, keeps "__proto__" an ordinary key.
  return { ...stored, skills: Object.fromEntries(skills) };
}

export function fullExportJson(source: ExportSource): string {
  return `${JSON.stringify(fullExport(source), null, 2)}\n`;
}

/** An export as read back: the progress it carries and what it says about where it came from. */
export interface ImportedExport {
  readonly state: ProgressState;
  readonly exportedAt: string;
  readonly extensionVersion: string;
  readonly roadmap: RoadmapInfo;
}

export type ParsedExport = { readonly ok: true; readonly value: ImportedExport } | { readonly ok: false; readonly error: string };

const bounded = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const envelopeSchema = z.strictObject({
  format: z.literal(exportFormat),
  version: z.literal(exportVersion),
  exportedAt: z.iso.datetime(),
  extensionVersion: bounded(64),
  roadmap: z.strictObject({ id: bounded(200), name: bounded(200) }),
  progress: z.unknown(),
});

/**
 * Reads an export file's text. Never throws: anything wrong comes back as one sentence saying what and where
 * (a line and column for broken JSON, the field otherwise).
 */
export function parseFullExport(text: string): ParsedExport {
  if (text.length > maxImportBytes) return failure(`the file has ${text.length} characters, more than the ${maxImportBytes} an export can have`);
  // A byte order mark, which some editors write, is no part of the JSON.
  const json = text.replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return failure(`not valid JSON: ${jsonErrorWhere(json, error)}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return failure('expected a JSON object (an ML Career export), found something else');
  const record = raw as Record<string, unknown>;
  const format = Object.hasOwn(record, 'format') ? record['format'] : undefined;
  if (format !== exportFormat) return failure(`not an ML Career export: "format" is ${shown(format)}, expected "${exportFormat}"`);
  const version = Object.hasOwn(record, 'version') ? record['version'] : undefined;
  if (typeof version === 'number' && Number.isInteger(version) && version > exportVersion) {
    return failure(`written by a newer version of ML Career Companion (export version ${version}; this one reads ${exportVersion}). Update the extension to import it`);
  }
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    return failure(`${issue && issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue ? envelopeProblem(issue) : 'invalid'}`);
  }
  const progress = parseStoredState(envelope.data.progress);
  switch (progress.kind) {
    case 'ok':
      return {
        ok: true,
        value: { state: progress.state, exportedAt: envelope.data.exportedAt, extensionVersion: envelope.data.extensionVersion, roadmap: envelope.data.roadmap },
      };
    case 'empty':
      return failure('progress: missing');
    case 'newer':
      return failure(`progress was saved by a newer version of ML Career Companion (stored version ${progress.version}). Update the extension to import it`);
    case 'invalid':
      return failure(`progress.${progress.reason}`);
  }
}

/**
 * What is wrong, in words of our own: zod/mini says "Invalid input" for everything unless a locale is loaded, and the
 * export bundle loads none.
 */
function envelopeProblem(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    case 'invalid_type':
      return `expected ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`;
    case 'invalid_value':
      return `expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}`;
    case 'invalid_format':
      return issue.format === 'datetime' ? 'expected a date and time such as 2026-01-31T12:00:00.000Z' : `expected a ${issue.format}`;
    case 'too_small':
      return 'empty';
    case 'too_big':
      return `longer than ${issue.maximum} characters`;
    default:
      return 'invalid';
  }
}

function failure(error: string): ParsedExport {
  return { ok: false, error };
}

/** A value as an error message shows it: short, never the whole of a large value. */
function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  // JSON.stringify recurses per level: a value nested 100,000 deep (which JSON.parse reads) overflowed the stack. Each
  // level opens with a character at least, so below 40 levels nothing shows and the rest is left out.
  const depths = new Map<object, number>();
  const json =
    JSON.stringify(value, function (this: object, _key: string, item: unknown) {
      if (typeof item !== 'object' || item === null) return item;
      const depth = (depths.get(this) ?? 0) + 1;
      depths.set(item, depth);
      return depth > 40 ? '…' : item;
    }) ?? String(value);
  return json.length > 40 ? `${json.slice(0, 40)}…` : json;
}

/** JSON.parse's complaint with the line and column it names as a position (V8 says "at position N"). */
function jsonErrorWhere(text: string, error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 200);
  const at = message.indexOf(' in JSON at position ');
  const position = at < 0 ? undefined : /^ in JSON at position (\d+)/.exec(message.slice(at));
  if (at < 0 || !position) return message;
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${message.slice(0, at)} at line ${line}, column ${column}`;
}
