import * as assert from 'node:assert/strict';
import { matchesFilter } from '../../src/core/progress/filter';
import type { SkillStatus } from '../../src/core/progress/status';
import { bundledRoadmap } from '../../src/core/roadmap/bundled';
import { indexRoadmap } from '../../src/core/roadmap/roadmap';
import type { Roadmap } from '../../src/core/roadmap/schema';
import { syntheticRoadmap } from './helpers/syntheticRoadmap';
import {
  buildRoadmapView,
  describeProgress,
  filterLevels,
  matchesQuery,
  toggledStatus,
  visibleSkillIds,
  type RoadmapViewState,
} from '../../src/core/roadmapView/viewModel';

const level = (id: string, follows?: string, track: 'ic' | 'management' = 'ic') => ({
  id,
  title: `${id[0]?.toUpperCase()}${id.slice(1)} ML Engineer`,
  short: id,
  years: '1+ years',
  track,
  stage: 'role' as const,
  ...(follows ? { follows } : {}),
  focus: `What a ${id} engineer focuses on.`,
  expectations: [1, 2, 3, 4].map((n) => ({ id: `${id}-e${n}`, title: `Expectation ${n}`, text: `Expectation ${n} of ${id}`, competency: 'craft', optional: false })),
});

const skill = (id: string, title: string, expectedBy: string, summary = `Summary of ${title}.`) => ({
  id,
  title,
  summary,
  why: `Why ${title} matters, at some length.`,
  expectedBy,
  renamedFrom: [],
  milestones: [],
  resources: [
    { title: 'Official docs', url: `https://example.org/${id}`, type: 'docs' as const, checked: '2026-11-01' },
    { title: 'A course', url: `https://example.org/course/${id}`, type: 'course' as const, checked: '2026-11-01' },
  ],
});

const roadmap: Roadmap = {
  version: 2,
  competencies: [{ id: 'craft', title: 'Craft', description: 'Building things that work, for tests.' }],
  levels: [level('junior'), level('mid', 'junior'), level('senior', 'mid'), level('staff', 'senior'), level('management', 'senior', 'management')],
  groups: [
    {
      id: 'tech',
      title: 'Technical',
      kind: 'must-have',
      description: 'Technical skills for tests.',
      optional: false,
      skills: [skill('python', 'Python', 'junior'), skill('sql', 'SQL', 'junior'), skill('cloud', 'Cloud platform', 'mid'), skill('rust', 'Systems language', 'senior')],
    },
    {
      id: 'soft',
      title: 'Soft skills',
      kind: 'soft',
      description: 'Soft skills for tests.',
      optional: false,
      skills: [skill('talk', 'Stakeholder communication', 'mid', 'Explain modèles to people.'), skill('lead', 'People leadership', 'management')],
    },
  ],
  market: syntheticRoadmap(1).market,
};
const index = indexRoadmap(roadmap);

function view(statuses: Record<string, SkillStatus> = {}, current?: string): RoadmapViewState {
  return buildRoadmapView(index, (id) => statuses[id] ?? 'not-started', current);
}

describe('roadmap view model', () => {
  it('lists the five levels as a path in content order, with what each follows', () => {
    const state = view();
    assert.deepEqual(
      state.levels.map((l) => [l.id, l.follows]),
      [
        ['junior', null],
        ['mid', 'junior'],
        ['senior', 'mid'],
        ['staff', 'senior'],
        ['management', 'senior'],
      ],
    );
    assert.equal(state.levels[4]?.track, 'management');
    assert.equal(state.levels[0]?.expectations.length, 4);
  });

  it('groups skills under the level by which they are expected, by group, leaving empty groups out', () => {
    const state = view();
    const groups = (id: string) => state.levels.find((l) => l.id === id)?.groups.map((g) => [g.id, g.skillIds]);
    assert.deepEqual(groups('junior'), [['tech', ['python', 'sql']]]);
    assert.deepEqual(groups('mid'), [
      ['tech', ['cloud']],
      ['soft', ['talk']],
    ]);
    assert.deepEqual(groups('staff'), []);
    assert.deepEqual(groups('management'), [['soft', ['lead']]]);
  });

  it('marks the current level, the levels reached on the way and the next ones', () => {
    const state = view({}, 'mid');
    const flags = state.levels.map((l) => `${l.id}:${l.isCurrent ? 'C' : ''}${l.isReached ? 'R' : ''}${l.isNext ? 'N' : ''}`);
    assert.deepEqual(flags, ['junior:R', 'mid:CR', 'senior:N', 'staff:', 'management:']);
    assert.equal(state.currentLevelId, 'mid');
  });

  it('without a current level, the first levels are next and nothing is reached', () => {
    const state = view();
    assert.equal(state.currentLevelId, null);
    assert.deepEqual(state.levels.filter((l) => l.isNext).map((l) => l.id), ['junior']);
    assert.ok(state.levels.every((l) => !l.isReached && !l.isCurrent));
  });

  it('an unknown current level counts as none', () => {
    assert.equal(view({}, 'astronaut').currentLevelId, null);
  });

  it('branches: after senior both staff and management are next, IC track first', () => {
    assert.deepEqual(
      view({}, 'senior').next.map((n) => n.levelId),
      ['staff', 'management'],
    );
  });

  it('computes overall, per-level and next-level progress (skipped leaves the total)', () => {
    const state = view({ python: 'done', sql: 'skipped', cloud: 'learning' }, 'junior');
    assert.deepEqual(state.overall, { done: 1, learning: 1, skipped: 1, total: 5, percent: 20 });
    assert.deepEqual(state.levels[0]?.progress, { done: 1, learning: 0, skipped: 1, total: 1, percent: 100 });
    const next = state.next[0];
    assert.equal(next?.levelId, 'mid');
    assert.deepEqual(next?.missingSkillIds, ['cloud', 'talk']);
    // junior + mid expected: python done, sql skipped, cloud learning, talk not started → 1 of 3
    assert.equal(next?.progress.percent, 33);
  });

  it('copies every skill with its status, group, level and resources', () => {
    const talk = view({ talk: 'learning' }).skills.find((s) => s.id === 'talk');
    assert.deepEqual(talk && { ...talk, why: undefined, resources: talk.resources.length }, {
      id: 'talk',
      title: 'Stakeholder communication',
      summary: 'Explain modèles to people.',
      why: undefined,
      status: 'learning',
      groupId: 'soft',
      groupTitle: 'Soft skills',
      levelId: 'mid',
      levelTitle: 'Mid ML Engineer',
      milestones: [],
      goodLooksLike: null,
      resources: 2,
      note: null,
      history: null,
    });
  });

  it('is plain JSON (it crosses postMessage)', () => {
    const state = view({ python: 'done' }, 'mid');
    assert.deepEqual(JSON.parse(JSON.stringify(state)), state);
  });

  it('builds the bundled roadmap: every skill appears exactly once, under a level or in an optional group', () => {
    const state = buildRoadmapView(bundledRoadmap, () => 'not-started', undefined);
    const placed = [...state.levels.flatMap((l) => l.groups.flatMap((g) => g.skillIds)), ...state.optionalGroups.flatMap((g) => g.skillIds)];
    assert.equal(placed.length, bundledRoadmap.skills.length);
    assert.equal(new Set(placed).size, placed.length);
    // Interview preparation (five stages) is the one optional group: it counts toward no level.
    assert.deepEqual(state.optionalGroups.map((g) => [g.id, g.skillIds.length]), [['interview-prep', 5]]);
    assert.equal(state.levels.length, 6);
  });
});

describe('roadmap view filters and search', () => {
  const state = view({ python: 'done', sql: 'learning', cloud: 'skipped', talk: 'learning' });

  it('filters: all, remaining (neither done nor skipped), learning', () => {
    assert.deepEqual([...visibleSkillIds(state, { filter: 'all', query: '' })], ['python', 'sql', 'cloud', 'rust', 'talk', 'lead']);
    assert.deepEqual([...visibleSkillIds(state, { filter: 'remaining', query: '' })], ['sql', 'rust', 'talk', 'lead']);
    assert.deepEqual([...visibleSkillIds(state, { filter: 'learning', query: '' })], ['sql', 'talk']);
    assert.equal(matchesFilter('skipped', 'remaining'), false);
    assert.equal(matchesFilter('not-started', 'learning'), false);
  });

  it('searches title, summary, group and level, case- and accent-insensitively, all words', () => {
    const s = (q: string) => [...visibleSkillIds(state, { filter: 'all', query: q })];
    assert.deepEqual(s('PYTHON'), ['python']);
    assert.deepEqual(s('modeles'), ['talk']);
    assert.deepEqual(s('soft'), ['talk', 'lead']);
    assert.deepEqual(s('  soft   LEADERSHIP '), ['lead']);
    assert.deepEqual(s('people'), ['talk', 'lead']);
    assert.deepEqual(s('management'), ['lead']);
    assert.deepEqual(s('nothing-like-this'), []);
    assert.deepEqual(s(''), ['python', 'sql', 'cloud', 'rust', 'talk', 'lead']);
  });

  it('does not treat the query as a pattern', () => {
    const python = state.skills[0];
    assert.ok(python);
    assert.equal(matchesQuery(python, '.*'), false);
    assert.equal(matchesQuery(python, '(['), false);
  });

  it('combines filter and search, and keeps every level while dropping empty groups', () => {
    const levels = filterLevels(state, { filter: 'learning', query: 'communication' });
    assert.equal(levels.length, 5);
    assert.deepEqual(
      levels.map((l) => l.groups.map((g) => g.skillIds)),
      [[], [['talk']], [], [], []],
    );
    // Progress is of the level, not of what the filter shows.
    assert.equal(levels[0]?.progress.total, 2);
  });

  it('toggles like the tree checkbox and describes progress in words', () => {
    assert.equal(toggledStatus('done'), 'not-started');
    assert.equal(toggledStatus('not-started'), 'done');
    assert.equal(toggledStatus('learning'), 'done');
    assert.equal(toggledStatus('skipped'), 'done');
    assert.equal(describeProgress({ done: 2, learning: 1, skipped: 0, total: 5, percent: 40 }), '2 of 5 done, 1 learning');
    assert.equal(describeProgress({ done: 0, learning: 0, skipped: 2, total: 3, percent: 0 }), '0 of 3 done, 2 skipped');
  });
});
