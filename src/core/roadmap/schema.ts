import { z } from 'zod';
import { groupKinds, resourceTypes } from './vocabulary';

/** Ids are part of the user's stored progress: lowercase, stable, never reused for something else. */
export const idSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lowercase words joined by "-" (e.g. "sql-data")')
  .max(64);

export const httpsUrlSchema = z
  .string()
  .url()
  .refine((url) => url.startsWith('https://'), 'links must use https://');

export const resourceSchema = z.strictObject({
  title: z.string().min(3).max(120),
  url: httpsUrlSchema,
  type: z.enum(resourceTypes),
});

export const levelSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(3).max(60),
  /** A word for tight places such as the status bar, e.g. "Mid". */
  short: z.string().min(2).max(12),
  /** Short label shown beside the title, e.g. "0–2 years". */
  years: z.string().min(1).max(30),
  track: z.enum(['ic', 'management']),
  /** The level a person normally holds before this one; its expectations carry over. */
  follows: idSchema.optional(),
  focus: z.string().min(20).max(400),
  expectations: z
    .array(z.strictObject({ id: idSchema, text: z.string().min(10).max(240) }))
    .min(4)
    .max(6),
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
  resources: z.array(resourceSchema).min(2).max(5),
});

export const groupSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(3).max(60),
  kind: z.enum(groupKinds),
  description: z.string().min(10).max(300),
  skills: z.array(skillSchema).min(1),
});

export const roadmapSchema = z
  .strictObject({
    version: z.literal(1),
    levels: z.array(levelSchema).min(1),
    groups: z.array(groupSchema).min(1),
  })
  .superRefine((roadmap, ctx) => {
    const levelIds = new Set(roadmap.levels.map((level) => level.id));
    roadmap.levels.forEach((level, index) => {
      if (level.follows !== undefined && !levelIds.has(level.follows)) {
        ctx.addIssue({ code: 'custom', path: ['levels', index, 'follows'], message: `unknown level "${level.follows}"` });
      }
    });
    const seen = new Map<string, string>();
    const claim = (id: string, path: (string | number)[], what: string): void => {
      const previous = seen.get(id);
      if (previous !== undefined) {
        ctx.addIssue({ code: 'custom', path, message: `id "${id}" is already used by ${previous}` });
      } else {
        seen.set(id, what);
      }
    };
    roadmap.levels.forEach((level, li) => {
      claim(level.id, ['levels', li, 'id'], `level ${level.title}`);
      level.expectations.forEach((exp, ei) => claim(`${level.id}/${exp.id}`, ['levels', li, 'expectations', ei, 'id'], 'another expectation'));
    });
    roadmap.groups.forEach((group, gi) => {
      claim(group.id, ['groups', gi, 'id'], `group ${group.title}`);
      group.skills.forEach((skill, si) => {
        claim(skill.id, ['groups', gi, 'skills', si, 'id'], `skill ${skill.title}`);
        skill.renamedFrom.forEach((old, ri) => claim(old, ['groups', gi, 'skills', si, 'renamedFrom', ri], `skill ${skill.title}`));
        if (!levelIds.has(skill.expectedBy)) {
          ctx.addIssue({ code: 'custom', path: ['groups', gi, 'skills', si, 'expectedBy'], message: `unknown level "${skill.expectedBy}"` });
        }
      });
    });
  });

export type Resource = z.infer<typeof resourceSchema>;
export type Level = z.infer<typeof levelSchema>;
export type Skill = z.infer<typeof skillSchema>;
export type SkillGroup = z.infer<typeof groupSchema>;
export type Roadmap = z.infer<typeof roadmapSchema>;
