#!/usr/bin/env node
// npm start [folder]: builds, then runs the extension in a VS Code. With a desktop `code` on PATH it opens an
// Extension Development Host; otherwise it serves the offline VS Code (code-server) on http://127.0.0.1:<port>
// (default 8080 or the next free one; PORT overrides) with the extension loaded. Ctrl-C stops it cleanly.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runAllCleanups } from './lib/cleanup.mjs';
import { repoRoot } from './lib/paths.mjs';
import { startServer, workbenchUrl } from './lib/vscodeServer.mjs';

const folder = path.resolve(process.argv[2] ?? process.cwd());

function onPath(name) {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => d && existsSync(path.join(d, name)));
}

execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });

if (onPath('code') && !process.env.ML_CAREER_USE_CODE_SERVER) {
  console.log(`[start] desktop VS Code found: code --extensionDevelopmentPath=${repoRoot} ${folder}`);
  const r = spawnSync('code', [`--extensionDevelopmentPath=${repoRoot}`, folder], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

// The system packages the offline VS Code needs (a desktop `code` needs none): installed with apt-get when
// missing and possible, else stop with the command that would.
const prerequisites = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'prerequisites.mjs'), '--for', 'start'], { stdio: 'inherit' });
if (prerequisites.status !== 0) process.exit(prerequisites.status ?? 1);
execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'setupTestVscode.mjs')], { stdio: 'inherit' });
const server = await startServer({ workspace: folder, port: Number(process.env.PORT) || 8080, quiet: true });
const url = workbenchUrl(server, { extensionDevelopmentPaths: [repoRoot] });
console.log(`\n[start] VS Code ${'(code-server 4.100.3)'} with ML Career Companion is serving ${folder}`);
console.log(`[start] open: ${url}`);
console.log('[start] Ctrl-C to stop (the server and its temp dir are removed).\n');
// Keep running until a signal; the cleanup registry stops the server and removes its temp dir.
await new Promise(() => {});
await runAllCleanups();
