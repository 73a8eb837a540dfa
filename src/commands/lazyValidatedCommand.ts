import * as vscode from 'vscode';
import type { CommandArguments } from '../core/commandArgs';
import { lazyBundle, type LazyBundles } from '../lazy/lazyBundle';

const commandArgsBundle = lazyBundle('commandArgs');

/**
 * registerValidatedCommand for a command the main bundle registers at activation: the same validation, with its
 * schema and zod loaded from the commandArgs bundle when the command first runs, so activation loads no zod.
 * `args` picks (or builds) the command's schema from that bundle; it runs once.
 */
export function registerLazilyValidatedCommand<T>(
  log: vscode.LogOutputChannel,
  command: string,
  args: (bundle: LazyBundles['commandArgs']) => CommandArguments<T>,
  handler: (value: T) => unknown,
): vscode.Disposable {
  let schema: CommandArguments<T> | undefined;
  return vscode.commands.registerCommand(command, (...raw: unknown[]) => {
    const bundle = commandArgsBundle();
    schema ??= args(bundle);
    return handler(bundle.validatedArguments(log, command, schema, raw));
  });
}

/**
 * registerLazilyValidatedCommand for a command that takes no arguments: a call with none (the palette, a status bar
 * item, a keybinding) runs at once, without loading zod; anything else is checked against `noArguments` as usual.
 */
export function registerNoArgumentsCommand(log: vscode.LogOutputChannel, command: string, handler: () => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(command, (...raw: unknown[]) => {
    if (raw.length > 0) {
      const bundle = commandArgsBundle();
      bundle.validatedArguments(log, command, bundle.noArguments, raw);
    }
    return handler();
  });
}
