import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { findMissing, planInstall, prerequisites, type Checks, type Machine, type Prerequisite } from '../../scripts/lib/prerequisites.mjs';
import { assertProperty } from './helpers/property';

/** Checks that see exactly `present` (Debian package names) as installed, whatever way each is detected. */
function checksSeeing(present: ReadonlySet<string>, list: Prerequisite[] = prerequisites): Checks {
  const by = (key: 'command' | 'module' | 'dpkg', name: string) => list.some((p) => present.has(p.apt) && (key === 'command' ? p.command?.includes(name) : p[key] === name));
  return {
    commandExists: (name) => by('command', name),
    missingModules: (names) => names.filter((name) => !by('module', name)),
    installedPackages: (names) => names.filter((name) => by('dpkg', name)),
  };
}

const everything = new Set(prerequisites.map((p) => p.apt));
const root: Machine = { hasAptGet: true, isRoot: true, hasPasswordlessSudo: false };

describe('prerequisites: what is missing and what to run', () => {
  it('finds nothing missing on a machine that has every package, and plans nothing', () => {
    for (const purpose of ['test', 'start'] as const) {
      const missing = findMissing(purpose, checksSeeing(everything));
      assert.deepEqual(missing, []);
      assert.deepEqual(planInstall(missing, root), { action: 'none' });
    }
  });

  it('asks Python about every module in one call and dpkg about every library in one call', () => {
    const calls: string[][] = [];
    const seen = checksSeeing(everything);
    findMissing('test', { ...seen, missingModules: (names) => (calls.push(names), seen.missingModules(names)), installedPackages: (names) => (calls.push(names), seen.installedPackages(names)) });
    assert.equal(calls.length, 2);
    assert.ok(calls[0]!.includes('torch') && calls[1]!.includes('libkrb5-dev'));
  });

  it('as root: apt-get update, then one non-interactive install of exactly the missing packages', () => {
    const missing = findMissing('test', checksSeeing(new Set([...everything].filter((p) => p !== 'ripgrep' && p !== 'python3-torch'))));
    assert.deepEqual(planInstall(missing, root), {
      action: 'install',
      commands: [
        ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'update'],
        ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '--no-install-recommends', 'ripgrep', 'python3-torch'],
      ],
    });
  });

  it('with passwordless sudo: the same commands through sudo -n', () => {
    const plan = planInstall(findMissing('test', checksSeeing(new Set())), { hasAptGet: true, isRoot: false, hasPasswordlessSudo: true });
    assert.equal(plan.action, 'install');
    for (const command of plan.action === 'install' ? plan.commands : []) assert.deepEqual(command.slice(0, 4), ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive']);
  });

  it('without rights: stops with the one command that would install them', () => {
    const plan = planInstall(findMissing('test', checksSeeing(new Set([...everything].filter((p) => p !== 'chromium')))), { hasAptGet: true, isRoot: false, hasPasswordlessSudo: false });
    assert.deepEqual(plan, { action: 'stop', reason: 'not root, and sudo asks for a password', command: 'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium' });
  });

  it('without apt-get: stops and names the Debian packages to find equivalents of', () => {
    const plan = planInstall(findMissing('start', checksSeeing(new Set())), { hasAptGet: false, isRoot: true, hasPasswordlessSudo: false });
    assert.equal(plan.action, 'stop');
    assert.match(plan.action === 'stop' ? plan.command : '', /^install these Debian packages or your system's equivalents: ripgrep libkrb5-dev g\+\+ make python3 git ca-certificates$/);
  });

  it('any command name of a prerequisite counts (Ubuntu calls Chromium chromium-browser)', () => {
    const browsers = ['chromium', 'chromium-browser', 'google-chrome'];
    const seen = checksSeeing(everything);
    const withBrowser = (browser?: string): Checks => ({ ...seen, commandExists: (name) => (browsers.includes(name) ? name === browser : seen.commandExists(name)) });
    assert.deepEqual(findMissing('test', withBrowser('chromium-browser')), []);
    assert.deepEqual(findMissing('test', withBrowser(undefined)).map((p) => p.apt), ['chromium']);
  });

  it('property: exactly the absent packages the purpose needs are missing, and the install names each once', () => {
    assertProperty(
      fc.property(fc.subarray([...everything]), fc.constantFrom('test' as const, 'start' as const), (present, purpose) => {
        const missing = findMissing(purpose, checksSeeing(new Set(present))).map((p) => p.apt);
        const expected = prerequisites.filter((p) => p.for.includes(purpose) && !present.includes(p.apt)).map((p) => p.apt);
        assert.deepEqual(missing, expected);
        const plan = planInstall(findMissing(purpose, checksSeeing(new Set(present))), root);
        if (expected.length === 0) assert.deepEqual(plan, { action: 'none' });
        else assert.deepEqual(plan.action === 'install' ? plan.commands[1]!.slice(6) : [], expected);
      }),
    );
  });

  it('start needs a subset of what test needs', () => {
    for (const p of prerequisites) if (p.for.includes('start')) assert.ok(p.for.includes('test'), `${p.apt} is needed by start but not test`);
  });
});
