import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { removeStaleStaging, stagingMarker, writeProject } from '../../src/core/scaffold/writeProject';

const repoRoot = path.join(__dirname, '../../..');

/** Sets the times of `target` and everything under it to `when`, as if it had been written then. */
async function age(target: string, when: Date): Promise<void> {
  for (const entry of await readdir(target, { recursive: true, withFileTypes: true })) {
    if (!entry.isSymbolicLink()) await utimes(path.join(entry.parentPath, entry.name), when, when);
  }
  await utimes(target, when, when);
}

async function waitFor(file: string, timeoutMs: number): Promise<void> {
  for (const started = Date.now(); !existsSync(file); ) {
    if (Date.now() - started > timeoutMs) throw new Error(`${file} did not appear within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a scaffold killed mid-way leaves no staging folder for good', function () {
  this.timeout(30_000);
  let work: string;
  let parent: string;

  beforeEach(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'mlc-staging-'));
    parent = path.join(work, 'projects');
    await mkdir(parent);
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  /** Runs writeProject in a child Node process whose `git` hangs, and SIGKILLs it (and its git) during `git init`. */
  async function killDuringGitInit(name: string): Promise<string> {
    const bin = path.join(work, 'bin');
    const started = path.join(work, 'git-started');
    await mkdir(bin, { recursive: true });
    await writeFile(path.join(bin, 'git'), `#!/bin/sh\necho "$@" > "${started}"\nexec sleep 60\n`);
    await chmod(path.join(bin, 'git'), 0o755);
    const child = path.join(work, 'child.cjs');
    await esbuild.build({
      stdin: {
        contents: `import { writeProject } from './src/core/scaffold/writeProject';
          void writeProject({ parentDir: process.argv[2], name: process.argv[3], gitCommitMessage: 'Scaffold',
            files: [{ path: 'README.md', content: '# x\\n' }, { path: 'src/pkg/__init__.py', content: '' }] });`,
        resolveDir: repoRoot,
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: child,
      logLevel: 'silent',
    });
    const proc = spawn(process.execPath, [child, parent, name], { detached: true, stdio: 'ignore', env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` } });
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    try {
      await waitFor(started, 15_000);
    } finally {
      // The whole process group: the Node process and the `sleep` standing in for git.
      process.kill(-proc.pid!, 'SIGKILL');
    }
    await exited;
    const left = (await readdir(parent)).filter((entry) => entry.startsWith(`.${name}.scaffold-`));
    assert.equal(left.length, 1, `the killed scaffold left its staging folder: ${(await readdir(parent)).join(', ')}`);
    return path.join(parent, left[0]!);
  }

  it('the next scaffold removes an old staging folder of ours, and leaves look-alikes, fresh ones and links alone', async () => {
    const staging = await killDuringGitInit('killed');
    assert.ok(existsSync(path.join(staging, 'README.md')), 'the child had written its files');

    // A fresh staging folder of ours (another scaffold may be running right now): same content, written just now.
    const fresh = path.join(parent, '.fresh.scaffold-0123abcd');
    await cp(staging, fresh, { recursive: true });
    // Old, named like ours, but without what makes a folder provably ours.
    const lookAlike = path.join(parent, '.mine.scaffold-89abcdef');
    await mkdir(lookAlike);
    await writeFile(path.join(lookAlike, 'notes.txt'), 'my own notes');
    // A link named like ours, to an old copy of a staging folder elsewhere: neither the link nor its target go.
    const elsewhere = path.join(work, 'elsewhere');
    await cp(staging, elsewhere, { recursive: true });
    const link = path.join(parent, '.linked.scaffold-fedcba98');
    await symlink(elsewhere, link, 'dir');
    // A plain file named like ours.
    const file = path.join(parent, '.file.scaffold-00000000');
    await writeFile(file, 'not a folder');

    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    for (const old of [staging, lookAlike, elsewhere]) await age(old, twoHoursAgo);
    await utimes(file, twoHoursAgo, twoHoursAgo);

    await writeProject({ parentDir: parent, name: 'next', files: [{ path: 'README.md', content: '# next\n' }] });

    assert.deepEqual((await readdir(parent)).sort(), [path.basename(file), path.basename(fresh), path.basename(link), path.basename(lookAlike), 'next'].sort());
    assert.equal(await readFile(path.join(lookAlike, 'notes.txt'), 'utf8'), 'my own notes');
    assert.ok(existsSync(path.join(elsewhere, 'README.md')), 'the link target is untouched');
    assert.ok(existsSync(path.join(fresh, 'README.md')), 'the fresh staging folder is untouched');
  });

  it('cleanup leaves a folder whose marker is not ours: other content, or a link', async () => {
    const hourAndAHalfAgo = new Date(Date.now() - 90 * 60 * 1000);
    const otherContent = path.join(parent, '.other.scaffold-0000aaaa');
    await mkdir(otherContent);
    await writeFile(path.join(otherContent, stagingMarker), 'someone else\'s marker\n');
    const linkedMarker = path.join(parent, '.linkedmarker.scaffold-0000bbbb');
    await mkdir(linkedMarker);
    await writeFile(path.join(work, 'real-marker'), 'x');
    await symlink(path.join(work, 'real-marker'), path.join(linkedMarker, stagingMarker));
    for (const dir of [otherContent, linkedMarker]) await age(dir, hourAndAHalfAgo);
    assert.deepEqual(await removeStaleStaging(parent), []);
    assert.deepEqual((await readdir(parent)).sort(), [path.basename(linkedMarker), path.basename(otherContent)]);
  });
});
