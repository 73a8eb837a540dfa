/* global describe, it, afterEach */
// Tests of the integration harness itself (scripts/lib/vscodeServer.mjs): a crashed extension host, a hung
// suite and a failing test must each be reported as failures, and every run must leave no process or temp dir.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/lib/paths.mjs';
import { runExtensionTests } from '../../scripts/lib/vscodeServer.mjs';

const hello = path.join(repoRoot, 'test', 'fixtures', 'hello-extension');
const suites = path.join(repoRoot, 'test', 'fixtures', 'harness-suites');
const logs = [];
const run = (suite, extra = {}) =>
  runExtensionTests({
    extensionDevelopmentPaths: [hello],
    extensionTestsPath: path.join(suites, suite),
    workspace: null,
    timeoutMs: 60_000,
    onLog: (line) => logs.push(line),
    ...extra,
  });

/** Processes descended from this one (code-server, the extension host, chromium), ignoring `ps` itself. */
function descendants() {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(\S.*)$/))
    .filter(Boolean)
    .map(([, pid, ppid, args]) => ({ pid: Number(pid), ppid: Number(ppid), args }));
  const ours = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) {
      if (ours.has(r.ppid) && !ours.has(r.pid)) {
        ours.add(r.pid);
        grew = true;
      }
    }
  }
  return rows.filter((r) => r.pid !== process.pid && ours.has(r.pid) && !r.args.startsWith('ps '));
}

function assertCleanedUp(result) {
  assert.ok(result.tmp, 'the run should have started a server');
  assert.equal(existsSync(result.tmp), false, `temp dir ${result.tmp} was not removed`);
  assert.deepEqual(descendants().map((p) => p.args.slice(0, 120)), [], 'processes left behind');
}

describe('integration harness', function () {
  this.timeout(90_000);

  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(logs.slice(-40).join('\n'));
    logs.length = 0;
  });

  it('reports a crashed extension host as a failure (the workbench says exit 0)', async () => {
    const r = await run('crash.js');
    assert.equal(r.ok, false);
    assert.equal(r.timedOut, false);
    assert.match(r.error ?? '', /without writing a test result/);
    assertCleanedUp(r);
  });

  it('times out a hung suite, reports a failure and leaves no process', async () => {
    const r = await run('hang.js', { timeoutMs: 20_000 });
    assert.equal(r.ok, false);
    assert.equal(r.timedOut, true);
    assert.match(r.error ?? '', /timed out after 20 s/);
    assertCleanedUp(r);
  });

  it('counts a deliberately failing test with the real integration runner', async () => {
    const r = await run(path.join('failing', 'index.js'));
    assert.equal(r.ok, false);
    assert.equal(r.passed, 1);
    assert.equal(r.failed, 1);
    assert.equal(r.failures[0]?.title, 'harness fixture fails on purpose');
    assert.match(r.failures[0]?.message ?? '', /deliberate failure/);
    assertCleanedUp(r);
  });
});
