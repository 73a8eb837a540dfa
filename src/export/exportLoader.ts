import * as path from 'node:path';

type ExportBundle = typeof import('./exportBundle');

let loaded: ExportBundle | undefined;

/** The export formats and import, read from dist/export.js beside this bundle on first use (as templateLoader.ts does). */
export function exportBundle(): ExportBundle {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle file beside this one, loaded on first use
  loaded ??= require(path.join(__dirname, 'export.js')) as ExportBundle;
  return loaded;
}
