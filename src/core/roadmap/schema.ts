import { z } from 'zod';
import { groupKinds, levelStages, resourceTypes } from './vocabulary';

/** The content model's version; data/roadmap.yaml says which one it is written for. */
export const roadmapVersion = 2;

/**
 * Ids are part of the user's stored progress: lowercase, stable, never reused for something else. Skills,
 * expectations, levels, groups, competencies and market facts share one namespace, so a stored status can only
 * ever mean one thing (expectations are stored in the same map as skills).
 */
export const idSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lowercase words joined by "-" (e.g. "sql-data")')
  .max(64);

// startsWith (not a refine) so the generated JSON Schema demands https too.
export const httpsUrlSchema = z.string().url().startsWith('https://', 'links must use https://');

/** A calendar date, "2026-11-26". */
const isoDate = z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, 'dates are written YYYY-MM-DD');
/** A month, "2026-03": how precisely a published figure is dated. */
const isoMonth = z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])$/, 'months are written YYYY-MM');

export const resourceSchema = z.strictObject({
  title: z.string().min(3).max(120),
  url: httpsUrlSchema,
  type: z.enum(resourceTypes),
  /** When the link and its fit to the skill were last reviewed (`npm run check-links` confirms it still answers). */
  checked: isoDate,
});

/** An axis shared by every level (e.g. "ML craft"), so one can follow it from Junior to Staff. */
export const competencySchema = z.strictObject({
  id: idSchema,
  title: z.string().min(3).max(40),
  description: z.string().min(20).max(300),
});

export const expectationSchema = z.strictObject({
  id: idSchema,
  /** A few words for tight places: the competency matrix, the tree. */
  title: z.string().min(3).max(60),
  text: z.string().min(10).max(240),
  competency: idSchema,
  /** Common at this level but not required (e.g. leading a small team as a senior): tracked, never in the gap. */
  optional: z.boolean().default(false),
});

export const levelSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(3).max(60),
  /** A word for tight places such as the status bar, e.g. "Mid". */
  short: z.string().min(2).max(12),
  /** Short label shown beside the title, e.g. "0–2 years". */
  years: z.string().min(1).max(30),
  track: z.enum(['ic', 'management']),
  stage: z.enum(levelStages).default('role'),
  /** The level a person normally holds before this one; its expectations carry over. */
  follows: idSchema.optional(),
  focus: z.string().min(20).max(400),
  expectations: z.array(expectationSchema).min(3).max(10),
});

/** What a skill looks like at one level. */
export const milestoneSchema = z.strictObject({
  level: idSchema,
  text: z.string().min(10).max(240),
});

export const skillSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(2).max(80),
  summary: z.string().min(10).max(200),
  why: z.string().min(20).max(500),
  /** The level by which this skill is normally expected. */
  expectedBy: idSchema,
  /** Former ids of this skill, so progress stored under them carries over. */
  renamedFrom: z.array(idSchema).default([]),
  /** How the skill grows, one entry per level where it changes, in level order. */
  milestones: z.array(milestoneSchema).max(6).default([]),
  /** What a strong showing looks like (interview preparation). */
  goodLooksLike: z.string().min(20).max(400).optional(),
  resources: z.array(resourceSchema).min(2).max(5),
});

export const groupSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(3).max(60),
  kind: z.enum(groupKinds),
  description: z.string().min(10).max(300),
  /**
   * Alternatives: any `choose` of the skills will do. The group counts as `choose` items toward the level its
   * skills are expected by, and toward no other.
   */
  choose: z.number().int().min(1).optional(),
  /** Tracked but never counted toward a level (e.g. interview preparation). */
  optional: z.boolean().default(false),
  skills: z.array(skillSchema).min(1),
});

/** A dated, untracked snapshot of the job market, to be reviewed and updated as figures change. */
export const marketSchema = z.strictObject({
  title: z.string().min(3).max(80),
  /** The month the figures were published. */
  asOf: isoMonth,
  /** Where the figures come from. */
  source: z.string().min(10).max(300),
  summary: z.string().min(20).max(400),
  facts: z
    .array(z.strictObject({ id: idSchema, title: z.string().min(3).max(60), text: z.string().min(20).max(400) }))
    .min(3)
    .max(12),
  resources: z.array(resourceSchema).max(5).default([]),
});

export const roadmapSchema = z
  .strictObject({
    version: z.literal(roadmapVersion),
    competencies: z.array(competencySchema).min(1).max(8),
    levels: z.array(levelSchema).min(1),
    groups: z.array(groupSchema).min(1),
    market: marketSchema,
  })
  .superRefine((roadmap, ctx) => {
    const levelIds = new Set(roadmap.levels.map((level) => level.id));
    const levelOrder = new Map(roadmap.levels.map((level, index) => [level.id, index]));
    const competencyIds = new Set(roadmap.competencies.map((c) => c.id));
    const issue = (path: (string | number)[], message: string): void => ctx.addIssue({ code: 'custom', path, message });
    /** A reference to an id that does not exist; `params` lets an editor offer a close id instead. */
    const unknown = (path: (string | number)[], kind: ReferenceKind, id: string): void =>
      ctx.addIssue({ code: 'custom', path, message: `unknown ${kind} "${id}"`, params: { unknownReference: { kind, id } satisfies UnknownReference } });
    const seen = new Map<string, string>();
    const claim = (id: string, path: (string | number)[], what: string): void => {
      const previous = seen.get(id);
      if (previous !== undefined) ctx.addIssue({ code: 'custom', path, message: `id "${id}" is already used by ${previous}`, params: { duplicateId: id } });
      else seen.set(id, what);
    };
    roadmap.competencies.forEach((c, ci) => claim(c.id, ['competencies', ci, 'id'], `competency ${c.title}`));
    roadmap.levels.forEach((level, li) => {
      claim(level.id, ['levels', li, 'id'], `level ${level.title}`);
      if (level.follows !== undefined && !levelIds.has(level.follows)) unknown(['levels', li, 'follows'], 'level', level.follows);
      else if (level.follows !== undefined && followsInCycle(roadmap.levels, level.id)) {
        const cycle = followsCycle(roadmap.levels, level.id);
        ctx.addIssue({ code: 'custom', path: ['levels', li, 'follows'], message: `levels follow each other in a cycle: ${cycle.join(' → ')}`, params: { cycle } });
      }
      if (level.stage === 'aspiring' && level.follows !== undefined) issue(['levels', li, 'follows'], 'an aspiring stage comes first: it follows no level');
      level.expectations.forEach((exp, ei) => {
        claim(exp.id, ['levels', li, 'expectations', ei, 'id'], `an expectation of ${level.title}`);
        if (!competencyIds.has(exp.competency)) unknown(['levels', li, 'expectations', ei, 'competency'], 'competency', exp.competency);
      });
    });
    roadmap.groups.forEach((group, gi) => {
      claim(group.id, ['groups', gi, 'id'], `group ${group.title}`);
      if (group.choose !== undefined && group.optional) issue(['groups', gi, 'optional'], 'a group is either alternatives (choose) or optional, not both');
      if (group.choose !== undefined && group.choose > group.skills.length) {
        issue(['groups', gi, 'choose'], `choose ${group.choose} of ${group.skills.length} skills is impossible`);
      }
      if (group.choose !== undefined && new Set(group.skills.map((s) => s.expectedBy)).size > 1) {
        issue(['groups', gi, 'choose'], 'alternatives count toward one level: give every skill of the group the same expectedBy');
      }
      group.skills.forEach((skill, si) => {
        const at = ['groups', gi, 'skills', si];
        claim(skill.id, [...at, 'id'], `skill ${skill.title}`);
        skill.renamedFrom.forEach((old, ri) => claim(old, [...at, 'renamedFrom', ri], `skill ${skill.title}`));
        if (!levelIds.has(skill.expectedBy)) unknown([...at, 'expectedBy'], 'level', skill.expectedBy);
        let previous = -1;
        skill.milestones.forEach((milestone, mi) => {
          const order = levelOrder.get(milestone.level);
          if (order === undefined) unknown([...at, 'milestones', mi, 'level'], 'level', milestone.level);
          else if (order <= previous) issue([...at, 'milestones', mi, 'level'], 'milestones go in level order, one per level');
          else previous = order;
        });
      });
    });
    roadmap.market.facts.forEach((fact, fi) => claim(fact.id, ['market', 'facts', fi, 'id'], `market fact ${fact.title}`));
  });

/** What a reference names: the kinds of id a roadmap refers to. */
export type ReferenceKind = 'level' | 'competency' | 'group' | 'skill' | 'item';

/** Carried in a custom issue's `params.unknownReference`. */
export interface UnknownReference {
  readonly kind: ReferenceKind;
  readonly id: string;
}

/** The levels met following `follows` from `levelId`, ending with the first one met twice (so a cycle names itself). */
function followsCycle(levels: readonly { id: string; follows?: string | undefined }[], levelId: string): string[] {
  const follows = new Map(levels.map((level) => [level.id, level.follows]));
  const path: string[] = [];
  for (let id: string | undefined = levelId; id !== undefined; id = follows.get(id)) {
    path.push(id);
    if (path.indexOf(id) !== path.length - 1) break;
  }
  return path;
}

/** Whether following `follows` from `levelId` comes back to it. */
function followsInCycle(levels: readonly { id: string; follows?: string | undefined }[], levelId: string): boolean {
  const path = followsCycle(levels, levelId);
  return path.length > 1 && path[path.length - 1] === levelId;
}

export type Resource = z.infer<typeof resourceSchema>;
export type Competency = z.infer<typeof competencySchema>;
export type Expectation = z.infer<typeof expectationSchema>;
export type Level = z.infer<typeof levelSchema>;
export type Milestone = z.infer<typeof milestoneSchema>;
export type Skill = z.infer<typeof skillSchema>;
export type SkillGroup = z.infer<typeof groupSchema>;
export type Market = z.infer<typeof marketSchema>;
export type Roadmap = z.infer<typeof roadmapSchema>;
