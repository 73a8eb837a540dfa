import { matchesFilter, type SkillFilter } from '../progress/filter';
import { nextLevelGaps, progressOf, type LevelGap, type Progress } from '../progress/progress';
import type { SkillStatus } from '../progress/status';
import type { RoadmapIndex } from '../roadmap/roadmap';
import type { Level, Skill, SkillGroup } from '../roadmap/schema';

export type TreeNode =
  /** `shown`: how many of the missing skills pass the filter (the children); the label counts them all. */
  | { readonly kind: 'next'; readonly id: string; readonly gap: LevelGap; readonly shown: number }
  | { readonly kind: 'level'; readonly id: string; readonly level: Level; readonly isCurrent: boolean; readonly progress: Progress }
  | { readonly kind: 'expectation'; readonly id: string; readonly parentId: string; readonly text: string }
  | { readonly kind: 'group'; readonly id: string; readonly group: SkillGroup; readonly progress: Progress }
  | { readonly kind: 'skill'; readonly id: string; readonly parentId: string; readonly skill: Skill; readonly status: SkillStatus };

export type SkillNode = Extract<TreeNode, { kind: 'skill' }>;

export interface TreeInput {
  readonly roadmap: RoadmapIndex;
  readonly statusOf: (skillId: string) => SkillStatus;
  readonly currentLevel: string | undefined;
  readonly filter: SkillFilter;
}

/** Stable ids: a skill shows under several parents, so its node id includes the parent's. */
export const nodeIds = {
  next: (levelId: string) => `next/${levelId}`,
  level: (levelId: string) => `level/${levelId}`,
  group: (groupId: string) => `group/${groupId}`,
  expectation: (levelId: string, expectationId: string) => `level/${levelId}/expectation/${expectationId}`,
  skill: (parentId: string, skillId: string) => `${parentId}/skill/${skillId}`,
};

function skillNodes(parentId: string, skills: readonly Skill[], input: TreeInput): SkillNode[] {
  return skills
    .map((skill) => ({ kind: 'skill' as const, id: nodeIds.skill(parentId, skill.id), parentId, skill, status: input.statusOf(skill.id) }))
    .filter((node) => matchesFilter(node.status, input.filter));
}

/** Top level: the next-level gaps, then the levels, then the skill groups (breaking in is one of them). */
export function rootNodes(input: TreeInput): TreeNode[] {
  const { roadmap, statusOf } = input;
  const next = nextLevelGaps(roadmap, input.currentLevel, statusOf).map((gap) => ({
    kind: 'next' as const,
    id: nodeIds.next(gap.level.id),
    gap,
    shown: gap.missing.filter((skill) => matchesFilter(statusOf(skill.id), input.filter)).length,
  }));
  const levels = roadmap.levels.map((level) => ({
    kind: 'level' as const,
    id: nodeIds.level(level.id),
    level,
    isCurrent: level.id === input.currentLevel,
    progress: progressOf(roadmap.skillsIntroducedAt(level.id), statusOf),
  }));
  const groups = roadmap.groups
    .map((group) => ({ kind: 'group' as const, id: nodeIds.group(group.id), group, progress: progressOf(group.skills, statusOf) }))
    .filter((node) => input.filter === 'all' || node.group.skills.some((skill) => matchesFilter(statusOf(skill.id), input.filter)));
  return [...next, ...levels, ...groups];
}

export function childNodes(node: TreeNode, input: TreeInput): TreeNode[] {
  switch (node.kind) {
    case 'next':
      return skillNodes(node.id, node.gap.missing, input);
    case 'level': {
      const expectations = node.level.expectations.map((expectation) => ({
        kind: 'expectation' as const,
        id: nodeIds.expectation(node.level.id, expectation.id),
        parentId: node.id,
        text: expectation.text,
      }));
      return [...expectations, ...skillNodes(node.id, input.roadmap.skillsIntroducedAt(node.level.id), input)];
    }
    case 'group':
      return skillNodes(node.id, node.group.skills, input);
    case 'expectation':
    case 'skill':
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

/** Finds a node by id among the current roots and their children (at most two levels deep). */
export function findNode(input: TreeInput, id: string): TreeNode | undefined {
  for (const root of rootNodes(input)) {
    if (root.id === id) return root;
    if (id.startsWith(`${root.id}/`)) return childNodes(root, input).find((child) => child.id === id);
  }
  return undefined;
}

/** Counts every node of the full tree; used by the benchmark. */
export function countNodes(input: TreeInput): number {
  return rootNodes(input).reduce((sum, root) => sum + 1 + childNodes(root, input).length, 0);
}
