// Bench section: `await ext.activate()` time of our extension vs a hello-world extension, each run in a fresh
// extension host (fresh server + browser). Order alternates between runs so neither always goes first.
import path from 'node:path';
import { repoRoot } from '../lib/paths.mjs';
import { runExtensionTests } from '../lib/vscodeServer.mjs';

const ours = 'ml-career.ml-career-companion';
const hello = 'ml-career-test.hello-extension';
const median = (xs) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export default {
  name: 'activation',
  async run(ctx) {
    const runs = Number(process.env.BENCH_RUNS) || 5;
    const samples = { [ours]: [], [hello]: [] };
    const alreadyActive = { [ours]: 0, [hello]: 0 };
    for (let i = 0; i < runs; i++) {
      const order = i % 2 ? [hello, ours] : [ours, hello];
      const r = await runExtensionTests({
        extensionDevelopmentPaths: [repoRoot],
        linkExtensions: [path.join(repoRoot, 'test', 'fixtures', 'hello-extension')],
        extensionTestsPath: path.join(repoRoot, 'out', 'test', 'bench', 'activation.js'),
        env: { ML_CAREER_BENCH_IDS: order.join(',') },
        timeoutMs: 120_000,
        onLog: process.env.BENCH_VERBOSE ? undefined : () => {},
      });
      if (!r.ok || !r.result?.timings) throw new Error(`activation run ${i + 1} failed: ${r.error ?? 'no timings'}`);
      // An extension that was already active (activated by its own events before the bench asked) costs 0 ms
      // here; such samples say nothing about activation time, so they are counted but left out of the median.
      for (const id of order) {
        if (r.result.timings[id].wasActive) alreadyActive[id]++;
        else samples[id].push(r.result.timings[id].ms);
      }
      const show = (id) => `${r.result.timings[id].ms.toFixed(1)} ms${r.result.timings[id].wasActive ? ' (already active)' : ''}`;
      ctx.log(`  run ${i + 1}/${runs} (${order[0] === ours ? 'ours first' : 'hello first'}): ours ${show(ours)}, hello ${show(hello)}`);
    }
    const mo = median(samples[ours]);
    const mh = median(samples[hello]);
    return [
      { metric: 'activate() median, ML Career', value: mo.toFixed(1), unit: 'ms', samples: samples[ours].map((x) => +x.toFixed(1)) },
      { metric: 'activate() median, hello-world', value: mh.toFixed(1), unit: 'ms', samples: samples[hello].map((x) => +x.toFixed(1)) },
      { metric: 'ratio ours / hello', value: (mo / mh).toFixed(2), unit: 'x' },
      { metric: 'runs where ML Career was already active', value: alreadyActive[ours], unit: `of ${runs}` },
    ];
  },
};
