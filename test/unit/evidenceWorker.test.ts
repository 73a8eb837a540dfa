// The worker protocol at both ends, the worker thread itself (dist/evidenceWorker.js, built before the unit tier)
// and the CLI (npm run -s evidence).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as fc from 'fast-check';
import { bundledRules } from '../../src/core/evidence/bundledRules';
import { folderKeys } from '../../src/core/evidence/folderKeys';
import type { Finding } from '../../src/core/evidence/analyze';
import { EvidenceScanner, type FileOutcome, type ScannerOptions, type SerializedEvidenceCache } from '../../src/core/evidence/scanner';
import { signalKinds } from '../../src/core/evidence/vocabulary';
import { parseHostMessage, parseWorkerMessage, type WorkerMessage } from '../../src/core/evidence/workerProtocol';
import { analyzerCount, decodeOutcomes, encodeOutcomes, startAnalyzers } from '../../src/evidence/analysisHelpers';
import { readCacheFile, writeCacheFile } from '../../src/evidence/cacheFile';
import { main } from '../../src/evidence/cli';
import { nodeEvidenceFs } from '../../src/evidence/nodeFs';
import { assertProperty } from './helpers/property';

const repo = path.join(__dirname, '../../..');
const fixture = (name: string) => path.join(repo, 'test', 'fixtures', 'evidence', name);

describe('evidence worker protocol', () => {
  it('accepts well-formed messages and names the field of a malformed one', () => {
    assert.equal(parseHostMessage({ type: 'update', id: 3, folder: 'app', path: 'a.py' }).type, 'update');
    assert.throws(() => parseHostMessage({ type: 'scan', id: 1, folders: [{ name: 'a' }], exclude: [] }), /invalid message from the extension host: .* at folders\.0\.root/);
    assert.throws(() => parseHostMessage({ type: 'delete-everything', id: 1 }), /invalid message from the extension host/);
    assert.throws(() => parseWorkerMessage({ type: 'progress', id: 1, filesSeen: '3', filesRead: 1 }), /invalid message from the evidence worker: .* at filesSeen/);
  });

  it('a scan names its cache file, never carries the cache itself', () => {
    assert.throws(() => parseHostMessage({ type: 'scan', id: 1, folders: [], exclude: [], cacheFile: 3 }), /at cacheFile/);
    assert.equal(parseHostMessage({ type: 'scan', id: 1, folders: [], exclude: [], cacheFile: '/s/evidence-cache.json' }).type, 'scan');
  });
});

describe('evidence worker thread (dist/evidenceWorker.js)', function () {
  this.timeout(20_000);

  /** Sends messages in order, each after the previous request's final answer; returns every answer. */
  async function converse(requests: unknown[]): Promise<WorkerMessage[]> {
    const worker = new Worker(path.join(repo, 'dist', 'evidenceWorker.js'));
    const answers: WorkerMessage[] = [];
    try {
      for (const request of requests) {
        await new Promise<void>((resolve, reject) => {
          // A scan given a cache file ends with the cache's message, after its results.
          const keepsCache = typeof request === 'object' && request !== null && 'cacheFile' in request;
          const onMessage = (data: unknown) => {
            const message = parseWorkerMessage(data);
            answers.push(message);
            if (message.type !== 'progress' && !(keepsCache && message.type === 'results')) {
              worker.off('message', onMessage);
              resolve();
            }
          };
          worker.on('message', onMessage);
          worker.once('error', reject);
          worker.postMessage(request);
        });
      }
    } finally {
      await worker.terminate();
    }
    return answers;
  }

  it('a scan cancelled and replaced by a newer one at once leaves the newer scan intact', async () => {
    // The whole corpus, large enough that the first scan yields (and sees its cancellation) before it ends.
    const root = path.join(repo, 'test', 'fixtures').split(path.sep).join('/');
    const worker = new Worker(path.join(repo, 'dist', 'evidenceWorker.js'));
    try {
      const final = new Promise<WorkerMessage>((resolve) => {
        worker.on('message', (data: unknown) => {
          const message = parseWorkerMessage(data);
          if (message.id === 2 && message.type !== 'progress') resolve(message);
        });
      });
      // What the extension host sends when a setting or the folders change while a scan runs.
      worker.postMessage({ type: 'scan', id: 1, folders: [{ name: 'svc', root }], exclude: [] });
      worker.postMessage({ type: 'cancel', id: 1 });
      worker.postMessage({ type: 'scan', id: 2, folders: [{ name: 'svc', root }], exclude: [] });
      const answer = await final;
      assert.equal(answer.type, 'results', JSON.stringify(answer).slice(0, 300));
    } finally {
      await worker.terminate();
    }
  });

  it('two folders of one name, keyed as the host keys them, keep their own proof and updates', async () => {
    // Both fixture projects renamed "app", as two workspace folders named alike would be.
    const roots = [fixture('deploy-service'), fixture('pytorch-training')].map((p) => p.split(path.sep).join('/'));
    const keys = folderKeys(roots.map((root) => ({ name: 'app', uri: `file://${root}` })));
    const [deployKey, torchKey] = roots.map((root) => keys.get(`file://${root}`) ?? '');
    assert.ok(deployKey && torchKey && deployKey !== torchKey, `${deployKey} ${torchKey}`);
    const answers = await converse([
      { type: 'scan', id: 1, folders: roots.map((root, i) => ({ name: [deployKey, torchKey][i], root })), exclude: [] },
      { type: 'update', id: 2, folder: torchKey, path: 'train.py' },
    ]);
    const [scan, update] = answers.filter((a) => a.type === 'results');
    assert.ok(scan?.type === 'results' && update?.type === 'results');
    const folderOf = (skillId: string, file: string) => new Set(scan.skills.find((s) => s.skillId === skillId)?.items.filter((i) => i.path === file).map((i) => i.folder));
    assert.deepEqual(folderOf('production-deployment', 'Dockerfile'), new Set([deployKey]));
    assert.deepEqual(folderOf('deep-learning-framework', 'train.py'), new Set([torchKey]));
    assert.ok(update.changed?.includes('deep-learning-framework'), JSON.stringify(update.changed));
    assert.deepEqual(update.skills.find((s) => s.skillId === 'deep-learning-framework')?.items.filter((i) => i.path === 'train.py').length, scan.skills.find((s) => s.skillId === 'deep-learning-framework')?.items.filter((i) => i.path === 'train.py').length, 'the update of one folder leaves the evidence as it was');
  });

  it('keeps the cache in its file: the next scan reads no unchanged file; a cache it cannot write is reported', async () => {
    const root = fixture('deploy-service').split(path.sep).join('/');
    const dir = mkdtempSync(path.join(tmpdir(), 'ml-career-cache-'));
    try {
      const cacheFile = path.join(dir, 'storage', 'evidence-cache.json');
      const scan = { type: 'scan', id: 1, folders: [{ name: 'svc', root }], exclude: [], cacheFile };
      const first = await converse([scan]);
      const cache = readCacheFile(cacheFile);
      assert.ok(cache && Object.keys(cache.folders['svc'] ?? {}).length > 0, 'the worker wrote the cache');
      const second = await converse([scan]);
      const lastProgress = (answers: WorkerMessage[]) => answers.filter((a) => a.type === 'progress').at(-1);
      assert.ok(lastProgress(first)?.type === 'progress' && (lastProgress(first) as { filesRead: number }).filesRead > 0);
      assert.deepEqual(lastProgress(second), { ...lastProgress(first), filesRead: 0 }, 'every file was unchanged and came from the cache');
      const results = (answers: WorkerMessage[]) => answers.find((a) => a.type === 'results');
      assert.deepEqual(results(second), results(first), 'the same results');
      assert.deepEqual(first.at(-1), { type: 'cache', id: 1 }, 'the cache is written after the results, and said to be');
      writeFileSync(path.join(dir, 'file'), '');
      const unwritable = await converse([{ ...scan, cacheFile: path.join(dir, 'file', 'evidence-cache.json') }]);
      const [answer, cacheAnswer] = unwritable.filter((a) => a.type !== 'progress');
      assert.ok(answer?.type === 'results' && answer.skills.length > 0, JSON.stringify(answer).slice(0, 300));
      assert.ok(cacheAnswer?.type === 'cache' && cacheAnswer.problem?.includes(path.join(dir, 'file')), JSON.stringify(cacheAnswer));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('scans, answers an update, and answers a bad message with an error instead of dying', async () => {
    const root = fixture('deploy-service').split(path.sep).join('/');
    const answers = await converse([
      { type: 'scan', id: 1, folders: [{ name: 'svc', root }], exclude: [] },
      { type: 'nonsense', id: 2 },
      { type: 'update', id: 3, folder: 'svc', path: 'app.py' },
    ]);
    const results = answers.filter((a) => a.type === 'results');
    assert.equal(results.length, 2);
    const first = results[0]!;
    assert.ok(first.type === 'results' && first.changed === undefined && first.skills.some((s) => s.skillId === 'production-deployment' && s.suggested));
    assert.ok(answers.some((a) => a.type === 'error' && a.id === 2 && /invalid message/.test(a.message)));
    const update = results[1]!;
    assert.ok(update.type === 'results' && update.id === 3 && update.changed?.includes('production-deployment'));
  });
});

describe('evidence CLI (npm run -s evidence)', function () {
  this.timeout(30_000);

  /** Runs the CLI's main in this process, capturing what it writes. */
  async function runMain(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const written = { stdout: '', stderr: '' };
    const original = { stdout: process.stdout.write, stderr: process.stderr.write };
    process.stdout.write = ((chunk: string) => ((written.stdout += chunk), true)) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string) => ((written.stderr += chunk), true)) as typeof process.stderr.write;
    try {
      return { code: await main(args), ...written };
    } finally {
      Object.assign(process.stdout, { write: original.stdout });
      Object.assign(process.stderr, { write: original.stderr });
    }
  }

  it('the npm script with --json prints exactly one JSON document with id, confidence, suggested and proof items', () => {
    const stdout = execFileSync(process.execPath, [path.join(repo, 'scripts', 'evidence.mjs'), fixture('pytorch-training'), '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const document = JSON.parse(stdout) as { skills: Array<{ id: string; confidence: number; suggested: boolean; evidence: Array<Record<string, unknown>> }> };
    const skill = document.skills.find((s) => s.id === 'deep-learning-framework');
    assert.ok(skill && skill.suggested && skill.confidence > 0.6);
    assert.deepEqual(Object.keys(skill.evidence[0]!).sort(), ['line', 'path', 'rule', 'text']);
    assert.ok(skill.evidence.some((e) => e.path === 'train.py' && e.text === 'import torch'));
  });

  it('prints per skill its id, confidence, whether it is suggested, and the proof', async () => {
    const { code, stdout } = await runMain(fixture('trap-dependency-only'));
    assert.equal(code, 0);
    assert.match(stdout, /^deep-learning-framework {2}confidence 0\.\d\d {2}not suggested/m);
    assert.match(stdout, /requirements\.txt:1 · torch==2\.3\.0/);
  });

  it('a missing folder or a second folder exits with 2 and says why', async () => {
    const missing = await runMain(path.join(repo, 'no-such-folder'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot scan .*no-such-folder/);
    const two = await runMain('a', 'b');
    assert.equal(two.code, 2);
    assert.match(two.stderr, /expected one folder, got 2/);
  });
});

describe('evidence file system over Node (src/evidence/nodeFs.ts)', () => {
  it('readFileIf opens a file once for its size, mtime and bytes, reads only when wanted and never follows a link', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ml-career-nodefs-'));
    try {
      writeFileSync(path.join(dir, 'a.py'), 'import torch\n');
      symlinkSync(path.join(dir, 'a.py'), path.join(dir, 'link.py'));
      const root = dir.split(path.sep).join('/');
      const read = nodeEvidenceFs.readFileIf(`${root}/a.py`, () => true);
      assert.equal(new TextDecoder().decode(read?.bytes), 'import torch\n');
      assert.equal(read?.size, 13);
      const unread = nodeEvidenceFs.readFileIf(`${root}/a.py`, (size) => size > 100);
      assert.deepEqual([unread?.size, unread?.bytes], [13, undefined]);
      assert.equal(nodeEvidenceFs.readFileIf(`${root}/link.py`, () => true), undefined, 'a link is not followed');
      assert.equal(nodeEvidenceFs.readFileIf(root, () => true), undefined, 'a folder is not a file');
      assert.equal(nodeEvidenceFs.readFileIf(`${root}/missing.py`, () => true), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('evidence cache file (src/evidence/cacheFile.ts)', () => {
  it('reads back what it wrote, into a folder it creates, leaving no staged file; a missing or malformed cache is none', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ml-career-cache-file-'));
    try {
      const file = path.join(dir, 'a', 'b', 'evidence-cache.json');
      const cache: SerializedEvidenceCache = { version: 1, rules: 'r1', folders: { app: { 'a.py': { size: 3, mtimeMs: 4, findings: [{ rule: 'torch', skill: 'dl', kind: 'import', line: 1, column: 7, length: 5, text: 'import torch', test: false }] } } } };
      assert.equal(readCacheFile(file), undefined, 'no file yet');
      writeCacheFile(file, cache);
      assert.deepEqual(readCacheFile(file), cache);
      assert.deepEqual(readdirSync(path.dirname(file)), ['evidence-cache.json']);
      writeFileSync(file, '{"version": 1, "rules": "r1", "folders": {"app": {"a.py": {"size": 1}}}}');
      assert.equal(readCacheFile(file), undefined, 'a cache of the wrong shape');
      writeFileSync(file, '{"version": 1,');
      assert.equal(readCacheFile(file), undefined, 'cut-off JSON');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('evidence analyzer threads (src/evidence/analysisHelpers.ts)', function () {
  this.timeout(20_000);

  it('property: a batch of outcomes reads back as it was sent, finding by finding', () => {
    const text = fc.string({ unit: 'binary', maxLength: 30 });
    const finding = fc
      .record({
        rule: fc.constantFrom(...bundledRules.byId.keys()),
        skill: fc.constantFrom('python', 'deep-learning-framework', ''),
        kind: fc.constantFrom(...signalKinds),
        line: fc.nat(1 << 24),
        column: fc.nat(10_000),
        length: fc.nat(10_000),
        text,
        test: fc.boolean(),
        cell: fc.option(fc.nat(5000), { nil: undefined }),
      })
      .map(({ cell, ...rest }): Finding => (cell === undefined ? rest : { ...rest, cell }));
    const record = fc.record({ size: fc.nat(), mtimeMs: fc.double({ min: 0, max: 4e12, noNaN: true }).map((t) => t + 0), findings: fc.array(finding, { maxLength: 12 }), includes: fc.array(text, { maxLength: 3 }) });
    const outcome = fc.oneof(
      fc.constant<FileOutcome>({ kind: 'skipped' }),
      fc.constant<FileOutcome>({ kind: 'unchanged' }),
      fc.constant<FileOutcome>({ kind: 'read' }),
      record.map((r): FileOutcome => ({ kind: 'read', record: { ...r } })),
    );
    assertProperty(fc.property(fc.array(outcome, { maxLength: 20 }), (outcomes) => assert.deepEqual(decodeOutcomes(encodeOutcomes(outcomes)), outcomes)));
    assert.throws(() => decodeOutcomes(JSON.stringify([[], [[1, 2, [0, 0, 0, 1, 0, 0, -1, 0, 0], []]]])), /no string 0/, 'an index outside the string table is refused');
  });

  it('an analyzer thread finds exactly what the scanning thread finds alone', async () => {
    // More files than one analyzer batch (64), so batches really go to the thread.
    const dir = mkdtempSync(path.join(tmpdir(), 'ml-career-analyzers-'));
    const sources = ['import torch\nloss.backward()\n', 'import mlflow\nmlflow.log_metric("x", 1)\n', 'from dataclasses import dataclass\n\n@dataclass\nclass A:\n    x: int\n', 'def f(x: int) -> int:\n    return x\n'];
    try {
      for (let i = 0; i < 400; i++) writeFileSync(path.join(dir, `m${i}.py`), sources[i % sources.length] ?? '');
      writeFileSync(path.join(dir, 'requirements.txt'), 'torch\nfastapi\n');
      const options: ScannerOptions = { fs: nodeEvidenceFs, folders: [{ name: 'app', root: dir.split(path.sep).join('/') }], rules: bundledRules, yieldToEventLoop: () => Promise.resolve() };
      const alone = await new EvidenceScanner(options).scan();
      const helpers = startAnalyzers(path.join(repo, 'dist', 'evidenceWorker.js'), 1);
      try {
        // The walk hands out batches once the thread says it is ready.
        await new Promise((resolve) => setTimeout(resolve, 300));
        const scanner = new EvidenceScanner({ ...options, analyzers: helpers.analyzers });
        const shared = await scanner.scan();
        assert.deepEqual(shared, alone);
        assert.equal(scanner.stats.filesRead, 401);
      } finally {
        await helpers.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts one analyzer per idle core beyond the scanning thread\'s and the editor\'s, none on a busy machine', () => {
    assert.equal(analyzerCount(2, 0), 0, 'an idle two-core machine: the scanning thread alone');
    assert.equal(analyzerCount(3, 0.2), 1, 'an idle three-core machine');
    assert.equal(analyzerCount(3, 1.5), 0, 'the third core is busy');
    assert.equal(analyzerCount(8, 3), 3);
    assert.equal(analyzerCount(1, 0), 0, 'one core: the scanning thread alone');
    assert.equal(analyzerCount(4, 0), 2, 'no load average (Windows): every core counts as idle');
    assertProperty(
      fc.property(fc.integer({ min: 1, max: 256 }), fc.double({ min: 0, max: 512, noNaN: true }), fc.double({ min: 0, max: 64, noNaN: true }), (cores, load, more) => {
        const count = analyzerCount(cores, load);
        assert.ok(Number.isInteger(count) && count >= 0 && count <= Math.max(0, cores - 2), `${count} for ${cores} cores at load ${load}`);
        assert.ok(analyzerCount(cores, load + more) <= count, 'more load never starts more threads');
      }),
    );
  });
});
