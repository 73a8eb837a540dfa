/**
 * What each command of the extension accepts as arguments, validated at the boundary: command arguments come from
 * menus, keybindings, `command:` links, other extensions and tests, so none is trusted. A tree node counts only by
 * its kind and id; the skill or level is looked up again in the roadmap. zod/mini keeps the extension bundle small.
 */
import * as z from 'zod/mini';
import { skillFilters, type SkillFilter } from './progress/filter';
import { skillStatuses, type SkillStatus } from './progress/status';
import type { RoadmapIndex } from './roadmap/roadmap';

/** Thrown for arguments a command does not accept; nothing has changed when it is thrown. */
export class CommandArgumentError extends Error {
  override readonly name = 'CommandArgumentError';
}

/** A command's arguments: the schema over the whole argument list, and how to say what it takes. */
export interface CommandArguments<T> {
  readonly usage: string;
  readonly schema: z.ZodMiniType<T>;
}

/** An id as it may appear in messages: bounded, so a megabyte of id never reaches a notification or the log. */
export function quoteId(id: string): string {
  return `"${id.length > 64 ? `${id.slice(0, 64)}…` : id}"`;
}

const id = z.string().check(z.minLength(1, 'is empty'), z.maxLength(200, 'is longer than 200 characters'));
const roadmapNodeKinds = ['next', 'level', 'expectations', 'expectation', 'alternatives', 'group', 'skill', 'market', 'fact', 'dropped', 'droppedItem'] as const;
/**
 * Any node of the Roadmap view. VS Code passes the focused one to the view's title-bar commands, which take no
 * node, so they ignore it.
 */
const anyRoadmapNode = z.pipe(
  z.object({ kind: z.enum(roadmapNodeKinds), id: z.string().check(z.maxLength(1000)) }),
  z.transform(() => undefined),
);

/** For commands that take nothing (a focused Roadmap node from the title bar is ignored). */
export const noArguments: CommandArguments<undefined> = {
  usage: 'no arguments',
  schema: z.pipe(z.tuple([z.optional(anyRoadmapNode)]), z.transform(() => undefined)),
};

/**
 * Select Roadmap…: which roadmap, by the key the picker uses (`builtin`, or the URI of a roadmap file; `keys` lists
 * those available now), or nothing to choose one. A focused Roadmap node from the title bar means nothing.
 */
export function selectRoadmapArguments(keys: () => readonly string[]): CommandArguments<string | undefined> {
  const key = z.pipe(
    id,
    z.transform((value, ctx) => {
      if (keys().includes(value)) return value;
      ctx.issues.push({ code: 'custom', message: `there is no roadmap ${quoteId(value)}`, input: value });
      return z.NEVER;
    }),
  );
  return {
    usage: 'a roadmap ("builtin" or the URI of a roadmap file) or nothing (to choose one)',
    schema: z.pipe(z.tuple([z.optional(z.union([key, anyRoadmapNode]))]), z.transform(([value]) => value)),
  };
}

/**
 * Schemas that look ids up in the roadmap as it is when a command runs (the active one can change): an
 * unknown id is an invalid argument, named in the message.
 */
export function commandArguments(roadmap: () => RoadmapIndex) {
  const skillId = z.pipe(
    id,
    z.transform((value, ctx) => {
      const canonical = roadmap().canonicalId(value);
      if (canonical !== undefined) return canonical;
      ctx.issues.push({ code: 'custom', message: `there is no skill or level expectation with the id ${quoteId(value)}`, input: value });
      return z.NEVER;
    }),
  );
  const levelId = z.pipe(
    id,
    z.transform((value, ctx) => {
      if (roadmap().level(value)) return value;
      ctx.issues.push({ code: 'custom', message: `there is no level with the id ${quoteId(value)}`, input: value });
      return z.NEVER;
    }),
  );
  /**
   * Anything with a status: a skill id (current or former), an expectation id, or a skill or expectation node of
   * the Roadmap view; the result is the current id.
   */
  const skill = z.union([
    skillId,
    z.pipe(z.object({ kind: z.literal('skill'), skill: z.object({ id: skillId }) }), z.transform((node) => node.skill.id)),
    z.pipe(z.object({ kind: z.literal('expectation'), item: z.object({ expectation: z.object({ id: skillId }) }) }), z.transform((node) => node.item.expectation.id)),
  ]);
  const status = z.enum(skillStatuses, `is not a status; use one of ${skillStatuses.join(', ')}`);
  /** A level id or a level node; another focused node means no level (the title bar passes whatever has focus). */
  const level = z.union([
    levelId,
    z.pipe(z.object({ kind: z.literal('level'), level: z.object({ id: levelId }) }), z.transform((node) => node.level.id)),
    anyRoadmapNode,
  ]);
  const filter = z.union([z.enum(skillFilters, `is not a filter; use one of ${skillFilters.join(', ')}`), anyRoadmapNode]);

  const oneSkill: CommandArguments<string | undefined> = {
    usage: 'a skill id, a skill of the Roadmap view, or nothing (to choose one)',
    schema: z.pipe(z.tuple([z.optional(skill)]), z.transform(([value]) => value)),
  };
  const skillAndStatus: CommandArguments<{ skillId?: string; status?: SkillStatus }> = {
    usage: `a skill (id or Roadmap item) and a status (${skillStatuses.join(', ')}), or fewer to choose them`,
    schema: z.pipe(z.tuple([z.optional(skill), z.optional(status)]), z.transform(([skillId, status]) => ({ skillId, status }))),
  };
  const oneLevel: CommandArguments<string | undefined> = {
    usage: 'a level id, a level of the Roadmap view, or nothing (to choose one)',
    schema: z.pipe(z.tuple([z.optional(level)]), z.transform(([value]) => value)),
  };
  const oneFilter: CommandArguments<SkillFilter | undefined> = {
    usage: `a filter (${skillFilters.join(', ')}) or nothing (to choose one)`,
    schema: z.pipe(z.tuple([z.optional(filter)]), z.transform(([value]) => value)),
  };
  return { oneSkill, skillAndStatus, oneLevel, oneFilter };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Validates the arguments a command was called with. Trailing `undefined`s are dropped: VS Code appends one for
 * the (absent) multi-selection when a menu runs a command.
 */
export function parseCommandArguments<T>(command: string, spec: CommandArguments<T>, args: readonly unknown[]): Parsed<T> {
  let length = args.length;
  while (length > 0 && args[length - 1] === undefined) length--;
  const list = args.slice(0, length);
  const result = spec.schema.safeParse(list);
  if (result.success) return { ok: true, value: result.data };
  const problem = result.error.issues[0] ? describeIssue(result.error.issues[0], list) : 'invalid arguments';
  return { ok: false, error: `${command}: ${problem}. It takes ${spec.usage}.` };
}

type Issue = z.core.$ZodIssue;

/** One sentence about what is wrong, naming the argument (1-based) and, inside an object, the field. */
function describeIssue(issue: Issue, args: readonly unknown[]): string {
  if (issue.code === 'invalid_union') {
    // The branch that got past the type check says the most (a string branch about an id, not "not an object").
    const branch = issue.errors.find((issues) => issues.length > 0 && !issues.some((i) => i.code === 'invalid_type' && i.path.length === 0));
    const inner = branch?.[0];
    if (inner) return describeIssue({ ...inner, path: [...issue.path, ...inner.path] }, args);
  }
  if (issue.code === 'too_big' && issue.path.length === 0) return `it got ${args.length} arguments`;
  if (issue.code === 'custom') return issue.message;
  const [index, ...field] = issue.path;
  if (typeof index !== 'number') return issue.message;
  const where = `argument ${index + 1}${field.length > 0 ? ` (${field.map(String).join('.')})` : ''}`;
  const value = valueAt(args, issue.path);
  if (issue.code === 'invalid_type' || issue.code === 'invalid_union') return `${where} is ${describeValue(value)}`;
  return `${where} ${issue.message}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** What a value is, without its content: "null", "a number", "an object", "missing". */
function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}
