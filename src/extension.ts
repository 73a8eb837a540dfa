import * as vscode from 'vscode';
import { registerLog } from './log/log';

/** Composition only: each feature registers itself and hands its disposables to `context`. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = registerLog(context);
  try {
    // Features register here, one line each.
    log.info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error('activation failed', error);
    void vscode.window.showErrorMessage(`ML Career Companion failed to start: ${message}`, 'Show Log').then((choice) => {
      if (choice) log.show();
    });
  }
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions, which VS Code disposes.
}
