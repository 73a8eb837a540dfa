import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dataSchemas } from '../../src/core/data/dataSchemas';
import { bundledRuleFiles, bundledRules, evidenceApplies } from '../../src/core/evidence/bundledRules';
import * as fc from 'fast-check';
import type { Finding } from '../../src/core/evidence/analyze';
import { combineEvidence, SkillTally, suggestionThreshold, topItems, type EvidenceItem } from '../../src/core/evidence/confidence';
import { bundledRoadmap } from '../../src/core/roadmap/bundled';
import { requiredLiterals } from '../../src/core/evidence/literals';
import { evidenceRuleFileSchema, hasLookaround } from '../../src/core/evidence/ruleSchema';
import type { SignalKind } from '../../src/core/evidence/vocabulary';
import { assertProperty } from './helpers/property';

describe('evidence rules cover the roadmap', () => {
  const groups = bundledRoadmap.roadmap.groups;
  const rules = bundledRuleFiles.flatMap((f) => f.rules);

  it('every technical and "work itself" skill has rules, at least one of them a usage or config signal', () => {
    const skills = groups.filter((g) => ['must-have', 'rising', 'practice'].includes(g.kind)).flatMap((g) => g.skills);
    assert.ok(skills.length >= 10);
    for (const skill of skills) {
      const own = rules.filter((r) => r.skill === skill.id);
      assert.ok(own.some((r) => r.kind !== 'dependency'), `skill ${skill.id} needs a usage or config rule in data/evidence/`);
      assert.equal(bundledRules.evidenceApplies(skill.id), true);
    }
  });

  it('soft skills and break-in steps have no rules, and the API says evidence does not apply to them', () => {
    const skills = groups.filter((g) => g.kind === 'soft' || g.kind === 'breaking-in').flatMap((g) => g.skills);
    assert.ok(skills.length > 0);
    for (const skill of skills) {
      assert.equal(rules.filter((r) => r.skill === skill.id).length, 0, skill.id);
      assert.equal(evidenceApplies(skill.id), false, skill.id);
    }
  });

  it('maps import names to distributions (sklearn is scikit-learn, cv2 is opencv-python, PyTorch is torch)', () => {
    const skillsOf = (ecosystem: 'python' | 'conda', name: string) => bundledRules.dependencyRules.get(`python:${ecosystem === 'conda' ? bundledRules.condaNames.get(name) : name}`)?.map((r) => r.skill);
    assert.deepEqual(skillsOf('python', 'scikit-learn'), ['model-development']);
    assert.deepEqual(skillsOf('python', 'torch'), ['deep-learning-framework']);
    assert.equal(skillsOf('python', 'pytorch'), undefined, 'pip\'s "pytorch" is not PyTorch');
    assert.deepEqual(skillsOf('conda', 'pytorch'), ['deep-learning-framework'], 'conda\'s "pytorch" is');
  });
});

describe('the data build checks evidence rules against the roadmap', function () {
  // The regex lint loads ESLint on first use: seconds on a busy machine.
  this.timeout(30_000);
  let dir: string;
  type Parse = (file: string, schemas: unknown, base: string) => Promise<{ data?: unknown; errors?: Array<{ text: string; location: { line: number } }> }>;
  let parseDataFile: Parse;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ml-career-evidence-data-'));
    mkdirSync(path.join(dir, 'evidence'));
    copyFileSync(path.join(__dirname, '../../../data/roadmap.yaml'), path.join(dir, 'roadmap.yaml'));
    ({ parseDataFile } = (await import(pathToFileURL(path.join(__dirname, '../../../esbuild.mjs')).href)) as { parseDataFile: Parse });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const rule = (skill: string) => `version: 1\nrules:\n  - id: r\n    skill: ${skill}\n    kind: import\n    modules: [torch]\n    weight: 0.5\n    explanation: imports PyTorch\n`;

  it('an unknown skill fails at its line', async () => {
    const file = path.join(dir, 'evidence', 'x.yaml');
    writeFileSync(file, rule('wizardry'));
    const result = await parseDataFile(file, dataSchemas, dir);
    assert.match(result.errors?.[0]?.text ?? '', /unknown skill "wizardry" \(not in data\/roadmap\.yaml\)/);
    assert.equal(result.errors?.[0]?.location.line, 4);
  });

  it('a soft skill fails: it has no code evidence', async () => {
    const file = path.join(dir, 'evidence', 'x.yaml');
    writeFileSync(file, rule('collaboration'));
    const result = await parseDataFile(file, dataSchemas, dir);
    assert.match(result.errors?.[0]?.text ?? '', /skill "collaboration" is in a soft group, which has no code evidence/);
  });

  it('a catastrophic pattern fails like every data regex', async () => {
    const file = path.join(dir, 'evidence', 'x.yaml');
    writeFileSync(file, 'version: 1\nrules:\n  - id: r\n    skill: python\n    kind: api\n    pattern: "(a+)+$"\n    weight: 0.5\n    explanation: bad pattern\n');
    const result = await parseDataFile(file, dataSchemas, dir);
    assert.match(result.errors?.[0]?.text ?? '', /super-linear/);
  });

  it('a rule gated on Python imports that reads other files fails: one or the other', async () => {
    const file = path.join(dir, 'evidence', 'x.yaml');
    writeFileSync(file, 'version: 1\nrules:\n  - id: r\n    skill: sql-data\n    kind: api\n    pattern: "select"\n    files: ["*.sql"]\n    whenImporting: [pandas]\n    weight: 0.5\n    explanation: selects rows\n');
    const result = await parseDataFile(file, dataSchemas, dir);
    assert.match(result.errors?.[0]?.text ?? '', /whenImporting reads Python imports, and a rule with files reads other files/);
    assert.equal(result.errors?.[0]?.location.line, 8);
  });

  it('a valid rule file passes', async () => {
    const file = path.join(dir, 'evidence', 'x.yaml');
    writeFileSync(file, rule('python'));
    assert.equal((await parseDataFile(file, dataSchemas, dir)).errors, undefined);
  });
});

describe('evidence confidence', () => {
  let line = 0;
  const item = (rule: string, kind: SignalKind, file = 'a.py', test = false): EvidenceItem => {
    const skill = bundledRules.byId.get(rule)?.skill ?? 'unknown';
    return { rule, skill, kind, line: ++line, column: 0, length: 1, text: '', test, folder: 'w', path: file, explanation: '' };
  };

  it('a dependency line alone never suggests, however many', () => {
    const items = Array.from({ length: 50 }, (_, i) => item('pytorch', 'dependency', `requirements${i}.txt`));
    const [skill] = combineEvidence(items, bundledRules);
    assert.equal(skill?.suggested, false);
  });

  it('one import in user code suggests; the same import in test code does not', () => {
    assert.equal(combineEvidence([item('pytorch', 'import')], bundledRules)[0]?.suggested, true);
    assert.equal(combineEvidence([item('pytorch', 'import', 'tests/test_a.py', true)], bundledRules)[0]?.suggested, false);
  });

  it('repeated findings of one rule add less and less, and never pass 1', () => {
    const one = combineEvidence([item('python-source', 'file-kind')], bundledRules)[0]!.confidence;
    const two = combineEvidence([item('python-source', 'file-kind'), item('python-source', 'file-kind', 'b.py')], bundledRules)[0]!.confidence;
    const many = combineEvidence(Array.from({ length: 100 }, (_, i) => item('python-source', 'file-kind', `f${i}.py`)), bundledRules)[0]!.confidence;
    assert.ok(one < two && two < many && many <= 1, `${one} < ${two} < ${many}`);
    assert.ok(one < suggestionThreshold && many >= suggestionThreshold);
  });

  it('two findings on one line of one file count once', () => {
    const a = item('model-fit', 'api');
    assert.equal(combineEvidence([a, { ...a }], bundledRules)[0]?.confidence, combineEvidence([a], bundledRules)[0]?.confidence);
  });

  it('skills without code evidence are dropped', () => {
    assert.deepEqual(combineEvidence([{ ...item('pytorch', 'import'), skill: 'collaboration' }], bundledRules), []);
  });

  it('property: proof items passing over files that cannot beat the worst kept one are the items read in full', () => {
    const pythonRules = [...bundledRules.byId.values()].filter((r) => r.skill === 'python').map((r) => r.id);
    // Mostly the strongest signal, so the worst kept finding often weighs as much as any can.
    const finding = fc.oneof(
      { arbitrary: fc.record({ rule: fc.constant('python-type-hints'), kind: fc.constant<SignalKind>('api'), line: fc.integer({ min: 1, max: 9 }) }), weight: 3 },
      fc.record({ rule: fc.constantFrom(...pythonRules, 'pytorch'), kind: fc.constantFrom<SignalKind>('api', 'import', 'file-kind'), line: fc.integer({ min: 1, max: 9 }) }),
    );
    const file = fc.record({ folder: fc.constantFrom('a', 'b'), name: fc.integer({ min: 0, max: 30 }), test: fc.boolean(), findings: fc.array(finding, { minLength: 1, maxLength: 4 }) });
    let passedOver = 0;
    assertProperty(
      fc.property(fc.uniqueArray(file, { selector: (f) => `${f.folder}/${f.name}`, maxLength: 25 }), fc.integer({ min: 1, max: 6 }), (generated, max) => {
        const files = generated.map(({ folder, name, test, findings }) => ({
          folder,
          path: `m${name}.py`,
          findings: findings.map(({ rule, kind, line }): Finding => ({ rule, skill: bundledRules.byId.get(rule)?.skill ?? '', kind, line, column: 0, length: 1, text: '', test })),
        }));
        const tally = new SkillTally('python', bundledRules);
        for (const f of files) tally.count(f.findings, 1);
        // Files whose findings are never read were passed over whole.
        const read = new Set<object>();
        const watched = files.map((f) => ({ folder: f.folder, path: f.path, get findings() { read.add(f); return f.findings; } }));
        assert.deepEqual(topItems(watched, 'python', bundledRules, max, tally.strongest()), topItems(files, 'python', bundledRules, max));
        passedOver += files.length - read.size;
      }),
    );
    assert.ok(passedOver > 0, 'some files were passed over whole');
  });
});

describe('evidence pattern prefilters', () => {
  it('finds the literals one of which every match must contain, through groups, and gives up when a match needs none', () => {
    assert.deepEqual(requiredLiterals('\\.groupby\\('), ['.groupby(']);
    assert.deepEqual(requiredLiterals('^\\s*FROM\\s+\\S'), ['FROM']);
    assert.deepEqual(requiredLiterals('ab?c'), ['a'], 'a quantified character is not required');
    assert.deepEqual(requiredLiterals('[abc]def\\w(?:gh)?'), ['def'], 'classes and optional groups end a run');
    assert.deepEqual(requiredLiterals('mlflow\\.|wandb\\.'), ['mlflow.', 'wandb.']);
    assert.deepEqual(requiredLiterals('\\b(?:LoraConfig|SFTTrainer)\\('), ['LoraConfig(', 'SFTTrainer('], 'a group of literals joins its neighbours');
    assert.deepEqual(requiredLiterals('\\bmlflow\\.(?:log_(?:metric|param)s?|autolog)\\('), ['mlflow.'], 'an inexact group ends a run; the longest shortest literal wins');
    assert.deepEqual(requiredLiterals('\\b(?:pd|pl)\\.(?:read_\\w+|merge)\\('), ['read_', 'merge']);
    assert.deepEqual(requiredLiterals('(?:x)|y'), ['x', 'y']);
    assert.deepEqual(requiredLiterals('x(?:ab|)y'), ['xaby', 'xy'], 'an empty alternative');
    assert.deepEqual(requiredLiterals('(?:ab)+c'), ['ab'], 'a repeated group is required, not exact');
    assert.deepEqual(requiredLiterals('\\u0041bc|\\x41yz|\\p{L}qq'), ['bc', 'yz', 'qq'], 'escapes with arguments are skipped whole');
    assert.equal(requiredLiterals('(?:x)?|y'), undefined);
    assert.equal(requiredLiterals('\\w+\\('.slice(0, -2)), undefined);
    assert.equal(requiredLiterals('a|[bc]'), undefined, 'one alternative needs no literal');
  });

  it('knows lookarounds (which rules may not use) from escaped parentheses and classes', () => {
    assert.equal(hasLookaround('a(?=b)'), true);
    assert.equal(hasLookaround('(?<!x)y'), true);
    assert.equal(hasLookaround('\\(?=x'), false, 'an escaped "(" made optional');
    assert.equal(hasLookaround('[(?=]x'), false, 'inside a class');
    assert.equal(hasLookaround('(?<name>x)(?:y)'), false);
    const file = (pattern: string) => evidenceRuleFileSchema.safeParse({ version: 1, rules: [{ id: 'r', skill: 'python', kind: 'api', weight: 0.5, explanation: 'uses something', pattern }] });
    assert.equal(file('\\bfoo\\(').success, true);
    const refused = file('foo(?=\\()');
    assert.equal(refused.success, false);
    assert.deepEqual(refused.error?.issues.map((issue) => issue.path), [['rules', 0, 'pattern']], 'the build names the pattern');
  });

  it('every bundled pattern\'s literals are in each line its own fixtures match', () => {
    for (const { rule, regex, needles } of [...bundledRules.codePatterns, ...bundledRules.filePatterns]) {
      if (!needles) continue;
      for (const line of ['import torch', 'loss.backward()', 'mlflow.log_metric("a", 1)', 'df.groupby("a")', 'FROM python:3.12', 'kind: Deployment', 'def f(x: int) -> int:']) {
        const text = rule.ignoreCase ? line.toLowerCase() : line;
        if (regex.test(line)) assert.ok(needles.some((n) => text.includes(n.text)), `${rule.id} matches "${line}" without any of ${JSON.stringify(needles.map((n) => n.text))}`);
      }
    }
  });
});
