import * as assert from 'node:assert/strict';
import { nextLevelGaps, progressOf } from '../../src/core/progress/progress';
import type { SkillStatus } from '../../src/core/progress/status';
import { syntheticIndex } from './helpers/syntheticRoadmap';

describe('progress math', () => {
  const roadmap = syntheticIndex(10);
  const statuses = (map: Record<string, SkillStatus>) => (id: string): SkillStatus => map[id] ?? 'not-started';

  it('counts done, learning and skipped; skipped leave the total', () => {
    const p = progressOf(roadmap.skills, statuses({ 'skill-0': 'done', 'skill-1': 'done', 'skill-2': 'learning', 'skill-3': 'skipped' }));
    assert.deepEqual(p, { done: 2, learning: 1, skipped: 1, total: 9, percent: 22 });
  });

  it('rounds down so 100% means all done, and an empty set is complete', () => {
    const almost = Object.fromEntries(roadmap.skills.slice(0, 9).map((s) => [s.id, 'done' as const]));
    assert.equal(progressOf(roadmap.skills, statuses(almost)).percent, 90);
    assert.equal(progressOf([], statuses({})).percent, 100);
  });

  it('lists what is missing for each next level, in content order', () => {
    const gaps = nextLevelGaps(roadmap, 'junior', statuses({ 'skill-0': 'done', 'skill-1': 'skipped' }));
    assert.deepEqual(gaps.map((g) => g.level.id), ['mid']);
    const expected = roadmap.skillsExpectedAt('mid').map((s) => s.id).filter((id) => id !== 'skill-0' && id !== 'skill-1');
    assert.deepEqual(gaps[0]!.missing.map((s) => s.id), expected);
    assert.deepEqual(gaps[0]!.skipped.map((s) => s.id), ['skill-1']);
  });

  it('offers both tracks after senior and the first level when none is set', () => {
    assert.deepEqual(nextLevelGaps(roadmap, 'senior', () => 'not-started').map((g) => g.level.id), ['staff', 'management']);
    assert.deepEqual(nextLevelGaps(roadmap, undefined, () => 'not-started').map((g) => g.level.id), ['junior']);
    assert.deepEqual(nextLevelGaps(roadmap, 'staff', () => 'not-started'), []);
  });
});
