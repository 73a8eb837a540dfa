import { readsFrom, type ExportSource } from '../../../src/core/export/exportSource';
import { projectReadiness } from '../../../src/core/export/projectReadiness';
import { parseChecklist } from '../../../src/core/portfolio/checklist';
import { toStored, type ProgressEntry, type ProgressState, type SkillNote } from '../../../src/core/progress/state';
import { ProgressStore } from '../../../src/core/progress/store';
import { indexRoadmap, type RoadmapIndex } from '../../../src/core/roadmap/roadmap';
import { syntheticRoadmap } from './syntheticRoadmap';

/** A fixed clock: 2026-11-26T09:00:00Z. */
export const fixedNow = Date.UTC(2026, 10, 26, 9, 0, 0);
const day = (month: number, date: number): number => Date.UTC(2026, month - 1, date, 12, 0, 0);

/**
 * The synthetic roadmap (content edits never move the golden files), with titles that try to break out of
 * Markdown and CSV: HTML, a table pipe, a link, quotes, commas, line breaks and formula starts.
 */
export function hostileRoadmap(): RoadmapIndex {
  const roadmap = syntheticRoadmap(6);
  const titles: Record<string, string> = {
    'skill-0': 'Python <script>alert(1)</script>',
    'skill-5': '=HYPERLINK("https://evil.example","click"), | pipes',
  };
  return indexRoadmap({
    ...roadmap,
    groups: roadmap.groups.map((group) => ({ ...group, skills: group.skills.map((skill) => ({ ...skill, title: titles[skill.id] ?? skill.title })) })),
    levels: roadmap.levels.map((level) => ({
      ...level,
      expectations: level.expectations.map((e) => (e.id === 'mid-e3' ? { ...e, title: '-1+1 [link](javascript:alert(1))' } : e)),
    })),
  });
}

const proofOnGitHub = {
  folder: 'app',
  path: 'src/train model.py',
  line: 12,
  rule: 'torch-import',
  text: 'import torch  # <img src=x onerror=alert(1)>',
  commit: '0123456789abcdef0123456789abcdef01234567',
  remote: 'https://user:secret@github.com/me/app.git',
};

/**
 * A fixed progress state: statuses of every kind, a dated history, proof with and without a known host, an id no
 * roadmap knows, a note with Markdown and HTML in it and a deleted note (a tombstone).
 */
export function fixedState(): ProgressState {
  const skills = new Map<string, ProgressEntry>([
    [
      'skill-0',
      {
        status: 'done',
        changedAt: day(3, 4),
        proof: [proofOnGitHub, { folder: 'app', path: 'explore.ipynb', line: 2, cell: 3, rule: 'sklearn-import', text: 'from sklearn import svm', commit: 'abcdef1', remote: 'git@gitlab.com:team/ml/app.git' }],
        history: [
          { status: 'learning', at: day(1, 10) },
          { status: 'done', at: day(3, 4) },
        ],
      },
    ],
    ['skill-5', { status: 'learning', changedAt: day(5, 1) }],
    ['skill-1', { status: 'skipped', changedAt: 0 }],
    ['junior-e1', { status: 'done', changedAt: day(2, 1), proof: [{ folder: 'svc', path: 'Dockerfile', line: 1, rule: 'docker-from', text: 'FROM python:3.12' }] }],
    ['mid-e2', { status: 'learning', changedAt: day(6, 30) }],
    ['retired-skill', { status: 'done', changedAt: day(1, 15) }],
  ]);
  const notes = new Map<string, SkillNote>([
    ['skill-0', { text: 'Shipped the <b>churn</b> model.\n\n[x](javascript:alert(1)) and https://example.org\n    indented = code?', changedAt: day(3, 5) }],
    ['mid-e2', { text: '', changedAt: day(7, 1) }],
  ]);
  return { skills, notes, currentLevel: { id: 'junior', changedAt: day(1, 2) } };
}

/** A progress store holding `state`, read as the extension reads it (the export commands' look-ups come from one). */
export function storeHolding(state: ProgressState, roadmap: RoadmapIndex): ProgressStore {
  const stored = toStored(state);
  const store = new ProgressStore({ read: () => stored, write: () => Promise.reject(new Error('the export fixture is read-only')) }, roadmap, { now: () => fixedNow });
  const problem = store.load();
  if (problem) throw new Error(`the fixture's progress does not load: ${JSON.stringify(problem)}`);
  return store;
}

const checklist = [
  '# Deploy checklist',
  '## Data',
  '- [x] **Data 1** — schema `automated`',
  '- [x] **Data 2** — ablation',
  '## Serving',
  '- [x] A health endpoint',
  '- [ ] A load test',
].join('\n');

/** Everything an export reads, fixed; entries, notes and histories are read from `state` through a progress store. */
export function fixedSource(overrides: Partial<ExportSource> = {}): ExportSource {
  const roadmap = overrides.roadmap ?? hostileRoadmap();
  const state = overrides.state ?? fixedState();
  return {
    roadmap,
    roadmapInfo: { id: 'built-in', name: 'ML Career Companion (built-in)' },
    state,
    currentLevelId: state.currentLevel?.id,
    ...readsFrom(storeHolding(state, roadmap)),
    projects: [projectReadiness('churn <model>', parseChecklist(checklist)), { name: 'broken', error: 'ENOENT: no such file' }],
    now: fixedNow,
    extensionVersion: '0.1.0',
    ...overrides,
  };
}
