import * as assert from 'node:assert/strict';
import { parseChecklist } from '../../src/core/portfolio/checklist';
import { mlTestScore, otherChecks, rubricSections } from '../../src/core/portfolio/mlTestScore';
import type { Template } from '../../src/core/scaffold/manifestSchema';
import { planProject, type PlannedFile, type ScaffoldChoices } from '../../src/core/scaffold/plan';
import { renderTemplate } from '../../src/core/scaffold/render';
import { templates } from '../../src/core/scaffold/templates';

// The shared layer: data/template-common/files/ is planned into every project, and a template's own file overrides it.

const allOn: ScaffoldChoices = { name: 'my-project', license: 'MIT', docker: true, ci: true, year: 2025 };
const allOff: ScaffoldChoices = { name: 'my-project', license: 'none', docker: false, ci: false, year: 2025 };
const optionalPaths = ['.dockerignore', '.github/workflows/ci.yml', 'Dockerfile', 'LICENSE'];

/** Every template's file list with every option on, recorded before the shared layer existed (order aside). */
const inEveryProject = [
  '.dockerignore', '.github/workflows/ci.yml', '.gitignore', 'DEPLOY_CHECKLIST.md', 'Dockerfile', 'LICENSE', 'MODEL_CARD.md',
  'Makefile', 'README.md', 'pyproject.toml', 'src/my_project/__init__.py', 'src/my_project/api.py', 'src/my_project/data.py',
  'src/my_project/evaluate.py', 'src/my_project/predict.py', 'src/my_project/train.py', 'tests/conftest.py',
  'tests/test_api.py', 'tests/test_data.py',
  // added to the shared layer since: run tracking, the README's results, the demo page, the benchmark (with their tests),
  // the deploy guide
  'DEPLOY.md', 'src/my_project/bench.py', 'src/my_project/demo.py', 'src/my_project/report.py', 'src/my_project/tracking.py',
  'tests/test_bench.py', 'tests/test_report.py', 'tests/test_tracking.py',
];
const fileListsBeforeCommon: Record<string, readonly string[]> = {
  'text-classifier': [...inEveryProject, 'data/tickets.csv', 'tests/test_model.py'],
  recommender: [...inEveryProject, 'tests/test_model.py'],
  'image-generator': [...inEveryProject, 'src/my_project/model.py', 'src/my_project/safety.py', 'tests/test_model.py', 'tests/test_safety.py'],
  'rag-chatbot': [
    ...inEveryProject,
    ...['account', 'export', 'getting-started', 'offline', 'pricing', 'security', 'sharing', 'sync'].map((doc) => `data/docs/${doc}.md`),
    'data/eval_questions.csv', 'src/my_project/guard.py', 'tests/test_guard.py', 'tests/test_retrieval.py',
  ],
};

const content = (files: readonly PlannedFile[], path: string): string => {
  const file = files.find((f) => f.path === path);
  assert.ok(file, `${path} is planned`);
  return file.content;
};
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const dependsOnTorch = (t: Template): boolean => t.manifest.pythonDependencies.some((d) => /^torch\b/.test(d));
const withoutLines = (text: string, lines: readonly string[]): string => text.split('\n').filter((l) => !lines.includes(l)).join('\n');
const torchLines = [
  '# CPU wheels keep the image small; drop the index URL to use a GPU build.',
  'RUN pip install --no-cache-dir --index-url https://download.pytorch.org/whl/cpu torch',
  '      - name: Install CPU PyTorch',
  '        run: .venv/bin/python -m pip install --index-url https://download.pytorch.org/whl/cpu torch',
];

describe('renderTemplate list values', () => {
  it('repeats a line once per item and drops it for an empty list', () => {
    const text = 'deps = [\n    "{{deps}}",\n]\n{{none}}\nend {{x}}\n';
    assert.equal(renderTemplate(text, { deps: ['a>=1', 'b'], none: [], x: 'y' }, {}), 'deps = [\n    "a>=1",\n    "b",\n]\nend y\n');
  });
  it('fills the other placeholders of a repeated line, and does not render inside items', () => {
    assert.equal(renderTemplate('- {{x}}: {{items}}\n', { x: 'k', items: ['{{x}}', '$&'] }, {}), '- k: {{x}}\n- k: $&\n');
  });
  it('refuses two lists on one line', () => {
    assert.throws(() => renderTemplate('{{a}} {{b}}', { a: ['1'], b: ['2'] }, {}), /more than one list placeholder/);
  });
});

describe('shared template files (data/template-common)', () => {
  it('every template carries the same shared files', () => {
    const [first, ...rest] = templates;
    assert.ok(first && Object.keys(first.common).length > 0);
    for (const t of rest) assert.equal(t.common, first.common, t.dir);
  });

  it('no template keeps its own copy of a shared file (each shared piece lives once)', () => {
    for (const t of templates) {
      assert.deepEqual(Object.keys(t.files).filter((p) => Object.hasOwn(t.common, p)), [], `${t.dir} overrides shared files`);
    }
  });

  it("a template's own file overrides the shared one; shared files follow the options like the template's", () => {
    const [base] = templates;
    assert.ok(base);
    const synthetic: Template = {
      ...base,
      files: { Makefile: 'own {{projectName}}\n', 'own.txt': 'mine\n' },
      common: { Makefile: 'shared\n', '.gitignore': 'ignored {{packageName}}\n', Dockerfile: 'FROM x\n', '.github/workflows/ci.yml': 'ci\n' },
    };
    const on = planProject(synthetic, allOn);
    assert.deepEqual(on.map((f) => f.path), ['.github/workflows/ci.yml', '.gitignore', 'Dockerfile', 'LICENSE', 'Makefile', 'own.txt']);
    assert.equal(content(on, 'Makefile'), 'own my-project\n');
    assert.equal(content(on, '.gitignore'), 'ignored my_project\n');
    assert.deepEqual(planProject(synthetic, allOff).map((f) => f.path), ['.gitignore', 'Makefile', 'own.txt']);
  });

  it('names the shared file in render errors', () => {
    const [base] = templates;
    assert.ok(base);
    assert.throws(() => planProject({ ...base, files: {}, common: { 'x.txt': '{{nope}}' } }, allOn), /^Error: template-common\/files\/x\.txt: unknown placeholder/);
  });

  for (const template of templates) {
    it(`${template.dir} still plans every file it planned before the shared layer, and the optional ones only when on`, () => {
      const expected = [...(fileListsBeforeCommon[template.dir] ?? [])].sort();
      assert.ok(expected.length > 0, `a recorded list for ${template.dir}`);
      const on = planProject(template, allOn).map((f) => f.path);
      const off = planProject(template, allOff).map((f) => f.path);
      // Later work adds files (run tracking, examples); none of the recorded ones may go missing.
      assert.deepEqual(expected.filter((p) => !on.includes(p)), []);
      assert.deepEqual(expected.filter((p) => !optionalPaths.includes(p) && !off.includes(p)), []);
      assert.deepEqual(off.filter((p) => optionalPaths.includes(p)), []);
      assert.deepEqual(on.filter((p) => !off.includes(p)).sort(), optionalPaths.filter((p) => on.includes(p)).sort());
    });
  }

  describe('generated shared files are identical across templates where they should be', () => {
    const plans = templates.map((t) => ({ t, files: planProject(t, allOn) }));
    const same = (label: string, normalise: (t: Template, text: string) => string, path: string) => {
      it(label, () => {
        const texts = plans.map(({ t, files }) => normalise(t, content(files, path)));
        for (const [i, text] of texts.entries()) assert.equal(text, texts[0], `${plans[i]?.t.dir} differs in ${path}`);
      });
    };

    for (const path of ['.gitignore', '.dockerignore']) same(`${path}: byte for byte`, (_t, text) => text, path);

    same('src/<package>/__init__.py: all but the description', (t, text) => text.replace(t.manifest.description, '<description>'), 'src/my_project/__init__.py');

    for (const path of ['Dockerfile', '.github/workflows/ci.yml']) {
      same(`${path}: all but the CPU PyTorch install`, (_t, text) => withoutLines(text, torchLines), path);
      it(`${path}: installs CPU PyTorch exactly when the template depends on torch`, () => {
        for (const { t, files } of plans) {
          assert.equal(content(files, path).includes('download.pytorch.org/whl/cpu torch'), dependsOnTorch(t), t.dir);
        }
        assert.deepEqual(plans.filter(({ t }) => dependsOnTorch(t)).map(({ t }) => t.dir), ['image-generator']);
      });
    }

    same('Makefile: all but the train and evaluate help', (t, text) => text.replace(`## ${t.manifest.makeHelp.train}\n`, '## <train>\n').replace(`## ${t.manifest.makeHelp.evaluate}\n`, '## <evaluate>\n'), 'Makefile');

    same('pyproject.toml: all but the description and the dependency lines', (t, text) => {
      assert.match(text, new RegExp(`^dependencies = \\[\\n${t.manifest.pythonDependencies.map((d) => `    "${escape(d)}",\\n`).join('')}\\]$`, 'm'));
      return withoutLines(text, t.manifest.pythonDependencies.map((d) => `    "${d}",`)).replace(t.manifest.description, '<description>');
    }, 'pyproject.toml');

    same('DEPLOY_CHECKLIST.md: all but the template\'s own items, which close their sections', (t, text) => {
      const own = Object.values(t.manifest.checklist).flat();
      for (const item of own) assert.match(text, new RegExp(`^- \\[ \\] ${escape(item)}\\n(\\n|- \\[ \\] [^*])`, 'm'), item);
      return withoutLines(text, own.map((item) => `- [ ] ${item}`));
    }, 'DEPLOY_CHECKLIST.md');

    it('DEPLOY_CHECKLIST.md: the ML Test Score\'s four sections hold its 28 tests and nothing else; every other item sits apart', () => {
      for (const { t, files } of plans) {
        const checklist = parseChecklist(content(files, 'DEPLOY_CHECKLIST.md'));
        const rubricTitles = rubricSections.map((s) => s.title);
        for (const { area, title } of rubricSections) {
          const section = checklist.sections.find((s) => s.title === title);
          assert.deepEqual(section?.items.map((i) => i.testId), Array.from({ length: 7 }, (_, i) => `${area} ${i + 1}`), `${t.dir}: ${title}`);
        }
        const own = Object.values(t.manifest.checklist).flat();
        const others = otherChecks(checklist);
        assert.ok(others.sections.every((s) => !rubricTitles.includes(s.title)), `${t.dir}: no untagged item in a rubric section`);
        assert.ok(own.every((item) => others.sections.some((s) => s.items.some((i) => i.text === item))), `${t.dir}: the template's items are other checks`);
        assert.equal(mlTestScore(checklist).final, 0, `${t.dir}: a new project starts at 0`);
      }
    });

    it('DEPLOY_CHECKLIST.md: Data 6 is the paper\'s "new features can be added quickly", with no invented time limit', () => {
      const [first] = plans;
      assert.ok(first);
      const data6 = parseChecklist(content(first.files, 'DEPLOY_CHECKLIST.md')).sections.flatMap((s) => s.items).find((i) => i.testId === 'Data 6');
      assert.match(data6?.text ?? '', /quickly/);
      assert.doesNotMatch(data6?.text ?? '', /\b(day|hour|week|month)s?\b/);
    });
  });
});
