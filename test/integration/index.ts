// Mocha runner that executes inside the real extension host (the module named by extensionTestsPath).
// It writes {passed, failed, failures} to $ML_CAREER_TEST_RESULT when mocha finishes: the host side treats a
// run without that file as a crash, because a crashed extension host is reported as exit code 0.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SuiteResult {
  passed: number;
  failed: number;
  failures: { title: string; message: string }[];
}

/** Runs every `*.test.js` directly in `testsDir`; rejects when a test fails. Reused by the harness fixtures. */
export function runSuite(testsDir: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, color: false, reporter: 'spec' });
  const grep = process.env.ML_CAREER_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of readdirSync(testsDir).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(testsDir, file));
  }
  const result: SuiteResult = { passed: 0, failed: 0, failures: [] };
  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const resultFile = process.env.ML_CAREER_TEST_RESULT;
        if (resultFile) writeFileSync(resultFile, JSON.stringify(result, null, 2));
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
      runner.on('pass', () => result.passed++);
      runner.on('fail', (test, err: Error) => {
        result.failed++;
        result.failures.push({ title: test.fullTitle(), message: err?.message ?? String(err) });
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

export function run(): Promise<void> {
  return runSuite(__dirname);
}
