import { basename, dirname, join } from 'node:path';
import { errorMessage } from '../core/errors';

/**
 * The bundles esbuild.mjs builds beside dist/extension.js for code activation does not need: each is read on first
 * use. To add one: an entry module here, the same name and entry in esbuild.mjs's `lazyBundles`, and its file in
 * .vscodeignore's allowlist (test/unit/lazyBundles.test.ts checks the three agree). Only `import type` an entry
 * module from code in the main bundle: a value import would put the whole bundle back into the startup path.
 */
export interface LazyBundles {
  templates: typeof import('../scaffold/templateBundle');
  scaffold: typeof import('../scaffold/scaffoldBundle');
  portfolio: typeof import('../portfolio/portfolioBundle');
  roadmapPanel: typeof import('../roadmapPanel/roadmapPanelBundle');
  evidence: typeof import('../evidence/evidenceBundle');
  export: typeof import('../export/exportBundle');
  customRoadmap: typeof import('../customRoadmap/customRoadmapBundle');
  notes: typeof import('../notes/notesBundle');
  skillCommands: typeof import('../roadmapTree/skillCommandsBundle');
  commandArgs: typeof import('../commands/commandArgsBundle');
  roadmapCore: typeof import('../roadmapCore/roadmapCoreBundle');
}

export type LazyBundleName = keyof LazyBundles;

const bundleFile = (name: LazyBundleName): string => join(__dirname, `${name}.js`);

/**
 * Which lazy bundles this extension host has loaded so far (the integration tests check startup loads none). Read
 * from Node's module cache: a bundle may be loaded from another bundle, through that bundle's copy of this module.
 */
export function loadedBundles(): LazyBundleName[] {
  return Object.keys(require.cache)
    .filter((file) => dirname(file) === __dirname && file.endsWith('.js'))
    .map((file) => basename(file, '.js'))
    .filter((name): name is LazyBundleName => name !== 'extension');
}

/** The bundle if it has been loaded, without loading it. */
export function loadedBundle<K extends LazyBundleName>(name: K): LazyBundles[K] | undefined {
  return require.cache[bundleFile(name)]?.exports as LazyBundles[K] | undefined;
}

/**
 * dist/<name>.js, required on the first call and the same module after (Node caches it). A missing file (a package
 * without it) fails with a message naming it, not Node's bare "Cannot find module".
 */
export function lazyBundle<K extends LazyBundleName>(name: K): () => LazyBundles[K] {
  return () => {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle beside this one, loaded on first use
      return require(bundleFile(name)) as LazyBundles[K];
    } catch (error) {
      throw new Error(`ML Career could not load its ${name} bundle (dist/${name}.js): ${errorMessage(error)}`);
    }
  };
}
