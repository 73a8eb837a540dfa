import * as vscode from 'vscode';
import { commands } from '../core/ids';
import { untrustedMarkdown } from '../markdown/untrustedMarkdown';
import { startupContent, type StatusBarContent } from '../core/progress/statusBarContent';
import { progressStateKey, statusBarStateKey } from '../progress/stateKeys';

export interface StatusBar {
  readonly item: vscode.StatusBarItem;
  /** False when what it shows may be out of date: the roadmap must load now to say what is right. */
  readonly upToDate: boolean;
}

/**
 * The progress item, shown at activation without loading the roadmap: nothing stored says "Set level · 0%", and
 * otherwise it shows what this workspace last showed if the stored progress has not changed since (the roadmap
 * bundle keeps that up to date, see progressStatusBar.ts).
 */
export function registerStatusBar(context: vscode.ExtensionContext): StatusBar {
  const item = vscode.window.createStatusBarItem('mlCareer.progress', vscode.StatusBarAlignment.Left, 50);
  item.name = 'ML Career Progress';
  item.command = commands.openRoadmap;
  context.subscriptions.push(item);
  const content = startupContent(context.globalState.get<unknown>(progressStateKey), context.workspaceState.get<unknown>(statusBarStateKey));
  if (content === undefined) return { item, upToDate: false };
  showContent(item, content);
  item.show();
  return { item, upToDate: true };
}

export function showContent(item: vscode.StatusBarItem, content: StatusBarContent): void {
  item.text = content.text;
  item.tooltip = untrustedMarkdown(content.tooltip);
  item.accessibilityInformation = { label: content.accessibilityLabel };
}
