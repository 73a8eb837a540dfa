// Bench entry for scripts/bench/scaffold.mjs: plans and writes each template (every option on, no git) into a temp
// folder with the same core code the command uses, and reports the median of several runs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { planProject } from '../../src/core/scaffold/plan';
import { templates } from '../../src/core/scaffold/templates';
import { writeProject } from '../../src/core/scaffold/writeProject';

export async function benchScaffold(runs = 7): Promise<Array<{ metric: string; value: string; unit: string; files: number }>> {
  const parent = await mkdtemp(path.join(tmpdir(), 'mlc-bench-scaffold-'));
  try {
    const rows = [];
    for (const template of templates) {
      const times: number[] = [];
      let files = 0;
      for (let i = 0; i < runs; i++) {
        const name = `bench-${template.manifest.id}-${i}`;
        const started = performance.now();
        const plan = planProject(template, { name, license: 'MIT', docker: true, ci: true, year: 2025 });
        await writeProject({ parentDir: parent, name, files: plan });
        times.push(performance.now() - started);
        files = plan.length;
      }
      times.sort((a, b) => a - b);
      rows.push({ metric: `scaffold ${template.manifest.id} (median of ${runs}, no git)`, value: (times[Math.floor(runs / 2)] ?? 0).toFixed(1), unit: 'ms', files });
    }
    return rows;
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
}
