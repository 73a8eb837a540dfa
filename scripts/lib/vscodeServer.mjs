// Runs the offline VS Code (code-server 4.100.3 = VS Code 1.100.3) and a headless Chromium against it.
// Shared by scripts/test.mjs, start.mjs, bench.mjs, the harness tests and the UI test helpers
// (test/ui/workbench.ts). See shared RECIPES for why each flag is there.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { onCleanup } from './cleanup.mjs';
import { codeServerEntry, codeServerMarker, workspaceFixture } from './paths.mjs';

/** Settings every run gets: a quiet, offline workbench. `settings` passed by callers override these. */
export const defaultSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Creates a temp dir (removed by the returned `remove()`, also registered for signals). */
export async function makeTempDir(prefix = 'ml-career-') {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const remove = async () => {
    unregister();
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  const unregister = onCleanup(remove);
  return { dir, remove };
}

/** A free TCP port on 127.0.0.1: `preferred` and the following ones if given, else one the OS picks. */
export async function freePort(preferred) {
  const tryPort = (port) =>
    new Promise((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(undefined));
      srv.listen(port, '127.0.0.1', () => {
        const p = srv.address().port;
        srv.close(() => resolve(p));
      });
    });
  if (preferred) {
    for (let p = preferred; p < preferred + 50; p++) {
      const got = await tryPort(p);
      if (got) return got;
    }
  }
  const got = await tryPort(0);
  if (!got) throw new Error('no free port on 127.0.0.1');
  return got;
}

export function assertCodeServerInstalled() {
  if (!existsSync(codeServerMarker) || !existsSync(codeServerEntry)) {
    throw new Error('code-server is not installed. Run `npm run setup:vscode` (node scripts/setupTestVscode.mjs) first.');
  }
}

/** Kills a detached process group: SIGTERM, then SIGKILL after `graceMs`. Resolves when the leader exited. */
async function killGroup(child, graceMs = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) {
    // The leader is gone but its group may not be (the extension host is a child of the server).
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* group already empty */
    }
    return;
  }
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  const done = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* group already empty */
  }
  if (!done) await Promise.race([exited, sleep(2000)]);
}

/** Installs a `.vsix` into `extensionsDir` through code-server's own installer (unpacked, not linked). */
async function installVsix(vsix, { extensionsDir, userDataDir, env }) {
  const args = [codeServerEntry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', path.resolve(vsix)];
  const { code, output } = await new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    for (const s of [child.stdout, child.stderr]) s.on('data', (d) => (text += d));
    child.once('error', (e) => resolve({ code: -1, output: e.message }));
    child.once('exit', (c) => resolve({ code: c, output: text }));
  });
  // code-server reports some install failures (a broken package) on stdout with exit 0, so check the result too.
  if (code !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsix} failed (exit ${code}):\n${output.trim()}`);
  }
}

/**
 * Starts code-server in its own process group with every state dir inside a fresh temp dir.
 * @param {object} [o]
 * @param {string|null} [o.workspace] folder or .code-workspace file to open; default: a fresh temp copy of
 *   test/fixtures/workspace; null: none
 * @param {object} [o.settings] user settings (merged over defaultSettings)
 * @param {Record<string,string>} [o.env] extra environment (reaches the extension host)
 * @param {number} [o.port] preferred port (default: any free one)
 * @param {string[]} [o.extraArgs] extra code-server arguments
 * @param {string[]} [o.linkExtensions] extensions to install: folders are symlinked into the extensions dir (the
 *   payload loads only one extensionDevelopmentPath, so use this for a second extension); `.vsix` files are
 *   installed with `--install-extension`, exactly as a user installs a downloaded package
 * @param {boolean} [o.quiet] do not echo server output (it is always written to `logFile`)
 * @returns {Promise<{port:number, baseUrl:string, tmp:string, workspace:string|null, logFile:string, env:object, stop:()=>Promise<void>}>}
 */
export async function startServer(o = {}) {
  assertCodeServerInstalled();
  const { dir: tmp, remove } = await makeTempDir('ml-career-vscode-');
  let child;
  const stop = async () => {
    unregister();
    if (child) await killGroup(child);
    await remove();
  };
  const unregister = onCleanup(stop);
  try {
    const dirs = Object.fromEntries(['home', 'config', 'data', 'cache', 'ud', 'ext'].map((d) => [d, path.join(tmp, d)]));
    await Promise.all(Object.values(dirs).map((d) => mkdir(d, { recursive: true })));
    await mkdir(path.join(dirs.ud, 'User'), { recursive: true });
    await writeFile(path.join(dirs.ud, 'User', 'settings.json'), JSON.stringify({ ...defaultSettings, ...o.settings }, null, 2));

    for (const ext of o.linkExtensions ?? []) {
      if (ext.endsWith('.vsix')) {
        await installVsix(ext, { extensionsDir: dirs.ext, userDataDir: dirs.ud, env: { ...process.env, HOME: dirs.home, XDG_CONFIG_HOME: dirs.config, XDG_DATA_HOME: dirs.data } });
        continue;
      }
      const manifest = JSON.parse(await readFile(path.join(ext, 'package.json'), 'utf8'));
      await symlink(path.resolve(ext), path.join(dirs.ext, `${manifest.publisher}.${manifest.name}-${manifest.version}`));
    }

    let workspace = o.workspace === undefined ? path.join(tmp, 'workspace') : o.workspace;
    if (o.workspace === undefined) await cp(workspaceFixture, workspace, { recursive: true });
    if (workspace) workspace = path.resolve(workspace);

    const port = await freePort(o.port);
    const configFile = path.join(tmp, 'config.yaml');
    await writeFile(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const env = {
      ...process.env,
      HOME: dirs.home,
      XDG_CONFIG_HOME: dirs.config,
      XDG_DATA_HOME: dirs.data,
      XDG_CACHE_HOME: dirs.cache,
      XDG_RUNTIME_DIR: tmp,
      VSCODE_PROXY_URI: '',
      ...o.env,
    };
    const args = [
      codeServerEntry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--config', configFile,
      '--user-data-dir', dirs.ud,
      '--extensions-dir', dirs.ext,
      ...(o.extraArgs ?? []),
      ...(workspace ? [workspace] : []),
    ];
    const logFile = path.join(tmp, 'server.log');
    const logStream = createWriteStream(logFile);
    child = spawn(process.execPath, args, { cwd: tmp, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const s of [child.stdout, child.stderr]) {
      s.on('data', (d) => {
        logStream.write(d);
        if (!o.quiet) process.stderr.write(d);
      });
    }
    child.once('exit', () => logStream.end());

    const baseUrl = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`code-server exited early (code ${child.exitCode}); see its output above`);
      try {
        const res = await fetch(`${baseUrl}/healthz`);
        if (res.ok) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`code-server did not answer ${baseUrl}/healthz within 30 s`);
      await sleep(150);
    }
    return { port, baseUrl, tmp, workspace, logFile, env, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The Chromium to drive: $CHROMIUM_PATH, else the first of chromium / chromium-browser / google-chrome on PATH. */
export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
      if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
    }
  }
  throw new Error('Chromium not found on PATH (apt-get install -y chromium), or set CHROMIUM_PATH.');
}

/**
 * Launches headless Chromium with a throwaway profile; its HOME/XDG dirs point into `tmp` so it writes
 * nothing (e.g. ~/.pki) into the real home. `close()` is idempotent.
 */
export async function launchBrowser({ tmp, viewport = { width: 1280, height: 800 } } = {}) {
  const { chromium } = await import('playwright-core');
  const owned = tmp ? undefined : await makeTempDir('ml-career-browser-');
  const base = tmp ?? owned.dir;
  const home = path.join(base, 'browser-home');
  await mkdir(home, { recursive: true });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache'), XDG_DATA_HOME: path.join(home, '.local') },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    unregister();
    await Promise.race([browser.close().catch(() => undefined), sleep(5000)]);
    if (owned) await owned.remove();
  };
  const unregister = onCleanup(close);
  return { browser, page, close };
}

/** The workbench URL for `server` with a payload (extensionDevelopmentPath, extensionTestsPath, …). */
export function workbenchUrl(server, { extensionDevelopmentPaths = [], extensionTestsPath, folder = server.workspace } = {}) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p).split(path.sep).join('/')}`;
  const payload = [
    ...extensionDevelopmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
    ...(extensionTestsPath ? [['extensionTestsPath', remote(extensionTestsPath)]] : []),
    ['enableProposedApi', ''],
    ['skipWelcome', 'true'],
  ];
  const query = [];
  // A .code-workspace file opens as a (multi-root) workspace, anything else as a folder.
  if (folder) query.push(`${folder.endsWith('.code-workspace') ? 'workspace' : 'folder'}=${encodeURIComponent(path.resolve(folder))}`);
  // No payload at all unless something is loaded in development mode: any payload puts the web workbench in
  // extension-development mode, where it ignores `workbench.colorTheme` (always Light+); UI tests install instead.
  if (extensionDevelopmentPaths.length > 0 || extensionTestsPath) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${server.baseUrl}/${query.length ? `?${query.join('&')}` : ''}`;
}

/** Workbench chatter forwarded through codeAutomationLog that says nothing about the tests (offline gallery, sockets). */
const workbenchNoise = /^(?:Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|\[Service Worker\]|ChatSessionStore:|getaddrinfo ENOTFOUND open-vsx\.org)/;

/**
 * Runs an extension test suite (a module exporting `run(): Promise<void>`) inside a real extension host.
 * The suite must write its result JSON ({passed, failed, failures}) to $ML_CAREER_TEST_RESULT: a crashed
 * extension host is reported by the workbench as exit 0, so a run without that file is a failure.
 * Never throws: every problem becomes `ok: false` with an `error` message. Always cleans up.
 *
 * @param {object} o
 * @param {string[]} o.extensionDevelopmentPaths (the workbench loads one: the last)
 * @param {string[]} [o.linkExtensions] more extensions, installed by symlink
 * @param {string} o.extensionTestsPath
 * @param {string|null} [o.workspace] see startServer
 * @param {Record<string,string>} [o.env] extra environment for the extension host
 * @param {number} [o.timeoutMs] whole-run timeout (default 5 min)
 * @param {(line:string)=>void} [o.onLog] receives the suite's console output (default: stdout)
 * @returns {Promise<{ok:boolean, tmp?:string, exitCode?:number, passed:number, failed:number, failures:{title:string,message:string}[], error?:string, timedOut:boolean, durationMs:number, result?:object}>}
 */
export async function runExtensionTests(o) {
  const started = Date.now();
  const onLog = o.onLog ?? ((line) => process.stdout.write(`${line}\n`));
  const log = (line) => {
    if (!workbenchNoise.test(line)) onLog(line);
  };
  const timeoutMs = o.timeoutMs ?? 5 * 60_000;
  let server;
  let browser;
  let timer;
  const out = { ok: false, passed: 0, failed: 0, failures: [], timedOut: false, durationMs: 0 };
  try {
    const resultTmp = await makeTempDir('ml-career-result-');
    const resultFile = path.join(resultTmp.dir, 'result.json');
    try {
      const run = (async () => {
        server = await startServer({ workspace: o.workspace, linkExtensions: o.linkExtensions, settings: o.settings, env: { ...o.env, ML_CAREER_TEST_RESULT: resultFile }, quiet: true });
        out.tmp = server.tmp;
        browser = await launchBrowser({ tmp: server.tmp });
        const exited = new Promise((resolve) => {
          void browser.page.exposeFunction('codeAutomationExit', (code) => resolve(code));
        });
        await browser.page.exposeFunction('codeAutomationLog', (type, args) => {
          // The workbench forwards console calls as (format, ...args), e.g. mocha's '%s%s'.
          log(format(...(Array.isArray(args) ? args : [args])).replace(/\n$/, ''));
        });
        await browser.page.goto(workbenchUrl(server, { extensionDevelopmentPaths: o.extensionDevelopmentPaths, extensionTestsPath: o.extensionTestsPath }));
        return exited;
      })();
      const timeout = new Promise((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const code = await Promise.race([run, timeout]);
      if (code === 'timeout') {
        out.timedOut = true;
        out.error = `timed out after ${Math.round(timeoutMs / 1000)} s: the extension tests never finished (a hung test or extension host)`;
      } else {
        out.exitCode = code;
        const result = await readFile(resultFile, 'utf8').then(JSON.parse, () => undefined);
        if (result) {
          out.result = result;
          out.passed = result.passed ?? 0;
          out.failed = result.failed ?? 0;
          out.failures = result.failures ?? [];
        }
        if (!result) {
          out.error = `the extension host ended (exit ${code}) without writing a test result: it crashed or the suite never ran`;
        } else if (code !== 0 && out.failed === 0) {
          out.error = `the test run exited with code ${code}`;
        }
        out.ok = Boolean(result) && code === 0 && out.failed === 0;
      }
    } finally {
      await resultTmp.remove();
    }
  } catch (e) {
    out.error = e?.message ?? String(e);
  } finally {
    clearTimeout(timer);
    if (!out.ok && server && !o.quietLogs) {
      const tail = await readFile(server.logFile, 'utf8').catch(() => '');
      if (tail.trim()) onLog(`--- code-server log (tail) ---\n${tail.split('\n').slice(-25).join('\n')}`);
    }
    await browser?.close();
    await server?.stop();
    out.durationMs = Date.now() - started;
  }
  return out;
}
