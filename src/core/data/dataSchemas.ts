import type { ZodType } from 'zod';
import { roadmapSchema } from '../roadmap/schema';
import { templateManifestSchema } from '../scaffold/manifestSchema';

/**
 * Which schema validates which data file, keyed by the file's path under `data/` ("*" matches one path segment).
 * The build (esbuild.mjs) loads this table, so every data file is validated before it can be bundled.
 */
export const dataSchemas: ReadonlyArray<{ pattern: string; schema: ZodType }> = [
  { pattern: 'roadmap.yaml', schema: roadmapSchema },
  { pattern: 'templates/*/template.yaml', schema: templateManifestSchema },
];
