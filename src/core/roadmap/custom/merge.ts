import type { Roadmap } from '../schema';
import { overridableFields, type CustomRoadmapFile, type ExtendFile, type OverridableKind } from './customSchema';
import { customRoadmapLimits } from './limits';

/** A path into the roadmap file as written (keys and list indexes), as zod and `yaml`'s `getIn` use them. */
export type FilePath = readonly (string | number)[];

/** Something wrong with the file that only shows against the roadmap it extends. */
export interface MergeProblem {
  readonly path: FilePath;
  readonly message: string;
  readonly kind: 'unknown-id' | 'limit' | 'not-overridable' | 'not-hideable';
  /** For an unknown id: the ids it could have meant, for a "did you mean". */
  readonly candidates?: readonly string[];
}

/**
 * A merged roadmap (not yet validated as a whole) and where its parts came from, so an issue the roadmap schema
 * finds in the merged result can be shown at the line of the file that caused it.
 */
export interface MergedRoadmap {
  readonly roadmap: Roadmap;
  readonly problems: readonly MergeProblem[];
  /** Objects written in the file, by their path there: an issue inside one is at the same place below that path. */
  readonly origin: WeakMap<object, FilePath>;
  /** Fields the file set on a built-in object (overrides), by field name. */
  readonly fieldOrigin: WeakMap<object, Map<string, FilePath>>;
  /** Built-in objects the file changed as a whole (items added to or hidden from them), by the entry that did it. */
  readonly touched: WeakMap<object, FilePath>;
}

/** Applies a parsed roadmap file to the built-in roadmap (which it never changes). */
export function mergeRoadmap(builtin: Roadmap, file: CustomRoadmapFile): MergedRoadmap {
  const origin = new WeakMap<object, FilePath>();
  const fieldOrigin = new WeakMap<object, Map<string, FilePath>>();
  const touched = new WeakMap<object, FilePath>();
  const problems: MergeProblem[] = [];
  if (file.extends === 'none') {
    const roadmap: Roadmap = { version: file.version, competencies: file.competencies, levels: file.levels, groups: file.groups, market: file.market };
    origin.set(roadmap, []);
    problems.push(...sizeProblems(roadmap, ['groups']));
    return { roadmap, problems, origin, fieldOrigin, touched };
  }
  const roadmap = structuredClone(builtin);
  const merged = { roadmap, problems, origin, fieldOrigin, touched };
  addItems(merged, file);
  overrideTexts(merged, file);
  if (file.market) {
    roadmap.market = file.market;
    origin.set(file.market, ['market']);
  }
  hideItems(merged, file);
  problems.push(...sizeProblems(roadmap, file.add ? ['add'] : ['extends']));
  return merged;
}

type Mutable = MergedRoadmap & { problems: MergeProblem[] };

function unknownId(path: FilePath, what: string, id: string, candidates: readonly string[]): MergeProblem {
  return { path, kind: 'unknown-id', message: `unknown ${what} "${id}"`, candidates };
}

function addItems(merged: Mutable, file: ExtendFile): void {
  const { roadmap, origin } = merged;
  const add = file.add ?? {};
  const append = <T extends object>(into: T[], items: readonly T[] | undefined, key: string): void =>
    items?.forEach((item, index) => {
      into.push(item);
      origin.set(item, ['add', key, index]);
    });
  append(roadmap.competencies, add.competencies, 'competencies');
  append(roadmap.levels, add.levels, 'levels');
  append(roadmap.groups, add.groups, 'groups');
  addUnder(merged, { key: 'expectations', field: 'level' }, roadmap.levels, add.expectations?.map(({ level, ...item }) => ({ parentId: level, item })), (l) => l.expectations);
  addUnder(merged, { key: 'skills', field: 'group' }, roadmap.groups, add.skills?.map(({ group, ...item }) => ({ parentId: group, item })), (g) => g.skills);
  const skills = roadmap.groups.flatMap((group) => group.skills);
  addUnder(merged, { key: 'resources', field: 'skill' }, skills, add.resources?.map(({ skill, ...item }) => ({ parentId: skill, item })), (s) => s.resources);
}

/**
 * Adds each entry's item to the list of the parent it names (`field`: a level's expectations, a group's skills, a
 * skill's resources); an unknown parent is a problem at that field of `add.<key>[i]`.
 */
function addUnder<P extends { id: string }, T extends object>(
  { problems, origin, touched }: Mutable,
  at: { key: string; field: 'level' | 'group' | 'skill' },
  parents: readonly P[],
  entries: readonly { parentId: string; item: T }[] | undefined,
  list: (parent: P) => T[],
): void {
  entries?.forEach(({ parentId, item }, index) => {
    const path = ['add', at.key, index];
    const parent = parents.find((p) => p.id === parentId);
    if (!parent) return void problems.push(unknownId([...path, at.field], at.field, parentId, parents.map((p) => p.id)));
    list(parent).push(item);
    origin.set(item, path);
    if (!touched.has(parent)) touched.set(parent, path);
  });
}

/** Every item an override or `hide` may name, with its kind and where it sits. */
function itemsById(roadmap: Roadmap): Map<string, { kind: OverridableKind; item: Record<string, unknown>; remove: () => object }> {
  const items = new Map<string, { kind: OverridableKind; item: Record<string, unknown>; remove: () => object }>();
  const removeFrom = <T>(list: T[], item: T, owner: object) => (): object => {
    list.splice(list.indexOf(item), 1);
    return owner;
  };
  for (const c of roadmap.competencies) items.set(c.id, { kind: 'competency', item: c, remove: removeFrom(roadmap.competencies, c, roadmap) });
  for (const level of roadmap.levels) {
    items.set(level.id, { kind: 'level', item: level, remove: removeFrom(roadmap.levels, level, roadmap) });
    for (const e of level.expectations) items.set(e.id, { kind: 'expectation', item: e, remove: removeFrom(level.expectations, e, level) });
  }
  for (const group of roadmap.groups) {
    items.set(group.id, { kind: 'group', item: group, remove: removeFrom(roadmap.groups, group, roadmap) });
    for (const s of group.skills) items.set(s.id, { kind: 'skill', item: s, remove: removeFrom(group.skills, s, group) });
  }
  for (const f of roadmap.market.facts) items.set(f.id, { kind: 'fact', item: f, remove: removeFrom(roadmap.market.facts, f, roadmap.market) });
  return items;
}

function overrideTexts({ roadmap, problems, fieldOrigin }: Mutable, file: ExtendFile): void {
  if (!file.override) return;
  const items = itemsById(roadmap);
  file.override.forEach(({ id, ...texts }, index) => {
    const path = ['override', index];
    const found = items.get(id);
    if (!found) return void problems.push(unknownId([...path, 'id'], 'item', id, [...items.keys()]));
    const allowed: readonly string[] = overridableFields[found.kind];
    for (const [field, text] of Object.entries(texts)) {
      if (text === undefined) continue;
      if (!allowed.includes(field)) {
        problems.push({ path: [...path, field], kind: 'not-overridable', message: `a ${found.kind} has no text "${field}" to override; it has ${allowed.join(', ')}` });
        continue;
      }
      found.item[field] = text;
      const fields = fieldOrigin.get(found.item) ?? new Map<string, FilePath>();
      fields.set(field, [...path, field]);
      fieldOrigin.set(found.item, fields);
    }
  });
}

function hideItems({ roadmap, problems, touched }: Mutable, file: ExtendFile): void {
  if (!file.hide) return;
  const items = itemsById(roadmap);
  const emptied = new Set<object>();
  file.hide.forEach((id, index) => {
    const path = ['hide', index];
    const found = items.get(id);
    if (!found) return void problems.push(unknownId(path, 'item', id, [...items.keys()]));
    if (found.kind === 'level' || found.kind === 'competency') {
      const message = `a ${found.kind} cannot be hidden: skills and expectations refer to it (hide those, or replace the roadmap with extends: none)`;
      return void problems.push({ path, kind: 'not-hideable', message });
    }
    items.delete(id);
    const owner = found.remove();
    if (!touched.has(owner)) touched.set(owner, path);
    if (found.kind === 'skill') emptied.add(owner);
  });
  // A group whose every skill is hidden goes too: an empty group says nothing.
  roadmap.groups = roadmap.groups.filter((group) => !(emptied.has(group) && group.skills.length === 0));
}

/** Limits on the merged roadmap as a whole; reported at `path` (the part of the file that adds items). */
function sizeProblems(roadmap: Roadmap, path: FilePath): MergeProblem[] {
  const limits = customRoadmapLimits;
  const skills = roadmap.groups.reduce((sum, group) => sum + group.skills.length, 0);
  const expectations = roadmap.levels.reduce((sum, level) => sum + level.expectations.length, 0);
  const crowded = roadmap.groups.find((group) => group.skills.length > limits.maxSkillsPerGroup);
  const problem = (message: string): MergeProblem => ({ path, kind: 'limit', message });
  return [
    ...(roadmap.levels.length > limits.maxLevels ? [problem(`the roadmap has ${roadmap.levels.length} levels; at most ${limits.maxLevels} are allowed`)] : []),
    ...(roadmap.groups.length > limits.maxGroups ? [problem(`the roadmap has ${roadmap.groups.length} groups; at most ${limits.maxGroups} are allowed`)] : []),
    ...(skills > limits.maxSkills ? [problem(`the roadmap has ${skills} skills; at most ${limits.maxSkills} are allowed`)] : []),
    ...(expectations > limits.maxExpectations ? [problem(`the roadmap has ${expectations} expectations; at most ${limits.maxExpectations} are allowed`)] : []),
    ...(crowded ? [problem(`group "${crowded.id}" has ${crowded.skills.length} skills; at most ${limits.maxSkillsPerGroup} are allowed`)] : []),
  ];
}

/**
 * Where in the file an issue found in the merged roadmap belongs: below the deepest object the file wrote, or at
 * a field an override set (`exact`: the issue's own place); else at the entry that changed the built-in object
 * the issue is in. Undefined when the file had no part in it.
 */
export function filePathOf(merged: MergedRoadmap, issuePath: readonly PropertyKey[]): { path: FilePath; exact: boolean } | undefined {
  let node: unknown = merged.roadmap;
  let found: { path: FilePath; exact: boolean } | undefined;
  for (let depth = 0; depth <= issuePath.length; depth++) {
    if (typeof node !== 'object' || node === null) break;
    const rest = issuePath.slice(depth).filter((key): key is string | number => typeof key !== 'symbol');
    const written = merged.origin.get(node);
    const changed = merged.touched.get(node);
    if (written) found = { path: [...written, ...rest], exact: true };
    else if (changed) found = { path: changed, exact: false };
    const field = depth < issuePath.length ? merged.fieldOrigin.get(node)?.get(String(issuePath[depth])) : undefined;
    if (field) return { path: [...field, ...rest.slice(1)], exact: true };
    if (depth < issuePath.length) node = (node as Record<PropertyKey, unknown>)[issuePath[depth] as PropertyKey];
  }
  return found;
}

/** A path of the merged roadmap for people: list items by their id, "levels[senior].expectations". */
export function describeMergedPath(roadmap: Roadmap, issuePath: readonly PropertyKey[]): string {
  let node: unknown = roadmap;
  let out = '';
  for (const key of issuePath) {
    const next: unknown = typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    const id = typeof next === 'object' && next !== null && 'id' in next ? String(next.id) : undefined;
    out += typeof key === 'number' ? `[${id ?? key}]` : `${out ? '.' : ''}${String(key)}`;
    node = next;
  }
  return out;
}
