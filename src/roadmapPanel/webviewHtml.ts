import { escapeHtml } from '../core/roadmapView/html';

export interface WebviewShell {
  /** `webview.cspSource`. */
  cspSource: string;
  /** `asWebviewUri` of dist/webview/roadmap.js and media/roadmap.css, as strings. */
  scriptUri: string;
  styleUri: string;
  nonce: string;
  title: string;
}

/**
 * The whole webview document. Nothing renders until the script has the state, so the shell only holds the
 * live region and a fallback. No inline styles or handlers: the CSP forbids them, and content comes later
 * through the validated protocol.
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
<div id="app" class="app" aria-busy="true"><p class="loading">Loading your roadmap…</p></div>
<script nonce="${escapeHtml(shell.nonce)}" src="${escapeHtml(shell.scriptUri)}"></script>
</body>
</html>`;
}

/** 128 random bits from Web Crypto (available in every extension host: Node 20 and the browser). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
