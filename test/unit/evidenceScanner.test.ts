import * as assert from 'node:assert/strict';
import { bundledRules } from '../../src/core/evidence/bundledRules';
import { EvidenceScanner, examineFile, type FileAnalyzer, type FileJob, type FileOutcome, type ScannerOptions } from '../../src/core/evidence/scanner';
import { MemoryFs } from './helpers/memoryFs';

const torchFile = 'import torch\n';

function scannerOver(fs: MemoryFs, options: Partial<ScannerOptions> = {}): EvidenceScanner {
  return new EvidenceScanner({ fs, folders: [{ name: 'app', root: '/w' }], rules: bundledRules, yieldToEventLoop: () => Promise.resolve(), ...options });
}

/** "path:line rule" of every proof item, sorted. */
function proof(scanner: EvidenceScanner): string[] {
  return scanner
    .results()
    .flatMap((s) => s.items.map((i) => `${i.path}:${i.line} ${i.rule}`))
    .sort();
}

describe('evidence scanner: what is not the user\'s code', () => {
  it('honours nested .gitignore files with negations, anchoring and "dir/" patterns, and .ignore', async () => {
    const fs = new MemoryFs({
      '/w/.gitignore': '# generated\ngenerated/\n*.tmp.py\n!keep.tmp.py\n/rootonly.py\n',
      '/w/.ignore': 'scratch.py\n',
      '/w/a.py': torchFile,
      '/w/generated/b.py': torchFile,
      '/w/x.tmp.py': torchFile,
      '/w/keep.tmp.py': torchFile,
      '/w/rootonly.py': torchFile,
      '/w/scratch.py': torchFile,
      '/w/sub/rootonly.py': torchFile,
      '/w/sub/.gitignore': 'local.py\n!x.tmp.py\n',
      '/w/sub/local.py': torchFile,
      '/w/sub/x.tmp.py': torchFile,
      '/w/local.py': torchFile,
    });
    const scanner = scannerOver(fs);
    await scanner.scan();
    assert.deepEqual(proof(scanner), ['a.py:1 pytorch', 'keep.tmp.py:1 pytorch', 'local.py:1 pytorch', 'sub/rootonly.py:1 pytorch', 'sub/x.tmp.py:1 pytorch']);
  });

  it('always skips dependency, environment, build, vendored and fixture folders, whatever .gitignore says', async () => {
    const fs = new MemoryFs({
      '/w/node_modules/x/a.py': torchFile,
      '/w/.venv/lib/a.py': torchFile,
      '/w/venv/lib/a.py': torchFile,
      '/w/env/pyvenv.cfg': 'home = /usr',
      '/w/env/lib/a.py': torchFile,
      '/w/myenv/conda-meta/history': '',
      '/w/myenv/lib/a.py': torchFile,
      '/w/lib/python3.12/site-packages/a.py': torchFile,
      '/w/src/__pycache__/a.py': torchFile,
      '/w/build/lib/a.py': torchFile,
      '/w/vendor/a.py': torchFile,
      '/w/third_party/a.py': torchFile,
      '/w/tests/fixtures/proj/a.py': torchFile,
      '/w/.git/hooks/a.py': torchFile,
      '/w/pkg.egg-info/a.py': torchFile,
      '/w/src/own.py': torchFile,
    });
    const scanner = scannerOver(fs);
    await scanner.scan();
    assert.deepEqual(proof(scanner), ['src/own.py:1 pytorch']);
  });

  it('skips caller-supplied exclude globs (files.exclude style, with {a,b})', async () => {
    const fs = new MemoryFs({ '/w/data/a.py': torchFile, '/w/scratch/b.py': torchFile, '/w/tmp/c.py': torchFile, '/w/src/d.py': torchFile, '/w/src/e_notes.py': torchFile });
    const scanner = scannerOver(fs, { exclude: ['**/data', '{scratch,tmp}/**', '**/*_notes.py'] });
    await scanner.scan();
    assert.deepEqual(proof(scanner), ['src/d.py:1 pytorch']);
  });

  it('skips files marked linguist-vendored or linguist-generated in .gitattributes, unless a later line unsets it', async () => {
    const fs = new MemoryFs({
      '/w/.gitattributes': 'libs/** linguist-vendored\n*_pb2.py linguist-generated=true\nlibs/mine/** -linguist-vendored\n',
      '/w/libs/copy/a.py': torchFile,
      '/w/libs/mine/b.py': torchFile,
      '/w/proto/m_pb2.py': torchFile,
      '/w/src/c.py': torchFile,
    });
    const scanner = scannerOver(fs);
    await scanner.scan();
    assert.deepEqual(proof(scanner), ['libs/mine/b.py:1 pytorch', 'src/c.py:1 pytorch']);
  });

  it('skips minified, binary and oversized files and never follows symbolic links', async () => {
    const fs = new MemoryFs({
      '/w/long.py': `import torch\nx = "${'a'.repeat(20_000)}"\n`,
      '/w/app.min.js': torchFile,
      '/w/bin.py': new Uint8Array([0x69, 0x6d, 0x70, 0x6f, 0x72, 0x74, 0x20, 0x74, 0x0a, 0x00]),
      '/w/big.py': `import torch\n${'#'.repeat(2000)}\n`,
      '/w/ok.py': torchFile,
    });
    fs.links.add('/w/linked');
    fs.links.add('/w/linked.py');
    const scanner = scannerOver(fs, { maxFileBytes: 1000 });
    await scanner.scan();
    assert.deepEqual(proof(scanner), ['ok.py:1 pytorch']);
  });

  it('counts test code at a lower weight', async () => {
    const own = scannerOver(new MemoryFs({ '/w/src/a.py': torchFile }));
    const tests = scannerOver(new MemoryFs({ '/w/tests/test_a.py': torchFile }));
    const [ownSkill] = await own.scan();
    const [testSkill] = await tests.scan();
    assert.ok(ownSkill && testSkill);
    assert.equal(testSkill.items[0]?.test, true);
    assert.ok(testSkill.confidence < ownSkill.confidence, `${testSkill.confidence} < ${ownSkill.confidence}`);
    assert.equal(testSkill.suggested, false);
  });

  it('reads a file named by -r in a requirements file as requirements, whatever its name', async () => {
    const fs = new MemoryFs({ '/w/requirements.txt': '-r deps/ml.list\n', '/w/deps/ml.list': 'torch\n-r ../more.pip\n', '/w/more.pip': 'mlflow\n' });
    const scanner = scannerOver(fs);
    await scanner.scan();
    assert.deepEqual(proof(scanner), ['deps/ml.list:1 pytorch', 'more.pip:1 tracking-libraries']);
  });

  it('names the folder of each proof item in a multi-root workspace, and refuses two folders of one key', async () => {
    const fs = new MemoryFs({ '/a/x.py': torchFile, '/b/y.py': torchFile });
    const scanner = scannerOver(fs, { folders: [{ name: 'front', root: '/a' }, { name: 'back', root: '/b' }] });
    const [skill] = await scanner.scan();
    assert.deepEqual(skill?.items.map((i) => `${i.folder}/${i.path}`), ['back/y.py', 'front/x.py']);
    assert.throws(() => scannerOver(fs, { folders: [{ name: 'x', root: '/a' }, { name: 'x', root: '/b' }] }), /two workspace folders have the key "x"/);
  });

  it('proof names the notebook cell and the line within it', async () => {
    const nb = JSON.stringify({ cells: [{ cell_type: 'markdown', source: 'hi' }, { cell_type: 'code', source: ['x = 1\n', 'import torch\n'] }], metadata: {} });
    const scanner = scannerOver(new MemoryFs({ '/w/nb.ipynb': nb }));
    const [skill] = await scanner.scan();
    assert.deepEqual(skill?.items.map((i) => ({ path: i.path, cell: i.cell, line: i.line, text: i.text, column: i.column, length: i.length })), [
      { path: 'nb.ipynb', cell: 1, line: 2, text: 'import torch', column: 7, length: 5 },
    ]);
  });
});

describe('evidence scanner: incremental updates, cache, cancellation', () => {
  it('update and remove touch only the file\'s evidence and report the changed skills', async () => {
    const fs = new MemoryFs({ '/w/a.py': torchFile, '/w/b.py': 'import sklearn\n' });
    const scanner = scannerOver(fs);
    await scanner.scan();
    fs.write('/w/a.py', 'import mlflow\n');
    const readsBefore = fs.reads;
    assert.deepEqual(scanner.update('app', 'a.py'), ['deep-learning-framework', 'mlops-tools']);
    assert.equal(fs.reads - readsBefore, 1, 'only the saved file is read');
    assert.deepEqual(proof(scanner), ['a.py:1 tracking-libraries', 'b.py:1 classic-ml']);
    fs.delete('/w/b.py');
    assert.deepEqual(scanner.remove('app', 'b.py'), ['model-development']);
    assert.deepEqual(proof(scanner), ['a.py:1 tracking-libraries']);
    assert.equal(scanner.skillEvidence('model-development'), undefined);
  });

  it('a file created in an ignored or new folder is handled like the full scan would', async () => {
    const fs = new MemoryFs({ '/w/.gitignore': 'out2/\n', '/w/a.py': 'x = 1\n' });
    const scanner = scannerOver(fs);
    await scanner.scan();
    fs.write('/w/out2/gen.py', torchFile);
    fs.write('/w/node_modules/p/x.py', torchFile);
    fs.write('/w/new/deeper/c.py', torchFile);
    assert.deepEqual(scanner.update('app', 'out2/gen.py'), []);
    assert.deepEqual(scanner.update('app', 'node_modules/p/x.py'), []);
    assert.deepEqual(scanner.update('app', 'new/deeper/c.py'), ['deep-learning-framework']);
    fs.write('/w/new/other.py', 'import mlflow\n');
    assert.deepEqual(scanner.update('app', 'new'), ['deep-learning-framework', 'mlops-tools']);
    assert.deepEqual(proof(scanner), ['new/deeper/c.py:1 pytorch', 'new/other.py:1 tracking-libraries']);
  });

  it('an edited .gitignore rescans its folder', async () => {
    const fs = new MemoryFs({ '/w/.gitignore': '', '/w/gen/a.py': torchFile });
    const scanner = scannerOver(fs);
    await scanner.scan();
    assert.deepEqual(proof(scanner), ['gen/a.py:1 pytorch']);
    fs.write('/w/.gitignore', 'gen/\n');
    assert.deepEqual(scanner.update('app', '.gitignore'), ['deep-learning-framework']);
    assert.deepEqual(proof(scanner), []);
  });

  it('a serialised cache restores findings without reading unchanged files; changed files and other rules are read again', async () => {
    const fs = new MemoryFs({ '/w/a.py': torchFile, '/w/b.py': 'import sklearn\n' });
    const first = scannerOver(fs);
    await first.scan();
    const cache = JSON.parse(JSON.stringify(first.serializeCache()));
    fs.write('/w/b.py', 'import mlflow\n');
    const second = scannerOver(fs, { cache });
    await second.scan();
    assert.equal(second.stats.filesRead, 1);
    assert.deepEqual(proof(second), ['a.py:1 pytorch', 'b.py:1 tracking-libraries']);
    const stale = scannerOver(fs, { cache: { ...cache, rules: 'other' } });
    await stale.scan();
    assert.equal(stale.stats.filesRead, 2);
  });

  it('reports progress and rejects with the abort reason when cancelled', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`/w/d${i}/f.py`] = torchFile;
    const fs = new MemoryFs(files);
    const controller = new AbortController();
    const seen: number[] = [];
    const scanner = scannerOver(fs, {
      yieldToEventLoop: () => {
        controller.abort(new Error('user cancelled'));
        return Promise.resolve();
      },
    });
    // Make every folder take long enough for the scanner to yield.
    const read = fs.readDirectory.bind(fs);
    fs.readDirectory = (p) => {
      const until = Date.now() + 1;
      while (Date.now() < until);
      return read(p);
    };
    await assert.rejects(scanner.scan({ signal: controller.signal, onProgress: (p) => seen.push(p.filesSeen) }), /user cancelled/);
    assert.ok(seen.length > 0, 'progress was reported before the cancellation');
  });
});

describe('evidence scanner: analyzer threads', () => {
  /** Files of several kinds across 40 folders: enough for several batches. */
  const workspace = (): MemoryFs => {
    const files: Record<string, string> = { '/w/.gitignore': 'ignored/\n', '/w/ignored/a.py': torchFile, '/w/requirements.txt': 'torch\n-r extra.txt\n', '/w/extra.txt': 'mlflow\n' };
    for (let i = 0; i < 40; i++) {
      files[`/w/pkg${i}/train.py`] = `import torch\nloss.backward()\n`;
      files[`/w/pkg${i}/track.py`] = 'import mlflow\nmlflow.log_metric("loss", 1)\n';
      files[`/w/pkg${i}/Dockerfile`] = 'FROM python:3.12-slim\n';
      files[`/w/pkg${i}/notes.md`] = 'import torch\n';
    }
    return new MemoryFs(files);
  };

  /** An analyzer over the same file system, answering asynchronously like a thread; `fail` rejects every batch. */
  class FakeAnalyzer implements FileAnalyzer {
    busy = 0;
    batches = 0;
    constructor(
      private readonly fs: MemoryFs,
      private readonly fail = false,
    ) {}
    async examine(root: string, jobs: readonly FileJob[], maxFileBytes: number): Promise<FileOutcome[]> {
      this.busy++;
      this.batches++;
      await new Promise((resolve) => setImmediate(resolve));
      this.busy--;
      if (this.fail) throw new Error('the analyzer thread died');
      return jobs.map((job) => examineFile(this.fs, bundledRules, root, job, maxFileBytes));
    }
  }

  const yieldForReal = () => new Promise<void>((resolve) => setImmediate(resolve));

  it('a scan that hands batches to analyzers finds exactly what one thread finds, and a failing analyzer loses nothing', async () => {
    const alone = scannerOver(workspace());
    await alone.scan();
    for (const fail of [false, true]) {
      const fs = workspace();
      const analyzer = new FakeAnalyzer(fs, fail);
      const shared = scannerOver(fs, { analyzers: [analyzer], yieldToEventLoop: yieldForReal });
      await shared.scan();
      assert.ok(analyzer.batches > 0, 'the analyzer was given work');
      assert.deepEqual(proof(shared), proof(alone), fail ? 'batches of a failed analyzer are examined by the scan itself' : 'same proof');
      assert.deepEqual(shared.results().map((s) => [s.skillId, s.confidence, s.files]), alone.results().map((s) => [s.skillId, s.confidence, s.files]));
      assert.equal(shared.stats.filesRead, alone.stats.filesRead);
    }
  });

  it('analyzers honour the cache: unchanged files are not read', async () => {
    const fs = workspace();
    const first = scannerOver(fs);
    await first.scan();
    fs.write('/w/pkg3/train.py', 'import torch\nimport mlflow\n');
    const readsBefore = fs.reads;
    const second = scannerOver(fs, { cache: first.serializeCache(), analyzers: [new FakeAnalyzer(fs)], yieldToEventLoop: yieldForReal });
    await second.scan();
    assert.equal(second.stats.filesRead, 1);
    assert.equal(fs.reads - readsBefore, 2, 'the .gitignore and the changed file are read, nothing else');
    assert.ok(proof(second).includes('pkg3/train.py:2 tracking-libraries'), proof(second).join('\n'));
  });
});
