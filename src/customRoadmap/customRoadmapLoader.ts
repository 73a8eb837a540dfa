import * as path from 'node:path';

type CustomRoadmapBundle = typeof import('./customRoadmapBundle');

let loaded: CustomRoadmapBundle | undefined;

/** The roadmap file reader, read from dist/customRoadmap.js beside this bundle on first use, so activation never parses it. */
export function customRoadmapBundle(): CustomRoadmapBundle {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle file beside this one, loaded on first use
  loaded ??= require(path.join(__dirname, 'customRoadmap.js')) as CustomRoadmapBundle;
  return loaded;
}
