import * as vscode from 'vscode';

/** Markdown for tooltips that show roadmap data and the user's notes: no HTML, no command links. */
export function untrustedMarkdown(text: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(text);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}
