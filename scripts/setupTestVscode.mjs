#!/usr/bin/env node
// Installs code-server (VS Code server + web workbench) offline into .vscode-test/, as described in
// shared RECIPES: its npm postinstall downloads ripgrep from GitHub, so the steps are done by hand here.
// Idempotent: skipped when the marker file exists. Usage: node scripts/setupTestVscode.mjs [--force]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, chmod, mkdir, mkdtemp, rename, rm, symlink, writeFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CODE_SERVER_VERSION, codeServerDir, codeServerEntry, codeServerMarker } from './lib/paths.mjs';

const force = process.argv.includes('--force');

function log(msg) {
  console.log(`[setup:vscode] ${msg}`);
}

function fail(msg) {
  console.error(`[setup:vscode] ERROR: ${msg}`);
  process.exit(1);
}

function run(cmd, args, cwd, env = process.env) {
  log(`$ ${cmd} ${args.join(' ')}   (in ${path.relative(process.cwd(), cwd) || '.'})`);
  try {
    execFileSync(cmd, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
  } catch (e) {
    fail(`command failed (${e.status ?? e.signal}): ${cmd} ${args.join(' ')} in ${cwd}`);
  }
}

function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
}

async function linkForce(target, linkPath) {
  await rm(linkPath, { force: true, recursive: true });
  await symlink(target, linkPath);
}

async function main() {
  if (!force && existsSync(codeServerMarker)) {
    log(`code-server ${CODE_SERVER_VERSION} already installed in ${path.relative(process.cwd(), codeServerDir)} (marker present); nothing to do.`);
    return;
  }
  const rg = findOnPath('rg');
  if (!rg) fail('ripgrep (`rg`) not found on PATH. Install it first: apt-get install -y ripgrep');

  const env = { ...process.env, npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  // node-gyp must find Node's headers locally, otherwise it tries to download them.
  const nodePrefix = path.resolve(path.dirname(process.execPath), '..');
  if (existsSync(path.join(nodePrefix, 'include', 'node', 'common.gypi'))) {
    env.npm_config_nodedir = nodePrefix;
    log(`npm_config_nodedir=${nodePrefix}`);
  } else {
    log(`warning: no Node headers in ${nodePrefix}/include/node; native rebuilds may try to download them`);
  }

  await mkdir(path.dirname(codeServerDir), { recursive: true });
  const work = await mkdtemp(path.join(path.dirname(codeServerDir), '.tmp-setup-'));
  try {
    log(`installing code-server ${CODE_SERVER_VERSION} into ${codeServerDir}`);
    run('npm', ['pack', `code-server@${CODE_SERVER_VERSION}`, '--silent'], work, env);
    const tgz = (await readdir(work)).find((f) => f.endsWith('.tgz'));
    if (!tgz) fail('npm pack produced no tarball');
    run('tar', ['-xzf', tgz], work, env);
    await rm(codeServerDir, { recursive: true, force: true });
    await rename(path.join(work, 'package'), codeServerDir);
  } finally {
    await rm(work, { recursive: true, force: true });
  }

  const vscodeDir = path.join(codeServerDir, 'lib', 'vscode');
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], vscodeDir, env);
  const rgDest = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  await mkdir(path.dirname(rgDest), { recursive: true });
  await copyFile(rg, rgDest);
  await chmod(rgDest, 0o755);
  log(`copied ${rg} -> ${path.relative(codeServerDir, rgDest)}`);
  run('npm', ['rebuild'], vscodeDir, env);
  await linkForce('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  await linkForce('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  await linkForce('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], path.join(vscodeDir, 'extensions'), env);

  run('npm', ['install', '--omit=dev', '--ignore-scripts'], codeServerDir, env);
  run('npm', ['rebuild', 'argon2'], codeServerDir, env);

  let version = '';
  try {
    // code-server writes nothing to $HOME for --version, but keep XDG dirs away from it anyway.
    const tmpHome = path.join(os.tmpdir(), 'code-server-version-check');
    version = execFileSync(process.execPath, [codeServerEntry, '--version'], {
      encoding: 'utf8',
      env: { ...process.env, XDG_CONFIG_HOME: tmpHome, XDG_DATA_HOME: tmpHome, XDG_CACHE_HOME: tmpHome },
    }).trim();
    await rm(tmpHome, { recursive: true, force: true });
  } catch (e) {
    fail(`code-server does not start: ${e.message}`);
  }
  // It may log a line (e.g. "Wrote default config file") before the version line.
  const versionLine = version.split('\n').find((l) => l.startsWith(CODE_SERVER_VERSION));
  if (!versionLine) fail(`unexpected code-server version output: ${version}`);
  await writeFile(codeServerMarker, `${CODE_SERVER_VERSION}\n${new Date().toISOString()}\n`);
  log(`done: code-server ${CODE_SERVER_VERSION}, ${versionLine.split(' with ')[1] ?? ''} ready (${path.relative(process.cwd(), codeServerEntry)})`);
}

main().catch((e) => fail(e.stack ?? String(e)));
