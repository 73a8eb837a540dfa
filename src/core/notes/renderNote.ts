import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { isHttpsUrl } from '../roadmap/links';
import { escapeMarkdown } from '../roadmap/skillMarkdown';

/**
 * A user's note rendered for display. Notes are the user's own Markdown, but they sync from other machines and may
 * be pasted from anywhere, so nothing in a note may add HTML, scripts, images or links other than https: markdown-it
 * parses with `html: false` (raw HTML stays text), images are off, and links other than https stay text.
 */

/** How much of a note a tooltip shows; the editor and the roadmap page show all of it. */
export const tooltipNoteLength = 1500;

let parser: MarkdownIt | undefined;

function notesParser(): MarkdownIt {
  if (parser) return parser;
  // linkify turns bare https URLs into links; validateLink drops every other scheme (javascript:, data:, file:, vscode:).
  const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: false });
  // Not in the typings, but markdown-it reads it: deeper nesting renders as text, bounding the work and the output.
  (md.options as { maxNesting?: number }).maxNesting = 20;
  md.disable('image');
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
  md.validateLink = (url) => isHttpsUrl(url);
  // A button the page's click handler sends to the host, which opens only https links the notes hold: in the
  // webview an <a href> would be opened by the webview host itself, past any check.
  md.renderer.rules['link_open'] = (tokens, idx) => {
    const href = tokens[idx]?.attrGet('href') ?? '';
    return `<button type="button" role="link" class="link-button note-link" data-action="open-link" data-url="${md.utils.escapeHtml(href)}" title="${md.utils.escapeHtml(href)}">`;
  };
  md.renderer.rules['link_close'] = () => '</button>';
  parser = md;
  return md;
}

/**
 * The note as HTML for the roadmap page: only markdown-it's own elements, every text escaped, https links only, as
 * buttons (see notesParser).
 */
export function noteHtml(text: string): string {
  return notesParser().render(text);
}

/** The links a note renders (all https), so the host can open exactly those when the page asks. */
export function noteLinks(text: string): string[] {
  const links: string[] = [];
  const walk = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      if (token.type === 'link_open') links.push(token.attrGet('href') ?? '');
      walk(token.children ?? []);
    }
  };
  walk(notesParser().parse(text, {}));
  return links;
}

/**
 * The note as Markdown for a hover (shown with HTML off and untrusted): rebuilt from markdown-it's tokens with
 * every text escaped, so only paragraphs, headings (as bold), lists, quotes, emphasis, code and https links
 * survive. Long notes are cut at `tooltipNoteLength` characters, at a line end where there is one.
 */
export function noteTooltipMarkdown(text: string): string {
  const cut = text.length > tooltipNoteLength;
  const source = cut ? text.slice(0, Math.max(text.lastIndexOf('\n', tooltipNoteLength), tooltipNoteLength / 2)) : text;
  const blocks = tooltipBlocks(notesParser().parse(source, {}));
  if (cut) blocks.push('*…the note goes on: Edit Note shows all of it.*');
  return blocks.join('\n\n');
}

function tooltipBlocks(tokens: readonly Token[]): string[] {
  const blocks: string[] = [];
  /** Open lists and quotes, outermost first; `marker` is the list item's marker, `next` an ordered list's next number. */
  const containers: { kind: 'bullet' | 'ordered' | 'quote'; next: number; marker: string }[] = [];
  let itemStart = false;
  let heading = false;
  let row: string[] | undefined;
  /** A one-line block inside the open containers; the first block of a list item carries its marker. */
  const emit = (content: string): void => {
    if (content.trim() === '') return;
    let innermostList = -1;
    containers.forEach((c, i) => {
      if (c.kind !== 'quote') innermostList = i;
    });
    const prefix = containers
      .map((c, i) => (c.kind === 'quote' ? '> ' : i === innermostList && itemStart ? c.marker : ' '.repeat(c.marker.length)))
      .join('');
    itemStart = false;
    blocks.push(prefix + content);
  };
  for (const token of tokens) {
    switch (token.type) {
      case 'bullet_list_open':
        containers.push({ kind: 'bullet', next: 0, marker: '- ' });
        break;
      case 'ordered_list_open':
        containers.push({ kind: 'ordered', next: Number(token.attrGet('start') ?? 1), marker: '' });
        break;
      case 'blockquote_open':
        containers.push({ kind: 'quote', next: 0, marker: '' });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
      case 'blockquote_close':
        containers.pop();
        break;
      case 'list_item_open': {
        const list = containers.at(-1);
        if (list?.kind === 'ordered') list.marker = `${list.next++}. `;
        itemStart = true;
        break;
      }
      case 'heading_open':
        heading = true;
        break;
      case 'heading_close':
        heading = false;
        break;
      case 'tr_open':
        row = [];
        break;
      case 'tr_close':
        emit((row ?? []).join(' · '));
        row = undefined;
        break;
      case 'inline': {
        // Inline content is one line: markdown-it turns line breaks into break tokens, rendered as spaces.
        const content = inlineMarkdown(token.children ?? []);
        if (row) row.push(content);
        else emit(heading && content.trim() !== '' ? `**${content}**` : content);
        break;
      }
      case 'fence':
      case 'code_block':
        // Code keeps its text inside a fence longer than any run of backticks in it. It goes outside every list and
        // quote: a multi-line block there would need each line prefixed, and one line without would end the fence.
        blocks.push(`${fence(token.content)}\n${token.content.replace(/\n$/, '')}\n${fence(token.content)}`);
        break;
      case 'hr':
        emit('---');
        break;
    }
  }
  return blocks;
}

function inlineMarkdown(children: readonly Token[]): string {
  let out = '';
  const links: (string | undefined)[] = [];
  for (const child of children) {
    switch (child.type) {
      case 'text':
        out += escapeInline(child.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        out += ' ';
        break;
      case 'code_inline': {
        const ticks = fence(child.content);
        out += `${ticks} ${child.content} ${ticks}`;
        break;
      }
      case 'em_open':
      case 'em_close':
        out += '*';
        break;
      case 'strong_open':
      case 'strong_close':
        out += '**';
        break;
      case 's_open':
      case 's_close':
        out += '~~';
        break;
      case 'link_open': {
        const href = child.attrGet('href') ?? '';
        // markdown-it has already refused other schemes; the check stays here so this function is safe on its own.
        const url = isHttpsUrl(href) ? new URL(href).href.replace(/[()]/g, encodeURIComponent) : undefined;
        links.push(url);
        if (url) out += '[';
        break;
      }
      case 'link_close': {
        const url = links.pop();
        if (url) out += `](${url})`;
        break;
      }
      default:
        // Anything else (an image if enabled one day, raw HTML if enabled) shows as its escaped text.
        out += escapeInline(child.content);
    }
  }
  return out;
}

/**
 * Escapes text inside a line. escapeMarkdown drops leading blanks (which would start code at a line's start); inside
 * a line they separate words, and markdown-it has already trimmed each line's start.
 */
function escapeInline(text: string): string {
  const rest = text.trimStart();
  return text.slice(0, text.length - rest.length) + escapeMarkdown(rest);
}

/** A run of backticks longer than any run in `content`, so it can neither close nor open early. */
function fence(content: string): string {
  let longest = 0;
  for (const run of content.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}
