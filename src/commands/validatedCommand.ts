import * as vscode from 'vscode';
import { CommandArgumentError, parseCommandArguments, type CommandArguments } from '../core/commandArgs';

/**
 * Registers a command whose handler only ever sees arguments its schema accepted. Anything else is refused before
 * the handler runs: logged, and thrown as a CommandArgumentError, which the caller (or VS Code, for a menu or
 * keybinding) reports. Every command should register through this (or registerLazilyValidatedCommand), so none goes
 * without a schema; the integration test that calls every command with malformed arguments names those that do not yet.
 */
export function registerValidatedCommand<T>(
  log: vscode.LogOutputChannel,
  command: string,
  args: CommandArguments<T>,
  handler: (value: T) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(command, (...raw: unknown[]) => handler(validatedArguments(log, command, args, raw)));
}

/** The arguments `raw` as `args` reads them, or a logged CommandArgumentError when it refuses them. */
export function validatedArguments<T>(log: vscode.LogOutputChannel, command: string, args: CommandArguments<T>, raw: readonly unknown[]): T {
  const parsed = parseCommandArguments(command, args, raw);
  if (!parsed.ok) {
    log.warn(parsed.error);
    throw new CommandArgumentError(parsed.error);
  }
  return parsed.value;
}
