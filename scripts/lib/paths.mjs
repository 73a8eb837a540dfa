// Paths shared by the scripts. Everything is derived from this file's location, never hard-coded.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
export const codeServerDir = path.join(repoRoot, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
export const codeServerEntry = path.join(codeServerDir, 'out', 'node', 'entry.js');
/** Written last by setupTestVscode.mjs; its presence means the install is complete. */
export const codeServerMarker = path.join(codeServerDir, '.install-complete');
export const screenshotsDir = path.join(repoRoot, 'test-results', 'screenshots');
export const integrationTestsPath = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
export const workspaceFixture = path.join(repoRoot, 'test', 'fixtures', 'workspace');
/** Two workspace folders both named "app", opened through the .code-workspace file in it (the multi-root suite). */
export const multiRootFixture = path.join(repoRoot, 'test', 'fixtures', 'multiRoot');
export const multiRootTestsPath = path.join(repoRoot, 'out', 'test', 'integration', 'multiRoot', 'index.js');
