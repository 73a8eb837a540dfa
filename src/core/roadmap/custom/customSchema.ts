import { z } from 'zod';
import {
  competencySchema,
  expectationSchema,
  groupSchema,
  idSchema,
  levelSchema,
  marketSchema,
  resourceSchema,
  roadmapVersion,
  skillSchema,
} from '../schema';
import { customRoadmapLimits } from './limits';

/**
 * A team's or a person's roadmap file (`.ml-career/roadmap.yaml`, or a file named in `mlCareer.roadmaps`). It is
 * the built-in content model plus `extends`: `none` makes the file a whole roadmap, `builtin` adds to the
 * built-in one, overrides its texts and hides items. Pure data: nothing in it is ever run, and evidence rules
 * (which hold regexes) are not part of it.
 */


const title = z.string().min(2).max(80).describe('The roadmap\'s name, shown in the Roadmap view\'s title and the roadmap picker.');
const version = z.literal(roadmapVersion).describe('The content model version this file is written for.');

/** Items added to the built-in roadmap under a parent it already has. */
const addedExpectation = expectationSchema.extend({ level: idSchema.describe('The level this expectation is added to.') });
const addedSkill = skillSchema.extend({ group: idSchema.describe('The group this skill is added to.') });
const addedResource = resourceSchema.extend({ skill: idSchema.describe('The skill this resource is added to.') });

/** Texts an override may replace, by the kind of item its id names. */
export const overridableFields = {
  competency: ['title', 'description'],
  level: ['title', 'short', 'years', 'focus'],
  expectation: ['title', 'text'],
  group: ['title', 'description'],
  skill: ['title', 'summary', 'why', 'goodLooksLike'],
  fact: ['title', 'text'],
} as const;

export type OverridableKind = keyof typeof overridableFields;
export type OverridableField = (typeof overridableFields)[OverridableKind][number];

const overrideText = z.string().min(2).max(500);
const overrideSchema = z
  .strictObject({
    id: idSchema.describe('The id of a competency, level, expectation, group, skill or market fact of the built-in roadmap.'),
    title: overrideText.optional(),
    short: overrideText.optional(),
    years: overrideText.optional(),
    focus: overrideText.optional(),
    text: overrideText.optional(),
    description: overrideText.optional(),
    summary: overrideText.optional(),
    why: overrideText.optional(),
    goodLooksLike: overrideText.optional(),
  })
  .describe('New texts for an item of the built-in roadmap; the item keeps its id, so progress on it stays.');

const extendFile = z.strictObject({
  version,
  extends: z.literal('builtin').describe('builtin: add to the built-in roadmap; none: this file is the whole roadmap.'),
  title: title.optional(),
  add: z
    .strictObject({
      competencies: z.array(competencySchema).max(8).optional(),
      levels: z.array(levelSchema).max(customRoadmapLimits.maxLevels).optional(),
      groups: z.array(groupSchema).max(customRoadmapLimits.maxGroups).optional(),
      expectations: z.array(addedExpectation).max(customRoadmapLimits.maxExpectations).optional().describe('Expectations added to levels of the built-in roadmap.'),
      skills: z.array(addedSkill).max(customRoadmapLimits.maxSkills).optional().describe('Skills added to groups of the built-in roadmap.'),
      resources: z.array(addedResource).max(customRoadmapLimits.maxSkills).optional().describe('Resources added to skills of the built-in roadmap.'),
    })
    .optional()
    .describe('Items added to the built-in roadmap.'),
  override: z.array(overrideSchema).max(customRoadmapLimits.maxSkills).optional(),
  hide: z
    .array(idSchema)
    .max(customRoadmapLimits.maxSkills)
    .optional()
    .describe('Ids of skills, expectations, groups or market facts of the built-in roadmap to leave out. Progress on them is kept.'),
  market: marketSchema.optional().describe('Replaces the built-in job-market snapshot.'),
});

const replaceFile = z.strictObject({
  version,
  extends: z.literal('none'),
  title: title.optional(),
  competencies: z.array(competencySchema).min(1).max(8),
  levels: z.array(levelSchema).min(1).max(customRoadmapLimits.maxLevels),
  groups: z.array(groupSchema).min(1).max(customRoadmapLimits.maxGroups),
  market: marketSchema,
});

/** The file as written; cross-references are checked after merging (see merge.ts). */
export const customRoadmapFileSchema = z
  .discriminatedUnion('extends', [extendFile, replaceFile], {
    error: 'extends must be "builtin" (add to the built-in roadmap) or "none" (this file is the whole roadmap)',
  })
  .describe('An ML Career Companion roadmap: a team\'s or a person\'s ladder.');

export type CustomRoadmapFile = z.infer<typeof customRoadmapFileSchema>;
export type ExtendFile = z.infer<typeof extendFile>;

/** The file schema as JSON Schema (draft-07, which the YAML extension reads best), for completion and hover. */
export function customRoadmapJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(customRoadmapFileSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }),
    title: 'ML Career Companion roadmap',
  };
}
