// Bench section: the evidence scanner on a generated tree of 100,000 files (20,000 user Python files, 80,000 in
// node_modules and a git-ignored .venv): full-scan wall time, files read and peak RSS of the scanning process, and,
// in the same run on the same tree, ripgrep with the same patterns and ignores as the floor; then the incremental
// update after one save. Each measurement runs in a fresh child process; min / median / max over 3 runs, none dropped.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onCleanup } from '../lib/cleanup.mjs';
import { repoRoot } from '../lib/paths.mjs';

const runs = 3;
const benchModule = path.join(repoRoot, 'out', 'test', 'bench', 'evidence.js');
const summary = (xs, digits = 0) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[0].toFixed(digits)} / ${s[Math.floor(s.length / 2)].toFixed(digits)} / ${s.at(-1).toFixed(digits)}`;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default {
  name: 'evidence',
  async run({ log }) {
    // Built by esbuild.mjs from test/bench/evidence.ts.
    const require = createRequire(import.meta.url);
    const { generateEvidenceTree, ripgrepArgs, scanChildFlags } = require(benchModule);
    const root = mkdtempSync(path.join(tmpdir(), 'ml-career-evidence-bench-'));
    const removeTree = () => rmSync(root, { recursive: true, force: true });
    const unregister = onCleanup(removeTree);
    try {
      const generated = Date.now();
      const files = generateEvidenceTree(root);
      log(`generated ${files} files in ${((Date.now() - generated) / 1000).toFixed(1)} s`);
      const scans = [];
      const rg = [];
      for (let i = 0; i < runs; i++) {
        const child = spawnSync(process.execPath, [...scanChildFlags, '-e', `require(${JSON.stringify(benchModule)}).scanChild(process.argv[1])`, root], { encoding: 'utf8', maxBuffer: 1 << 20 });
        if (child.status !== 0) throw new Error(`scan child failed: ${child.stderr}`);
        scans.push(JSON.parse(child.stdout.trim().split('\n').at(-1)));
        const started = process.hrtime.bigint();
        const search = spawnSync('rg', ripgrepArgs(root), { encoding: 'utf8', maxBuffer: 64 << 20 });
        rg.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (search.status !== 0 && search.status !== 1) throw new Error(`rg failed (${search.status}): ${search.stderr}`);
        log(`run ${i + 1}: scan ${scans.at(-1).fullMs.toFixed(0)} ms, rg ${rg.at(-1).toFixed(0)} ms, ${search.stdout.split('\n').filter(Boolean).length} files with matches for rg`);
      }
      const full = scans.map((s) => s.fullMs);
      return [
        { metric: `tree: files (user Python / node_modules + .venv)`, value: `${files}`, unit: '' },
        { metric: 'full scan wall time (min / median / max)', value: summary(full), unit: 'ms' },
        { metric: 'ripgrep, same patterns and ignores (min / median / max)', value: summary(rg), unit: 'ms' },
        { metric: 'full scan ÷ ripgrep (medians; target ≤ 1.5)', value: (median(full) / median(rg)).toFixed(2), unit: '×' },
        { metric: 'CPU time of the full scan, all its threads (min / median / max)', value: summary(scans.map((s) => s.cpuMs)), unit: 'ms' },
        // The same tree gives the same findings in every run: one digest (compare it across builds for identical results).
        { metric: 'digest of the scan\'s results (its distinct values over the runs: one)', value: [...new Set(scans.map((s) => s.resultsDigest))].join(' '), unit: '' },
        { metric: 'files read by the scan', value: summary(scans.map((s) => s.filesRead)), unit: '' },
        { metric: 'threads of the scan (the walking thread + analyzers)', value: summary(scans.map((s) => s.threads)), unit: '' },
        { metric: 'peak RSS of the scanning process (min / median / max; target ≤ 150)', value: summary(scans.map((s) => s.maxRssBytes / 1048576)), unit: 'MB' },
        { metric: 'incremental update after one save, with the changed skills\' confidence (min / median / max; target ≤ 20)', value: summary(scans.map((s) => s.incrementalMs), 2), unit: 'ms' },
        { metric: `then the changed skills' top 200 proof items (min / median / max)`, value: summary(scans.map((s) => s.proofListsMs), 2), unit: 'ms' },
      ];
    } finally {
      removeTree();
      unregister();
    }
  },
};
