import { nextLevelGaps, progressOf, type Progress } from '../progress/progress';
import { matchesFilter, type SkillFilter } from '../progress/filter';
import type { SkillStatus } from '../progress/status';
import type { RoadmapIndex } from '../roadmap/roadmap';
import type { groupKinds, resourceTypes } from '../roadmap/vocabulary';

/**
 * What the roadmap webview shows, computed on the host from the roadmap, the statuses and the current level.
 * Plain JSON (no Maps, no undefined) because it crosses postMessage and is validated on arrival.
 */
export interface RoadmapViewState {
  /** The path, in content order. */
  levels: LevelView[];
  /** Every skill once, in content order. */
  skills: SkillView[];
  overall: Progress;
  currentLevelId: string | null;
  /** What separates the current level (or a beginner) from each level that follows it. */
  next: NextLevelView[];
}

export interface LevelView {
  id: string;
  title: string;
  years: string;
  track: 'ic' | 'management';
  follows: string | null;
  focus: string;
  expectations: { id: string; text: string }[];
  isCurrent: boolean;
  /** On the way to, or at, the current level. */
  isReached: boolean;
  isNext: boolean;
  /** Of the skills this level introduces (the ones shown under it). */
  progress: Progress;
  /** Skills expected by this level, grouped by their group, in content order; empty groups left out. */
  groups: GroupSection[];
}

export interface GroupSection {
  id: string;
  title: string;
  kind: (typeof groupKinds)[number];
  skillIds: string[];
}

export interface SkillView {
  id: string;
  title: string;
  summary: string;
  why: string;
  status: SkillStatus;
  groupId: string;
  groupTitle: string;
  /** The level by which the skill is expected. */
  levelId: string;
  levelTitle: string;
  resources: { title: string; url: string; type: (typeof resourceTypes)[number] }[];
}

export interface NextLevelView {
  levelId: string;
  title: string;
  /** Expected by that level and neither done nor skipped. */
  missingSkillIds: string[];
  /** Cumulative readiness for that level (its skills and those of the levels before it). */
  progress: Progress;
}

export function buildRoadmapView(roadmap: RoadmapIndex, statusOf: (skillId: string) => SkillStatus, currentLevelId: string | undefined): RoadmapViewState {
  const current = currentLevelId !== undefined && roadmap.level(currentLevelId) ? currentLevelId : undefined;
  const reached = new Set(current === undefined ? [] : roadmap.chain(current).map((level) => level.id));
  const gaps = nextLevelGaps(roadmap, current, statusOf);
  const nextIds = new Set(gaps.map((gap) => gap.level.id));

  const levels: LevelView[] = roadmap.levels.map((level) => {
    const introduced = roadmap.skillsIntroducedAt(level.id);
    const groups: GroupSection[] = [];
    for (const group of roadmap.groups) {
      const skillIds = introduced.filter((skill) => roadmap.groupOf(skill.id)?.id === group.id).map((skill) => skill.id);
      if (skillIds.length > 0) groups.push({ id: group.id, title: group.title, kind: group.kind, skillIds });
    }
    return {
      id: level.id,
      title: level.title,
      years: level.years,
      track: level.track,
      follows: level.follows ?? null,
      focus: level.focus,
      expectations: level.expectations.map((e) => ({ id: e.id, text: e.text })),
      isCurrent: level.id === current,
      isReached: reached.has(level.id),
      isNext: nextIds.has(level.id),
      progress: progressOf(introduced, statusOf),
      groups,
    };
  });

  const skills: SkillView[] = roadmap.skills.map((skill) => {
    const group = roadmap.groupOf(skill.id);
    return {
      id: skill.id,
      title: skill.title,
      summary: skill.summary,
      why: skill.why,
      status: statusOf(skill.id),
      groupId: group?.id ?? '',
      groupTitle: group?.title ?? '',
      levelId: skill.expectedBy,
      levelTitle: roadmap.level(skill.expectedBy)?.title ?? skill.expectedBy,
      resources: skill.resources.map((r) => ({ title: r.title, url: r.url, type: r.type })),
    };
  });

  return {
    levels,
    skills,
    overall: progressOf(roadmap.skills, statusOf),
    currentLevelId: current ?? null,
    next: gaps.map((gap) => ({
      levelId: gap.level.id,
      title: gap.level.title,
      missingSkillIds: gap.missing.map((skill) => skill.id),
      progress: progressOf(roadmap.skillsExpectedAt(gap.level.id), statusOf),
    })),
  };
}

/** Lowercase without diacritics, so "modele" finds "modèle". */
export function normalizeText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Every word of the query must appear in the skill's title, summary, group or level. */
export function matchesQuery(skill: SkillView, query: string): boolean {
  const words = normalizeText(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normalizeText([skill.title, skill.summary, skill.groupTitle, skill.levelTitle].join('\n'));
  return words.every((word) => haystack.includes(word));
}

export interface ViewFilter {
  filter: SkillFilter;
  query: string;
}

/** The skills the filter and search let through, as ids. */
export function visibleSkillIds(state: RoadmapViewState, view: ViewFilter): Set<string> {
  return new Set(state.skills.filter((skill) => matchesFilter(skill.status, view.filter) && matchesQuery(skill, view.query)).map((skill) => skill.id));
}

/** The levels with only the visible skills in their groups (levels themselves always stay: they are the path). */
export function filterLevels(state: RoadmapViewState, view: ViewFilter): LevelView[] {
  const visible = visibleSkillIds(state, view);
  return state.levels.map((level) => ({
    ...level,
    groups: level.groups
      .map((group) => ({ ...group, skillIds: group.skillIds.filter((id) => visible.has(id)) }))
      .filter((group) => group.skillIds.length > 0),
  }));
}

/** The status a one-click toggle moves to, mirroring the tree checkbox: done ↔ not started. */
export function toggledStatus(status: SkillStatus): SkillStatus {
  return status === 'done' ? 'not-started' : 'done';
}

/** "7 of 20 done" plus what is in flight; skipped skills are mentioned because they leave the total. */
export function describeProgress(progress: Progress): string {
  const parts = [`${progress.done} of ${progress.total} done`];
  if (progress.learning > 0) parts.push(`${progress.learning} learning`);
  if (progress.skipped > 0) parts.push(`${progress.skipped} skipped`);
  return parts.join(', ');
}
