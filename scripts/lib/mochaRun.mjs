#!/usr/bin/env node
// Runs mocha in plain Node over the given files and writes {passed, failed, failures} as JSON.
// scripts/test.mjs starts it as a child process per tier, so tiers are isolated and a hung tier can be killed.
// Usage: node scripts/lib/mochaRun.mjs --result <file> [--timeout <ms>] [--grep <re>] <file>...
import Mocha from 'mocha';
import { writeFileSync } from 'node:fs';
import { runAllCleanups } from './cleanup.mjs';

const argv = process.argv.slice(2);
const files = [];
const opts = { timeout: 10_000 };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--result') opts.result = argv[++i];
  else if (a === '--timeout') opts.timeout = Number(argv[++i]);
  else if (a === '--grep') opts.grep = argv[++i];
  else files.push(a);
}

const result = { passed: 0, failed: 0, failures: [] };
const mocha = new Mocha({ ui: 'bdd', timeout: opts.timeout, color: process.stdout.isTTY, reporter: 'spec' });
if (opts.grep) mocha.grep(opts.grep);
for (const f of files) mocha.addFile(f);
try {
  await mocha.loadFilesAsync();
} catch (e) {
  result.failed = 1;
  result.failures.push({ title: 'loading test files', message: e?.stack ?? String(e) });
  console.error(e);
  writeFileSync(opts.result, JSON.stringify(result));
  process.exit(1);
}
const runner = mocha.run(async (failures) => {
  if (opts.result) writeFileSync(opts.result, JSON.stringify(result, null, 2));
  await runAllCleanups(); // a test that forgot to close a server or browser must not keep the process alive
  process.exit(failures > 0 ? 1 : 0);
});
runner.on('pass', () => result.passed++);
runner.on('fail', (test, err) => {
  result.failed++;
  result.failures.push({ title: test.fullTitle(), message: err?.message ?? String(err) });
});
