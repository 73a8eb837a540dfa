/**
 * The protocol between the extension host and the roadmap webview: a discriminated union per direction, validated
 * with zod on arrival on both sides. This module is host → webview (the webview bundle validates with it);
 * webviewMessages.ts is webview → host, apart so that the webview bundle carries only the schemas it checks.
 * zod/mini keeps the webview bundle small (about a third of zod).
 */
import * as z from 'zod/mini';
import { evidenceViewSchema } from '../core/evidence/evidenceView';
import type { Progress } from '../core/progress/progress';
import { skillStatuses } from '../core/progress/status';
import { groupKinds, levelStages, resourceTypes } from '../core/roadmap/vocabulary';
import type { RoadmapViewState } from '../core/roadmapView/viewModel';

// Bounds are generous for real content and stop a hostile or broken peer from sending megabytes.
export const text = (max: number) => z.string().check(z.maxLength(max));
export const id = z.string().check(z.minLength(1), z.maxLength(200));
// multipleOf(1): for the finite numbers z.number() accepts, the same as z.int(), whose number formats would add
// 800 bytes to the webview bundle.
const count = z.number().check(z.multipleOf(1), z.minimum(0), z.maximum(100_000));
const list = <T extends z.core.SomeType>(item: T, max = 1000) => z.array(item).check(z.maxLength(max));

const progressSchema: z.ZodMiniType<Progress> = z.object({
  done: count,
  learning: count,
  skipped: count,
  total: count,
  percent: z.number().check(z.minimum(0), z.maximum(100)),
});

const resourceSchema = z.object({ title: text(300), url: text(2048), type: z.enum(resourceTypes), checked: text(20) });
const groupSectionSchema = z.object({
  id,
  title: text(200),
  kind: z.enum(groupKinds),
  choose: z.nullable(count),
  description: text(1000),
  skillIds: list(id),
});

const viewStateSchema: z.ZodMiniType<RoadmapViewState> = z.object({
  competencies: list(z.object({ id, title: text(200), description: text(1000) }), 20),
  levels: list(
    z.object({
      id,
      title: text(200),
      years: text(100),
      track: z.enum(['ic', 'management']),
      stage: z.enum(levelStages),
      follows: z.nullable(id),
      focus: text(2000),
      expectations: list(
        z.object({ id, title: text(200), text: text(1000), competencyId: id, optional: z.boolean(), status: z.enum(skillStatuses) }),
        50,
      ),
      isCurrent: z.boolean(),
      isReached: z.boolean(),
      isNext: z.boolean(),
      progress: progressSchema,
      expectationProgress: progressSchema,
      groups: list(groupSectionSchema, 100),
    }),
    100,
  ),
  skills: list(
    z.object({
      id,
      title: text(200),
      summary: text(1000),
      why: text(2000),
      status: z.enum(skillStatuses),
      groupId: z.string().check(z.maxLength(200)),
      groupTitle: text(200),
      levelId: id,
      levelTitle: text(200),
      milestones: list(z.object({ levelId: id, levelTitle: text(200), text: text(1000) }), 20),
      goodLooksLike: z.nullable(text(1000)),
      resources: list(resourceSchema, 20),
      // A 20,000-character note grows when escaped (`&` is 5 characters as `&amp;`).
      note: z.nullable(z.object({ html: text(200_000), edited: text(40) })),
      history: z.nullable(text(1000)),
    }),
  ),
  optionalGroups: list(groupSectionSchema, 100),
  overall: progressSchema,
  overallExpectations: progressSchema,
  currentLevelId: z.nullable(id),
  next: list(
    z.object({
      levelId: id,
      title: text(200),
      missingSkillIds: list(id),
      missingExpectationIds: list(id),
      alternatives: list(z.object({ groupId: id, title: text(200), needed: count, done: count, openSkillIds: list(id) }), 20),
      progress: progressSchema,
      expectationProgress: progressSchema,
    }),
    100,
  ),
  market: z.object({
    title: text(200),
    asOf: text(20),
    asOfLabel: text(40),
    source: text(1000),
    summary: text(1000),
    facts: list(z.object({ id, title: text(200), text: text(1000) }), 50),
    resources: list(resourceSchema, 20),
  }),
});

/**
 * Host → webview. One variant so far. `z.enum` rather than a union and `z.literal`, and `evidence` null rather than
 * optional: each of those zod kinds would add to the webview bundle (a union and a literal 3 KB). `shown`: the page's
 * HTML was rendered from this very state, so its markup can stay.
 */
export const hostMessageSchema = z.object({ type: z.enum(['state']), state: viewStateSchema, evidence: z.nullable(evidenceViewSchema), shown: z.boolean() });

export type HostMessage = z.infer<typeof hostMessageSchema>;

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

export function parseWith<T>(schema: z.ZodMiniType<T>, raw: unknown): Parsed<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
  return { ok: false, error: `${issue?.message ?? 'invalid message'}${where}` };
}

export function parseHostMessage(raw: unknown): Parsed<HostMessage> {
  return parseWith(hostMessageSchema, raw);
}

/** A short, bounded description of a rejected message for the log (never the whole payload). */
export function describeMessage(raw: unknown): string {
  const type = typeof raw === 'object' && raw !== null && 'type' in raw ? (raw as { type: unknown }).type : undefined;
  return typeof type === 'string' ? `"${type.slice(0, 40)}"` : typeof raw;
}
