// Bench entry run as extensionTestsPath in a fresh extension host: times `await ext.activate()` for each id in
// $ML_CAREER_BENCH_IDS (comma-separated, in that order) and writes the results through the test-result contract.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const ids = (process.env.ML_CAREER_BENCH_IDS ?? '').split(',').filter(Boolean);
  const timings: Record<string, { ms: number; wasActive: boolean }> = {};
  for (const id of ids) {
    const ext = vscode.extensions.getExtension(id);
    if (!ext) throw new Error(`extension ${id} not found`);
    const wasActive = ext.isActive;
    const started = performance.now();
    await ext.activate();
    timings[id] = { ms: performance.now() - started, wasActive };
  }
  const resultFile = process.env.ML_CAREER_TEST_RESULT;
  if (resultFile) writeFileSync(resultFile, JSON.stringify({ passed: ids.length, failed: 0, failures: [], timings }));
}
