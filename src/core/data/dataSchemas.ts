import type { ZodType } from 'zod';
import { checkRulesAgainstRoadmap, distributionTableSchema, evidenceRuleFileSchema, type EvidenceRuleFile } from '../evidence/ruleSchema';
import { roadmapSchema, type Roadmap } from '../roadmap/schema';
import { templateManifestSchema } from '../scaffold/manifestSchema';

/** A check of a data file against another, validated data file (e.g. rules naming skills of the roadmap). */
export interface CrossCheck {
  /** The other file's path under `data/`. */
  against: string;
  check(data: unknown, other: unknown): Array<{ path: Array<string | number>; message: string }>;
}

/**
 * Which schema validates which data file, keyed by the file's path under `data/` ("*" matches one path segment;
 * the first matching entry wins). The build (esbuild.mjs) loads this table, so every data file is validated before
 * it can be bundled.
 */
export const dataSchemas: ReadonlyArray<{ pattern: string; schema: ZodType; crossCheck?: CrossCheck }> = [
  { pattern: 'roadmap.yaml', schema: roadmapSchema },
  { pattern: 'templates/*/template.yaml', schema: templateManifestSchema },
  { pattern: 'evidence/distributions.yaml', schema: distributionTableSchema },
  {
    pattern: 'evidence/*.yaml',
    schema: evidenceRuleFileSchema,
    crossCheck: { against: 'roadmap.yaml', check: (data, roadmap) => checkRulesAgainstRoadmap(data as EvidenceRuleFile, roadmap as Roadmap) },
  },
];
