// Bench section: the roadmap tree. Building every node (pure core, shipped and 1,000-skill roadmaps), and in the
// real workbench the time from a checkbox click to the refreshed row (checkbox and status text both updated).
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../lib/paths.mjs';
import { launchBrowser, startServer, workbenchUrl } from '../lib/vscodeServer.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default {
  name: 'tree',
  async run(ctx) {
    const require = createRequire(import.meta.url);
    const { benchTree } = require(path.join(repoRoot, 'out', 'test', 'bench', 'tree.js'));
    const rows = benchTree();

    const server = await startServer({ quiet: true });
    let browser;
    try {
      browser = await launchBrowser({ tmp: server.tmp, viewport: { width: 1440, height: 900 } });
      const { page } = browser;
      await page.goto(workbenchUrl(server, { extensionDevelopmentPaths: [repoRoot] }));
      const container = page.locator('.activitybar a.action-label[aria-label="ML Career"]');
      await container.waitFor({ timeout: 60_000 });
      await container.click();
      const rowOf = (label) => page.locator('.part.sidebar .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
      await rowOf('Must-have technical skills').click();
      const python = rowOf('Python');
      await python.locator('.custom-view-tree-node-item-checkbox').waitFor({ timeout: 30_000 });
      const runs = Number(process.env.BENCH_RUNS) || 10;
      const times = [];
      for (let i = 0; i < runs; i++) {
        const checked = (await python.locator('.custom-view-tree-node-item-checkbox').getAttribute('aria-checked')) === 'true';
        const want = checked ? 'Not started' : 'Done';
        const started = performance.now();
        await python.locator('.custom-view-tree-node-item-checkbox').click();
        await python.locator('.label-description', { hasText: want }).waitFor({ timeout: 10_000 });
        times.push(performance.now() - started);
      }
      ctx.log(`  checkbox → refreshed row: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
      rows.push({ metric: `checkbox click → refreshed tree row (median of ${runs}, real workbench)`, value: median(times).toFixed(0), unit: 'ms' });
    } finally {
      await browser?.close();
      await server.stop();
    }
    return rows;
  },
};
