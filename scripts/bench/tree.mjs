// Bench section: the roadmap tree. Building every node (pure core, shipped and 1,000-skill roadmaps), and in the
// real workbench the time from a checkbox click to the refreshed row (checkbox and status text both updated).
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../lib/paths.mjs';
import { withWorkbench } from './workbench.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default {
  name: 'tree',
  async run(ctx) {
    const require = createRequire(import.meta.url);
    const { benchTree } = require(path.join(repoRoot, 'out', 'test', 'bench', 'tree.js'));
    const rows = benchTree();

    await withWorkbench(async (page) => {
      await page.locator('.activitybar a.action-label[aria-label="ML Career"]').click();
      const rowOf = (label) => page.locator('.part.sidebar .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
      await rowOf('Must-have technical skills').click();
      const python = rowOf('Python');
      await python.locator('.custom-view-tree-node-item-checkbox').waitFor({ timeout: 30_000 });
      const runs = Number(process.env.BENCH_RUNS) || 10;
      const times = [];
      for (let i = 0; i < runs; i++) {
        /* global document, requestAnimationFrame -- this callback runs in the page */
        // Click and watch inside the page, checking every animation frame, so the figure is the workbench's and
        // not Playwright's polling interval.
        const ms = await python.evaluate(
          (row) =>
            new Promise((resolve, reject) => {
              const box = row.querySelector('.custom-view-tree-node-item-checkbox');
              const want = box.getAttribute('aria-checked') === 'true' ? 'Not started' : 'Done';
              const started = performance.now();
              const label = () => document.querySelector(`.part.sidebar .monaco-list-row[data-index="${row.dataset.index}"] .label-description`);
              const check = () => {
                if (label()?.textContent === want) resolve(performance.now() - started);
                else if (performance.now() - started > 10_000) reject(new Error(`row never showed "${want}"`));
                else requestAnimationFrame(check);
              };
              box.click();
              requestAnimationFrame(check);
            }),
        );
        times.push(ms);
        await page.waitForTimeout(200);
      }
      ctx.log(`  checkbox → refreshed row: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
      rows.push({ metric: `checkbox click → refreshed tree row (median of ${runs}, real workbench)`, value: median(times).toFixed(0), unit: 'ms' });
    });
    return rows;
  },
};
