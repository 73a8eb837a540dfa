import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { errorMessage } from '../errors';
import { targetConflict, type TargetState } from './names';
import type { PlannedFile } from './plan';

/** A failure the user can act on; its message is shown as is. */
export class ScaffoldError extends Error {
  override readonly name = 'ScaffoldError';
}

export interface WriteRequest {
  readonly parentDir: string;
  readonly name: string;
  readonly files: readonly PlannedFile[];
  /** `git init` and a first commit with this message, or no repository. */
  readonly gitCommitMessage?: string;
  readonly onProgress?: (message: string, fraction: number) => void;
  /** Throws after this many files, so tests can prove a failed write leaves nothing behind. */
  readonly failAfterFiles?: number;
}

export interface WriteResult {
  /** The project folder. */
  readonly path: string;
  /** Why git failed, when it did: the project was still written, without a repository (it is valid without one). */
  readonly gitError?: string;
}

/**
 * The file each staging folder gets first, so a later cleanup can prove a hidden folder is ours. Its mtime is when
 * the scaffold started; it is kept out of the commit and removed before the folder is renamed into place.
 */
export const stagingMarker = '.ml-career-staging';
const stagingMarkerText = 'ML Career Companion is writing a new project in this folder. If it is still here, that scaffold was interrupted; the next scaffold into this parent folder removes it once it is an hour old.\n';
/** Older than this, a staging folder of ours belongs to a scaffold that was killed: none runs for an hour. */
export const staleStagingAgeMs = 60 * 60 * 1000;
const stagingName = /^\.[\w-]+\.scaffold-[\da-f]{8}$/;

/**
 * Removes the staging folders a killed scaffold left in `parentDir`: only real folders (never a link) named like
 * ours, holding our marker, whose marker is older than `maxAgeMs`. Anything else stays. Returns what was removed.
 */
export async function removeStaleStaging(parentDir: string, maxAgeMs = staleStagingAgeMs, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await readdir(parentDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !stagingName.test(entry.name)) continue;
    const dir = path.join(parentDir, entry.name);
    const marker = path.join(dir, stagingMarker);
    const info = await lstat(marker).catch(() => undefined);
    if (!info?.isFile() || now - info.mtimeMs < maxAgeMs) continue;
    if ((await readFile(marker, 'utf8').catch(() => '')) !== stagingMarkerText) continue;
    // rm does not follow links inside the folder: it removes the links themselves.
    await rm(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

/** What is at `dir`; a symbolic link is reported as such and never followed. */
export async function targetState(dir: string): Promise<TargetState> {
  const info = await lstat(dir).catch(() => undefined);
  if (!info) return 'missing';
  if (info.isSymbolicLink()) return 'link';
  if (!info.isDirectory()) return 'file';
  return (await readdir(dir)).length === 0 ? 'empty-dir' : 'non-empty-dir';
}

/**
 * Writes the files into a hidden sibling folder, commits if asked, and only then renames it into place, so a failed
 * write leaves no half-made project and an existing non-empty folder is never touched. A git failure does not undo
 * the project: it is returned as `gitError` and the project comes without a repository.
 */
export async function writeProject(request: WriteRequest): Promise<WriteResult> {
  const { parentDir, name, files } = request;
  const target = path.join(parentDir, name);
  const conflict = targetConflict(name, await targetState(target));
  if (conflict) throw new ScaffoldError(conflict);
  const parentInfo = await stat(parentDir).catch(() => undefined);
  if (!parentInfo?.isDirectory()) throw new ScaffoldError(`The parent folder ${parentDir} does not exist.`);

  // Leftovers of a killed scaffold; a failure here only leaves them as they were.
  await removeStaleStaging(parentDir).catch(() => undefined);

  const staging = path.join(parentDir, `.${name}.scaffold-${randomBytes(4).toString('hex')}`);
  const progress = request.onProgress ?? (() => undefined);
  try {
    await mkdir(staging);
    await writeFile(path.join(staging, stagingMarker), stagingMarkerText, { encoding: 'utf8', flag: 'wx' });
    let written = 0;
    for (const file of files) {
      if (request.failAfterFiles !== undefined && written >= request.failAfterFiles) {
        throw new Error(`simulated failure after ${written} files`);
      }
      const full = path.join(staging, ...file.path.split('/'));
      // A plan comes from our own templates, but a path escaping the project must never be written.
      if (!full.startsWith(staging + path.sep)) throw new Error(`refusing to write outside the project: ${file.path}`);
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, file.content, { encoding: 'utf8', flag: 'wx' });
      written++;
      progress(`Writing ${file.path}`, written / (files.length + 1));
    }
    let gitError: string | undefined;
    if (request.gitCommitMessage !== undefined) {
      progress('Creating the git repository', files.length / (files.length + 1));
      try {
        await initialCommit(staging, request.gitCommitMessage);
      } catch (error) {
        gitError = errorMessage(error);
        // A half-made repository (initialised, nothing committed) would only confuse; the files are what matter.
        await rm(path.join(staging, '.git'), { recursive: true, force: true });
      }
    }
    // Re-check: something may have appeared at the target while we were writing.
    const state = await targetState(target);
    const late = targetConflict(name, state);
    if (late) throw new ScaffoldError(late);
    if (state === 'empty-dir') await rmdir(target);
    await rm(path.join(staging, stagingMarker));
    await rename(staging, target);
    progress('Done', 1);
    return gitError === undefined ? { path: target } : { path: target, gitError };
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    if (error instanceof ScaffoldError) throw error;
    throw new ScaffoldError(`Could not create ${name} in ${parentDir}: ${errorMessage(error)}. Nothing was left behind.`);
  }
}

function git(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd, timeout: 60_000, windowsHide: true }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(new Error(error.code === 'ENOENT' ? 'git is not installed or not on PATH' : error.message));
        return;
      }
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

async function initialCommit(dir: string, message: string): Promise<void> {
  const must = async (args: string[]): Promise<void> => {
    const result = await git(args, dir);
    const command = args.find((arg, i) => !arg.startsWith('-') && args[i - 1] !== '-c');
    if (result.code !== 0) throw new Error(`git ${command} failed: ${result.stderr.trim() || result.stdout.trim()}`);
  };
  await must(['init', '-q']);
  await must(['add', '-A', '--', '.', `:(exclude)${stagingMarker}`]);
  // Use the person's own identity when git has one; otherwise a placeholder they can amend, rather than failing.
  const hasIdentity = (await git(['config', 'user.email'], dir)).code === 0 && (await git(['config', 'user.name'], dir)).code === 0;
  const identity = hasIdentity ? [] : ['-c', 'user.name=ML Career Companion', '-c', 'user.email=ml-career@users.noreply.github.com'];
  // This commit is ours, not the person's: no signing prompt (or failure) and none of their global hooks, so a
  // hooks folder that does not exist replaces core.hooksPath (`--no-verify` alone would still run post-commit).
  const isolated = ['-c', 'commit.gpgsign=false', '-c', `core.hooksPath=${path.join(dir, '.git', 'no-hooks')}`];
  await must([...identity, ...isolated, 'commit', '-q', '--no-verify', '-m', message]);
}
