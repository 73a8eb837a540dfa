import * as vscode from 'vscode';
import { commands } from '../core/ids';

/** The extension's output channel ("ML Career"), with a command to show it. */
export function registerLog(context: vscode.ExtensionContext): vscode.LogOutputChannel {
  const log = vscode.window.createOutputChannel('ML Career', { log: true });
  context.subscriptions.push(log, vscode.commands.registerCommand(commands.showLog, () => log.show()));
  return log;
}
