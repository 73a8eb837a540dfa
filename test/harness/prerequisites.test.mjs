/* global describe, it, beforeEach, afterEach */
// scripts/prerequisites.mjs as npm test and npm start run it, on a PATH where ripgrep and curl are missing and
// apt-get (and sudo, for a run that is not root) are stand-ins that record what they are asked and "install"
// the commands. The decisions themselves are unit-tested (test/unit/prerequisites.test.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../scripts/lib/paths.mjs';
import { prerequisites } from '../../scripts/lib/prerequisites.mjs';

const script = path.join(repoRoot, 'scripts', 'prerequisites.mjs');
const absent = ['rg', 'curl'];

function which(name) {
  return (process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, name)).find((p) => existsSync(p));
}

function executable(file, text) {
  writeFileSync(file, text);
  chmodSync(file, 0o755);
}

describe('prerequisites: what npm test and npm start do about missing system packages', function () {
  this.timeout(30_000);
  let tmp;
  let bin;
  let aptLog;

  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ml-career-prereq-'));
    bin = path.join(tmp, 'bin');
    aptLog = path.join(tmp, 'apt.log');
    mkdirSync(bin);
    // Every command the checks look for (the first name found of each), and what the script itself runs.
    const needed = prerequisites.flatMap((p) => (p.command ? [p.command.find((name) => which(name))] : [])).filter((name) => name && !absent.includes(name));
    // `true`: what the script's `sudo -n true` probe runs through the stand-in sudo when not root.
    for (const name of [...needed, 'dpkg-query', 'env', 'true']) symlinkSync(which(name), path.join(bin, name));
  });

  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  const run = () => spawnSync(process.execPath, [script, '--for', 'test'], { encoding: 'utf8', env: { ...process.env, PATH: bin } });

  it('installs exactly the missing packages with apt-get update and one apt-get install, saying which', () => {
    const install = absent.map((name) => `printf '#!/bin/sh\\n' > ${bin}/${name}; /bin/chmod +x ${bin}/${name}`).join('; ');
    executable(path.join(bin, 'apt-get'), `#!/bin/sh\necho "$DEBIAN_FRONTEND $*" >> ${aptLog}\n[ "$1" = install ] && { ${install}; }\nexit 0\n`);
    executable(path.join(bin, 'sudo'), '#!/bin/sh\n[ "$1" = -n ] && shift\nexec "$@"\n');
    const r = run();
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /missing for npm test: ripgrep \(rg on PATH\), curl \(curl on PATH\)/);
    assert.match(r.stdout, /installing 2 Debian package\(s\): ripgrep curl/);
    assert.deepEqual(readFileSync(aptLog, 'utf8').trim().split('\n'), ['noninteractive update', 'noninteractive install -y --no-install-recommends ripgrep curl']);
    // Now all is present: one line, and no apt-get.
    const again = run();
    assert.equal(again.status, 0);
    assert.match(again.stdout, /^\[prerequisites\] ok: every system package npm test needs is present \(\d+ ms\)\n$/);
    assert.equal(readFileSync(aptLog, 'utf8').trim().split('\n').length, 2);
  });

  it('without apt-get: stops at once (exit 1) and names the packages to install', () => {
    const r = run();
    assert.equal(r.status, 1);
    assert.match(r.stderr, /cannot install them here \(apt-get is not available\)/);
    assert.match(r.stderr, /install these Debian packages or your system's equivalents: ripgrep curl\n/);
  });

  it('fails when apt-get fails, showing the command', () => {
    executable(path.join(bin, 'apt-get'), '#!/bin/sh\nexit 100\n');
    executable(path.join(bin, 'sudo'), '#!/bin/sh\n[ "$1" = -n ] && shift\nexec "$@"\n');
    const r = run();
    assert.equal(r.status, 1);
    assert.match(r.stderr, /apt-get update failed \(exit 100\)/);
  });
});
