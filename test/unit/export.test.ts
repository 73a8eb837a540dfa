import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { fullExportJson, parseFullExport } from '../../src/core/export/fullExport';
import { promotionPacket } from '../../src/core/export/packet';
import { proofPermalink } from '../../src/core/export/permalink';
import { csvCell, skillMatrixCsv } from '../../src/core/export/skillMatrix';
import { parseStoredState, stateOf, statesEqual, toStored, type ProgressState } from '../../src/core/progress/state';
import { indexRoadmap } from '../../src/core/roadmap/roadmap';
import { fixedSource, fixedState } from './helpers/exportFixture';
import { syntheticRoadmap } from './helpers/syntheticRoadmap';

const goldenDir = path.join(__dirname, '../../../test/fixtures/export');

/** Compares with the golden file; `ML_CAREER_UPDATE_GOLDEN=1` rewrites it instead (then review the diff). */
function assertGolden(name: string, actual: string): void {
  const file = path.join(goldenDir, name);
  if (process.env['ML_CAREER_UPDATE_GOLDEN'] === '1') writeFileSync(file, actual);
  assert.ok(existsSync(file), `${name} has no golden file yet: run the unit tier with ML_CAREER_UPDATE_GOLDEN=1 and review it`);
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs from its golden file`);
}

describe('export formats (golden files)', () => {
  it('promotion packet (Markdown)', () => {
    assertGolden('promotion-packet.md', promotionPacket(fixedSource()));
  });

  it('skill matrix (CSV)', () => {
    assertGolden('skill-matrix.csv', skillMatrixCsv(fixedSource()));
  });

  it('full export (JSON)', () => {
    assertGolden('full-export.json', fullExportJson(fixedSource()));
  });
});

describe('promotion packet', () => {
  const html = new MarkdownIt({ html: true, linkify: true }).render(promotionPacket(fixedSource()));

  it('renders no HTML from data or notes, and links only https', () => {
    assert.doesNotMatch(html, /<(?:script|img|b)[\s>]/);
    assert.ok(html.includes('&lt;script&gt;'), 'the title with <script> shows as text');
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '');
    assert.ok(hrefs.length > 0);
    for (const href of hrefs) assert.match(href, /^https:\/\//);
    assert.doesNotMatch(html, /javascript:alert\(1\)<\/a>|href="javascript/);
  });

  it('lists the current and the next level, with status, dates, history, notes, proof and a permalink', () => {
    assert.match(html, /<h2>junior engineer \(current level\)<\/h2>/);
    assert.match(html, /<h2>mid engineer \(next level\)<\/h2>/);
    assert.ok(html.includes('Done since 2026-03-04'), html);
    assert.ok(html.includes('History: Learning 2026-01-10, Done 2026-03-04'));
    assert.ok(html.includes('Shipped the &lt;b&gt;churn&lt;/b&gt; model.'));
    assert.ok(html.includes('href="https://github.com/me/app/blob/0123456789abcdef0123456789abcdef01234567/src/train%20model.py#L12"'));
    assert.ok(!html.includes('secret'), 'credentials in a remote URL never reach the packet');
    assert.ok(html.includes('churn &lt;model&gt;'));
  });

  it('counts a deleted (empty) note as no note', () => {
    assert.match(html, /Notes: 1\./);
  });

  it('finds the note and history a renamed skill has under its former id, as the tree does', () => {
    const synthetic = syntheticRoadmap(6);
    const roadmap = indexRoadmap({
      ...synthetic,
      groups: synthetic.groups.map((group) => ({ ...group, skills: group.skills.map((skill) => (skill.id === 'skill-5' ? { ...skill, renamedFrom: ['old-5'] } : skill)) })),
    });
    const day = Date.UTC(2026, 3, 1);
    const state = stateOf(new Map([['old-5', { status: 'learning', changedAt: day, history: [{ status: 'learning', at: day }] }]]), new Map([['old-5', { text: 'Kept across the rename', changedAt: day }]]), undefined);
    const source = fixedSource({ roadmap, state });
    const packet = promotionPacket(source);
    assert.ok(packet.includes('- **Skill 5** (Group 2): Learning since 2026-04-01\n  - History: Learning 2026-04-01\n  - Note (2026-04-01):\n    > Kept across the rename\n'), packet);
    assert.ok(skillMatrixCsv(source).includes('\r\nskill-5,Skill 5,junior engineer,skill,learning,2026-04-01,yes,0\r\n'));
  });
});

describe('skill matrix cells', () => {
  it('quotes what RFC 4180 needs quoted and defuses formulas', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    for (const start of ['=', '+', '-', '@', '\t', '\r']) assert.ok(csvCell(`${start}1+1`).replace(/^"/, '').startsWith(`'${start}`), JSON.stringify(start));
    assert.equal(csvCell(''), '');
  });
});

describe('proof permalinks', () => {
  const proof = { folder: 'app', path: 'a/b.py', line: 7, rule: 'r', text: 't', commit: 'ABCDEF0123' };
  const cases: [string, string | undefined][] = [
    ['https://github.com/o/r.git', 'https://github.com/o/r/blob/abcdef0123/a/b.py#L7'],
    ['git@github.com:o/r.git', 'https://github.com/o/r/blob/abcdef0123/a/b.py#L7'],
    ['ssh://git@github.com/o/r', 'https://github.com/o/r/blob/abcdef0123/a/b.py#L7'],
    ['https://gitlab.com/group/sub/r.git', 'https://gitlab.com/group/sub/r/-/blob/abcdef0123/a/b.py#L7'],
    ['git@bitbucket.org:team/r.git', 'https://bitbucket.org/team/r/src/abcdef0123/a/b.py#lines-7'],
    ['https://tok:x@github.com/o/r?q=1#frag', 'https://github.com/o/r/blob/abcdef0123/a/b.py#L7'],
    ['http://github.com/o/r', undefined],
    ['https://github.example.com/o/r', undefined],
    ['https://github.com/o/r/extra', undefined],
    ['https://github.com/o/..', undefined],
    ['file:///home/me/r', undefined],
    ['not a url', undefined],
  ];
  for (const [remote, expected] of cases) {
    it(`${remote} → ${expected ?? 'no link'}`, () => assert.equal(proofPermalink({ ...proof, remote }), expected));
  }

  it('needs a commit that looks like one, and links a notebook file without a line', () => {
    assert.equal(proofPermalink({ ...proof, remote: 'https://github.com/o/r', commit: 'main' }), undefined);
    assert.equal(proofPermalink({ ...proof, remote: 'https://github.com/o/r', commit: undefined }), undefined);
    assert.equal(proofPermalink({ ...proof, remote: 'https://github.com/o/r', cell: 2 }), 'https://github.com/o/r/blob/abcdef0123/a/b.py');
    assert.equal(proofPermalink({ ...proof, path: 'x/#1 (copy).py', remote: 'https://github.com/o/r' }), 'https://github.com/o/r/blob/abcdef0123/x/%231%20(copy).py#L7');
  });
});

describe('full export: reading it back', () => {
  it('embeds the state as the store stores it, leaving out only credentials in remote URLs', () => {
    const json = fullExportJson(fixedSource());
    assert.ok(!json.includes('secret') && !json.includes('user:'), 'credentials never reach the export');
    const parsed = parseFullExport(json);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
    const withoutCredentials = JSON.stringify(toStored(fixedState())).replace('https://user:secret@github.com', 'https://github.com');
    assert.deepEqual((JSON.parse(json) as { progress: unknown }).progress, JSON.parse(withoutCredentials));
    assert.ok(statesEqual(parsed.value.state, parseStoredStateOk(withoutCredentials)));
  });

  const valid = (): Record<string, unknown> => JSON.parse(fullExportJson(fixedSource())) as Record<string, unknown>;
  const refusals: [string, string, RegExp][] = [
    ['broken JSON names the line and column', '{\n  "format": "ml-career-export",\n}', /^not valid JSON: .* at line 3, column 1$/],
    ['JSON without a position', 'abc', /^not valid JSON: Unexpected token/],
    ['a JSON array', '[]', /expected a JSON object/],
    ['another format', JSON.stringify({ ...valid(), format: 'other' }), /not an ML Career export: "format" is "other"/],
    ['no format', JSON.stringify({ version: 1 }), /"format" is missing/],
    ['a newer export', JSON.stringify({ ...valid(), version: 2 }), /newer version .*export version 2/],
    ['version 0', JSON.stringify({ ...valid(), version: 0 }), /^version: expected 1$/],
    ['an unknown key', JSON.stringify({ ...valid(), extra: true }), /^\(root\): unknown key "extra"$/],
    ['a bad date', JSON.stringify({ ...valid(), exportedAt: 'yesterday' }), /^exportedAt: expected a date and time such as 2026-01-31T12:00:00\.000Z$/],
    ['a number for a name', JSON.stringify({ ...valid(), roadmap: { id: 'builtin', name: 7 } }), /^roadmap\.name: expected a string$/],
    ['an empty version', JSON.stringify({ ...valid(), extensionVersion: '' }), /^extensionVersion: empty$/],
    ['a long roadmap id', JSON.stringify({ ...valid(), roadmap: { id: 'a'.repeat(201), name: 'n' } }), /^roadmap\.id: longer than 200 characters$/],
    ['no progress', JSON.stringify({ ...valid(), progress: null }), /^progress: missing$/],
    ['newer progress', JSON.stringify({ ...valid(), progress: { version: 99 } }), /stored version 99/],
    ['a bad status names the entry', JSON.stringify({ ...valid(), progress: { version: 3, skills: { 'skill-0': { status: 'mastered', changedAt: 1 } } } }), /^progress\.skills\.skill-0\.status: /],
  ];
  for (const [what, text, expected] of refusals) {
    it(`refuses ${what}`, () => {
      const parsed = parseFullExport(text);
      assert.equal(parsed.ok, false);
      assert.match(parsed.ok ? '' : parsed.error, expected);
    });
  }

  it('accepts a byte order mark and older stored versions (migrated like storage)', () => {
    const v1 = { ...valid(), progress: { version: 1, statuses: { 'skill-0': 'done' } } };
    const parsed = parseFullExport(`\uFEFF${JSON.stringify(v1)}`);
    assert.ok(parsed.ok);
    assert.equal(parsed.value.state.skills.get('skill-0')?.status, 'done');
  });
});

function parseStoredStateOk(json: string): ProgressState {
  const parsed = parseStoredState(JSON.parse(json));
  assert.ok(parsed.kind === 'ok');
  return parsed.state;
}
