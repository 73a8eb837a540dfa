// Bench entry for scripts/bench/evidence.mjs: generates the large tree, runs one full scan plus one incremental
// update in a child process (so its peak RSS is the scanner's own), and gives ripgrep the same patterns and ignores.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeFile, fileRole } from '../../src/core/evidence/analyze';
import { bundledRules } from '../../src/core/evidence/bundledRules';
import { EvidenceScanner } from '../../src/core/evidence/scanner';
import { scanThreadLimits, startAnalyzers } from '../../src/evidence/analysisHelpers';
import { nodeEvidenceFs } from '../../src/evidence/nodeFs';

const libraries = ['numpy as np', 'pandas as pd', 'torch', 'torch.nn as nn', 'sklearn.linear_model', 'mlflow', 'os', 'json', 'typing', 'dataclasses', 'pathlib', 'requests', 'fastapi'];

/** A user module of about 40 lines: imports, a dataclass, typed functions, a docstring that mentions another import. */
function userModule(i: number): string {
  const imports = [0, 1, 2, 3].map((k) => `import ${libraries[(i * 7 + k * 3) % libraries.length]}`);
  return `"""Module ${i}: helpers (see also: import tensorflow)."""
${imports.join('\n')}
from dataclasses import dataclass


@dataclass
class Record${i}:
    name: str
    value: float = 0.0


def score_${i}(records: list[Record${i}], weight: float = 1.0) -> float:
    # weighted sum of the values
    total = 0.0
    for record in records:
        total += record.value * weight
    return total


def describe_${i}(record: Record${i}) -> str:
    return f"{record.name}: {record.value:.2f}"


def normalise_${i}(values: list[float]) -> list[float]:
    top = max(values) if values else 1.0
    return [v / top for v in values]


def main() -> None:
    records = [Record${i}(name=str(k), value=float(k)) for k in range(10)]
    print(score_${i}(records), describe_${i}(records[0]))


if __name__ == "__main__":
    main()
`;
}

export interface TreeCounts {
  userFiles: number;
  nodeModulesFiles: number;
  venvFiles: number;
}

/** Writes the tree under `root`: user Python files, node_modules and a git-ignored .venv, 100 files per folder. */
export function generateEvidenceTree(root: string, counts: TreeCounts = { userFiles: 20_000, nodeModulesFiles: 40_000, venvFiles: 40_000 }): number {
  const write = (rel: string, text: string) => {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  write('.gitignore', '.venv/\n*.log\n');
  write('requirements.txt', 'numpy>=1.26\npandas\ntorch>=2.2\nscikit-learn\nmlflow\nfastapi\n');
  write('Dockerfile', 'FROM python:3.12-slim\n');
  for (let i = 0; i < counts.userFiles; i++) write(`src/pkg${Math.floor(i / 100)}/mod${i}.py`, userModule(i));
  for (let i = 0; i < counts.nodeModulesFiles; i++) write(`node_modules/pkg${Math.floor(i / 100)}/lib/f${i}.js`, `module.exports = function f${i}() { return require('torch'); };\n`);
  write('.venv/pyvenv.cfg', 'home = /usr/bin\n');
  for (let i = 0; i < counts.venvFiles; i++) write(`.venv/lib/python3.12/site-packages/pkg${Math.floor(i / 100)}/m${i}.py`, 'import torch\nimport mlflow\nmlflow.log_metric("x", 1)\n');
  return counts.userFiles + counts.nodeModulesFiles + counts.venvFiles + 4;
}

/** The file the incremental measurement saves, relative to the tree. */
export const savedFile = 'src/pkg0/mod0.py';

/**
 * Node flags of the child that scans: the heap limits the extension gives its evidence worker (a young generation of
 * `maxYoungGenerationSizeMb` is three semi-spaces in V8), since the child scans on its main thread, not in that worker.
 */
export const scanChildFlags = [`--max-semi-space-size=${scanThreadLimits.maxYoungGenerationSizeMb / 3}`];

/**
 * Child-process side: one full scan and one incremental update after a save; prints one JSON line with wall times
 * (ms), the full scan's CPU time over all its threads (ms), a digest of its results, files read and the process's peak
 * RSS (bytes).
 */
export async function scanChild(root: string, readListFile?: string): Promise<void> {
  // As in the extension: the scan worker's bundle also serves as its analyzer threads, started with the scan.
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const helpers = startAnalyzers(path.join(__dirname, '..', '..', '..', 'dist', 'evidenceWorker.js'));
  const scanner = new EvidenceScanner({ fs: nodeEvidenceFs, folders: [{ name: 'bench', root: root.split(path.sep).join('/') }], rules: bundledRules, analyzers: helpers.analyzers });
  const skills = await scanner.scan();
  const fullMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  await helpers.dispose();
  const filesRead = scanner.stats.filesRead;
  writeFileSync(path.join(root, savedFile), `${userModule(0)}\nimport mlflow\nmlflow.log_metric("loss", 0.1)\n`);
  const savedAt = performance.now();
  const changed = scanner.update('bench', savedFile);
  for (const skill of changed) scanner.skillSummary(skill);
  const incrementalMs = performance.now() - savedAt;
  // What a tree refresh of the changed skills' proof lists costs on top (the UI may do it lazily).
  const listsAt = performance.now();
  for (const skill of changed) scanner.skillEvidence(skill);
  const proofListsMs = performance.now() - listsAt;
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  // The next run scans the tree as generated, so every run finds the same.
  writeFileSync(path.join(root, savedFile), userModule(0));
  // What the scan and the update found, in full (file times aside): equal digests mean identical results. Keys are
  // sorted, since analyzer threads finish files in any order. Worked out after the peak RSS is taken, since the JSON is
  // larger than the scan's own memory.
  const found = JSON.stringify([skills, scanner.serializeCache()], (key, value: unknown) => (key === 'mtimeMs' ? undefined : sortedKeys(value)));
  const resultsDigest = createHash('sha256').update(found).digest('hex').slice(0, 16);
  if (readListFile !== undefined) writeFileSync(readListFile, JSON.stringify(Object.keys(scanner.serializeCache().folders.bench ?? {})));
  process.stdout.write(`${JSON.stringify({ fullMs, cpuMs: (cpu.user + cpu.system) / 1000, resultsDigest, threads: 1 + helpers.analyzers.length, filesRead, incrementalMs, proofListsMs, changed: changed.length, maxRssBytes, skills: skills.length })}\n`);
}

/**
 * Child-process side of the reading floor: reads the files a scan read (the JSON list `scanChild` wrote, paths
 * relative to `root`) with the scanner's own read (`readFileIf`: open, fstat, read, close) and nothing else: no walk,
 * no ignore rules, no analysis. Prints one JSON line: the wall time (ms) and the bytes read.
 */
export function readChild(root: string, readListFile: string): void {
  const files = JSON.parse(readFileSync(readListFile, 'utf8')) as string[];
  const base = root.split(path.sep).join('/');
  const started = performance.now();
  let bytes = 0;
  for (const file of files) bytes += nodeEvidenceFs.readFileIf(`${base}/${file}`, () => true)?.bytes?.length ?? 0;
  process.stdout.write(`${JSON.stringify({ readMs: performance.now() - started, files: files.length, bytes })}\n`);
}

/**
 * Child-process side of the analysis floor: the files a scan read (the JSON list `scanChild` wrote) are read into
 * memory first, untimed; then every one is analysed as the scan would (`fileRole`, `analyzeFile`), twice. The first
 * pass is what a scan pays (a fresh process, code not yet optimised), the second what the same code costs once warm.
 * No walk, no reads, no cache, no tallies. Prints one JSON line: both passes' wall times (ms) and the findings.
 */
export function analyzeChild(root: string, readListFile: string): void {
  const files = (JSON.parse(readFileSync(readListFile, 'utf8')) as string[]).map((rel) => ({ rel, text: readFileSync(path.join(root, rel), 'utf8') }));
  const pass = () => {
    const started = performance.now();
    let findings = 0;
    for (const { rel, text } of files) {
      const role = fileRole(rel, bundledRules);
      if (role) findings += analyzeFile(rel, text, text.length, role, bundledRules).findings.length;
    }
    return { ms: performance.now() - started, findings };
  };
  const cold = pass();
  const warm = pass();
  process.stdout.write(`${JSON.stringify({ coldMs: cold.ms, warmMs: warm.ms, files: files.length, findings: cold.findings })}\n`);
}

/** A plain object with its keys in code-point order (so the JSON does not depend on insertion order); anything else as is. */
function sortedKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Arguments for `rg` that search the same patterns with the same ignores (gitignore, always-skipped folders). */
export function ripgrepArgs(root: string): string[] {
  // The scanner's case-insensitive rules are case-insensitive for rg too: the same patterns.
  const patterns = ['^\\s*(?:import|from)\\s+\\w', ...[...bundledRules.codePatterns, ...bundledRules.filePatterns].map(({ rule }) => (rule.ignoreCase ? `(?i)${rule.pattern}` : rule.pattern))];
  const skipped = ['node_modules', '.venv', 'venv', 'site-packages', '__pycache__', 'build', 'dist', 'vendor', 'third_party', 'fixtures', '.git'];
  return ['--no-require-git', '--count-matches', '--no-messages', ...patterns.flatMap((p) => ['-e', p]), ...skipped.flatMap((s) => ['-g', `!${s}/`]), root];
}
