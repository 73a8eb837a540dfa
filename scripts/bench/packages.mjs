// The .vsix files a bench workbench installs, each with code-server's --install-extension exactly as a user
// installs a download: ours as `npm run package` makes it (production build, in a temp copy so dist/ keeps the
// development build), and the floors (test/fixtures/*-extension) packaged by the same vsce.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { packageExtension } from '../lib/packageVsix.mjs';
import { repoRoot } from '../lib/paths.mjs';
import { makeTempDir } from '../lib/vscodeServer.mjs';

const fixtures = path.join(repoRoot, 'test', 'fixtures');
const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');

/** An extension to install: its .vsix, its id (publisher.name) and the name VS Code shows for it. */
function describe(folder, vsix) {
  const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
  return { vsix, id: `${manifest.publisher}.${manifest.name}`, displayName: manifest.displayName ?? manifest.name };
}

async function packageFixture(name, outDir) {
  const folder = path.join(fixtures, name);
  const vsix = path.join(outDir, `${name}.vsix`);
  // The fixtures are private test extensions: no repository, no licence file.
  await promisify(execFile)(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: folder });
  return describe(folder, vsix);
}

let packages;

/**
 * Packages everything once per bench run (the temp dir lives until the bench's cleanup).
 * @returns {Promise<{ ours, hello, tree, probe }>} each `{ vsix, id, displayName }`
 */
export function benchPackages() {
  packages ??= (async () => {
    const { dir } = await makeTempDir('ml-career-bench-vsix-');
    const [ours, hello, tree, probe] = await Promise.all([
      packageExtension().then((vsix) => describe(repoRoot, vsix)),
      packageFixture('hello-extension', dir),
      packageFixture('bench-tree-extension', dir),
      packageFixture('bench-probe-extension', dir),
    ]);
    return { ours, hello, tree, probe };
  })();
  return packages;
}
