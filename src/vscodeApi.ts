// What `import * as vscode from 'vscode'` resolves to in the extension's bundles (esbuild.mjs, vscodeApiOnce): the
// API re-exported once per bundle. esbuild compiles each module's namespace import of an external CommonJS module to
// its own copy of every export (about 400 for the VS Code API, some 0.5 ms each at startup); through this module a
// bundle makes one.
export * from 'vscode';
