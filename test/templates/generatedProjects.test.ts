import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { planProject } from '../../src/core/scaffold/plan';
import { templates } from '../../src/core/scaffold/templates';
import { writeProject } from '../../src/core/scaffold/writeProject';
import { debianPython as python } from './helpers/projects';

describe('generated projects pass their own tests', function () {
  this.timeout(200_000);
  let parent: string;
  before(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'mlc-generated-'));
  });
  after(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  for (const template of templates) {
    it(`${template.manifest.id}: python3 -m pytest`, async () => {
      const name = `demo-${template.manifest.id}`;
      const files = planProject(template, { name, license: 'MIT', docker: true, ci: true, year: 2025 });
      const { path: dir } = await writeProject({ parentDir: parent, name, files });
      const started = Date.now();
      const run = spawnSync(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 180_000,
        env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      });
      const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
      const summary = output.trim().split('\n').pop() ?? '';
      console.log(`      ${template.manifest.id}: ${summary} (${Date.now() - started} ms wall)`);
      assert.equal(run.status, 0, `pytest failed in ${template.manifest.id} (${run.error?.message ?? `exit ${run.status}`}):\n${output}`);
    });
  }

  it('a hostile description and author leave pyproject.toml valid TOML and every .py file valid Python, holding them literally', async () => {
    const [template] = templates;
    assert.ok(template);
    const description = 'Say "hi" to C:\\models, $& and """triple""" \'quotes\' {{y}}\tand a tab.';
    const author = 'Ada "The Countess" Lovelace $\' \\ {{#if a}}';
    const files = planProject({ ...template, manifest: { ...template.manifest, description } }, { name: 'hostile', license: 'MIT', docker: true, ci: true, year: 2025, author });
    const { path: dir } = await writeProject({ parentDir: parent, name: 'hostile', files });
    const check = [
      'import ast, json, pathlib, sys, tomllib',
      'root = pathlib.Path(sys.argv[1])',
      'project = tomllib.loads((root / "pyproject.toml").read_text())["project"]',
      'docstring = ast.get_docstring(ast.parse((root / "src/hostile/__init__.py").read_text()), clean=False)',
      'for py in root.rglob("*.py"): compile(py.read_text(), str(py), "exec")',
      'print(json.dumps({"description": project["description"], "docstring": docstring}))',
    ].join('\n');
    const run = spawnSync(python, ['-c', check, dir], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { description, docstring: `hostile: ${description}` });
  });
});
