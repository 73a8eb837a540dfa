import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Template } from '../../../src/core/scaffold/manifestSchema';
import { planProject } from '../../../src/core/scaffold/plan';
import { writeProject } from '../../../src/core/scaffold/writeProject';
import { runCommand, type CommandResult } from './processes';

/** Debian's python3 has the packages the generated projects need; a pyenv shim earlier on PATH may not. */
export const debianPython = process.env.ML_CAREER_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

/**
 * A valid name a user may well pick that is hard on the generated code: as long as names go (50 characters), mixed case,
 * digits, "-" and "_". Lines that hold the package name must still fit the line length.
 */
export const hostileName = 'Career_Portfolio-2025-With-A-Long-Name-for-Lint-v9';

/** A description longer than any line limit, with the punctuation people write ("'", "—", "%", "#", "$"). */
export const hostileDescription =
  "Shows what the model can't do — and what it can: 100% offline, #1 on its own tests, $0 to run; a description written " +
  'to run well past the line length any linter enforces, as real descriptions do.';

/** Writes the project a user gets with every option on, with the hostile name and description, under `parentDir`. */
export async function scaffoldHostileProject(template: Template, parentDir: string): Promise<string> {
  const withDescription: Template = { ...template, manifest: { ...template.manifest, description: hostileDescription } };
  const files = planProject(withDescription, { name: hostileName, license: 'MIT', docker: true, ci: true, year: 2025 });
  const { path: dir } = await writeProject({ parentDir, name: hostileName, files });
  return dir;
}

/** The environment generated projects run in: no stray bytecode, no PYTHONPATH from the caller. */
export function projectEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
  delete env.PYTHONPATH;
  delete env.VIRTUAL_ENV;
  return env;
}

/**
 * What `make install` does for a user, offline: a `.venv` in the project that sees Debian's packages (numpy, torch,
 * fastapi…), the project installed into it in editable mode, and ruff and uvicorn from pip's configured index.
 * Returns the first failing step's result, or the last one.
 */
export async function installIntoVenv(dir: string): Promise<CommandResult> {
  const venvPython = path.join(dir, '.venv', 'bin', 'python');
  const options = { cwd: dir, env: projectEnv(), timeoutMs: 180_000 };
  // --retries 0: an index that cannot be reached is skipped at once instead of after five backed-off retries.
  const steps: ReadonlyArray<readonly [string, string[]]> = [
    [debianPython, ['-m', 'venv', '--system-site-packages', '.venv']],
    [venvPython, ['-m', 'pip', 'install', '--quiet', '--retries', '0', '--no-deps', '--no-build-isolation', '-e', '.']],
    [venvPython, ['-m', 'pip', 'install', '--quiet', '--retries', '0', 'ruff', 'uvicorn']],
  ];
  let last: CommandResult | undefined;
  for (const [command, args] of steps) {
    last = await runCommand(command, args, options);
    if (last.code !== 0) return { ...last, output: `${command} ${args.join(' ')}\n${last.output}` };
  }
  if (!last) throw new Error('no install step ran');
  return last;
}
