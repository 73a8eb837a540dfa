import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { toPackageName } from '../../src/core/scaffold/names';
import { templates } from '../../src/core/scaffold/templates';
import { describeFailure, runCommand } from './helpers/processes';
import { debianPython, hostileName, scaffoldHostileProject } from './helpers/projects';

// The Python modules every template shares (data/template-common), and their tests, meet the generated project's own
// lint and format rules whatever name the user picked; each template's own files are checked in its day-one journey.

const sharedModules = ['__init__.py', 'tracking.py', 'report.py', 'demo.py', 'bench.py'];
const sharedTests = ['test_tracking.py', 'test_report.py', 'test_bench.py'];

describe('shared Python modules of the generated projects', function () {
  this.timeout(120_000);
  let parent: string;
  let ruff: string;
  let project: string;
  before(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'mlc-shared-'));
    const venv = path.join(parent, 'tools');
    for (const [command, args] of [
      [debianPython, ['-m', 'venv', venv]],
      [path.join(venv, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--retries', '0', 'ruff']],
    ] as const) {
      const result = await runCommand(command, args, { cwd: parent, timeoutMs: 120_000 });
      assert.equal(result.code, 0, describeFailure(`${command} ${args.join(' ')}`, result));
    }
    ruff = path.join(venv, 'bin', 'ruff');
    const [template] = templates;
    assert.ok(template);
    project = await scaffoldHostileProject(template, parent);
  });
  after(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  const files = (): string[] => [
    ...sharedModules.map((file) => path.join('src', toPackageName(hostileName), file)),
    ...sharedTests.map((file) => path.join('tests', file)),
  ];

  it('pass ruff check with the shipped configuration', async () => {
    const result = await runCommand(ruff, ['check', '--no-cache', '--output-format', 'concise', ...files()], { cwd: project, timeoutMs: 60_000 });
    assert.equal(result.code, 0, describeFailure('ruff check', result));
  });

  it('are formatted as ruff format writes them', async () => {
    const result = await runCommand(ruff, ['format', '--no-cache', '--check', '--diff', ...files()], { cwd: project, timeoutMs: 60_000 });
    assert.equal(result.code, 0, describeFailure('ruff format --check', result));
  });
});
