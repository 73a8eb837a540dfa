// Bench entry for scripts/bench/tree.mjs: builds every node of the roadmap tree (the work behind a full
// expand) for the shipped roadmap and for a synthetic 1,000-skill one, with the same core code the view uses.
import { progressOf } from '../../src/core/progress/progress';
import type { SkillStatus } from '../../src/core/progress/status';
import { bundledRoadmap } from '../../src/core/roadmap/bundled';
import type { RoadmapIndex } from '../../src/core/roadmap/roadmap';
import { countNodes } from '../../src/core/roadmapTree/treeModel';
import { syntheticIndex } from '../unit/helpers/syntheticRoadmap';

function medianMs(runs: number, work: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] ?? 0;
}

export function benchTree(runs = 21): Array<{ metric: string; value: string; unit: string }> {
  const statuses: SkillStatus[] = ['done', 'learning', 'not-started', 'skipped'];
  const rows = [];
  for (const [name, roadmap] of [
    ['shipped roadmap', bundledRoadmap],
    ['synthetic 1,000-skill roadmap', syntheticIndex(1000)],
  ] as const satisfies readonly (readonly [string, RoadmapIndex])[]) {
    const statusOf = (id: string): SkillStatus => statuses[id.length % statuses.length] ?? 'not-started';
    let nodes = 0;
    const ms = medianMs(runs, () => {
      nodes = countNodes({ roadmap, statusOf, currentLevel: 'mid', filter: 'all' });
      progressOf(roadmap.skills, statusOf);
    });
    rows.push({ metric: `build full tree, ${name} (${roadmap.skills.length} skills, ${nodes} nodes)`, value: ms.toFixed(3), unit: 'ms' });
  }
  return rows;
}
