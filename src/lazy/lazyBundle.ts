import * as path from 'node:path';
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
}

export type LazyBundleName = keyof LazyBundles;

const loaded = new Map<LazyBundleName, unknown>();

/** Which lazy bundles this extension host has loaded so far (the integration tests check startup loads none). */
export function loadedBundles(): LazyBundleName[] {
  return [...loaded.keys()];
}

/**
 * dist/<name>.js, required on the first call and the same module after. A missing file (a package without it) fails
 * with a message naming it, not Node's bare "Cannot find module".
 */
export function lazyBundle<K extends LazyBundleName>(name: K): () => LazyBundles[K] {
  return () => {
    if (!loaded.has(name)) {
      const file = path.join(__dirname, `${name}.js`);
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle beside this one, loaded on first use
        loaded.set(name, require(file));
      } catch (error) {
        throw new Error(`ML Career could not load its ${name} bundle (dist/${name}.js): ${errorMessage(error)}`);
      }
    }
    return loaded.get(name) as LazyBundles[K];
  };
}
