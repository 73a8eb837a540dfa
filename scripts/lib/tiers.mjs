// Small process helpers for scripts/test.mjs and bench.mjs: run a command, run a mocha tier in a child process.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './cleanup.mjs';
import { makeTempDir } from './vscodeServer.mjs';
import { repoRoot } from './paths.mjs';

const mochaRun = path.join(path.dirname(fileURLToPath(import.meta.url)), 'mochaRun.mjs');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Files under `dir` (recursively) whose name ends with `suffix`, sorted; [] when `dir` does not exist. */
export function findFiles(dir, suffix) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const out = [];
  for (const name of entries.sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...findFiles(full, suffix));
    else if (name.endsWith(suffix)) out.push(full);
  }
  return out;
}

/**
 * Runs a command in its own process group with inherited stdio. On timeout or a signal to this process the
 * child gets SIGTERM (so it can clean up its own servers), then SIGKILL of its group after `graceMs`.
 * @returns {Promise<{code:number|null, timedOut:boolean, durationMs:number}>}
 */
export async function runCommand(cmd, args, { timeoutMs = 10 * 60_000, env = process.env, graceMs = 15_000 } = {}) {
  const started = Date.now();
  const child = spawn(cmd, args, { cwd: repoRoot, env, stdio: 'inherit', detached: true });
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    child.once('error', (e) => {
      console.error(`cannot run ${cmd}: ${e.message}`);
      resolve(127);
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(child.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
    const ended = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* group empty */
    }
    if (!ended) await exited;
  };
  const unregister = onCleanup(stop);
  let timer;
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise((r) => {
      timer = setTimeout(() => r(true), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (timedOut) await stop();
  unregister();
  return { code: await exited, timedOut, durationMs: Date.now() - started };
}

/**
 * Runs mocha over `files` in a child Node process (scripts/lib/mochaRun.mjs) and returns its counts.
 * A crash, a non-zero exit without failures, or the tier timeout each count as one failure.
 */
export async function runMochaTier(name, files, { timeoutMs, testTimeoutMs = 10_000, grep, env } = {}) {
  const tmp = await makeTempDir(`ml-career-tier-${name}-`);
  try {
    const resultFile = path.join(tmp.dir, 'result.json');
    const args = [mochaRun, '--result', resultFile, '--timeout', String(testTimeoutMs), ...(grep ? ['--grep', grep] : []), ...files];
    const run = await runCommand(process.execPath, args, { timeoutMs, env: { ...process.env, ...env } });
    const result = await readFile(resultFile, 'utf8').then(JSON.parse, () => undefined);
    const out = { passed: result?.passed ?? 0, failed: result?.failed ?? 0, failures: result?.failures ?? [], durationMs: run.durationMs };
    if (run.timedOut) {
      out.failed++;
      out.error = `tier "${name}" timed out after ${Math.round(timeoutMs / 1000)} s (a hung test?) and was stopped`;
    } else if (!result) {
      out.failed++;
      out.error = `tier "${name}" ended (exit ${run.code}) without a result: mocha crashed`;
    } else if (run.code !== 0 && out.failed === 0) {
      out.failed++;
      out.error = `tier "${name}" exited with code ${run.code}`;
    }
    return out;
  } finally {
    await tmp.remove();
  }
}
