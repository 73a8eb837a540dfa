/**
 * How a template value is written into each kind of generated file. The renderer takes the format from the
 * destination's file name and the context from the template text before the placeholder, so no placeholder can skip
 * its escaping: a value either reads back as exactly itself in that format, or is refused with the reason.
 */
export type TemplateFormat = 'toml' | 'python' | 'markdown' | 'yaml' | 'makefile' | 'dockerfile' | 'text';

/** Text a template's author wrote in Markdown on purpose (a checklist item with `code`): kept as is, in Markdown only. */
export interface MarkdownSource {
  readonly markdown: string;
}

export function markdownSource(markdown: string): MarkdownSource {
  return { markdown };
}

const formatsByExtension: Readonly<Record<string, TemplateFormat>> = { toml: 'toml', py: 'python', md: 'markdown', yml: 'yaml', yaml: 'yaml' };
const formatsByName: Readonly<Record<string, TemplateFormat>> = { Makefile: 'makefile', Dockerfile: 'dockerfile' };

/** The format of a file from its path; anything unlisted (LICENSE, .gitignore, CSV) is plain text. */
export function formatOf(path: string): TemplateFormat {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const byExtension = dot > 0 ? formatsByExtension[name.slice(dot + 1).toLowerCase()] : undefined;
  return (Object.hasOwn(formatsByName, name) ? formatsByName[name] : undefined) ?? byExtension ?? 'text';
}

/** Why a value cannot go where a placeholder puts it. */
export class Refusal {
  constructor(readonly reason: string) {}
}

/** Where in its format a placeholder sits, from the template text before it on its line. */
type Context = 'string' | 'word' | 'markdown' | 'code' | 'line' | 'comment';

function contextOf(format: TemplateFormat, before: string): Context {
  // Templates quote with '"' only; an odd count of unescaped quotes before the placeholder means it is inside one.
  const inQuotes = (before.match(/(?<!\\)"/g)?.length ?? 0) % 2 === 1;
  switch (format) {
    case 'toml':
    case 'python':
      return inQuotes ? 'string' : 'word';
    case 'markdown':
      return (before.match(/`/g)?.length ?? 0) % 2 === 1 ? 'code' : 'markdown';
    case 'makefile':
      return before.includes('#') ? 'comment' : 'word';
    case 'yaml':
    case 'dockerfile':
      // Every YAML and Dockerfile placeholder lands in a shell command, unquoted.
      return 'word';
    case 'text':
      return 'line';
  }
}

/** `value` as it must appear at the end of `before` in a file of `format`, or why it cannot appear there. */
export function encodeValue(format: TemplateFormat, before: string, value: string | MarkdownSource): string | Refusal {
  const context = contextOf(format, before);
  const text = typeof value === 'string' ? value : value.markdown;
  // A lone surrogate is not Unicode: written as UTF-8 it would silently turn into U+FFFD.
  if (/\p{Cs}/u.test(text)) return new Refusal('holds an unpaired UTF-16 surrogate, which is not valid Unicode');
  if (typeof value !== 'string') {
    return context === 'markdown' ? (lineProblem(text) ?? text) : new Refusal(`holds Markdown, which only goes into Markdown text, not ${format} (${context})`);
  }
  switch (context) {
    case 'string':
      return quotedString(value);
    case 'word':
      return /^[\w.-]+$/.test(value) ? value : new Refusal('lands unquoted in code or a shell command here, so it may hold only letters, digits, "_", "." and "-"');
    case 'markdown':
      return lineProblem(value) ?? markdownText(value);
    case 'code':
      return lineProblem(value) ?? (value.includes('`') ? new Refusal('lands in a Markdown code span, which cannot hold "`"') : value);
    case 'comment':
      return lineProblem(value) ?? (value.endsWith('\\') ? new Refusal('ends with "\\", which would continue the Makefile comment onto the next line') : value);
    case 'line':
      return lineProblem(value) ?? value;
  }
}

/** One-line formats take neither line breaks nor control characters (a tab is fine). */
function lineProblem(value: string): Refusal | undefined {
  const control = /[^\P{Cc}\t]/u.exec(value)?.[0];
  if (control === undefined) return undefined;
  if (control === '\n' || control === '\r') return new Refusal('holds a line break, but this placeholder is one line of text');
  return new Refusal(`holds the control character U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

const shortEscapes: Readonly<Record<string, string>> = { '\\': '\\\\', '"': '\\"', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

/** The inside of a double-quoted TOML basic string or Python string: both (and JSON) read exactly these escapes. */
export function quotedString(value: string): string {
  return value.replace(/[\\"\p{Cc}]/gu, (c) => shortEscapes[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const letterOrDigit = /^[\p{L}\p{N}]$/u;

/**
 * `value` as CommonMark text: every character that can start markup is backslash-escaped, so the value reads back as
 * itself wherever it sits on a line. Ordinary text (words, "-" inside words, "_" inside identifiers) is left alone.
 */
export function markdownText(value: string): string {
  const start = value.length - value.trimStart().length;
  const end = Math.max(start, value.trimEnd().length);
  const core = value.slice(start, end).replace(/[\\`*_[\]<>#|~&!]/g, (c: string, at: number, whole: string) => {
    // "_" between letters or digits can neither open nor close emphasis (my_project stays as is).
    if (c === '_' && letterOrDigit.test(whole[at - 1] ?? '') && letterOrDigit.test(whole[at + 1] ?? '')) return c;
    // "&" is markup only when it starts an entity, "!" only before a "[" that the template may supply.
    if (c === '&' && !/^&#?[a-z\d]+;/i.test(whole.slice(at, at + 40))) return c;
    if (c === '!' && at < whole.length - 1) return c;
    return `\\${c}`;
  });
  // A leading "-", "+", "=" or "1." would make a list item or heading underline at the start of a line.
  const blockSafe = core.replace(/^[-+=]/, (c) => `\\${c}`).replace(/^(\d+)([.)])/, (_m, digits: string, c: string) => `${digits}\\${c}`);
  // Spaces at either end would be trimmed, indent a code block, or make a hard line break: written as entities.
  const entities = (s: string): string => [...s].map((c) => `&#${c.codePointAt(0)};`).join('');
  return `${entities(value.slice(0, start))}${blockSafe}${entities(value.slice(end))}`;
}
