// The system packages `npm test` and `npm start` need on Debian or Ubuntu, how to tell each is present, and what
// to do when some are missing. Pure: the checks are passed in, so the unit tests decide what is "installed".
// scripts/prerequisites.mjs runs the real checks and carries the plan out.

/**
 * Each prerequisite is a Debian package and one way to tell it is there: a `command` on PATH (any of several
 * names), a Python `module` importable by /usr/bin/python3, or (for libraries and data) the package installed
 * per dpkg. `for` lists the commands that need it: `start` needs what builds the offline VS Code (and git, which
 * scaffolding runs); `test` also needs the browser and what the generated projects' own tests import.
 */
export const prerequisites = [
  { apt: 'chromium', command: ['chromium', 'chromium-browser', 'google-chrome'], for: ['test'] },
  { apt: 'ripgrep', command: ['rg'], for: ['start', 'test'] },
  { apt: 'libkrb5-dev', dpkg: 'libkrb5-dev', for: ['start', 'test'] },
  { apt: 'g++', command: ['g++'], for: ['start', 'test'] },
  { apt: 'make', command: ['make'], for: ['start', 'test'] },
  { apt: 'python3', command: ['python3'], for: ['start', 'test'] },
  { apt: 'python3-pytest', module: 'pytest', for: ['test'] },
  { apt: 'python3-numpy', module: 'numpy', for: ['test'] },
  { apt: 'python3-sklearn', module: 'sklearn', for: ['test'] },
  { apt: 'python3-pandas', module: 'pandas', for: ['test'] },
  { apt: 'python3-torch', module: 'torch', for: ['test'] },
  { apt: 'python3-fastapi', module: 'fastapi', for: ['test'] },
  { apt: 'python3-httpx', module: 'httpx', for: ['test'] },
  // Debian ships `ensurepip` (what `python3 -m venv` needs) only in python3-venv.
  { apt: 'python3-venv', module: 'ensurepip', for: ['test'] },
  { apt: 'python3-pip', module: 'pip', for: ['test'] },
  { apt: 'curl', command: ['curl'], for: ['test'] },
  { apt: 'git', command: ['git'], for: ['start', 'test'] },
  { apt: 'ca-certificates', dpkg: 'ca-certificates', for: ['start', 'test'] },
];

/** How a prerequisite is checked, in words, for the report of what is missing. */
export function describeCheck(p) {
  if (p.command) return `${p.command.join(' or ')} on PATH`;
  if (p.module) return `python3 -c "import ${p.module}"`;
  return `dpkg package ${p.dpkg}`;
}

/**
 * The prerequisites of `purpose` that are missing.
 * @param {'start'|'test'} purpose
 * @param {{commandExists(name: string): boolean, missingModules(names: string[]): string[], installedPackages(names: string[]): string[]}} checks
 *   `missingModules` gets every module at once (one Python process) and `installedPackages` every dpkg name at once
 * @returns {typeof prerequisites}
 */
export function findMissing(purpose, checks, list = prerequisites) {
  const wanted = list.filter((p) => p.for.includes(purpose));
  const modules = wanted.filter((p) => p.module).map((p) => p.module);
  const missingModules = new Set(modules.length > 0 ? checks.missingModules(modules) : []);
  const dpkgNames = wanted.filter((p) => p.dpkg).map((p) => p.dpkg);
  const installed = new Set(dpkgNames.length > 0 ? checks.installedPackages(dpkgNames) : []);
  return wanted.filter((p) => {
    if (p.command) return !p.command.some((name) => checks.commandExists(name));
    if (p.module) return missingModules.has(p.module);
    return !installed.has(p.dpkg);
  });
}

const aptInstall = (packages) => ['apt-get', 'install', '-y', '--no-install-recommends', ...packages];

/**
 * What to do about `missing` on this machine.
 * @param {typeof prerequisites} missing
 * @param {{hasAptGet: boolean, isRoot: boolean, hasPasswordlessSudo: boolean}} machine
 * @returns {{action: 'none'} | {action: 'install', commands: string[][]} | {action: 'stop', reason: string, command: string}}
 *   `install`: argument vectors to run in order; `stop`: why not, and the one command a person with rights would run
 */
export function planInstall(missing, machine) {
  if (missing.length === 0) return { action: 'none' };
  const packages = missing.map((p) => p.apt);
  if (!machine.hasAptGet) {
    return { action: 'stop', reason: 'apt-get is not available', command: `install these Debian packages or your system's equivalents: ${packages.join(' ')}` };
  }
  if (machine.isRoot || machine.hasPasswordlessSudo) {
    // apt-get must not ask anything (no stdin in CI); `env` carries the setting through sudo's reset environment.
    const prefix = machine.isRoot ? ['env', 'DEBIAN_FRONTEND=noninteractive'] : ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'];
    return { action: 'install', commands: [[...prefix, 'apt-get', 'update'], [...prefix, ...aptInstall(packages)]] };
  }
  return { action: 'stop', reason: 'not root, and sudo asks for a password', command: `sudo apt-get update && sudo ${aptInstall(packages).join(' ')}` };
}
