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
