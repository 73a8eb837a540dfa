import common from 'data-files:template-common/files';
import tree from 'data-tree:templates';
import type { Template, TemplateManifest } from './manifestSchema';

/**
 * Every template under data/templates/, in picker order, each with the shared files of data/template-common/files/.
 * The build validated each manifest, hence the cast.
 */
export const templates: readonly Template[] = Object.entries(tree)
  .map(([dir, t]) => ({ dir, manifest: t.manifest as TemplateManifest, files: t.files, common }))
  .sort((a, b) => a.manifest.order - b.manifest.order || a.manifest.title.localeCompare(b.manifest.title));

export function findTemplate(id: string): Template | undefined {
  return templates.find((t) => t.manifest.id === id);
}
