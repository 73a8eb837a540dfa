// What `import * as vscode from 'vscode'` resolves to in the extension's bundles (esbuild.mjs, vscodeApiOnce): the
// API re-exported once per bundle. esbuild compiles each module's namespace import of an external CommonJS module to
// its own copy of every export (242 top-level names for the VS Code API; the main bundle's six copies cost about as
// much as the rest of its loading); through this module a bundle makes one.
export * from 'vscode';
