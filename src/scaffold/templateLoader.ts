import * as path from 'node:path';

type TemplateBundle = typeof import('./templateBundle');

let loaded: TemplateBundle | undefined;

/** The templates, read from dist/templates.js beside this bundle on first use, so activation never parses them. */
export function templateBundle(): TemplateBundle {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle file beside this one, loaded on first use
  loaded ??= require(path.join(__dirname, 'templates.js')) as TemplateBundle;
  return loaded;
}
