import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { commands } from '../../src/core/ids';
import type { NewProjectResult } from '../../src/core/scaffold/options';
import { templates } from '../../src/core/scaffold/templates';
import { extensionApi } from './helpers/extension';

const newProject = async (options: Record<string, unknown>): Promise<NewProjectResult> => vscode.commands.executeCommand<NewProjectResult>(commands.newProject, options);

describe('New Portfolio Project (mlCareer.newProject with options)', function () {
  this.timeout(60_000);
  let parent: string;

  before(async () => {
    await extensionApi();
  });
  beforeEach(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'mlc-int-scaffold-'));
  });
  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  for (const template of templates) {
    it(`scaffolds ${template.manifest.id} with every option and one git commit`, async () => {
      const name = `demo-${template.manifest.id}`;
      const result = await newProject({ template: template.manifest.id, name, parentDir: parent, license: 'Apache-2.0', docker: true, ci: true, git: true });
      assert.equal(result.path, path.join(parent, name));
      for (const file of ['README.md', 'DEPLOY_CHECKLIST.md', 'MODEL_CARD.md', 'LICENSE', 'Dockerfile', '.github/workflows/ci.yml', 'pyproject.toml', 'Makefile', `src/demo_${template.manifest.id.replace(/-/g, '_')}/api.py`]) {
        assert.ok(existsSync(path.join(result.path, file)), `${file} missing`);
      }
      for (const file of result.files) assert.ok(existsSync(path.join(result.path, file)), `${file} planned but not written`);
      assert.match(await readFile(path.join(result.path, 'LICENSE'), 'utf8'), /Apache License/);
      const git = (...args: string[]) => execFileSync('git', args, { cwd: result.path, encoding: 'utf8' }).trim();
      assert.equal(git('rev-list', '--count', 'HEAD'), '1');
      assert.equal(git('status', '--porcelain'), '', 'every file is committed');
      assert.deepEqual(await readdir(parent), [name], 'no staging folder is left');
      assert.deepEqual(result.skills, template.manifest.skills);
    });
  }

  it('without options it writes no optional files and no repository', async () => {
    const result = await newProject({ template: 'text-classifier', name: 'bare', parentDir: parent, license: 'none', docker: false, ci: false, git: false });
    for (const absent of ['LICENSE', 'Dockerfile', '.github', '.git']) assert.ok(!existsSync(path.join(result.path, absent)), absent);
  });

  it('a second run into the same folder refuses and changes nothing', async () => {
    const first = await newProject({ template: 'recommender', name: 'twice', parentDir: parent, git: false });
    await writeFile(path.join(first.path, 'notes.txt'), 'mine');
    const readme = path.join(first.path, 'README.md');
    const before = { listing: (await readdir(first.path)).sort(), readme: await readFile(readme, 'utf8'), mtime: (await stat(readme)).mtimeMs };
    await assert.rejects(newProject({ template: 'rag-chatbot', name: 'twice', parentDir: parent, git: false }), /already exists/);
    assert.deepEqual((await readdir(first.path)).sort(), before.listing);
    assert.equal(await readFile(readme, 'utf8'), before.readme);
    assert.equal((await stat(readme)).mtimeMs, before.mtime);
    assert.deepEqual(await readdir(parent), ['twice']);
  });

  it('a failure mid-write leaves nothing behind and says what happened', async () => {
    await assert.rejects(
      newProject({ template: 'image-generator', name: 'broken', parentDir: parent, git: true, failAfterFiles: 5 }),
      /Could not create broken .*simulated failure after 5 files.*Nothing was left behind/,
    );
    assert.deepEqual(await readdir(parent), []);
  });

  it('rejects bad names and unknown templates before writing', async () => {
    await assert.rejects(newProject({ template: 'text-classifier', name: '../escape', parentDir: parent }), /Invalid project name/);
    await assert.rejects(newProject({ template: 'nope', name: 'fine', parentDir: parent }), /no template "nope"/);
    await assert.rejects(newProject({ template: 'text-classifier', name: 'fine', parentDir: parent, license: 'GPL' }), /invalid options/);
    await assert.rejects(newProject({ template: 'text-classifier', name: 'fine', parentDir: 'relative/folder' }), /invalid options: parentDir: must be an absolute path/);
    assert.deepEqual(await readdir(parent), []);
  });

  it('writes an author with $ patterns and quotes literally, and refuses one with a line break before writing', async () => {
    const author = 'Ada "AL" $& $\' Lovelace';
    const result = await newProject({ template: 'text-classifier', name: 'authored', parentDir: parent, git: false, author });
    assert.match(await readFile(path.join(result.path, 'LICENSE'), 'utf8'), new RegExp(`^Copyright \\(c\\) \\d{4} ${author.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    await assert.rejects(newProject({ template: 'text-classifier', name: 'two-lines', parentDir: parent, author: 'Ada\nLovelace' }), /invalid options: author: must be one line/);
    assert.deepEqual(await readdir(parent), ['authored']);
  });

  it('marks the template skills as learning on the roadmap when asked', async () => {
    const api = await extensionApi();
    await api.progress.store.reset();
    const result = await newProject({ template: 'rag-chatbot', name: 'skills', parentDir: parent, git: false, markSkillsLearning: true });
    assert.ok(result.skills.length > 0);
    for (const skill of result.skills) {
      assert.ok(api.progress.roadmap.skill(skill), `${skill} is not a roadmap skill`);
      assert.equal(api.progress.store.status(skill), 'learning', skill);
    }
    await api.progress.store.reset();
  });

  it('marks only skills not started yet, in one change, and never demotes one', async () => {
    const api = await extensionApi();
    const { store } = api.progress;
    await store.reset();
    const [done, skipped, learning, ...rest] = templates.find((t) => t.manifest.id === 'text-classifier')?.manifest.skills ?? [];
    assert.ok(done && skipped && learning && rest.length > 0, 'the template practises at least four skills');
    await store.setStatus(done, 'done');
    await store.setStatus(skipped, 'skipped');
    await store.setStatus(learning, 'learning');
    let changes = 0;
    const counting = api.progress.onDidChange(() => changes++);
    try {
      await newProject({ template: 'text-classifier', name: 'skills-kept', parentDir: parent, git: false, markSkillsLearning: true });
    } finally {
      counting.dispose();
    }
    assert.equal(store.status(done), 'done');
    assert.equal(store.status(skipped), 'skipped');
    assert.equal(store.status(learning), 'learning');
    for (const skill of rest) assert.equal(store.status(skill), 'learning', skill);
    assert.equal(changes, 1, 'one batch, not one change per skill');
    await store.reset();
  });

  it('keeps the project when git fails, and says why in the result', async () => {
    // An empty PATH in this extension host: the command cannot find git.
    const empty = path.join(parent, 'no-git-here');
    await mkdir(empty);
    const saved = process.env.PATH;
    process.env.PATH = empty;
    let result: NewProjectResult;
    try {
      result = await newProject({ template: 'recommender', name: 'no-repo', parentDir: parent, git: true });
    } finally {
      process.env.PATH = saved;
    }
    assert.match(result.gitError ?? '', /git is not installed or not on PATH/);
    for (const file of result.files) assert.ok(existsSync(path.join(result.path, file)), `${file} planned but not written`);
    assert.ok(!existsSync(path.join(result.path, '.git')), 'no half-made repository');
    assert.deepEqual((await readdir(parent)).sort(), ['no-git-here', 'no-repo']);
  });

  it('a successful run reports no git problem', async () => {
    const result = await newProject({ template: 'recommender', name: 'with-repo', parentDir: parent, git: true });
    assert.equal(result.gitError, undefined);
    assert.ok(existsSync(path.join(result.path, '.git')));
  });
});
