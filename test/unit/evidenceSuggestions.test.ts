import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { EvidenceItem, SkillEvidence } from '../../src/core/evidence/confidence';
import { proofPlaceSchema } from '../../src/core/evidence/evidenceArgs';
import { parseDismissals } from '../../src/core/evidence/dismissals';
import { evidenceChildren, evidenceNodeFor } from '../../src/core/evidence/evidenceNodes';
import {
  dismiss,
  evidenceDescription,
  groupProofAbove,
  isOpenSuggestion,
  openSuggestions,
  proofLabel,
  proofToStore,
  storedDismissals,
} from '../../src/core/evidence/suggestions';
import { signalKinds } from '../../src/core/evidence/vocabulary';
import { checkStoredProof, maxProofTextLength, maxStoredProof, type StoredProof } from '../../src/core/progress/proof';
import { evidenceViewSchema, maxPageProof } from '../../src/core/evidence/evidenceView';
import { buildEvidenceView } from '../../src/core/evidence/pageView';
import { evidenceChipBadge, renderEvidenceSection, setPageEvidence } from '../../src/webview/roadmap/evidenceRender';
import { assertProperty } from './helpers/property';

const item = (path: string, line: number, extra: Partial<EvidenceItem> = {}): EvidenceItem => ({
  folder: 'app',
  path,
  line,
  column: 0,
  length: 6,
  rule: 'torch-import',
  skill: 'pytorch',
  kind: 'import',
  text: 'import torch',
  test: false,
  explanation: 'imports PyTorch',
  ...extra,
});

const skill = (items: EvidenceItem[], extra: Partial<SkillEvidence> = {}): SkillEvidence => ({
  skillId: 'pytorch',
  confidence: 0.9,
  suggested: true,
  kinds: ['import'],
  files: new Set(items.map((i) => i.path)).size,
  findings: items.length,
  items,
  ...extra,
});

describe('evidence suggestions', () => {
  it('suggests strong evidence of a skill that is not done or skipped', () => {
    const s = skill([item('train.py', 1)]);
    assert.equal(isOpenSuggestion(s, 'not-started', new Map()), true);
    assert.equal(isOpenSuggestion(s, 'learning', new Map()), true);
    assert.equal(isOpenSuggestion(s, 'done', new Map()), false);
    assert.equal(isOpenSuggestion(s, 'skipped', new Map()), false);
    assert.equal(isOpenSuggestion({ ...s, suggested: false }, 'not-started', new Map()), false);
  });

  it('a dismissal holds until a new kind of evidence appears, and survives storage', () => {
    const s = skill([item('train.py', 1)]);
    const dismissed = parseDismissals(JSON.parse(JSON.stringify(storedDismissals(dismiss(new Map(), s)))));
    assert.equal(isOpenSuggestion(s, 'not-started', dismissed), false);
    assert.equal(isOpenSuggestion({ ...s, kinds: ['import', 'dependency'] }, 'not-started', dismissed), true, 'a new kind suggests again');
    assert.deepEqual(openSuggestions([s, { ...s, skillId: 'docker' }], () => 'not-started', dismissed).map((x) => x.skillId), ['docker']);
  });

  it('reads unreadable dismissals as none (a suggestion comes back, nothing breaks)', () => {
    for (const raw of [undefined, null, 42, 'x', { pytorch: ['nonsense'] }, { pytorch: 'import' }, []]) assert.equal(parseDismissals(raw).size, 0, JSON.stringify(raw));
  });

  it('labels proof rows and skills as the tree shows them', () => {
    assert.equal(proofLabel(item('src/train.py', 12)), 'src/train.py:12 · import torch');
    assert.equal(proofLabel(item('nb.ipynb', 3, { cell: 1 })), 'nb.ipynb cell 2:3 · import torch');
    assert.equal(proofLabel(item('src/train.py', 12), false), ':12 · import torch');
    assert.equal(evidenceDescription({ files: 3 }), 'evidence in 3 files');
    assert.equal(evidenceDescription({ files: 1 }), 'evidence in 1 file');
  });

  it('stores one item per file first, bounded, cells counted from 1, with git commit and remote', () => {
    const items = [item('a.py', 1), item('a.py', 2), item('b.py', 5, { cell: 0 }), ...Array.from({ length: 20 }, (_, i) => item('c.py', i + 1))];
    const stored = proofToStore(items, () => ({ commit: 'abc123', remote: 'https://example.com/me/app.git' }));
    assert.equal(stored.length, maxStoredProof);
    assert.deepEqual(stored.slice(0, 3).map((p) => `${p.path}:${p.cell ?? '-'}:${p.line}`), ['a.py:-:1', 'b.py:1:5', 'c.py:-:1']);
    assert.equal(stored[0]?.commit, 'abc123');
    assert.deepEqual(proofToStore([item('a.py', 1)], () => undefined), [{ folder: 'app', path: 'a.py', line: 1, rule: 'torch-import', text: 'import torch' }]);
  });

  it('whatever the scanner finds, the proof to store is valid for storage (property)', () => {
    const anyItem = fc.record({
      folder: fc.string({ minLength: 1, maxLength: 300 }),
      path: fc.string({ minLength: 1, maxLength: 700 }),
      line: fc.nat(10_000),
      cell: fc.option(fc.nat(50), { nil: undefined }),
      rule: fc.string({ minLength: 1, maxLength: 300 }),
      text: fc.string({ maxLength: 400 }),
      kind: fc.constantFrom(...signalKinds),
    });
    const git = fc.option(fc.record({ commit: fc.string({ maxLength: 100 }), remote: fc.string({ maxLength: 700 }) }), { nil: undefined });
    assertProperty(
      fc.property(fc.array(anyItem, { maxLength: 30 }), git, (raw, place) => {
        const items = raw.map(({ cell, ...rest }) => item(rest.path, rest.line, { ...rest, ...(cell === undefined ? {} : { cell }) }));
        const stored = proofToStore(items, () => place);
        assert.ok(stored.length <= maxStoredProof);
        for (const proof of stored) {
          assert.doesNotThrow(() => checkStoredProof(proof), JSON.stringify(proof));
          assert.ok(proof.text.length <= maxProofTextLength);
          assert.ok(!/^\s|\s$/.test(proof.text), 'trimmed');
        }
      }),
    );
  });

  it('a proof place from a command or webview cannot leave its folder', () => {
    for (const path of ['../etc/passwd', 'a/../../b', '/abs', 'a//b', './a', '']) assert.equal(proofPlaceSchema.safeParse({ folder: 'app', path, line: 1 }).success, false, path);
    assert.equal(proofPlaceSchema.safeParse({ folder: 'app', path: 'src/train.py', line: 1, column: 0, cell: 2 }).success, true);
  });
});

describe('evidence nodes of the Roadmap tree', () => {
  it('lists few items flat and many per file; accepted proof once, stale when its file is gone', () => {
    const few = skill([item('a.py', 1), item('b.py', 2)]);
    const node = evidenceNodeFor('group/x/skill/pytorch', 'pytorch', few, [{ folder: 'app', path: 'a.py', line: 1, rule: 'torch-import', text: 'import torch' }, { folder: 'app', path: 'gone.py', line: 4, rule: 'torch-import', text: 'import torch' }]);
    assert.ok(node);
    const children = evidenceChildren(node, (proof) => proof.path === 'gone.py');
    assert.deepEqual(children.map((c) => c.kind), ['proof', 'proof', 'acceptedProof']);
    assert.equal(children[2]?.kind === 'acceptedProof' && children[2].stale, true);
    const many = skill(Array.from({ length: groupProofAbove + 1 }, (_, i) => item(i % 2 ? 'a.py' : 'b.py', i + 1)));
    const grouped = evidenceChildren(evidenceNodeFor('s', 'pytorch', many, [])!, () => false);
    assert.deepEqual(grouped.map((c) => (c.kind === 'evidenceFile' ? `${c.path}:${c.items.length}` : c.kind)), ['b.py:5', 'a.py:4']);
    assert.equal(new Set([...grouped, ...grouped.flatMap((g) => evidenceChildren(g, () => false))].map((c) => c.id)).size, grouped.length + many.items.length, 'ids are unique');
    assert.equal(evidenceNodeFor('s', 'pytorch', undefined, []), undefined);
  });
});

describe("evidence on the roadmap page (the detail pane's proof list)", () => {
  const gone = { folder: 'app', path: 'old/track.py', line: 3, cell: 2, rule: 'torch-import', text: 'import torch' };
  const build = (found: SkillEvidence[], stale: Map<string, StoredProof[]>) =>
    evidenceViewSchema.parse(buildEvidenceView(found, ['pytorch', 'mlops-tools'], () => 'not-started', new Map(), () => true, undefined, stale));

  it('lists accepted proof whose file is gone after the found items, marked stale, within the page bound', () => {
    const many = Array.from({ length: maxPageProof + 5 }, (_, i) => item(`src/m${i}.py`, 1));
    const view = build([skill(many)], new Map([['pytorch', [gone]]]));
    const items = view.skills[0]?.items ?? [];
    assert.equal(items.length, maxPageProof);
    assert.deepEqual(items.map((i) => i.stale), [...Array.from({ length: maxPageProof - 1 }, () => false), true]);
    assert.deepEqual({ ...items.at(-1), explanation: undefined }, { folder: 'app', path: 'old/track.py', line: 3, column: 0, length: 0, cell: 1, location: 'old/track.py cell 2:3', text: 'import torch', stale: true, explanation: undefined });
  });

  it('a skill with only stale proof is listed with no files and no suggestion; without stale proof nothing changes', () => {
    const view = build([skill([item('a.py', 1)])], new Map([['mlops-tools', [gone]]]));
    assert.deepEqual(view.skills.map((s) => [s.skillId, s.files, s.suggested, s.items.map((i) => i.stale)]), [
      ['pytorch', 1, true, [false]],
      ['mlops-tools', 0, false, [true]],
    ]);
    setPageEvidence(view);
    assert.equal(evidenceChipBadge('mlops-tools').value, '', 'no chip badge for a skill with no files found');
    const pane = renderEvidenceSection('mlops-tools').value;
    assert.match(pane, /None found in this workspace\./);
    assert.match(pane, /<button[^>]*class="link-button proof-link"[^>]*disabled>old\/track\.py cell 2:3 · <code>import torch<\/code> · accepted, file gone<\/button>/);
    assert.doesNotMatch(renderEvidenceSection('pytorch').value, /disabled|file gone/, 'found proof is a link');
    setPageEvidence(null);
  });
});
