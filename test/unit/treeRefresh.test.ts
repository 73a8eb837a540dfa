import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { SkillFilter } from '../../src/core/progress/filter';
import type { ProgressEntry } from '../../src/core/progress/state';
import { skillStatuses, type SkillStatus } from '../../src/core/progress/status';
import { bundledRoadmap } from '../../src/core/roadmap/bundled';
import { indexRoadmap, type RoadmapIndex } from '../../src/core/roadmap/roadmap';
import { droppedProgress } from '../../src/core/roadmapTree/droppedProgress';
import { planRefresh, rootKey, type ShownTree, type TreeRefresh } from '../../src/core/roadmapTree/refreshPlan';
import { rowView } from '../../src/core/roadmapTree/rowView';
import { childNodes, rootNodes, type TreeInput, type TreeNode } from '../../src/core/roadmapTree/treeModel';
import { assertProperty, propertyRuns } from './helpers/property';
import { syntheticRoadmap } from './helpers/syntheticRoadmap';

/** Progress as the tree sees it: statuses by id (ids the roadmap lacks are listed as dropped) and the current level. */
interface Progress {
  readonly statuses: ReadonlyMap<string, SkillStatus>;
  readonly currentLevel: string | undefined;
}

function treeInput(roadmap: RoadmapIndex, progress: Progress, filter: SkillFilter): TreeInput {
  const stored = new Map<string, ProgressEntry>([...progress.statuses].map(([id, status]) => [id, { status, changedAt: 1 }]));
  return {
    roadmap,
    statusOf: (id) => progress.statuses.get(id) ?? 'not-started',
    currentLevel: progress.currentLevel,
    filter,
    dropped: droppedProgress(roadmap, stored, [bundledRoadmap]),
  };
}

type KeyOf = (node: TreeNode) => string;

/** What a row shows, as a key. Within one state a row id always shows the same: each is computed once. */
function keyOf(roadmap: RoadmapIndex): KeyOf {
  const keys = new Map<string, string>();
  return (node) => {
    let key = keys.get(node.id);
    if (key === undefined) keys.set(node.id, (key = JSON.stringify(rowView(node, roadmap))));
    return key;
  };
}

/**
 * What VS Code shows when it fetched the top level and the children of every expanded row that has any: per parent
 * (`rootKey` for the top level), its rows as [id, key].
 */
type Display = Map<string, (readonly [string, string])[]>;

function display(input: TreeInput, key: KeyOf, expanded: (id: string) => boolean, parentId = rootKey, nodes = rootNodes(input), into: Display = new Map()): Display {
  into.set(parentId, nodes.map((node) => [node.id, key(node)] as const));
  for (const node of nodes) {
    if (expanded(node.id) && rowView(node, input.roadmap).collapsible) display(input, key, expanded, node.id, childNodes(node, input), into);
  }
  return into;
}

function shownTree(shown: Display): ShownTree {
  return {
    children: new Map([...shown].map(([parentId, rows]) => [parentId, rows.map(([id]) => id)])),
    keys: new Map([...shown.values()].flat()),
  };
}

function allNodes(input: TreeInput): Map<string, TreeNode> {
  const nodes = new Map<string, TreeNode>();
  const visit = (node: TreeNode): void => {
    nodes.set(node.id, node);
    childNodes(node, input).forEach(visit);
  };
  rootNodes(input).forEach(visit);
  return nodes;
}

/**
 * What VS Code shows after the refresh, done as VS Code does it: a refreshed row is drawn from the provider again
 * and its children fetched again (expanded ones at once, collapsed ones when expanded); every other row keeps what it
 * showed. A refreshed row the tree no longer has stays as it was, which the comparison with a full redraw catches.
 */
function applied(before: Display, plan: TreeRefresh, after: TreeInput, key: KeyOf, expanded: (id: string) => boolean): Display {
  if (plan === 'all') return display(after, key, expanded);
  const refreshed = new Set(plan);
  const fresh = allNodes(after);
  const result: Display = new Map();
  const keep = (parentId: string): void => {
    const rows = before.get(parentId);
    if (!rows) return;
    result.set(
      parentId,
      rows.map(([id, shownKey]) => {
        const node = fresh.get(id);
        if (!refreshed.has(id) || !node) {
          keep(id);
          return [id, shownKey] as const;
        }
        if (expanded(id) && rowView(node, after.roadmap).collapsible) display(after, key, expanded, id, childNodes(node, after), result);
        return [id, key(node)] as const;
      }),
    );
  };
  keep(rootKey);
  return result;
}

/** A cheap string hash (FNV-1a). */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

describe('roadmap tree refresh', () => {
  const roadmap = bundledRoadmap;
  const python = roadmap.skill('python')!;
  const groupId = `group/${roadmap.groupOf('python')!.id}`;
  const fresh: Progress = { statuses: new Map(), currentLevel: undefined };
  const onlyGroupExpanded = (id: string): boolean => id === groupId;
  const plan = (before: Progress, after: Progress, filter: SkillFilter = 'all', expanded = onlyGroupExpanded): TreeRefresh =>
    planRefresh(shownTree(display(treeInput(roadmap, before, filter), keyOf(roadmap), expanded)), treeInput(roadmap, after, filter), keyOf(roadmap));
  const withStatus = (progress: Progress, id: string, status: SkillStatus): Progress => ({ ...progress, statuses: new Map([...progress.statuses, [id, status]]) });

  it('a checked skill refreshes its row, its group (VS Code then fetches its skills again) and the rows counting it, never the whole tree', () => {
    const rows = plan(fresh, withStatus(fresh, 'python', 'done'));
    assert.notEqual(rows, 'all');
    const roots = rootNodes(treeInput(roadmap, fresh, 'all'));
    const counting = roots.filter((node) => (node.kind === 'next' && [...node.gap.missing].some((skill) => skill.id === 'python')) || (node.kind === 'level' && node.level.id === python.expectedBy));
    assert.ok(counting.length > 0);
    assert.deepEqual([...rows].sort(), [`${groupId}/skill/python`, groupId, ...counting.map((node) => node.id)].sort());
  });

  it('learning changes no count: only the skill row is drawn again', () => {
    assert.deepEqual(plan(fresh, withStatus(fresh, 'python', 'learning')), [`${groupId}/skill/python`]);
  });

  it('refreshes nothing when nothing reads differently, and nothing VS Code never fetched', () => {
    assert.deepEqual(plan(fresh, fresh), []);
    assert.deepEqual(plan(fresh, withStatus(fresh, 'python', 'learning'), 'all', () => false), [], 'only the top level is fetched, and its rows count no learning');
    assert.deepEqual(planRefresh({ children: new Map(), keys: new Map() }, treeInput(roadmap, withStatus(fresh, 'python', 'done'), 'all'), keyOf(roadmap)), []);
    // Rows fetched but not drawn yet are drawn from the store as it is when VS Code asks.
    const fetchedOnly = shownTree(display(treeInput(roadmap, fresh, 'all'), keyOf(roadmap), onlyGroupExpanded));
    assert.deepEqual(planRefresh({ ...fetchedOnly, keys: new Map() }, treeInput(roadmap, withStatus(fresh, 'python', 'done'), 'all'), keyOf(roadmap)), []);
  });

  it('a new current level changes the top rows: everything is refreshed', () => {
    assert.equal(plan(fresh, { ...fresh, currentLevel: roadmap.levels.at(-1)!.id }), 'all');
  });

  it('under a filter, a skill that starts or stops showing refreshes its parent; a group that appears, everything', () => {
    const learningPython = withStatus(fresh, 'python', 'learning');
    const learningSibling = withStatus(learningPython, roadmap.groupOf('python')!.skills.find((s) => s.id !== 'python')!.id, 'learning');
    const rows = plan(learningPython, learningSibling, 'learning');
    assert.notEqual(rows, 'all');
    assert.ok(rows.includes(groupId), 'the group fetches its rows again');
    assert.equal(plan(fresh, learningPython, 'learning'), 'all', 'the group was hidden: the top level changed');
  });

  it('after the refresh, VS Code shows exactly what a full refresh would, and only rows that changed were refreshed (property)', () => {
    // Indexing is slow next to a case: each shape is built once.
    const synthetics = new Map<string, RoadmapIndex>();
    const synthetic = fc
      .record({ skills: fc.integer({ min: 1, max: 30 }), groups: fc.integer({ min: 1, max: 6 }), choose: fc.option(fc.integer({ min: 1, max: 3 })), optional: fc.boolean() })
      .map(({ skills, groups, choose, optional }) => {
        const shape = JSON.stringify([skills, groups, choose, optional]);
        const known = synthetics.get(shape);
        if (known) return known;
        const data = syntheticRoadmap(skills, groups);
        const [first, second] = data.groups;
        const index = indexRoadmap({
          ...data,
          groups: data.groups.map((group) => (group === first && choose !== null ? { ...group, choose } : group === second && optional ? { ...group, optional: true } : group)),
        });
        synthetics.set(shape, index);
        return index;
      });
    const scenario = fc.oneof({ weight: 1, arbitrary: fc.constant(bundledRoadmap) }, { weight: 3, arbitrary: synthetic }).chain((index) => {
      // Ids the roadmap does not have stand for progress under another roadmap (the "Not in the current roadmap" rows).
      const id = fc.constantFrom(...index.trackableIds, 'gone-1', 'gone-2');
      const status = fc.constantFrom(...skillStatuses);
      const level = fc.option(fc.constantFrom(...index.levels.map((l) => l.id)), { nil: undefined });
      const statuses = fc.array(fc.tuple(id, status), { maxLength: 40 }).map((pairs) => new Map(pairs));
      return fc.record({
        roadmap: fc.constant(index),
        before: fc.record({ statuses, currentLevel: level }),
        // Mostly a click or two, sometimes many (another window, an import), sometimes a new current level.
        changes: fc.oneof({ weight: 4, arbitrary: fc.array(fc.tuple(id, status), { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.array(fc.tuple(id, status), { maxLength: 60 }) }),
        newLevel: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: level }),
        filter: fc.constantFrom<SkillFilter>('all', 'all', 'remaining', 'learning'),
        expandSeed: fc.integer(),
      });
    });
    assertProperty(
      fc.property(scenario, ({ roadmap: index, before, changes, newLevel, filter, expandSeed }) => {
        const after: Progress = { statuses: new Map([...before.statuses, ...changes]), currentLevel: newLevel === null ? before.currentLevel : newLevel };
        const beforeInput = treeInput(index, before, filter);
        const afterInput = treeInput(index, after, filter);
        // Which rows the user expanded: about half, chosen by the seed (fc.func hashes its arguments far slower).
        const isExpanded = (id: string): boolean => hashOf(`${expandSeed}/${id}`) % 2 === 0;
        const shown = display(beforeInput, keyOf(index), isExpanded);
        const afterKey = keyOf(index);
        const result = planRefresh(shownTree(shown), afterInput, afterKey);
        const fullyRedrawn = display(afterInput, afterKey, isExpanded);
        assert.deepEqual(applied(shown, result, afterInput, afterKey, isExpanded), fullyRedrawn);
        if (result === 'all') {
          assert.notDeepEqual(shown.get(rootKey)?.map(([id]) => id), fullyRedrawn.get(rootKey)?.map(([id]) => id), 'everything only when the top level changed');
          return;
        }
        const shownKeys = shownTree(shown).keys;
        const fresh = allNodes(afterInput);
        const childIds = (rows: Display, id: string): string => JSON.stringify(rows.get(id)?.map(([child]) => child));
        for (const id of result) {
          const node = fresh.get(id);
          assert.ok(shownKeys.get(id) !== (node && afterKey(node)) || (shown.has(id) && childIds(shown, id) !== childIds(fullyRedrawn, id)), `${id} reads the same and has the same children, yet is refreshed`);
        }
      }),
      // A case draws the tree (the bundled roadmap's has hundreds of rows) four times, about 2 ms: a quarter of the
      // usual count keeps the unit tier fast; ML_CAREER_PROPERTY_RUNS still scales it.
      { numRuns: Math.ceil(propertyRuns / 4) },
    );
  });
});
