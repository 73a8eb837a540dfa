import { isDeepStrictEqual } from 'node:util';
import MarkdownIt from 'markdown-it';

/**
 * DEPLOY_CHECKLIST.md as data: `## Section` headings with `- [ ]` / `- [x]` items, optionally tagged with an ML Test
 * Score test id (Breck et al. 2017) as `**Data 1**`, and optionally ending with the marker `` `automated` `` (the test
 * runs automatically, not by hand). The file stays a plain GitHub task list. Toggling rewrites exactly one character,
 * so the rest of the file (line endings, spacing, notes) survives byte for byte.
 */
export const checklistFileName = 'DEPLOY_CHECKLIST.md';

export const mlTestScoreAreas = ['Data', 'Model', 'Infra', 'Monitor'] as const;

export interface ChecklistItem {
  /** 0-based line of the item, counting CRLF, LF and a lone CR as line ends (as CommonMark and VS Code do). */
  readonly line: number;
  /** 0-based offset in the text of the character between the brackets. */
  readonly offset: number;
  readonly checked: boolean;
  /** The item text without the tag. */
  readonly text: string;
  /** e.g. "Data 1", when the item is one of the ML Test Score tests. */
  readonly testId?: string;
  /** The first line ends with the `automated` marker (counted only while the item is ticked). */
  readonly automated: boolean;
  /** 0 for the first item with this section title and text, 1 for the next…: tells identical items apart. */
  readonly occurrence: number;
}

export interface ChecklistSection {
  readonly title: string;
  readonly line: number;
  readonly items: readonly ChecklistItem[];
}

export interface Checklist {
  readonly title?: string;
  readonly sections: readonly ChecklistSection[];
}

/** The rubric has seven tests per section: `**Data 8**` is an ordinary item. */
const tagPattern = new RegExp(`^\\*\\*((?:${mlTestScoreAreas.join('|')}) [1-7])\\*\\*\\s*(?:[—–:-]\\s*)?`);
const automatedMarker = '`automated`';

/** The length of the marker and the spaces or tabs before it at the end of `line`; 0 if it does not end that way. */
function markerLength(line: string): number {
  if (!line.endsWith(automatedMarker)) return 0;
  let start = line.length - automatedMarker.length;
  while (start > 0 && (line[start - 1] === ' ' || line[start - 1] === '\t')) start--;
  return start === line.length - automatedMarker.length ? 0 : line.length - start;
}
/** A task-list box at the start of a list item's first paragraph line, then the item text. */
const boxPattern = /^\[([ x])\][\t ]/i;

let blockParser: MarkdownIt | undefined;
let inlineParser: MarkdownIt | undefined;

/**
 * CommonMark block structure with source lines (token maps): which lines are list items and headings, and which are
 * code or HTML. Inline parsing is off because a checklist needs no emphasis or links; created on first use.
 */
function blocks(text: string): ReturnType<MarkdownIt['parse']> {
  if (!blockParser) {
    blockParser = new MarkdownIt('commonmark');
    blockParser.core.ruler.disable(['inline', 'text_join']);
  }
  return blockParser.parse(text, {});
}

/**
 * Whether the paragraph's first line ends with `automated` as a code span of its own: text that merely ends that way
 * may close an earlier span (`` `a `automated` ``) or sit inside one that runs on, which CommonMark's inline parse tells.
 */
function firstLineEndsWithMarker(paragraph: string): boolean {
  inlineParser ??= new MarkdownIt('commonmark');
  const children = inlineParser.parseInline(paragraph, {})[0]?.children ?? [];
  const lineBreak = children.findIndex((t) => t.type === 'softbreak' || t.type === 'hardbreak');
  const last = children[(lineBreak === -1 ? children.length : lineBreak) - 1];
  return last?.type === 'code_inline' && last.content === 'automated';
}

/** The offset at which each line starts, with CommonMark's line ends. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/**
 * Parses in time linear in the text (a CommonMark block parser, no backtracking patterns), never throws: the file
 * comes from the workspace, which may not be trusted, and is parsed on every edit.
 */
export function parseChecklist(text: string): Checklist {
  // markdown-it turns NUL into U+FFFD, one character for one: the same here keeps offsets comparable.
  const source = text.replaceAll('\0', '\uFFFD');
  const starts = lineStarts(source);
  const tokens = blocks(source);
  let title: string | undefined;
  const sections: { title: string; line: number; items: Omit<ChecklistItem, 'occurrence'>[] }[] = [];
  tokens.forEach((token, index) => {
    const line = token.map?.[0];
    if (line === undefined) return;
    if (token.type === 'heading_open' && token.level === 0 && (token.tag === 'h1' || token.tag === 'h2')) {
      // A setext heading may span lines.
      const heading = (tokens[index + 1]?.content ?? '').split('\n').join(' ');
      if (token.tag === 'h1') title ??= heading;
      else sections.push({ title: heading, line, items: [] });
      return;
    }
    const paragraph = tokens[index + 1];
    if (token.type !== 'list_item_open' || paragraph?.type !== 'paragraph_open' || paragraph.map?.[0] !== line) return;
    const item = taskItem(source, starts, line, tokens[index + 2]?.content ?? '');
    if (!item) return;
    if (sections.length === 0) sections.push({ title: 'Checklist', line: 0, items: [] });
    sections[sections.length - 1]?.items.push(item);
  });
  const seen = new Map<string, number>();
  const counted = sections.map((section) => ({
    ...section,
    items: section.items.map((item) => {
      const key = JSON.stringify([section.title, item.text]);
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      return { ...item, occurrence };
    }),
  }));
  return { ...(title !== undefined ? { title } : {}), sections: counted.filter((s) => s.items.length > 0) };
}

/**
 * The item whose first paragraph is `content` (markdown-it strips the list marker, container prefixes and
 * indentation, and trims), starting on `line`; `undefined` unless it opens with a box and has text.
 */
function taskItem(source: string, starts: readonly number[], line: number, content: string): Omit<ChecklistItem, 'occurrence'> | undefined {
  const first = (content.split('\n', 1)[0] ?? '').trimEnd();
  const box = boxPattern.exec(first);
  const rest = first.slice(3).trim();
  if (!box || rest === '') return undefined;
  // Only lines ending with the marker pay for an inline parse.
  const marker = markerLength(rest);
  const automated = marker > 0 && firstLineEndsWithMarker(content);
  const body = automated ? rest.slice(0, rest.length - marker) : rest;
  const start = starts[line] ?? 0;
  const next = starts[line + 1];
  const sourceLine = source.slice(start, next === undefined ? source.length : next).replace(/\r?\n?$/, '').trimEnd();
  // The paragraph's first line is the end of its source line, so the box sits where that suffix begins.
  if (!sourceLine.endsWith(first)) return undefined;
  const tag = tagPattern.exec(body);
  return {
    line,
    offset: start + sourceLine.length - first.length + 1,
    checked: box[1] !== ' ',
    text: tag ? body.slice(tag[0].length) : body,
    ...(tag ? { testId: tag[1] } : {}),
    automated,
  };
}

/** The one-character change that sets a box: replace the character at `offset` with `text`. */
export interface CheckboxEdit {
  readonly offset: number;
  readonly text: 'x' | ' ';
}

/** The item on `line` and its section, if that line is a checklist item. */
function itemOn(checklist: Checklist, line: number): { section: ChecklistSection; item: ChecklistItem } | undefined {
  for (const section of checklist.sections) {
    const item = section.items.find((i) => i.line === line);
    if (item) return { section, item };
  }
  return undefined;
}

function setBox(item: ChecklistItem, checked: boolean): CheckboxEdit | undefined {
  return checked === item.checked ? undefined : { offset: item.offset, text: checked ? 'x' : ' ' };
}

/**
 * The edit that sets the item on `line` to `checked` (toggles it when `checked` is omitted), or `undefined` when it
 * already is. Throws if `line` is not a checklist item (a `- [ ]` in a code block or HTML comment is not). An edit
 * of one character keeps the rest of the file (and an editor's undo stack and unsaved changes) intact.
 */
export function checkboxEdit(text: string, line: number, checked?: boolean): CheckboxEdit | undefined {
  const { item } = requireItemOn(text, line);
  return setBox(item, checked ?? !item.checked);
}

function requireItemOn(text: string, line: number): { section: ChecklistSection; item: ChecklistItem } {
  const found = itemOn(parseChecklist(text), line);
  if (!found) throw new Error(`line ${line + 1} is not a checklist item`);
  return found;
}

/** The item a person clicked in the view, as the view showed it. */
export interface ClickedItem {
  readonly line: number;
  readonly section: string;
  readonly text: string;
  /** 0 for the first item with this section title and text, 1 for the next… */
  readonly occurrence: number;
  readonly checked: boolean;
}

export function identify(section: ChecklistSection, item: ChecklistItem): ClickedItem {
  return { line: item.line, section: section.title, text: item.text, occurrence: item.occurrence, checked: item.checked };
}

/** The item on `line` as a click on it would identify it (for commands given a line); throws if there is none. */
export function itemAt(text: string, line: number): ClickedItem {
  const { section, item } = requireItemOn(text, line);
  return identify(section, item);
}

/**
 * The edit for the item the person clicked, made only if `text` still holds that item on that line: same text, same
 * section, same copy of identical items. Otherwise throws saying what the line holds now, so a view drawn from older
 * text never ticks a different item. Toggles from the state the person saw when `checked` is omitted.
 */
export function clickedItemEdit(text: string, clicked: ClickedItem, checked = !clicked.checked): CheckboxEdit | undefined {
  return setBox(clickedItem(text, clicked).item, checked);
}

/** The item the person clicked, if `text` still holds it on that line; throws saying what the line holds now. */
function clickedItem(text: string, clicked: ClickedItem): { section: ChecklistSection; item: ChecklistItem } {
  const found = itemOn(parseChecklist(text), clicked.line);
  const where = `line ${clicked.line + 1}`;
  if (!found) throw new Error(`${where} is no longer a checklist item`);
  const { section, item } = found;
  const now = `"${item.text}" (section "${section.title}")`;
  if (item.text !== clicked.text || section.title !== clicked.section) throw new Error(`${where} now holds ${now}, not "${clicked.text}" (section "${clicked.section}")`);
  if (item.occurrence !== clicked.occurrence) throw new Error(`${where} now holds another ${now}`);
  return found;
}

/** Replace `length` characters at `offset` with `text`. */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

/** An ML Test Score test's state once done: run by hand, or by a system on a schedule (the rubric's half and full point). */
export type DoneState = 'manual' | 'automated';

/**
 * The edits that make the clicked rubric test done by hand or automated: tick its box, add or remove the marker at
 * the end of its first line. Nothing else changes; the result is parsed again and refused if anything but that item
 * would read differently (say the line holds an open code span that would swallow the marker). Throws, like
 * `clickedItemEdit`, when the file no longer holds the clicked item there.
 */
export function testStateEdits(text: string, clicked: ClickedItem, state: DoneState): TextEdit[] {
  const { item } = clickedItem(text, clicked);
  const where = `line ${clicked.line + 1}`;
  if (!item.testId) throw new Error(`${where} is not an ML Test Score test (no tag like **Data 1**); only rubric tests can be automated`);
  const edits: TextEdit[] = [];
  if (!item.checked) edits.push({ offset: item.offset, length: 1, text: 'x' });
  if (item.automated !== (state === 'automated')) edits.push(markerEdit(text, item, state === 'automated'));
  const expected = summary(parseChecklist(text)).map((s) => (s.line === item.line ? { ...s, checked: true, automated: state === 'automated' } : s));
  if (!isDeepStrictEqual(summary(parseChecklist(applyEdits(text, edits))), expected)) {
    throw new Error(`${where} cannot be marked ${state} by a marker at its end (its Markdown would read differently); edit it by hand`);
  }
  return edits;
}

function markerEdit(text: string, item: ChecklistItem, add: boolean): TextEdit {
  const lineBreak = text.slice(item.offset).search(/[\r\n]/);
  // The first line's text ends where the item's source line does, less trailing whitespace (as the parser reads it).
  const line = text.slice(item.offset, lineBreak === -1 ? text.length : item.offset + lineBreak).replaceAll('\0', '\uFFFD').trimEnd();
  const end = item.offset + line.length;
  if (add) return { offset: end, length: 0, text: ` ${automatedMarker}` };
  const length = markerLength(line);
  return { offset: end - length, length, text: '' };
}

/** Every item as the person sees it, for comparing two parses. */
function summary(checklist: Checklist): { line: number; section: string; text: string; testId?: string; checked: boolean; automated: boolean }[] {
  return checklist.sections.flatMap((s) =>
    s.items.map((i) => ({ line: i.line, section: s.title, text: i.text, ...(i.testId !== undefined ? { testId: i.testId } : {}), checked: i.checked, automated: i.automated })),
  );
}

/** Applies non-overlapping edits, the last first so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((a, b) => b.offset - a.offset).reduce((t, e) => t.slice(0, e.offset) + e.text + t.slice(e.offset + e.length), text);
}

/** Items done out of items in a section (not the roadmap's `Progress`, which counts skills). */
export interface ChecklistCount {
  readonly done: number;
  readonly total: number;
}

export function sectionProgress(section: ChecklistSection): ChecklistCount {
  return { done: section.items.filter((i) => i.checked).length, total: section.items.length };
}

