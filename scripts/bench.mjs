#!/usr/bin/env node
// npm run bench: performance as users feel it, each figure beside a floor measured in the same run (README,
// "Performance"). BENCH_RUNS fresh workbench pairs (default 5), every sample kept, min / median / max.
//
//   node scripts/bench.mjs [section...]     sections: sizes, load, workbench, progress, scaffold, evidence
//   BENCH_RUNS=2 BENCH_IDLE_SECONDS=10      shorter, while developing
//
// A section is a module in scripts/bench/ exporting `{ name, run(ctx) }`. It returns `{ figures, details }`
// (figures go into the table, see report.mjs) or, for the diagnostic sections, a list of rows
// `{ metric, value, unit }`. Writes bench-results/latest.json and latest.md; exit code 1 when a section fails or a
// figure misses its target.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runAllCleanups } from './lib/cleanup.mjs';
import { repoRoot } from './lib/paths.mjs';
import evidence from './bench/evidence.mjs';
import load from './bench/loadCost.mjs';
import progress from './bench/progress.mjs';
import { anyFailed, markdownTable, textTable } from './bench/report.mjs';
import scaffold from './bench/scaffold.mjs';
import sizes from './bench/sizes.mjs';
import workbench from './bench/workbench.mjs';

const sections = [sizes, load, workbench, progress, scaffold, evidence];
const only = process.argv.slice(2);
const unknown = only.filter((name) => !sections.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(`unknown section ${unknown.join(', ')}; sections: ${sections.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

const report = { date: new Date().toISOString(), node: process.version, runs: Number(process.env.BENCH_RUNS) || 5, figures: [], sections: {} };
const figures = [];
const diagnostics = [];
let failed = false;
try {
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'setupTestVscode.mjs')], { stdio: 'inherit' });
  // The development build: the bench entries in out/test/bench. What is measured is the packaged production build.
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'ignore' });
  for (const section of sections.filter((s) => only.length === 0 || only.includes(s.name))) {
    console.log(`\n== ${section.name} ==`);
    const started = Date.now();
    try {
      const result = await section.run({ repoRoot, log: (line) => console.log(line) });
      const durationMs = Date.now() - started;
      if (Array.isArray(result)) {
        diagnostics.push({ section: section.name, rows: result });
        report.sections[section.name] = { rows: result, durationMs };
      } else {
        figures.push(...result.figures);
        report.sections[section.name] = { details: result.details, durationMs };
      }
    } catch (e) {
      failed = true;
      report.sections[section.name] = { error: e?.stack ?? String(e) };
      console.error(`section ${section.name} failed: ${e?.stack ?? e}`);
    }
  }
} finally {
  await runAllCleanups();
}

const markdown = [`# npm run bench, ${report.date}`, ''];
if (figures.length > 0) {
  report.figures = figures;
  console.log(`\n== figures (min / median / max over ${report.runs} runs; ratio of medians) ==\n${textTable(figures)}`);
  markdown.push(markdownTable(figures), '');
  if (anyFailed(figures)) failed = true;
}
for (const { section, rows } of diagnostics) {
  const width = Math.max(...rows.map((r) => r.metric.length));
  console.log(`\n== ${section} (diagnostic, no floor) ==`);
  for (const r of rows) console.log(`${r.metric.padEnd(width)}  ${String(r.value).padStart(9)} ${r.unit ?? ''}`);
  markdown.push(`## ${section} (diagnostic)`, '', '| Metric | Value |', '| --- | --- |', ...rows.map((r) => `| ${r.metric} | ${r.value} ${r.unit ?? ''} |`), '');
}
const out = path.join(repoRoot, 'bench-results');
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'latest.json'), JSON.stringify(report, null, 2));
writeFileSync(path.join(out, 'latest.md'), markdown.join('\n'));
console.log('\nwritten: bench-results/latest.json, bench-results/latest.md');
process.exit(failed ? 1 : 0);
