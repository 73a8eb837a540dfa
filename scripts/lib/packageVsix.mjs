// Builds the .vsix a user installs (`npm run package`: production build + vsce) without touching the working
// tree's dist/: the package is made in a temp copy of the repository, so the development build (with source
// maps) that the other tiers and `npm start` load stays as it is. Used by the `installed` tier of scripts/test.mjs.
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdir, realpath, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.mjs';
import { makeTempDir } from './vscodeServer.mjs';

export const vsixPath = path.join(repoRoot, 'dist-vsix', 'ml-career-companion.vsix');

/** The files git would commit now: tracked ones still on disk, plus new ones that are not ignored. */
function sourceFiles() {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return [...new Set(listed.split('\0').filter(Boolean))].filter((f) => existsSync(path.join(repoRoot, f)));
}

/** Runs a command in its own process group, collecting its output; after `timeoutMs` the whole group is killed. */
function run(cmd, args, cwd, timeoutMs = 3 * 60_000) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, npm_config_update_notifier: 'false' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    const timer = setTimeout(() => {
      output += `\n(stopped after ${timeoutMs / 1000} s)`;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    for (const s of [child.stdout, child.stderr]) s.on('data', (d) => (output += d));
    child.once('error', (e) => resolve({ code: -1, output: `${output}${e.message}` }));
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * Runs `npm run package` in a temp copy of the repository and copies the result to dist-vsix/.
 * @returns {Promise<string>} the .vsix path
 * @throws {Error} with npm's output when packaging fails
 */
export async function packageExtension() {
  const { dir, remove } = await makeTempDir('ml-career-package-');
  try {
    await Promise.all(sourceFiles().map((f) => cp(path.join(repoRoot, f), path.join(dir, f), { recursive: false, verbatimSymlinks: true })));
    await symlink(await realpath(path.join(repoRoot, 'node_modules')), path.join(dir, 'node_modules'));
    const { code, output } = await run('npm', ['run', 'package'], dir);
    const built = path.join(dir, 'dist-vsix', path.basename(vsixPath));
    if (code !== 0 || !existsSync(built)) throw new Error(`npm run package failed (exit ${code}):\n${output.trim()}`);
    await mkdir(path.dirname(vsixPath), { recursive: true });
    await cp(built, vsixPath);
    return vsixPath;
  } finally {
    await remove();
  }
}
