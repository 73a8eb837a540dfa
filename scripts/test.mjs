#!/usr/bin/env node
// npm test: system prerequisites, typecheck, lint, build, then the test tiers. Prints one line per tier and a final line
// "N passed, N failed" (totals over all tiers). Exit code 1 on any failure.
//
//   node scripts/test.mjs                    everything
//   node scripts/test.mjs --only <tier>      one tier (still builds; skips typecheck and lint)
//   node scripts/test.mjs --grep <regex>     only tests whose full title matches (every tier)
//
// Tiers: unit, templates, harness, integration (mocha inside the real extension host), installed (the packaged
// .vsix installed into a workbench, driven by playwright), ui (playwright).
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { runAllCleanups } from './lib/cleanup.mjs';
import { integrationTestsPath, multiRootFixture, multiRootTestsPath, repoRoot } from './lib/paths.mjs';
import { packageExtension } from './lib/packageVsix.mjs';
import { findFiles, runCommand, runMochaTier } from './lib/tiers.mjs';
import { makeTempDir, runExtensionTests } from './lib/vscodeServer.mjs';

const MIN = 60_000;
const out = (...p) => path.join(repoRoot, 'out', 'test', ...p);

/** Each tier returns {passed, failed, failures, error?}. `files()` empty means the tier is skipped. */
const tiers = [
  { name: 'unit', files: () => findFiles(out('unit'), '.test.js'), timeoutMs: 4 * MIN, testTimeoutMs: 10_000 },
  { name: 'templates', files: () => findFiles(out('templates'), '.test.js'), timeoutMs: 5 * MIN, testTimeoutMs: 60_000 },
  { name: 'harness', files: () => findFiles(path.join(repoRoot, 'test', 'harness'), '.test.mjs'), timeoutMs: 4 * MIN, testTimeoutMs: 90_000 },
  {
    name: 'integration',
    timeoutMs: 5 * MIN,
    run: async ({ grep }) => {
      const common = {
        extensionDevelopmentPaths: [repoRoot],
        env: grep ? { ML_CAREER_TEST_GREP: grep } : {},
        // Publishing talks to the built-in git extension; it opens only the repositories a test asks for. Tests save
        // documents themselves: code-server's auto save would race them (a save of a document it already saved is false).
        settings: { 'files.autoSave': 'off', 'git.enabled': true, 'git.autoRepositoryDetection': false, 'git.openRepositoryInParentFolders': 'never' },
        timeoutMs: 5 * MIN,
      };
      const main = await runExtensionTests({ ...common, extensionTestsPath: integrationTestsPath });
      // A second window on a multi-root workspace (code-server reloads the workbench to enter one, so no test can).
      const copy = await makeTempDir('ml-career-multiroot-');
      let multiRoot;
      try {
        await cp(multiRootFixture, copy.dir, { recursive: true });
        multiRoot = await runExtensionTests({ ...common, extensionTestsPath: multiRootTestsPath, workspace: path.join(copy.dir, 'multiRoot.code-workspace') });
      } finally {
        await copy.remove();
      }
      // That window must run its tests, unless a --grep selects none of them.
      const multiRootError = multiRoot.error ?? (!grep && multiRoot.passed + multiRoot.failed === 0 ? 'ran no test' : undefined);
      return {
        passed: main.passed + multiRoot.passed,
        failed: main.failed + multiRoot.failed,
        failures: [...main.failures, ...multiRoot.failures],
        error: [main.error, multiRootError && `multi-root window: ${multiRootError}`].filter(Boolean).join('; ') || undefined,
        durationMs: main.durationMs + multiRoot.durationMs,
      };
    },
  },
  {
    // The package as users get it: `npm run package`, its contents checked, installed with --install-extension.
    name: 'installed',
    run: async ({ grep }) => {
      const started = Date.now();
      let vsix;
      try {
        vsix = await packageExtension();
      } catch (e) {
        return { passed: 0, failed: 1, failures: [{ title: 'npm run package', message: e.message }], durationMs: Date.now() - started };
      }
      console.log(`packaged ${path.relative(repoRoot, vsix)} in ${seconds(Date.now() - started)}`);
      const files = findFiles(out('installed'), '.test.js');
      if (files.length === 0) return { passed: 0, failed: 1, failures: [], error: 'no test files found', durationMs: Date.now() - started };
      const r = await runMochaTier('installed', files, { timeoutMs: 4 * MIN, testTimeoutMs: 120_000, grep, env: { ML_CAREER_VSIX: vsix } });
      return { ...r, durationMs: Date.now() - started };
    },
  },
  { name: 'ui', files: () => findFiles(out('ui'), '.test.js'), timeoutMs: 10 * MIN, testTimeoutMs: 120_000 },
];

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') opts.only = argv[++i];
    else if (argv[i] === '--grep') opts.grep = argv[++i];
    else {
      console.error(`unknown argument: ${argv[i]}\nusage: node scripts/test.mjs [--only ${tiers.map((t) => t.name).join('|')}] [--grep <regex>]`);
      process.exit(2);
    }
  }
  if (opts.only && !tiers.some((t) => t.name === opts.only)) {
    console.error(`unknown tier "${opts.only}"; tiers: ${tiers.map((t) => t.name).join(', ')}`);
    process.exit(2);
  }
  return opts;
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const summary = [];
  let passed = 0;
  let failed = 0;
  const finish = () => {
    console.log('\n=== summary ===');
    for (const line of summary) console.log(line);
    console.log(`${passed} passed, ${failed} failed`);
    return failed > 0 ? 1 : 0;
  };

  const bin = (name) => path.join(repoRoot, 'node_modules', '.bin', name);
  const steps = [
    // Chromium, ripgrep, build tools, Python packages: installed with apt-get here when missing and possible.
    { name: 'prerequisites', cmd: process.execPath, args: ['scripts/prerequisites.mjs', '--for', 'test'] },
    ...(opts.only ? [] : [{ name: 'typecheck', cmd: bin('tsc'), args: ['--noEmit', '-p', '.'] }, { name: 'lint', cmd: bin('eslint'), args: ['.'] }]),
    { name: 'build', cmd: process.execPath, args: ['esbuild.mjs'] },
    // The offline VS Code the harness, integration, installed and UI tiers run in; skipped in a second when installed.
    ...(['unit', 'templates'].includes(opts.only) ? [] : [{ name: 'test VS Code', cmd: process.execPath, args: ['scripts/setupTestVscode.mjs'] }]),
  ];
  for (const step of steps) {
    console.log(`\n=== ${step.name} ===`);
    const r = await runCommand(step.cmd, step.args, { timeoutMs: 5 * MIN });
    if (r.code !== 0) {
      failed++;
      summary.push(`${step.name}: FAILED (${r.timedOut ? 'timed out' : `exit ${r.code}`}, ${seconds(r.durationMs)})`);
      return finish();
    }
    summary.push(`${step.name}: ok (${seconds(r.durationMs)})`);
  }

  for (const tier of tiers.filter((t) => !opts.only || t.name === opts.only)) {
    console.log(`\n=== tier: ${tier.name} ===`);
    let r;
    if (tier.run) {
      r = await tier.run(opts);
    } else {
      const files = tier.files();
      if (files.length === 0) {
        // Every tier has tests; none found means the build or a path is broken, not that all is well.
        failed++;
        summary.push(`tier ${tier.name}: FAILED (no test files found)`);
        continue;
      }
      r = await runMochaTier(tier.name, files, { timeoutMs: tier.timeoutMs, testTimeoutMs: tier.testTimeoutMs, grep: opts.grep });
    }
    // A tier that ran no test proves nothing: a failure, except for the tiers a --grep over all tiers misses.
    if (!r.error && r.passed + r.failed === 0) {
      if (opts.grep && !opts.only) {
        summary.push(`tier ${tier.name}: no test matches --grep`);
        continue;
      }
      r.error = 'ran no test';
    }
    // A harness-level error without counted failures (crash, timeout, no test) is one failure.
    const tierFailed = r.failed + (r.error && r.failed === 0 ? 1 : 0);
    passed += r.passed;
    failed += tierFailed;
    summary.push(`tier ${tier.name}: ${r.passed} passed, ${tierFailed} failed (${seconds(r.durationMs ?? 0)})${r.error ? ` - ${r.error}` : ''}`);
    for (const f of r.failures ?? []) summary.push(`  x ${f.title}: ${String(f.message).split('\n')[0]}`);
  }
  return finish();
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch(async (e) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
  })
  .finally(() => runAllCleanups());
