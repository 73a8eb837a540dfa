import { filterLabels, skillFilters } from '../core/progress/filter';
import { escapeHtml, html } from '../core/roadmapView/html';
import type { HostMessage } from '../webview/protocol';
import { icon } from '../webview/roadmap/icons';

export interface WebviewShell {
  /** `webview.cspSource`. */
  cspSource: string;
  /** `asWebviewUri` of dist/webview/roadmap.js and media/roadmap.css, as strings. */
  scriptUri: string;
  styleUri: string;
  nonce: string;
  title: string;
  /**
   * The state to show at once, embedded for the page's script, which renders it as it starts. Without it the page
   * shows "Loading" until it has said `ready` and the host has posted the state.
   */
  state?: HostMessage;
}

/**
 * The page's static frame: title, toolbar, the regions the script fills and the live region. Here rather than in
 * the script, which keeps the webview bundle small and shows the frame before the script has run.
 */
const frame = html`<header class="top">
<div class="title-row"><h1>${icon('map')} ML career roadmap</h1>
<div class="toolbar">
<div class="segmented" role="radiogroup" aria-label="Show skills">${skillFilters.map(
  (f) => html`<button type="button" role="radio" data-filter="${f}" aria-checked="false" tabindex="-1">${filterLabels[f]}</button>`,
)}</div>
<div class="search">${icon('search')}<input id="search" type="search" placeholder="Search skills" aria-label="Search skills" maxlength="200" spellcheck="false" autocomplete="off"></div>
<button type="button" id="mode" class="secondary" aria-pressed="false" title="List the same content linearly (suits screen readers)">${icon('list-flat')}<span>Outline</span></button>
</div></div>
<section id="summary" class="summary" aria-label="Progress summary"></section>
<p id="kbd-hint" class="hint" data-path="Keyboard: arrow keys move between skills, Enter shows details, Space marks done or not done." data-outline="Outline: every level and skill as one list; change a status with its menu."></p>
</header>
<div class="layout"><main id="board" class="board" aria-label="Roadmap" aria-busy="true"><p class="loading">Loading your roadmap…</p></main><aside id="detail" class="detail" aria-labelledby="detail-title" hidden></aside></div>
<div id="extras" class="extras"></div>
<div id="announcer" class="sr-only" role="status" aria-live="polite"></div>`;

/**
 * JSON to embed in a `<script type="application/json">`: every `<` escaped (JSON.parse reads `\u003c` back), so no
 * string in it can close the element (`</script>`) or open a comment.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * The whole webview document: the frame, and the state as JSON for the script, which renders it into the frame before
 * the page is first shown (a webview is shown once its document has loaded). No inline styles or handlers: the CSP
 * forbids them; the JSON is data (not run) and cannot end its element (scriptJson).
 */
export function webviewHtml(shell: WebviewShell): string {
  const csp = [
    "default-src 'none'",
    `style-src ${shell.cspSource}`,
    `img-src ${shell.cspSource} data:`,
    `font-src ${shell.cspSource}`,
    `script-src 'nonce-${shell.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(shell.styleUri)}">
<title>${escapeHtml(shell.title)}</title>
</head>
<body>
<div id="app" class="app">${frame.value}</div>
${shell.state ? `<script type="application/json" id="initial-state" nonce="${escapeHtml(shell.nonce)}">${scriptJson(shell.state)}</script>\n` : ''}<script nonce="${escapeHtml(shell.nonce)}" src="${escapeHtml(shell.scriptUri)}"></script>
</body>
</html>`;
}

/** 128 random bits from Web Crypto (available in every extension host: Node 20 and the browser). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
