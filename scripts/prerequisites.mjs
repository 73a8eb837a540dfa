#!/usr/bin/env node
// The system packages `npm test` and `npm start` need (Chromium, ripgrep, build tools, Python and the packages
// generated projects import). Both run this first. All present: one line, in a few tens of milliseconds.
// Some missing: installs them with apt-get when it can (root, or passwordless sudo), printing exactly what, or
// stops with exit 1 and the one command that would.
//
//   node scripts/prerequisites.mjs [--for test|start]     (default: test)
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { describeCheck, findMissing, planInstall } from './lib/prerequisites.mjs';

const python = '/usr/bin/python3';
const log = (msg) => console.log(`[prerequisites] ${msg}`);

function commandExists(name) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir || '.', name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** find_spec locates a module without importing it (importing torch alone takes seconds). */
function missingModules(names) {
  const script = 'import sys, importlib.util as u\nfor m in sys.argv[1:]:\n    u.find_spec(m) is None and print(m)';
  const r = spawnSync(python, ['-c', script, ...names], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n').filter(Boolean) : names;
}

function installedPackages(names) {
  // Exit 1 when some name is unknown to dpkg; the lines for the others are still printed.
  const r = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\\n', ...names], { encoding: 'utf8' });
  return (r.stdout ?? '').split('\n').filter((line) => line.endsWith(' installed')).map((line) => line.split(/[ :]/)[0]);
}

const checks = { commandExists, missingModules, installedPackages };

function machine() {
  const isRoot = process.getuid?.() === 0;
  return {
    hasAptGet: commandExists('apt-get'),
    isRoot,
    hasPasswordlessSudo: !isRoot && commandExists('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0,
  };
}

function main() {
  const purposeAt = process.argv.indexOf('--for');
  const purpose = purposeAt >= 0 ? process.argv[purposeAt + 1] : 'test';
  if (!['test', 'start'].includes(purpose)) {
    console.error(`[prerequisites] unknown --for "${purpose}"; use test or start`);
    return 2;
  }
  const started = performance.now();
  const missing = findMissing(purpose, checks);
  if (missing.length === 0) {
    log(`ok: every system package npm ${purpose} needs is present (${Math.round(performance.now() - started)} ms)`);
    return 0;
  }
  log(`missing for npm ${purpose}: ${missing.map((p) => `${p.apt} (${describeCheck(p)})`).join(', ')}`);
  const plan = planInstall(missing, machine());
  if (plan.action === 'stop') {
    console.error(`[prerequisites] cannot install them here (${plan.reason}). Run this, then try again:\n\n  ${plan.command}\n`);
    return 1;
  }
  log(`installing ${missing.length} Debian package(s): ${missing.map((p) => p.apt).join(' ')}`);
  for (const command of plan.commands) {
    log(`$ ${command.join(' ')}`);
    const r = spawnSync(command[0], command.slice(1), { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) {
      console.error(`[prerequisites] ${command.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})`);
      return 1;
    }
  }
  const still = findMissing(purpose, checks);
  if (still.length > 0) {
    console.error(`[prerequisites] still missing after apt-get install: ${still.map((p) => `${p.apt} (${describeCheck(p)})`).join(', ')}`);
    return 1;
  }
  log('installed; everything is present now');
  return 0;
}

process.exitCode = main();
