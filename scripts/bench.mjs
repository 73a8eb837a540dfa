#!/usr/bin/env node
// npm run bench: a performance report (not a test). Each section is a module in scripts/bench/ exporting
// `{ name, run(ctx) }` that returns rows `{ metric, value, unit, ...extra }`; add a file and list it below.
// Prints a table and writes bench-results/latest.json. `node scripts/bench.mjs <section>...` runs only those.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runAllCleanups } from './lib/cleanup.mjs';
import { repoRoot } from './lib/paths.mjs';
import activation from './bench/activation.mjs';
import bundle from './bench/bundle.mjs';
import evidence from './bench/evidence.mjs';
import progress from './bench/progress.mjs';
import scaffold from './bench/scaffold.mjs';
import tree from './bench/tree.mjs';
import webview from './bench/webview.mjs';

const sections = [activation, bundle, tree, progress, scaffold, webview, evidence];

const only = process.argv.slice(2);
const report = { date: new Date().toISOString(), node: process.version, sections: {} };
const build = () => execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'ignore' });
let failed = false;
try {
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'setupTestVscode.mjs')], { stdio: 'inherit' });
  build();
  for (const section of sections.filter((s) => only.length === 0 || only.includes(s.name))) {
    console.log(`\n== ${section.name} ==`);
    const started = Date.now();
    try {
      const rows = await section.run({ repoRoot, log: (line) => console.log(line) });
      report.sections[section.name] = { rows, durationMs: Date.now() - started };
      const width = Math.max(...rows.map((r) => r.metric.length));
      for (const r of rows) console.log(`${r.metric.padEnd(width)}  ${String(r.value).padStart(9)} ${r.unit ?? ''}`);
    } catch (e) {
      failed = true;
      report.sections[section.name] = { error: e?.message ?? String(e) };
      console.error(`section ${section.name} failed: ${e?.message ?? e}`);
    }
  }
} finally {
  build(); // sections may leave a production build behind; restore the dev build
  await runAllCleanups();
}
mkdirSync(path.join(repoRoot, 'bench-results'), { recursive: true });
writeFileSync(path.join(repoRoot, 'bench-results', 'latest.json'), JSON.stringify(report, null, 2));
console.log('\nwritten: bench-results/latest.json');
process.exit(failed ? 1 : 0);
