import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseChecklist } from '../../src/core/portfolio/checklist';
import type { SkillStatus } from '../../src/core/progress/status';
import { bundledRoadmap } from '../../src/core/roadmap/bundled';
import { templateManifestSchema } from '../../src/core/scaffold/manifestSchema';
import { nameLimits, targetConflict, toPackageName, validateProjectName } from '../../src/core/scaffold/names';
import { newProjectOptionsSchema } from '../../src/core/scaffold/options';
import { planProject, type ScaffoldChoices } from '../../src/core/scaffold/plan';
import { renderTemplate } from '../../src/core/scaffold/render';
import { skillsToStart } from '../../src/core/scaffold/skills';
import { templates } from '../../src/core/scaffold/templates';
import { ScaffoldError, targetState, writeProject } from '../../src/core/scaffold/writeProject';
import { missingReferences, referencedPaths } from './helpers/readmeReferences';

const allOn: ScaffoldChoices = { name: 'my-project', license: 'MIT', docker: true, ci: true, year: 2025 };
const allOff: ScaffoldChoices = { name: 'my-project', license: 'none', docker: false, ci: false, year: 2025 };

describe('validateProjectName', () => {
  const rejected: Array<[string, RegExp]> = [
    ['', /Enter a project name/],
    ['   ', /Enter a project name/],
    ['../x', /no "\/"/],
    ['..', /Remove "\.\."/],
    ['a..b', /Remove "\.\."/],
    ['a/b', /no "\/"/],
    ['a\\b', /no "\/"/],
    ['con', /reserved device name/],
    ['LPT1', /reserved device name/],
    ['x'.repeat(300), /at most 50 characters \(this one has 300\)/],
    ['x', /at least 2/],
    ['café-ml', /ASCII/],
    ['模型', /ASCII/],
    ['emoji-🚀', /ASCII/],
    ['.hidden', /Do not start the name with "\."/],
    ['..hidden', /Remove "\.\."/],
    ['1st-model', /Start the name with a letter/],
    ['_private', /Start the name with a letter/],
    ['my project', /Replace spaces/],
    [' leading', /spaces at the start or end/],
    ['trailing-', /End the name with a letter or digit/],
    ['a--b', /single "-"/],
    ['my.project', /Remove "\."/],
    ['semi;colon', /Remove ";"/],
    ['import', /shadow a Python keyword/],
    ['torch', /shadow/],
    ['Tests', /shadow/],
    ['new\nline', /ASCII|spaces/],
  ];
  for (const [input, message] of rejected) {
    it(`rejects ${JSON.stringify(input.length > 20 ? `${input.slice(0, 20)}…` : input)} and says what to fix`, () => {
      const result = validateProjectName(input);
      assert.ok(result, `expected ${JSON.stringify(input)} to be rejected`);
      assert.match(result, message);
    });
  }
  for (const ok of ['review-classifier', 'movie_recs', 'RagBot2', 'ab', 'x'.repeat(nameLimits.max)]) {
    it(`accepts ${JSON.stringify(ok.slice(0, 20))}`, () => assert.equal(validateProjectName(ok), undefined));
  }
  it('derives a Python package name', () => {
    assert.equal(toPackageName('Review-Classifier'), 'review_classifier');
  });
});

describe('renderTemplate', () => {
  it('replaces placeholders and keeps GitHub expressions', () => {
    assert.equal(renderTemplate('{{a}} ${{ github.sha }}', { a: 'x' }, {}), 'x ${{ github.sha }}');
  });
  it('drops false blocks with their lines, keeps true ones', () => {
    const text = 'a\n{{#if on}}\nyes\n{{/if}}\n{{#if off}}\nno\n{{/if}}\nb {{#if off}}x{{/if}}{{#if on}}y{{/if}}\n';
    assert.equal(renderTemplate(text, {}, { on: true, off: false }), 'a\nyes\nb y\n');
  });
  it('throws on unknown names', () => {
    assert.throws(() => renderTemplate('{{nope}}', {}, {}), /unknown placeholder \{\{nope\}\}/);
    assert.throws(() => renderTemplate('{{#if nope}}x{{/if}}', {}, {}), /unknown flag/);
  });
});

describe('templates', () => {
  it('has the four portfolio templates', () => {
    assert.deepEqual(
      templates.map((t) => t.manifest.id),
      ['text-classifier', 'recommender', 'image-generator', 'rag-chatbot'],
    );
  });

  for (const template of templates) {
    describe(template.manifest.id, () => {
      it('has a valid manifest whose id is its folder', () => {
        templateManifestSchema.parse(template.manifest);
        assert.equal(template.manifest.id, template.dir);
      });

      it('lists only skills that exist on the roadmap', () => {
        for (const skill of template.manifest.skills) assert.ok(bundledRoadmap.skill(skill), `${skill} is not a roadmap skill`);
      });

      it('plans the full file set with every option on', () => {
        const paths = planProject(template, allOn).map((f) => f.path);
        for (const required of [
          'README.md', 'DEPLOY_CHECKLIST.md', 'MODEL_CARD.md', 'pyproject.toml', 'Makefile', 'Dockerfile', '.gitignore',
          '.github/workflows/ci.yml', 'LICENSE', 'src/my_project/__init__.py', 'src/my_project/data.py',
          'src/my_project/train.py', 'src/my_project/evaluate.py', 'src/my_project/predict.py', 'src/my_project/api.py',
          'tests/conftest.py', 'tests/test_data.py', 'tests/test_api.py',
        ]) {
          assert.ok(paths.includes(required), `${required} missing from ${paths.join(', ')}`);
        }
        assert.ok(!paths.some((p) => p.includes('__package__')));
      });

      it('leaves out optional files when their options are off', () => {
        const paths = planProject(template, allOff).map((f) => f.path);
        for (const absent of ['Dockerfile', '.dockerignore', '.github/workflows/ci.yml', 'LICENSE']) assert.ok(!paths.includes(absent), absent);
      });

      for (const [label, choices] of [['all options on', allOn], ['all options off', allOff]] as const) {
        it(`README names only files that exist (${label})`, () => {
          const files = planProject(template, choices);
          const readme = files.find((f) => f.path === 'README.md')?.content ?? '';
          const referenced = referencedPaths(readme);
          assert.ok(referenced.includes('MODEL_CARD.md') && referenced.includes('DEPLOY_CHECKLIST.md'));
          assert.deepEqual(missingReferences(referenced, files), []);
        });
        it(`renders with no template syntax left (${label})`, () => {
          for (const file of planProject(template, choices)) {
            assert.doesNotMatch(file.content, /\{\{[#/]?\w+\}\}/, file.path);
          }
        });
      }

      it('README has every section a reviewer looks for', () => {
        const readme = planProject(template, allOn).find((f) => f.path === 'README.md')?.content ?? '';
        for (const heading of ['Problem framing', 'Data', 'Approach and baseline', 'Experiments and results', 'How to run', 'How to deploy', 'Limitations', 'What I learned']) {
          assert.match(readme, new RegExp(`^## ${heading}$`, 'm'), heading);
        }
        assert.match(readme, /^\|.*\|$/m, 'a results table');
      });

      it('model card has the Model Cards sections', () => {
        const card = planProject(template, allOn).find((f) => f.path === 'MODEL_CARD.md')?.content ?? '';
        for (const heading of ['Model details', 'Intended use', 'Factors', 'Metrics', 'Evaluation data', 'Training data', 'Quantitative analyses', 'Ethical considerations', 'Caveats and recommendations']) {
          assert.match(card, new RegExp(`^## ${heading}$`, 'm'), heading);
        }
      });

      it('checklist has the rubric\'s four sections, then the other checks, and all 28 ML Test Score tests', () => {
        const text = planProject(template, allOn).find((f) => f.path === 'DEPLOY_CHECKLIST.md')?.content ?? '';
        const checklist = parseChecklist(text);
        assert.deepEqual(checklist.sections.map((s) => s.title), ['Data', 'Model', 'Infrastructure', 'Monitoring', 'Serving', 'Responsible AI', 'Specific to this project']);
        const ids = checklist.sections.flatMap((s) => s.items.map((i) => i.testId)).filter(Boolean);
        assert.equal(new Set(ids).size, 28);
        assert.ok(checklist.sections.every((s) => s.items.every((i) => !i.checked)));
        const untagged = checklist.sections.flatMap((s) => s.items.filter((i) => !i.testId).map((i) => i.text)).join('\n');
        const specific: Record<string, RegExp[]> = {
          'rag-chatbot': [/retrieval evaluation set/i, /prompt-injection/i],
          'image-generator': [/safety filter/i, /licence of every training image/i],
          recommender: [/cold start/i, /popularity bias/i],
          'text-classifier': [/label quality/i],
        };
        for (const pattern of specific[template.manifest.id] ?? []) assert.match(untagged, pattern);
      });

      it('Makefile defaults to help and uses tabs', () => {
        const makefile = planProject(template, allOn).find((f) => f.path === 'Makefile')?.content ?? '';
        assert.match(makefile, /^\.DEFAULT_GOAL := help$/m);
        assert.match(makefile, /^help:.*\n\t/m);
      });

      it('pyproject puts src on the pytest path', () => {
        const pyproject = planProject(template, allOn).find((f) => f.path === 'pyproject.toml')?.content ?? '';
        assert.match(pyproject, /pythonpath = \["src"\]/);
        assert.match(pyproject, /\[tool\.ruff\]/);
        assert.match(pyproject, /^name = "my-project"$/m);
      });
    });
  }

  it('writes the chosen licence with the year and holder', () => {
    const [first] = templates;
    assert.ok(first);
    const mit = planProject(first, { ...allOn, author: 'Ada' }).find((f) => f.path === 'LICENSE')?.content ?? '';
    assert.match(mit, /^MIT License\n\nCopyright \(c\) 2025 Ada$/m);
    const apache = planProject(first, { ...allOn, license: 'Apache-2.0' }).find((f) => f.path === 'LICENSE')?.content ?? '';
    assert.match(apache, /^\s+Apache License\n\s+Version 2\.0, January 2004/);
  });
});

describe('writeProject', () => {
  let parent: string;
  beforeEach(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'mlc-scaffold-'));
  });
  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });
  const files = [
    { path: 'README.md', content: '# x\n' },
    { path: 'src/pkg/__init__.py', content: '' },
    { path: 'tests/test_x.py', content: 'def test(): pass\n' },
  ];

  it('writes every file into place and leaves no staging folder', async () => {
    const { path: target, gitError } = await writeProject({ parentDir: parent, name: 'proj', files });
    assert.equal(target, path.join(parent, 'proj'));
    assert.equal(gitError, undefined);
    assert.equal(await readFile(path.join(target, 'src', 'pkg', '__init__.py'), 'utf8'), '');
    assert.deepEqual(await readdir(parent), ['proj']);
  });

  it('fills an existing empty folder', async () => {
    await mkdir(path.join(parent, 'empty'));
    const { path: target } = await writeProject({ parentDir: parent, name: 'empty', files });
    assert.equal(target, path.join(parent, 'empty'));
    assert.equal(await readFile(path.join(target, 'README.md'), 'utf8'), '# x\n');
    assert.deepEqual((await readdir(target)).sort(), ['README.md', 'src', 'tests']);
    assert.deepEqual(await readdir(parent), ['empty'], 'no staging folder is left');
  });

  it('refuses a link in the way without following it', async () => {
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'mlc-scaffold-elsewhere-'));
    try {
      // A link to an empty folder must not count as an empty folder to fill.
      await symlink(elsewhere, path.join(parent, 'proj'), 'dir');
      assert.equal(await targetState(path.join(parent, 'proj')), 'link');
      await assert.rejects(writeProject({ parentDir: parent, name: 'proj', files }), (e: unknown) => e instanceof ScaffoldError && /a link named "proj" exists/i.test(e.message));
      assert.equal(await readlink(path.join(parent, 'proj')), elsewhere);
      assert.deepEqual(await readdir(elsewhere), []);
      assert.deepEqual(await readdir(parent), ['proj']);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('refuses a non-empty folder and changes nothing', async () => {
    await writeProject({ parentDir: parent, name: 'proj', files });
    await writeFile(path.join(parent, 'proj', 'mine.txt'), 'keep');
    await assert.rejects(writeProject({ parentDir: parent, name: 'proj', files }), (e: unknown) => e instanceof ScaffoldError && /already exists/.test(e.message));
    assert.deepEqual((await readdir(path.join(parent, 'proj'))).sort(), ['README.md', 'mine.txt', 'src', 'tests']);
    assert.deepEqual(await readdir(parent), ['proj']);
  });

  it('leaves nothing behind when a write fails midway', async () => {
    await assert.rejects(writeProject({ parentDir: parent, name: 'proj', files, failAfterFiles: 2 }), /simulated failure after 2 files.*Nothing was left behind/);
    assert.deepEqual(await readdir(parent), []);
  });

  it('refuses paths that escape the project', async () => {
    await assert.rejects(writeProject({ parentDir: parent, name: 'proj', files: [{ path: '../evil.txt', content: '' }] }), /outside the project/);
    assert.deepEqual(await readdir(parent), []);
  });
});

describe('writeProject with git', function () {
  this.timeout(30_000);
  let parent: string;
  let home: string;
  const saved = { ...process.env };
  const files = [
    { path: 'README.md', content: '# x\n' },
    { path: 'src/pkg/__init__.py', content: '' },
  ];
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

  beforeEach(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'mlc-scaffold-git-'));
    home = await mkdtemp(path.join(tmpdir(), 'mlc-scaffold-home-'));
    // The person's global git configuration, as git reads it, replaced by one this test controls.
    process.env.GIT_CONFIG_GLOBAL = path.join(home, 'gitconfig');
    process.env.GIT_CONFIG_NOSYSTEM = '1';
    await writeFile(process.env.GIT_CONFIG_GLOBAL, '[user]\n\tname = Test\n\temail = test@example.invalid\n');
  });
  afterEach(async () => {
    for (const key of ['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_NOSYSTEM', 'PATH']) {
      if (saved[key] === undefined) Reflect.deleteProperty(process.env, key);
      else process.env[key] = saved[key];
    }
    await rm(parent, { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
  });

  it('commits every file once', async () => {
    const { path: target, gitError } = await writeProject({ parentDir: parent, name: 'proj', files, gitCommitMessage: 'Scaffold' });
    assert.equal(gitError, undefined);
    assert.equal(git(target, 'rev-list', '--count', 'HEAD'), '1');
    assert.equal(git(target, 'status', '--porcelain'), '');
  });

  it('ignores global signing and hooks: the scaffold commit is not the person\'s', async function () {
    if (process.platform === 'win32') this.skip();
    const hooks = path.join(home, 'hooks');
    const marker = path.join(home, 'a-global-hook-ran');
    await mkdir(hooks);
    for (const hook of ['pre-commit', 'commit-msg', 'prepare-commit-msg', 'post-commit']) {
      await writeFile(path.join(hooks, hook), `#!/bin/sh\necho ${hook} >> "${marker}"\nexit 1\n`);
      await chmod(path.join(hooks, hook), 0o755);
    }
    await writeFile(
      process.env.GIT_CONFIG_GLOBAL!,
      `[user]\n\tname = Test\n\temail = test@example.invalid\n[commit]\n\tgpgsign = true\n[gpg]\n\tprogram = false\n[core]\n\thooksPath = ${hooks}\n`,
    );
    const { path: target, gitError } = await writeProject({ parentDir: parent, name: 'proj', files, gitCommitMessage: 'Scaffold' });
    assert.equal(gitError, undefined);
    assert.equal(git(target, 'rev-list', '--count', 'HEAD'), '1');
    assert.equal(existsSync(marker), false, 'a global hook ran');
  });

  it('keeps the project when git fails, without a half-made repository, and says why', async () => {
    // No git on PATH: the project is valid without a repository, so it must not be thrown away.
    process.env.PATH = home;
    const { path: target, gitError } = await writeProject({ parentDir: parent, name: 'proj', files, gitCommitMessage: 'Scaffold' });
    assert.match(gitError ?? '', /git is not installed or not on PATH/);
    assert.equal(await readFile(path.join(target, 'README.md'), 'utf8'), '# x\n');
    assert.deepEqual((await readdir(target)).sort(), ['README.md', 'src']);
    assert.deepEqual(await readdir(parent), ['proj'], 'no staging folder is left');
  });

  it('keeps the project when a git command fails, and names the command', async () => {
    // An unreadable global configuration makes every git command fail.
    await writeFile(process.env.GIT_CONFIG_GLOBAL!, '[broken\n');
    const { path: target, gitError } = await writeProject({ parentDir: parent, name: 'proj', files, gitCommitMessage: 'Scaffold' });
    assert.match(gitError ?? '', /^git init failed: /);
    assert.equal(existsSync(path.join(target, '.git')), false);
    assert.ok(existsSync(path.join(target, 'src', 'pkg', '__init__.py')));
  });

  it('still leaves nothing behind when a file write fails', async () => {
    await assert.rejects(writeProject({ parentDir: parent, name: 'proj', files, gitCommitMessage: 'Scaffold', failAfterFiles: 1 }), /Nothing was left behind/);
    assert.deepEqual(await readdir(parent), []);
  });
});

describe('targetConflict', () => {
  it('names each state that must not be written', () => {
    assert.equal(targetConflict('p', 'missing'), undefined);
    assert.equal(targetConflict('p', 'empty-dir'), undefined);
    assert.match(targetConflict('p', 'non-empty-dir') ?? '', /folder "p" with files in it/);
    assert.match(targetConflict('p', 'file') ?? '', /file named "p"/);
    assert.match(targetConflict('p', 'link') ?? '', /A link named "p" exists/);
  });
});

describe('newProjectOptionsSchema', () => {
  const base = { template: 'text-classifier', name: 'demo' };
  it('accepts an absolute parent folder', () => {
    assert.equal(newProjectOptionsSchema.safeParse({ ...base, parentDir: path.resolve('projects') }).success, true);
  });
  for (const relative of ['projects', './projects', '../projects', '~/projects']) {
    it(`rejects the relative parent folder ${JSON.stringify(relative)}`, () => {
      const parsed = newProjectOptionsSchema.safeParse({ ...base, parentDir: relative });
      assert.equal(parsed.success, false);
      assert.match(parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') ?? '', /parentDir: must be an absolute path/);
    });
  }
});

describe('newProjectOptionsSchema author', () => {
  const base = { template: 'text-classifier', name: 'demo', parentDir: path.resolve('projects') };
  it('accepts any one-line author, $ patterns and Markdown included', () => {
    assert.equal(newProjectOptionsSchema.safeParse({ ...base, author: "Ada $& $' *Lovelace* \"AL\"" }).success, true);
  });
  for (const author of ['Ada\nLovelace', 'Ada\rLovelace', 'Ada\u0000']) {
    it(`refuses the author ${JSON.stringify(author)} and says why`, () => {
      const parsed = newProjectOptionsSchema.safeParse({ ...base, author });
      assert.match(parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') ?? '', /author: must be one line, without control characters/);
    });
  }
});

describe('skillsToStart', () => {
  const statuses: Record<string, SkillStatus> = { done: 'done', skipped: 'skipped', learning: 'learning' };
  const statusOf = (id: string): SkillStatus => statuses[id] ?? 'not-started';

  it('starts only skills not started yet, each once, in order, and never demotes one', () => {
    assert.deepEqual(skillsToStart(['a', 'done', 'b', 'skipped', 'learning', 'a'], statusOf), ['a', 'b']);
  });
  it('starts nothing when every skill already has a status', () => {
    assert.deepEqual(skillsToStart(['done', 'skipped', 'learning'], statusOf), []);
    assert.deepEqual(skillsToStart([], statusOf), []);
  });
});
