import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { bundledRoadmap } from '../../src/core/roadmap/bundled';
import { closestId } from '../../src/core/roadmap/custom/closestId';
import { customRoadmapFileSchema } from '../../src/core/roadmap/custom/customSchema';
import { customRoadmapLimits } from '../../src/core/roadmap/custom/limits';
import { loadCustomRoadmap, type RoadmapDiagnostic, type RoadmapDiagnosticCode } from '../../src/core/roadmap/custom/loadCustomRoadmap';
import { mergeRoadmap } from '../../src/core/roadmap/custom/merge';
import { roadmapCandidates } from '../../src/core/roadmap/custom/sources';
import { ProgressStore, type StateBackend } from '../../src/core/progress/store';
import { indexRoadmap } from '../../src/core/roadmap/roadmap';
import { droppedProgress } from '../../src/core/roadmapTree/droppedProgress';
import { childNodes, findNode, rootNodes } from '../../src/core/roadmapTree/treeModel';
import { assertProperty, propertyRuns } from './helpers/property';

const builtin = bundledRoadmap.roadmap;
const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The text a diagnostic underlines. */
function underlined(text: string, d: RoadmapDiagnostic): string {
  const lines = text.split('\n');
  if (d.start.line !== d.end.line) return `${lines[d.start.line]?.slice(d.start.character)}…`;
  return lines[d.start.line]?.slice(d.start.character, d.end.character) ?? '';
}

/** The one diagnostic of `code` the file yields (failing with all of them shown otherwise). */
function only(text: string, code: RoadmapDiagnosticCode): RoadmapDiagnostic {
  const result = loadCustomRoadmap(text, builtin);
  const found = result.diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one ${code} diagnostic, got ${JSON.stringify(result.diagnostics, null, 1)}`);
  assert.equal(result.roadmap, undefined, 'a file with an error yields no roadmap');
  return found[0]!;
}

const extend = (body: string): string => `version: 2\nextends: builtin\n${body}`;

const skillYaml = (indent: string, id: string, extra = ''): string =>
  [
    `id: ${id}`,
    'title: Feature stores',
    'summary: Serve the same features online and offline.',
    'why: Training and serving must read the same feature values or models drift silently.',
    'expectedBy: senior',
    'resources:',
    '  - { title: Feast docs, url: "https://docs.feast.dev/", type: docs, checked: 2026-11-26 }',
    '  - { title: Hopsworks docs, url: "https://docs.hopsworks.ai/", type: docs, checked: 2026-11-26 }',
    ...(extra ? [extra] : []),
  ]
    .map((line, i) => (i === 0 ? line : `${indent}${line}`))
    .join('\n');

const replaceFile = (levels: string): string => `version: 2
extends: none
title: Tiny ladder
competencies:
  - { id: craft, title: Craft, description: Building things that work and last for a long time. }
levels:
${levels}
groups:
  - id: basics
    title: Basics
    kind: must-have
    description: What everyone needs first.
    skills:
      - ${skillYaml('        ', 'basics-one').replace('expectedBy: senior', 'expectedBy: one')}
market:
  title: Market snapshot
  asOf: 2026-11
  source: The team's own hiring notes for this year.
  summary: Few openings, many applicants; practical work stands out in every review.
  facts:
    - { id: fact-a, title: Demand, text: Demand for ML engineers keeps growing this year. }
    - { id: fact-b, title: Salaries, text: Salaries rose slightly over the last twelve months. }
    - { id: fact-c, title: Remote, text: About a third of the openings allow remote work now. }
`;

const level = (id: string, follows?: string): string => `  - id: ${id}
    title: Level ${id}
    short: ${id}
    years: 1 year
    track: ic
${follows ? `    follows: ${follows}\n` : ''}    focus: Doing the work of this level well and growing.
    expectations:
      - { id: ${id}-a, title: First, text: Does the first thing well., competency: craft }
      - { id: ${id}-b, title: Second, text: Does the second thing well., competency: craft }
      - { id: ${id}-c, title: Third, text: Does the third thing well., competency: craft }`;

describe('custom roadmaps: merging', () => {
  it('a file that extends the built-in roadmap and changes nothing yields the built-in roadmap', () => {
    const result = loadCustomRoadmap('version: 2\nextends: builtin\n', builtin);
    assert.deepEqual(result.diagnostics, []);
    assert.deepEqual(result.roadmap, builtin);
  });

  it('extending adds levels, expectations, groups, skills and resources, and keeps every built-in item', () => {
    const text = extend(`title: Platform ladder
add:
  levels:
${level('principal', 'staff').replace(/competency: craft/g, 'competency: ml-craft')}
  expectations:
    - { level: mid, id: owns-on-call, title: Owns on-call, text: Takes the on-call rotation for models., competency: software-systems }
  groups:
    - id: platform
      title: Platform
      kind: practice
      description: The team's own platform skills.
      skills:
        - ${skillYaml('          ', 'feature-stores')}
  skills:
    - group: must-have
      ${skillYaml('      ', 'kubernetes-basics')}
  resources:
    - { skill: python, title: Effective Python, url: "https://effectivepython.com/", type: book, checked: 2026-11-26 }
`);
    const result = loadCustomRoadmap(text, builtin);
    assert.deepEqual(result.diagnostics, []);
    assert.equal(result.title, 'Platform ladder');
    const index = indexRoadmap(result.roadmap!);
    assert.deepEqual(index.chain('principal').map((l) => l.id).slice(-2), ['staff', 'principal']);
    assert.equal(index.expectation('owns-on-call')?.level.id, 'mid');
    assert.equal(index.groupOf('feature-stores')?.id, 'platform');
    assert.equal(index.groupOf('kubernetes-basics')?.id, 'must-have');
    assert.equal(index.skill('python')?.resources.at(-1)?.title, 'Effective Python');
    for (const id of bundledRoadmap.trackableIds) assert.ok(index.canonicalId(id), `${id} is kept`);
  });

  it('extends: none replaces the built-in roadmap entirely', () => {
    const result = loadCustomRoadmap(replaceFile(`${level('one')}\n${level('two', 'one')}`), builtin);
    assert.deepEqual(result.diagnostics, []);
    const index = indexRoadmap(result.roadmap!);
    assert.deepEqual(index.levels.map((l) => l.id), ['one', 'two']);
    assert.deepEqual(index.skills.map((s) => s.id), ['basics-one']);
    assert.equal(index.skill('python'), undefined);
  });

  it('hide removes skills, expectations and groups; a group left with no skills goes too', () => {
    const interview = builtin.groups.find((g) => g.kind === 'interview')!;
    const text = extend(`hide: [certifications, lead-small-team, rising, ${interview.skills.map((s) => s.id).join(', ')}]\n`);
    const result = loadCustomRoadmap(text, builtin);
    assert.deepEqual(result.diagnostics, []);
    const index = indexRoadmap(result.roadmap!);
    for (const id of ['certifications', 'lead-small-team', ...interview.skills.map((s) => s.id)]) assert.equal(index.canonicalId(id), undefined, id);
    assert.equal(index.groups.some((g) => g.id === 'rising' || g.id === interview.id), false);
    assert.equal(index.skills.length, bundledRoadmap.skills.length - 1 - interview.skills.length - builtin.groups.find((g) => g.id === 'rising')!.skills.length);
  });

  it('override replaces texts by id and nothing else', () => {
    const result = loadCustomRoadmap(extend('override:\n  - { id: python, title: Python at Acme, summary: Python the way our monorepo writes it. }\n  - { id: senior, focus: Own a platform component end to end and make the team faster. }\n'), builtin);
    assert.deepEqual(result.diagnostics, []);
    const index = indexRoadmap(result.roadmap!);
    assert.equal(index.skill('python')?.title, 'Python at Acme');
    assert.equal(index.skill('python')?.why, bundledRoadmap.skill('python')?.why);
    assert.equal(index.level('senior')?.focus, 'Own a platform component end to end and make the team faster.');
    assert.equal(bundledRoadmap.skill('python')?.title, 'Python', 'the built-in roadmap is unchanged');
  });

  it('the example team ladder in examples/ loads without a diagnostic', () => {
    const text = readFileSync(path.join(repoRoot, 'examples', 'team-roadmap.yaml'), 'utf8');
    const result = loadCustomRoadmap(text, builtin);
    assert.deepEqual(result.diagnostics, []);
    const index = indexRoadmap(result.roadmap!);
    assert.ok(index.skill('kubernetes-workloads') && index.skill('feature-pipelines'));
    assert.equal(index.skill('certifications'), undefined);
    const links = ['kubernetes-workloads', 'feature-pipelines'].flatMap((id) => index.skill(id)!.resources.map((r) => r.url));
    assert.ok(links.every((url) => url.startsWith('https://')));
  });
});

describe('custom roadmaps: diagnostics with ranges', () => {
  it('a YAML syntax error is placed where the parser stopped', () => {
    const text = extend('hide: [python\n');
    const d = only(text, 'syntax');
    assert.equal(d.start.line, 3, 'the end of the file, where the list should have closed');
    assert.match(d.message, /^invalid YAML/);
  });

  it('a key written twice is a syntax error at the second one', () => {
    const text = extend('hide: [python]\nhide: [sql-data]\n');
    const d = only(text, 'syntax');
    assert.equal(d.start.line, 3);
  });

  it('an unknown key is underlined where it is written, also inside an added skill', () => {
    const text = extend('tittle: Ours\n');
    assert.equal(underlined(text, only(text, 'unknown-key')), 'tittle');
    const nested = extend(`add:\n  skills:\n    - group: must-have\n      ${skillYaml('      ', 'feature-stores', 'expected: senior')}\n`);
    const d = only(nested, 'unknown-key');
    assert.equal(underlined(nested, d), 'expected');
    assert.equal(d.start.line, nested.split('\n').findIndex((line) => line.includes('expected: senior')));
  });

  it('an id used twice is underlined at the second use', () => {
    const text = extend(`add:\n  skills:\n    - group: must-have\n      ${skillYaml('      ', 'python')}\n`);
    const d = only(text, 'duplicate-id');
    assert.equal(underlined(text, d), 'python');
    assert.equal(d.start.line, 5);
  });

  it('a reference to a missing id names a close id to use instead', () => {
    const cases: Array<[string, string, string]> = [
      [extend(`add:\n  skills:\n    - group: must-hav\n      ${skillYaml('      ', 'feature-stores')}\n`), 'must-hav', 'must-have'],
      [extend(`add:\n  skills:\n    - group: must-have\n      ${skillYaml('      ', 'feature-stores').replace('expectedBy: senior', 'expectedBy: senoir')}\n`), 'senoir', 'senior'],
      [extend('add:\n  resources:\n    - { skill: pyhton, title: A book, url: "https://example.com/", type: book, checked: 2026-11-26 }\n'), 'pyhton', 'python'],
      [extend('add:\n  expectations:\n    - { level: junor, id: owns-x, title: Owns X, text: Owns the X service alone., competency: ml-craft }\n'), 'junor', 'junior'],
      [extend('add:\n  expectations:\n    - { level: junior, id: owns-x, title: Owns X, text: Owns the X service alone., competency: ml-craf }\n'), 'ml-craf', 'ml-craft'],
      [extend('override:\n  - { id: pythn, title: Python at Acme }\n'), 'pythn', 'python'],
      [extend('hide: [certification]\n'), 'certification', 'certifications'],
    ];
    for (const [text, written, meant] of cases) {
      const d = only(text, 'unknown-id');
      assert.equal(underlined(text, d), written, d.message);
      assert.equal(d.replacement, meant, d.message);
      assert.match(d.message, new RegExp(`did you mean "${meant}"`));
    }
  });

  it('a missing id with nothing close offers no replacement', () => {
    const d = only(extend('hide: [quantum-basket-weaving]\n'), 'unknown-id');
    assert.equal(d.replacement, undefined);
  });

  it('a link that is not https is underlined', () => {
    const text = extend('add:\n  resources:\n    - { skill: python, title: A book, url: "http://example.com/", type: book, checked: 2026-11-26 }\n');
    const d = only(text, 'https');
    assert.equal(underlined(text, d), '"http://example.com/"');
  });

  it('levels that follow each other in a cycle are reported at each follows', () => {
    const text = replaceFile(`${level('one', 'two')}\n${level('two', 'one')}`);
    const result = loadCustomRoadmap(text, builtin);
    const cycles = result.diagnostics.filter((d) => d.code === 'cycle');
    assert.deepEqual(cycles.map((d) => underlined(text, d)), ['two', 'one']);
    assert.match(cycles[0]!.message, /one → two → one/);
    assert.equal(result.roadmap, undefined);
  });

  it('an override of a text the item does not have is refused at that key', () => {
    const text = extend('override:\n  - { id: python, focus: Python everywhere we can use it. }\n');
    const d = only(text, 'invalid');
    assert.match(d.message, /a skill has no text "focus".*title, summary, why, goodLooksLike/);
    assert.equal(underlined(text, d), 'Python everywhere we can use it.');
  });

  it('an override that breaks a built-in limit is shown at the override', () => {
    const text = extend(`override:\n  - { id: python, title: ${'P'.repeat(90)} }\n`);
    const d = loadCustomRoadmap(text, builtin).diagnostics[0]!;
    assert.equal(d.start.line, 3);
    assert.equal(underlined(text, d), 'P'.repeat(90));
  });

  it('adding past a built-in limit is reported at the entry that adds, naming the item it overfills', () => {
    const text = extend('add:\n  expectations:\n    - { level: senior, id: owns-x, title: Owns X, text: Owns the X service alone., competency: ml-craft }\n');
    const d = only(text, 'limit');
    assert.equal(d.start.line, 4);
    assert.match(d.message, /<=10 items \(in levels\[senior\]\.expectations\)/);
  });

  it('an alias to no anchor, or one that expands too far, is an error and not a crash', () => {
    assert.match(only(extend('hide: *nothing\n'), 'syntax').message, /alias \*nothing names no anchor/);
    const laughs = extend(`a: &a [x, x, x, x, x, x, x, x, x, x]\n${['b', 'c', 'd', 'e', 'f'].map((k, i) => `${k}: &${k} [${Array.from({ length: 9 }, () => `*${'abcdef'[i]}`).join(', ')}]`).join('\n')}\n`);
    assert.match(only(laughs, 'limit').message, /cannot be read: .*alias/i);
  });

  it('hiding a level is refused: other items refer to it', () => {
    const text = extend('hide: [senior]\n');
    assert.match(only(text, 'invalid').message, /a level cannot be hidden/);
  });

  it('hiding what a level needs is reported at the hide, naming the broken built-in item', () => {
    const ids = builtin.levels.find((l) => l.id === 'junior')!.expectations.map((e) => e.id);
    const text = extend(`hide: [${ids.join(', ')}]\n`);
    const result = loadCustomRoadmap(text, builtin);
    assert.equal(result.roadmap, undefined);
    assert.ok(result.diagnostics.length > 0);
    for (const d of result.diagnostics) assert.equal(d.start.line, 2, d.message);
  });

  it('extends must say builtin or none', () => {
    const text = 'version: 2\nextends: mine\n';
    const d = loadCustomRoadmap(text, builtin).diagnostics[0]!;
    assert.match(d.message, /extends must be "builtin".*or "none"/);
    assert.equal(underlined(text, d), 'mine');
  });

  it('a missing field points at the first line of the item that lacks it', () => {
    const text = extend('add:\n  expectations:\n    - level: junior\n      id: owns-x\n      title: Owns X\n      competency: ml-craft\n');
    const d = loadCustomRoadmap(text, builtin).diagnostics[0]!;
    assert.equal(d.start.line, 4);
    assert.match(d.message, /expectations\.0\.text/);
  });

  it('size and depth limits give a clear message instead of stalling', () => {
    const big = extend(`# ${'x'.repeat(customRoadmapLimits.maxChars)}\n`);
    assert.match(only(big, 'limit').message, /at most 512 KiB/);
    const deep = extend(`add: ${'['.repeat(20)}${']'.repeat(20)}\n`);
    assert.match(only(deep, 'limit').message, /nested 1\d levels deep; a roadmap file nests at most 12/);
    const aliases = extend(`x: &a [1]\nhide: [${Array.from({ length: 60 }, () => '*a').join(', ')}]\n`);
    assert.match(only(aliases, 'limit').message, /more than 50 aliases/);
    const many = extend(`add:\n  skills:\n${Array.from({ length: 61 }, (_, i) => `    - group: interview-prep\n      ${skillYaml('      ', `extra-${i}`)}`).join('\n')}\n`);
    assert.match(only(many, 'limit').message, /group "interview-prep" has \d+ skills; at most 60/);
  });

  it('a map of over 100 keys is refused at the map, before yaml compares every key with every other', () => {
    const keys = (n: number): string => Array.from({ length: n }, (_, i) => `  k${i}: 1\n`).join('');
    const wide = extend(`add:\n${keys(101)}`);
    const d = only(wide, 'limit');
    assert.equal(d.message, '101 keys in one map; a roadmap file\'s maps have at most 100');
    assert.equal(d.start.line, 3, 'the line of the first key, where the map starts');
    // 100 keys is within the limit: each unknown key gets its own diagnostic, where it is written.
    const unknown = loadCustomRoadmap(extend(`add:\n${keys(100)}`), builtin).diagnostics;
    assert.deepEqual([unknown.length, unknown.every((u) => u.code === 'unknown-key'), unknown[99]?.start.line], [100, true, 102]);
  });

  it('past 200 problems, the rest are counted in the last diagnostic, at the first of them', () => {
    // One error per line, from line 3: "Nested mappings are not allowed in compact mappings".
    const garbage = (n: number): readonly RoadmapDiagnostic[] => loadCustomRoadmap(extend(`hide:\n${'- a: b: c\n'.repeat(n)}`), builtin).diagnostics;
    assert.deepEqual(garbage(200).map((d) => d.start.line), Array.from({ length: 200 }, (_, i) => 3 + i), '200 are listed one by one');
    const listed = garbage(300);
    assert.equal(listed.length, 200);
    assert.deepEqual(listed.slice(0, 199).map((d) => d.start.line), Array.from({ length: 199 }, (_, i) => 3 + i));
    assert.deepEqual([listed[199]?.code, listed[199]?.start.line], ['syntax', 202]);
    assert.equal(listed[199]?.message, '101 more problems are not listed; fix the ones above first, as later ones often follow from them');
    // Problems the schema finds are counted the same way: 250 items of the wrong type.
    const wrong = loadCustomRoadmap(extend(`hide: [${Array.from({ length: 250 }, () => '{a: 1}').join(', ')}]\n`), builtin).diagnostics;
    assert.equal(wrong.length, 200);
    assert.match(wrong[199]?.message ?? '', /^51 more problems are not listed/);
  });

  it('a second document in the file is a syntax error where it starts, as yaml reports it', () => {
    const text = extend('hide: [python]\n---\nhide: [sql-data]\n');
    const d = only(text, 'syntax');
    assert.equal(d.start.line, 3);
    assert.match(d.message, /multiple documents/);
  });
});

describe('custom roadmaps: properties', () => {
  const inRange = (text: string, d: RoadmapDiagnostic): boolean => {
    const lines = text.split('\n');
    const ok = (p: { line: number; character: number }): boolean => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line]!.length;
    return ok(d.start) && ok(d.end) && (d.start.line < d.end.line || (d.start.line === d.end.line && d.start.character <= d.end.character));
  };
  const holds = (text: string, base = builtin): void => {
    const result = loadCustomRoadmap(text, base);
    assert.ok(result.roadmap !== undefined || result.diagnostics.some((d) => d.severity === 'error'), 'neither a roadmap nor an error');
    for (const d of result.diagnostics) assert.ok(inRange(text, d), `${JSON.stringify(d)} is outside the text`);
  };

  it('any text yields a roadmap or errors, never throws, and every range lies inside the text', () => {
    const yamlish = fc.stringMatching(/^[-a-z0-9:[\]{}&*!|>#"' \n,]{0,200}$/);
    assertProperty(fc.property(fc.oneof(fc.string({ maxLength: 300 }), yamlish), (text) => holds(text)));
  });

  it('edits of a valid file (a slice cut out or text put in) keep the same guarantees', function () {
    // An edit that still parses validates the whole merged roadmap: allow for a busy machine.
    this.timeout(60_000);
    const valid = readFileSync(path.join(repoRoot, 'examples', 'team-roadmap.yaml'), 'utf8');
    // The groups the example changes, and no others: validating the merged roadmap costs per skill.
    const base = { ...builtin, groups: builtin.groups.filter((g) => g.id === 'must-have' || g.id === 'breaking-in') };
    assert.ok(loadCustomRoadmap(valid, base).roadmap, 'the unedited example extends the smaller base');
    const edit = fc.tuple(fc.nat(valid.length), fc.nat(60), fc.stringMatching(/^[-a-z0-9: \n[\]]{0,12}$/));
    // One case parses a 75-line YAML file and validates a merged roadmap (about 3 ms, three times that on a loaded
    // machine); a quarter of the usual cases (500) keeps this test within a few seconds of the unit tier's two-minute budget.
    assertProperty(
      fc.property(edit, ([at, cut, insert]) => holds(valid.slice(0, at) + insert + valid.slice(at + cut), base)),
      { numRuns: Math.ceil(propertyRuns / 4) },
    );
  });

  it('hide removes exactly the hidden skills, expectations and facts, and nothing else', () => {
    const hideable = [...bundledRoadmap.skills.map((s) => s.id), ...bundledRoadmap.expectations.map((e) => e.expectation.id), ...builtin.market.facts.map((f) => f.id)];
    assertProperty(
      fc.property(fc.subarray(hideable, { maxLength: 40 }), (hidden) => {
        const merged = mergeRoadmap(builtin, customRoadmapFileSchema.parse({ version: 2, extends: 'builtin', hide: hidden }));
        assert.deepEqual(merged.problems, []);
        const ids = (r: typeof builtin): string[] => [
          ...r.groups.flatMap((g) => g.skills.map((s) => s.id)),
          ...r.levels.flatMap((l) => l.expectations.map((e) => e.id)),
          ...r.market.facts.map((f) => f.id),
        ];
        const gone = new Set(hidden);
        assert.deepEqual(ids(merged.roadmap), ids(builtin).filter((id) => !gone.has(id)));
        assert.deepEqual(merged.roadmap.levels.map((l) => l.id), builtin.levels.map((l) => l.id));
      }),
    );
  });

  it('merging an extension that adds nothing is the identity, whatever empty sections it spells out', () => {
    const empty = fc.record(
      {
        add: fc.record({ skills: fc.constant([]), levels: fc.constant([]), resources: fc.constant([]) }, { requiredKeys: [] }),
        override: fc.constant([]),
        hide: fc.constant([]),
      },
      { requiredKeys: [] },
    );
    assertProperty(
      fc.property(empty, (sections) => {
        const merged = mergeRoadmap(builtin, customRoadmapFileSchema.parse({ version: 2, extends: 'builtin', ...sections }));
        assert.deepEqual(merged.roadmap, builtin);
      }),
      // The generator has 32 distinct values (each section present or not); more runs only repeat them.
      { numRuns: 64 },
    );
  });

  it('closestId picks a near id and never the id itself', () => {
    assert.equal(closestId('pyhton', ['python', 'sql-data']), 'python');
    assert.equal(closestId('python', ['python']), undefined);
    assert.equal(closestId('zzz', ['python']), undefined);
    assertProperty(
      fc.property(fc.stringMatching(/^[a-z]{3,20}$/), fc.array(fc.stringMatching(/^[a-z]{1,20}$/), { maxLength: 20 }), (id, candidates) => {
        const found = closestId(id, candidates);
        assert.ok(found === undefined || (candidates.includes(found) && found !== id));
      }),
    );
  });
});

describe('custom roadmaps: progress under another roadmap', () => {
  const team = indexRoadmap(loadCustomRoadmap(readFileSync(path.join(repoRoot, 'examples', 'team-roadmap.yaml'), 'utf8'), builtin).roadmap!);
  const memory = (): StateBackend & { value: unknown } => ({
    value: undefined,
    read() {
      return this.value;
    },
    async write(value) {
      this.value = value;
    },
  });

  it('keeps progress on an id the active roadmap drops, lists it apart, and counts it again when switching back', async () => {
    const backend = memory();
    const store = new ProgressStore(backend, bundledRoadmap);
    await store.setStatus('certifications', 'learning');
    store.useRoadmap(team);
    await store.setStatus('kubernetes-workloads', 'done');
    assert.equal(store.status('certifications'), 'learning');
    assert.deepEqual(droppedProgress(team, store.snapshot.skills, [bundledRoadmap]), [{ id: 'certifications', title: 'Cloud ML certifications', status: 'learning' }]);
    store.useRoadmap(bundledRoadmap);
    assert.deepEqual(droppedProgress(bundledRoadmap, store.snapshot.skills, [team]), [{ id: 'kubernetes-workloads', title: 'Running ML workloads on Kubernetes', status: 'done' }]);
    const stored = (backend.value as { skills: Record<string, { status: string }> }).skills;
    assert.equal(stored['certifications']?.status, 'learning');
    assert.equal(stored['kubernetes-workloads']?.status, 'done');
  });

  it('leaves out stored entries that say nothing, and names unknown ids by their id', () => {
    const stored = new Map([
      ['gone-for-good', { status: 'skipped' as const, changedAt: 1 }],
      ['never-started', { status: 'not-started' as const, changedAt: 1 }],
      ['python', { status: 'done' as const, changedAt: 1 }],
    ]);
    assert.deepEqual(droppedProgress(team, stored, [bundledRoadmap]), [{ id: 'gone-for-good', title: 'gone-for-good', status: 'skipped' }]);
  });

  it('shows dropped progress in its own tree node, last, filtered by status like every row', () => {
    const dropped = [{ id: 'certifications', title: 'Cloud ML certifications', status: 'done' as const }];
    const input = { roadmap: team, statusOf: () => 'not-started' as const, currentLevel: undefined, filter: 'all' as const, dropped };
    const roots = rootNodes(input);
    const node = roots.at(-1)!;
    assert.equal(node.kind, 'dropped');
    assert.deepEqual(childNodes(node, input).map((child) => child.kind === 'droppedItem' && child.item.id), ['certifications']);
    assert.equal(findNode(input, 'dropped/item/certifications')?.kind, 'droppedItem');
    assert.ok(!rootNodes({ ...input, filter: 'remaining' }).some((n) => n.kind === 'dropped'));
    assert.ok(!rootNodes({ ...input, dropped: [] }).some((n) => n.kind === 'dropped'));
  });
});

describe('custom roadmaps: which files are read', () => {
  const home = '/home/someone';

  it('an untrusted workspace contributes nothing: neither its roadmap nor setting paths relative to it', () => {
    const result = roadmapCandidates({ trusted: false, folderCount: 2, setting: ['ladders/team.yaml', '~/mine.mlcareer.yaml', '/srv/ladder.yaml'], homeDir: home });
    assert.deepEqual(result.candidates, [
      { origin: 'setting', absolutePath: '/home/someone/mine.mlcareer.yaml' },
      { origin: 'setting', absolutePath: '/srv/ladder.yaml' },
    ]);
    assert.deepEqual(result.skipped, ['"ladders/team.yaml" is relative to the workspace, which is not trusted yet']);
  });

  it('a trusted workspace adds each folder\'s .ml-career/roadmap.yaml first, and resolves relative paths in every folder', () => {
    const result = roadmapCandidates({ trusted: true, folderCount: 2, setting: ['ladders/team.yaml'], homeDir: home });
    assert.deepEqual(result.candidates, [
      { origin: 'workspace', folder: 0, relativePath: '.ml-career/roadmap.yaml' },
      { origin: 'workspace', folder: 1, relativePath: '.ml-career/roadmap.yaml' },
      { origin: 'setting', folder: 0, relativePath: 'ladders/team.yaml' },
      { origin: 'setting', folder: 1, relativePath: 'ladders/team.yaml' },
    ]);
  });

  it('a setting that is not a list of paths adds nothing and never throws', () => {
    for (const setting of [undefined, null, 'one.yaml', 42, { a: 1 }, [1, null, '', '   ', {}]]) {
      assert.deepEqual(roadmapCandidates({ trusted: true, folderCount: 0, setting, homeDir: home }), { candidates: [], skipped: [] }, JSON.stringify(setting));
    }
    assert.deepEqual(roadmapCandidates({ trusted: true, folderCount: 0, setting: ['rel.yaml'], homeDir: home }).skipped, ['"rel.yaml" is relative, and no folder is open to resolve it against']);
  });
});
