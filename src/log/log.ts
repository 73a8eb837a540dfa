import * as vscode from 'vscode';
import { registerLazilyValidatedCommand } from '../commands/lazyValidatedCommand';
import { errorMessage } from '../core/errors';
import { commands } from '../core/ids';

/** The extension's output channel ("ML Career"), with a command to show it. */
export function registerLog(context: vscode.ExtensionContext): vscode.LogOutputChannel {
  const log = vscode.window.createOutputChannel('ML Career', { log: true });
  context.subscriptions.push(log, registerLazilyValidatedCommand(log, commands.showLog, (bundle) => bundle.noArguments, () => log.show()));
  return log;
}

/** Runs a user-initiated change; a failure is logged and shown once instead of surfacing as "command failed". */
export async function runReportingErrors(log: vscode.LogOutputChannel, what: string, change: () => Promise<void>): Promise<boolean> {
  try {
    await change();
    return true;
  } catch (error) {
    log.error(`could not ${what}`, error);
    void vscode.window.showErrorMessage(`ML Career: could not ${what}. ${errorMessage(error)}`);
    return false;
  }
}
