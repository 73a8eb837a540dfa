import { matchesFilter, type SkillFilter } from '../progress/filter';
import { levelExpectationProgress, levelSkillProgress, nextLevelGaps, groupProgress, type AlternativesGap, type LevelGap, type Progress } from '../progress/progress';
import type { SkillStatus } from '../progress/status';
import type { LevelExpectation, RoadmapIndex } from '../roadmap/roadmap';
import type { Level, Market, Skill, SkillGroup } from '../roadmap/schema';
import type { DroppedItem } from './droppedProgress';

export type TreeNode =
  /** `rows`: the gap's rows without a filter; `shown`: how many pass the filter (the children). */
  | { readonly kind: 'next'; readonly id: string; readonly gap: LevelGap; readonly rows: number; readonly shown: number }
  | { readonly kind: 'level'; readonly id: string; readonly level: Level; readonly isCurrent: boolean; readonly progress: Progress; readonly expectationProgress: Progress }
  /** A level's expectations, one collapsible row so the level stays short. */
  | { readonly kind: 'expectations'; readonly id: string; readonly parentId: string; readonly level: Level; readonly progress: Progress }
  | { readonly kind: 'expectation'; readonly id: string; readonly parentId: string; readonly item: LevelExpectation; readonly status: SkillStatus }
  /** "Any two of these" toward a next level: the options still open are its children. */
  | { readonly kind: 'alternatives'; readonly id: string; readonly parentId: string; readonly gap: AlternativesGap }
  | { readonly kind: 'group'; readonly id: string; readonly group: SkillGroup; readonly progress: Progress }
  | { readonly kind: 'skill'; readonly id: string; readonly parentId: string; readonly skill: Skill; readonly status: SkillStatus }
  | { readonly kind: 'market'; readonly id: string; readonly market: Market }
  | { readonly kind: 'fact'; readonly id: string; readonly parentId: string; readonly fact: Market['facts'][number]; readonly asOf: string }
  /** Progress on ids the active roadmap does not have: kept, and listed apart so nobody thinks it was lost. */
  | { readonly kind: 'dropped'; readonly id: string; readonly items: readonly DroppedItem[] }
  | { readonly kind: 'droppedItem'; readonly id: string; readonly parentId: string; readonly item: DroppedItem };

export type SkillNode = Extract<TreeNode, { kind: 'skill' }>;
export type ExpectationNode = Extract<TreeNode, { kind: 'expectation' }>;

export interface TreeInput {
  readonly roadmap: RoadmapIndex;
  readonly statusOf: (id: string) => SkillStatus;
  readonly currentLevel: string | undefined;
  readonly filter: SkillFilter;
  /** Stored progress the roadmap has no place for (see droppedProgress). */
  readonly dropped?: readonly DroppedItem[];
}

/** Stable ids: a skill or expectation shows under several parents, so its node id includes the parent's. */
export const nodeIds = {
  next: (levelId: string) => `next/${levelId}`,
  level: (levelId: string) => `level/${levelId}`,
  group: (groupId: string) => `group/${groupId}`,
  market: () => 'market',
  expectations: (levelId: string) => `level/${levelId}/expectations`,
  expectation: (parentId: string, expectationId: string) => `${parentId}/expectation/${expectationId}`,
  alternatives: (parentId: string, groupId: string) => `${parentId}/alternatives/${groupId}`,
  skill: (parentId: string, skillId: string) => `${parentId}/skill/${skillId}`,
  fact: (factId: string) => `market/fact/${factId}`,
  dropped: () => 'dropped',
  droppedItem: (id: string) => `dropped/item/${id}`,
};

function skillNodes(parentId: string, skills: readonly Skill[], input: TreeInput): SkillNode[] {
  return skills
    .map((skill) => ({ kind: 'skill' as const, id: nodeIds.skill(parentId, skill.id), parentId, skill, status: input.statusOf(skill.id) }))
    .filter((node) => matchesFilter(node.status, input.filter));
}

function expectationNodes(parentId: string, ids: readonly string[], input: TreeInput): ExpectationNode[] {
  return ids
    .flatMap((id) => {
      const item = input.roadmap.expectation(id);
      return item ? [{ kind: 'expectation' as const, id: nodeIds.expectation(parentId, id), parentId, item, status: input.statusOf(id) }] : [];
    })
    .filter((node) => matchesFilter(node.status, input.filter));
}

function gapChildren(parentId: string, gap: LevelGap, input: TreeInput): TreeNode[] {
  const alternatives = gap.alternatives
    .filter((alt) => alt.remaining > 0 && alt.open.some((skill) => matchesFilter(input.statusOf(skill.id), input.filter)))
    .map((alt) => ({ kind: 'alternatives' as const, id: nodeIds.alternatives(parentId, alt.group.id), parentId, gap: alt }));
  return [
    ...skillNodes(parentId, gap.missing, input),
    ...alternatives,
    ...expectationNodes(parentId, gap.missingExpectations.map((e) => e.id), input),
  ];
}

/**
 * Top level: the next-level gaps, then the levels, then the skill groups, then the dated market snapshot, then
 * the progress the roadmap has no place for.
 */
export function rootNodes(input: TreeInput): TreeNode[] {
  const { roadmap, statusOf } = input;
  const next = nextLevelGaps(roadmap, input.currentLevel, statusOf).map((gap) => {
    const id = nodeIds.next(gap.level.id);
    return { kind: 'next' as const, id, gap, rows: gapChildren(id, gap, { ...input, filter: 'all' }).length, shown: gapChildren(id, gap, input).length };
  });
  const levels = roadmap.levels.map((level) => ({
    kind: 'level' as const,
    id: nodeIds.level(level.id),
    level,
    isCurrent: level.id === input.currentLevel,
    progress: levelSkillProgress(roadmap, level.id, statusOf),
    expectationProgress: levelExpectationProgress(level, statusOf),
  }));
  const groups = roadmap.groups
    .map((group) => ({ kind: 'group' as const, id: nodeIds.group(group.id), group, progress: groupProgress(group, statusOf) }))
    .filter((node) => input.filter === 'all' || node.group.skills.some((skill) => matchesFilter(statusOf(skill.id), input.filter)));
  // The market snapshot has no statuses: a filter on statuses leaves it out.
  const market = input.filter === 'all' ? [{ kind: 'market' as const, id: nodeIds.market(), market: roadmap.roadmap.market }] : [];
  const dropped = (input.dropped ?? []).filter((item) => matchesFilter(item.status, input.filter));
  const droppedNode = dropped.length > 0 ? [{ kind: 'dropped' as const, id: nodeIds.dropped(), items: dropped }] : [];
  return [...next, ...levels, ...groups, ...market, ...droppedNode];
}

export function childNodes(node: TreeNode, input: TreeInput): TreeNode[] {
  switch (node.kind) {
    case 'next':
      return gapChildren(node.id, node.gap, input);
    case 'level': {
      const expectations = expectationNodes(nodeIds.expectations(node.level.id), node.level.expectations.map((e) => e.id), input);
      const group =
        expectations.length > 0
          ? [{ kind: 'expectations' as const, id: nodeIds.expectations(node.level.id), parentId: node.id, level: node.level, progress: node.expectationProgress }]
          : [];
      return [...group, ...skillNodes(node.id, input.roadmap.skillsIntroducedAt(node.level.id), input)];
    }
    case 'expectations':
      return expectationNodes(node.id, node.level.expectations.map((e) => e.id), input);
    case 'alternatives':
      return skillNodes(node.id, node.gap.open, input);
    case 'group':
      return skillNodes(node.id, node.group.skills, input);
    case 'market':
      return node.market.facts.map((fact) => ({ kind: 'fact' as const, id: nodeIds.fact(fact.id), parentId: node.id, fact, asOf: node.market.asOf }));
    case 'dropped':
      return node.items.map((item) => ({ kind: 'droppedItem' as const, id: nodeIds.droppedItem(item.id), parentId: node.id, item }));
    case 'expectation':
    case 'skill':
    case 'fact':
    case 'droppedItem':
      return [];
  }
}

/** The node for a skill in its group: the one place search reveals it. */
export function canonicalSkillNode(input: TreeInput, skillId: string): SkillNode | undefined {
  const group = input.roadmap.groupOf(skillId);
  const skill = input.roadmap.skill(skillId);
  if (!group || !skill) return undefined;
  const parentId = nodeIds.group(group.id);
  return { kind: 'skill', id: nodeIds.skill(parentId, skill.id), parentId, skill, status: input.statusOf(skill.id) };
}

/** Finds a node by id, descending only into nodes whose id is a prefix of it (the tree is at most three deep). */
export function findNode(input: TreeInput, id: string): TreeNode | undefined {
  let nodes = rootNodes(input);
  for (;;) {
    const exact = nodes.find((node) => node.id === id);
    if (exact) return exact;
    const parent = nodes.find((node) => id.startsWith(`${node.id}/`));
    if (!parent) return undefined;
    nodes = childNodes(parent, input);
  }
}

/** Counts every node of the full tree; used by the benchmark. */
export function countNodes(input: TreeInput): number {
  const count = (node: TreeNode): number => 1 + childNodes(node, input).reduce((sum, child) => sum + count(child), 0);
  return rootNodes(input).reduce((sum, root) => sum + count(root), 0);
}
