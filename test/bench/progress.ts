// Bench entry for scripts/bench/progress.mjs: what the 2-second refresh of the focused window costs with the
// largest stored progress the store accepts, against the floor of parsing that value's JSON once (what the
// extension host itself does when another window writes it).
import { maxStoredSkills } from '../../src/core/progress/state';
import { ProgressStore } from '../../src/core/progress/store';
import { syntheticIndex } from '../unit/helpers/syntheticRoadmap';

function timesMs(runs: number, work: (i: number) => void): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work(i);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

const summary = (times: number[]) => `${times[0]!.toFixed(3)} / ${times[Math.floor(times.length / 2)]!.toFixed(3)} / ${times.at(-1)!.toFixed(3)}`;

export function benchProgress(runs = 15): Array<{ metric: string; value: string; unit: string }> {
  const roadmap = syntheticIndex(30);
  const json = (i: number) =>
    JSON.stringify({ version: 2, skills: Object.fromEntries(Array.from({ length: maxStoredSkills }, (_, k) => [`skill-${k}`, { status: 'done', changedAt: 1_000 + i }])) });
  const values = Array.from({ length: runs + 1 }, (_, i) => json(i));
  let stored: unknown = JSON.parse(values[0]!);
  const store = new ProgressStore({ read: () => stored, write: () => Promise.resolve() }, roadmap, { now: () => 2_000 });
  store.load();
  const unchanged = timesMs(runs, () => store.refresh());
  const changed = timesMs(runs, (i) => {
    stored = JSON.parse(values[i + 1]!);
    store.refresh();
  });
  const floor = timesMs(runs, (i) => JSON.parse(values[i + 1]!));
  const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;
  return [
    { metric: `refresh, ${maxStoredSkills} stored skills, unchanged (min / median / max)`, value: summary(unchanged), unit: 'ms' },
    { metric: `refresh after another window wrote them (incl. JSON.parse), min / median / max`, value: summary(changed), unit: 'ms' },
    { metric: 'floor: JSON.parse of the same value, min / median / max', value: summary(floor), unit: 'ms' },
    { metric: 'refresh after a write ÷ floor (medians)', value: (median(changed) / median(floor)).toFixed(2), unit: '×' },
  ];
}
