import {
  levelExpectationProgress,
  levelSkillProgress,
  nextLevelGaps,
  overallExpectationProgress,
  overallSkillProgress,
  type Progress,
} from '../progress/progress';
import { matchesFilter, type SkillFilter } from '../progress/filter';
import type { SkillStatus } from '../progress/status';
import type { RoadmapIndex } from '../roadmap/roadmap';
import { monthLabel } from '../roadmap/market';
import type { Resource, SkillGroup } from '../roadmap/schema';
import type { groupKinds, levelStages, resourceTypes } from '../roadmap/vocabulary';

/**
 * What the roadmap webview shows, computed on the host from the roadmap, the statuses and the current level.
 * Plain JSON (no Maps, no undefined) because it crosses postMessage and is validated on arrival.
 */
export interface RoadmapViewState {
  /** The axes every level's expectations are tagged with, for the level × competency matrix. */
  competencies: CompetencyView[];
  /** The path, in content order. */
  levels: LevelView[];
  /** Every skill once, in content order. */
  skills: SkillView[];
  /** Tracked groups that count toward no level (interview preparation), shown apart from the path. */
  optionalGroups: GroupSection[];
  /** Skills that count (alternatives as many as they ask for; optional groups left out). */
  overall: Progress;
  /** Required expectations of every level. */
  overallExpectations: Progress;
  currentLevelId: string | null;
  /** What separates the current level (or the starting stage) from each level that follows it. */
  next: NextLevelView[];
  market: MarketView;
}

export interface CompetencyView {
  id: string;
  title: string;
  description: string;
}

export interface ExpectationView {
  id: string;
  title: string;
  text: string;
  competencyId: string;
  /** Tracked, but never counted toward the level (e.g. leading a small team as a senior). */
  optional: boolean;
  status: SkillStatus;
}

export interface LevelView {
  id: string;
  title: string;
  years: string;
  track: 'ic' | 'management';
  stage: (typeof levelStages)[number];
  follows: string | null;
  focus: string;
  expectations: ExpectationView[];
  isCurrent: boolean;
  /** On the way to, or at, the current level. */
  isReached: boolean;
  isNext: boolean;
  /** Of the skills this level introduces (the ones shown under it); alternatives count as many as they ask for. */
  progress: Progress;
  /** Of this level's own required expectations. */
  expectationProgress: Progress;
  /** Skills expected by this level, grouped by their group, in content order; empty groups left out. */
  groups: GroupSection[];
}

export interface GroupSection {
  id: string;
  title: string;
  kind: (typeof groupKinds)[number];
  /** "Any `choose` of these" for alternatives; null when every skill counts. */
  choose: number | null;
  description: string;
  skillIds: string[];
}

export interface MilestoneView {
  levelId: string;
  levelTitle: string;
  text: string;
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
  milestones: MilestoneView[];
  /** What a strong showing looks like (interview preparation); null for other skills. */
  goodLooksLike: string | null;
  resources: ResourceView[];
  /** The user's note, rendered on the host into safe HTML (see core/notes/renderNote.ts); null when there is none. */
  note: NoteView | null;
  /** "Learning since 12 Mar 2026, done 3 Jun 2026"; null when the status never changed. */
  history: string | null;
}

export interface NoteView {
  /** Only markdown-it's elements, every text escaped, https links only: made by `noteHtml`, never by the webview. */
  html: string;
  /** When it was last saved, as a day ("3 Jun 2026"). */
  edited: string;
}

/** What the user added to a skill: a note and the dated history of its status. */
export interface SkillAnnotations {
  note: NoteView | null;
  history: string | null;
}

const noAnnotations = (): SkillAnnotations => ({ note: null, history: null });

export interface ResourceView {
  title: string;
  url: string;
  type: (typeof resourceTypes)[number];
  checked: string;
}

export interface AlternativesView {
  groupId: string;
  title: string;
  /** How many the group asks for and how many of those are done. */
  needed: number;
  done: number;
  /** Options still open (neither done nor skipped). */
  openSkillIds: string[];
}

export interface NextLevelView {
  levelId: string;
  title: string;
  /** Required skills expected by that level and neither done nor skipped. */
  missingSkillIds: string[];
  /** Required expectations that count toward that level and are neither done nor skipped; counted apart. */
  missingExpectationIds: string[];
  /** Groups of alternatives that count toward that level. */
  alternatives: AlternativesView[];
  /** Cumulative readiness in skills (required ones plus alternatives). */
  progress: Progress;
  /** Cumulative readiness in expectations. */
  expectationProgress: Progress;
}

export interface MarketView {
  title: string;
  /** "2026-03", and the same month in words ("March 2026"). */
  asOf: string;
  asOfLabel: string;
  source: string;
  summary: string;
  facts: { id: string; title: string; text: string }[];
  resources: ResourceView[];
}

function groupSection(group: SkillGroup, skillIds: string[]): GroupSection {
  return { id: group.id, title: group.title, kind: group.kind, choose: group.choose ?? null, description: group.description, skillIds };
}

const resourceView = (r: Resource): ResourceView => ({ title: r.title, url: r.url, type: r.type, checked: r.checked });

export function buildRoadmapView(
  roadmap: RoadmapIndex,
  statusOf: (id: string) => SkillStatus,
  currentLevelId: string | undefined,
  annotationsOf: (id: string) => SkillAnnotations = noAnnotations,
): RoadmapViewState {
  const current = currentLevelId !== undefined && roadmap.level(currentLevelId) ? currentLevelId : undefined;
  const reached = new Set(current === undefined ? [] : roadmap.chain(current).map((level) => level.id));
  const gaps = nextLevelGaps(roadmap, current, statusOf);
  const nextIds = new Set(gaps.map((gap) => gap.level.id));

  const levels: LevelView[] = roadmap.levels.map((level) => {
    const introduced = roadmap.skillsIntroducedAt(level.id);
    const groups: GroupSection[] = [];
    for (const group of roadmap.groups) {
      const skillIds = introduced.filter((skill) => roadmap.groupOf(skill.id)?.id === group.id).map((skill) => skill.id);
      if (skillIds.length > 0) groups.push(groupSection(group, skillIds));
    }
    return {
      id: level.id,
      title: level.title,
      years: level.years,
      track: level.track,
      stage: level.stage,
      follows: level.follows ?? null,
      focus: level.focus,
      expectations: level.expectations.map((e) => ({ id: e.id, title: e.title, text: e.text, competencyId: e.competency, optional: e.optional, status: statusOf(e.id) })),
      isCurrent: level.id === current,
      isReached: reached.has(level.id),
      isNext: nextIds.has(level.id),
      progress: levelSkillProgress(roadmap, level.id, statusOf),
      expectationProgress: levelExpectationProgress(level, statusOf),
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
      milestones: skill.milestones.map((m) => ({ levelId: m.level, levelTitle: roadmap.level(m.level)?.title ?? m.level, text: m.text })),
      goodLooksLike: skill.goodLooksLike ?? null,
      resources: skill.resources.map(resourceView),
      ...annotationsOf(skill.id),
    };
  });

  const { market } = roadmap.roadmap;
  return {
    competencies: roadmap.competencies.map((c) => ({ id: c.id, title: c.title, description: c.description })),
    levels,
    skills,
    optionalGroups: roadmap.groups.filter((group) => group.optional).map((group) => groupSection(group, group.skills.map((skill) => skill.id))),
    overall: overallSkillProgress(roadmap, statusOf),
    overallExpectations: overallExpectationProgress(roadmap, statusOf),
    currentLevelId: current ?? null,
    next: gaps.map((gap) => ({
      levelId: gap.level.id,
      title: gap.level.title,
      missingSkillIds: gap.missing.map((skill) => skill.id),
      missingExpectationIds: gap.missingExpectations.map((expectation) => expectation.id),
      alternatives: gap.alternatives.map((alt) => ({
        groupId: alt.group.id,
        title: alt.group.title,
        needed: alt.needed,
        done: Math.min(alt.done.length, alt.needed),
        openSkillIds: alt.open.map((skill) => skill.id),
      })),
      progress: gap.skillProgress,
      expectationProgress: gap.expectationProgress,
    })),
    market: {
      title: market.title,
      asOf: market.asOf,
      asOfLabel: monthLabel(market.asOf),
      source: market.source,
      summary: market.summary,
      facts: market.facts.map((f) => ({ id: f.id, title: f.title, text: f.text })),
      resources: market.resources.map(resourceView),
    },
  };
}

/** A skill or a level expectation of the view, by id: whatever has a status. */
export function trackedItem(state: RoadmapViewState, id: string): { id: string; title: string; status: SkillStatus } | undefined {
  return state.skills.find((s) => s.id === id) ?? state.levels.flatMap((level) => level.expectations).find((e) => e.id === id);
}

/** Skills still to do toward a next level: the missing required ones plus what alternatives still ask for. */
export function skillsToGo(next: NextLevelView): number {
  return next.missingSkillIds.length + next.alternatives.reduce((n, alt) => n + alt.needed - alt.done, 0);
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
