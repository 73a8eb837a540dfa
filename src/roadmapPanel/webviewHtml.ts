import { filterLabels, skillFilters } from '../core/progress/filter';
import { escapeHtml, html, type Html } from '../core/roadmapView/html';
import type { HostMessage } from '../webview/protocol';
import { setPageEvidence } from '../webview/roadmap/evidenceRender';
import { icon } from '../webview/roadmap/icons';
import { renderRegions, type PageRegions } from '../webview/roadmap/render';
import type { UiState } from '../webview/roadmap/uiState';

/** The page's script (dist/webview/roadmap.js) and stylesheet (media/roadmap.css), as text. */
export interface PageAssets {
  script: string;
  style: string;
}

export interface WebviewShell {
  /** `webview.cspSource`. */
  cspSource: string;
  /**
   * Embedded in the page, each with the nonce: the page is shown once it has loaded (VS Code keeps a webview's
   * document hidden until then), and a script or stylesheet fetched through the webview's resource loader delays
   * that by tens of milliseconds, far more under load.
   */
  assets: PageAssets;
  nonce: string;
  title: string;
  /**
   * The state to show at once, rendered into the page for `ui`; the script gets it posted once the page has said
   * `ready` (core/roadmapView/pageStateDelivery.ts). Without it the page shows "Loading" until then.
   */
  state?: HostMessage;
  /**
   * The view choices to render the state for: the page's own (its getState) when the host knows them. The script
   * compares them with its own as JSON (`data-rendered-ui`); readUiState keeps the keys in one order.
   */
  ui: UiState;
}

const hints = {
  path: 'Keyboard: arrow keys move between skills, Enter shows details, Space marks done or not done.',
  outline: 'Outline: every level and skill as one list; change a status with its menu.',
};

/**
 * The page's frame: title, toolbar (showing `ui`'s choices), the regions and the live region; with `regions`, the
 * regions hold them, else the board says it is loading. Here rather than in the script, which keeps the webview
 * bundle small; main.ts keeps the toolbar and regions up to date from then on.
 */
function frame(ui: UiState, regions: PageRegions | undefined): Html {
  const outline = ui.mode === 'outline';
  const detail = regions?.detail.value ?? '';
  return html`<header class="top">
<div class="title-row"><h1>${icon('map')} ML career roadmap</h1>
<div class="toolbar">
<div class="segmented" role="radiogroup" aria-label="Show skills">${skillFilters.map(
    (f) => html`<button type="button" role="radio" data-filter="${f}" aria-checked="${String(f === ui.filter)}" tabindex="${f === ui.filter ? 0 : -1}">${filterLabels[f]}</button>`,
  )}</div>
<div class="search">${icon('search')}<input id="search" type="search" placeholder="Search skills" aria-label="Search skills" maxlength="200" spellcheck="false" autocomplete="off" value="${ui.query}"></div>
<button type="button" id="mode" class="secondary" aria-pressed="${String(outline)}" title="List the same content linearly (suits screen readers)">${icon('list-flat')}<span>Outline</span></button>
</div></div>
<section id="summary" class="summary" aria-label="Progress summary">${regions?.summary}</section>
<p id="kbd-hint" class="hint" data-path="${hints.path}" data-outline="${hints.outline}">${hints[ui.mode]}</p>
</header>
<div class="layout">${
    regions
      ? html`<main id="board" class="board${outline ? ' is-outline' : ''}" aria-label="Roadmap">${regions.board}</main>`
      : html`<main id="board" class="board" aria-label="Roadmap" aria-busy="true"><p class="loading">Loading your roadmap…</p></main>`
  }<aside id="detail" class="detail" aria-labelledby="detail-title"${detail === '' ? html` hidden` : ''}>${regions?.detail}</aside></div>
<div id="extras" class="extras">${regions?.extras}</div>
<div id="announcer" class="sr-only" role="status" aria-live="polite"></div>`;
}

/**
 * `text` as the content of a `<script>` or `<style>` element, which the HTML parser ends at the first `</script` or
 * `</style` (any case) and, in a script, reads differently after `<!--`. Our own built files contain neither; one that
 * does is refused rather than escaped (no escaping keeps every script and stylesheet meaning the same).
 */
export function rawText(element: 'script' | 'style', text: string): string {
  const lower = text.toLowerCase();
  const bad = [`</${element}`, ...(element === 'script' ? ['<!--'] : [])].find((s) => lower.includes(s));
  if (bad !== undefined) throw new Error(`the roadmap page's ${element} contains "${bad}", so it cannot be embedded in the page`);
  return text;
}

/**
 * The whole webview document: the frame with the state rendered into it. The browser lays the page out as it parses
 * it, so the first paint does not wait for the script; the script keeps that markup when the state posted to it is
 * the one rendered (`shown`) for its own view choices (`data-rendered-ui`), and renders over it otherwise. The state
 * itself is not in the page: it would double the HTML the window passes along and parses before the page appears.
 * The script and the stylesheet are in the page with the nonce; no other inline script, style or handler runs (the
 * CSP).
 */
export function webviewHtml(shell: WebviewShell): string {
  const csp = ["default-src 'none'", `style-src 'nonce-${shell.nonce}'`, `img-src ${shell.cspSource} data:`, `script-src 'nonce-${shell.nonce}'`].join('; ');
  const nonce = escapeHtml(shell.nonce);
  let regions: PageRegions | undefined;
  if (shell.state) {
    setPageEvidence(shell.state.evidence);
    regions = renderRegions(shell.state.state, shell.ui);
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${rawText('style', shell.assets.style)}</style>
<title>${escapeHtml(shell.title)}</title>
</head>
<body${regions?.detail.value ? ' class="has-detail"' : ''}>
<div id="app" class="app"${regions ? ` data-rendered-ui="${escapeHtml(JSON.stringify(shell.ui))}"` : ''}>${frame(shell.ui, regions).value}</div>
<script nonce="${nonce}">${rawText('script', shell.assets.script)}</script>
</body>
</html>`;
}

/** 128 random bits from Web Crypto (available in every extension host: Node 20 and the browser). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
