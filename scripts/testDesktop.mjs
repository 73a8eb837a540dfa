#!/usr/bin/env node
// npm run test:desktop: the integration suite in desktop VS Code via @vscode/test-electron, for machines that can
// download VS Code. (This project's CI machines cannot: they use `npm test`, which runs the same suite in
// code-server's extension host.)
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { integrationTestsPath, repoRoot, workspaceFixture } from './lib/paths.mjs';

execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
const tmp = await mkdtemp(path.join(os.tmpdir(), 'ml-career-desktop-'));
const resultFile = path.join(tmp, 'result.json');
let code = 1;
try {
  const workspace = path.join(tmp, 'workspace');
  execFileSync('cp', ['-r', workspaceFixture, workspace]);
  code = await runTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: integrationTestsPath,
    cachePath: path.join(repoRoot, '.vscode-test'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(tmp, 'ud')],
    extensionTestsEnv: { ML_CAREER_TEST_RESULT: resultFile, ...(process.env.ML_CAREER_TEST_GREP ? { ML_CAREER_TEST_GREP: process.env.ML_CAREER_TEST_GREP } : {}) },
  });
  const { existsSync, readFileSync } = await import('node:fs');
  if (!existsSync(resultFile)) {
    console.error('[test:desktop] the extension host ended without writing a test result (crashed?)');
    code = 1;
  } else {
    const r = JSON.parse(readFileSync(resultFile, 'utf8'));
    console.log(`${r.passed} passed, ${r.failed} failed`);
    if (r.failed > 0) code = 1;
  }
} catch (e) {
  const msg = e?.message ?? String(e);
  console.error(`[test:desktop] could not run desktop VS Code: ${msg}`);
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|getaddrinfo|download/i.test(msg)) {
    console.error('[test:desktop] this machine cannot download VS Code. Use `npm test` (offline code-server) instead.');
  }
  code = 1;
} finally {
  await rm(tmp, { recursive: true, force: true });
}
process.exit(code);
