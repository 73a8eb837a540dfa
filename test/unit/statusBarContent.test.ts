import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { skillStatuses, type SkillStatus } from '../../src/core/progress/status';
import { nothingStoredContent, progressFingerprint, readSavedStatusBar, startupContent, statusBarContent } from '../../src/core/progress/statusBarContent';
import { bundledRoadmap } from '../../src/core/roadmap/bundled';
import { assertProperty } from './helpers/property';

describe('status bar content', () => {
  it('with nothing done and no level it reads as the content shown before anything is stored', () => {
    const content = statusBarContent(bundledRoadmap, () => 'not-started', undefined);
    assert.equal(content.text, nothingStoredContent.text);
    assert.equal(content.accessibilityLabel, nothingStoredContent.accessibilityLabel);
    assert.match(content.tooltip, /^\*\*ML Career\*\* — no current level set\n\n\| Group \| Done \| \|/);
  });

  it('names the current level and the overall figure', () => {
    const level = bundledRoadmap.levels[1];
    assert.ok(level);
    const skills = bundledRoadmap.groups.filter((g) => !g.optional && g.choose === undefined).flatMap((g) => g.skills);
    const done = new Set(skills.slice(0, Math.ceil(skills.length / 2)).map((s) => s.id));
    const content = statusBarContent(bundledRoadmap, (id) => (done.has(id) ? 'done' : 'not-started'), level.id);
    assert.match(content.text, new RegExp(`^\\$\\(mortar-board\\) ${level.short} · [1-9]\\d?%$`));
    assert.ok(content.accessibilityLabel.startsWith(`ML Career: ${level.title}, `));
  });

  it('property: what it saves reads back as saved, and any other stored value reads as nothing or as valid content', () => {
    const status = fc.constantFrom<SkillStatus>(...skillStatuses);
    const ids = bundledRoadmap.groups.flatMap((g) => g.skills.map((s) => s.id));
    assertProperty(
      fc.property(fc.dictionary(fc.constantFrom(...ids), status), fc.option(fc.constantFrom(...bundledRoadmap.levels.map((l) => l.id)), { nil: undefined }), fc.jsonValue(), (statuses, level, stored) => {
        const content = statusBarContent(bundledRoadmap, (id) => statuses[id] ?? 'not-started', level);
        const saved = { content, progressFingerprint: progressFingerprint(stored) };
        assert.deepEqual(readSavedStatusBar(JSON.parse(JSON.stringify(saved))), saved);
      }),
    );
    assertProperty(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ content: fc.jsonValue(), progressFingerprint: fc.jsonValue() })), (value) => {
        const read = readSavedStatusBar(value);
        if (read === undefined) return;
        assert.equal(typeof read.progressFingerprint, 'string');
        for (const field of [read.content.text, read.content.tooltip, read.content.accessibilityLabel]) assert.equal(typeof field, 'string');
      }),
    );
  });

  it('refuses saved content with a field missing, of the wrong type or implausibly long', () => {
    const content = { text: 'a', tooltip: 'b', accessibilityLabel: 'c' };
    assert.ok(readSavedStatusBar({ content, progressFingerprint: 'x' }));
    assert.equal(readSavedStatusBar({ content: { ...content, tooltip: 1 }, progressFingerprint: 'x' }), undefined);
    assert.equal(readSavedStatusBar({ content: { text: 'a', tooltip: 'b' }, progressFingerprint: 'x' }), undefined);
    assert.equal(readSavedStatusBar({ content, progressFingerprint: 7 }), undefined);
    assert.equal(readSavedStatusBar({ content: { ...content, text: 'x'.repeat(100_001) }, progressFingerprint: 'x' }), undefined);
    assert.equal(readSavedStatusBar(null), undefined);
  });

  it('property: the progress fingerprint is equal for equal stored values and differs when one status changes', () => {
    assertProperty(
      fc.property(fc.jsonValue(), (value) => assert.equal(progressFingerprint(value), progressFingerprint(JSON.parse(JSON.stringify(value))))),
    );
    assertProperty(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.constantFrom<SkillStatus>(...skillStatuses), { minKeys: 1 }), (skills) => {
        const [id, current] = Object.entries(skills)[0] ?? [];
        assert.ok(id && current);
        const other = skillStatuses.find((s) => s !== current);
        assert.notEqual(progressFingerprint({ skills }), progressFingerprint({ skills: { ...skills, [id]: other } }));
      }),
    );
  });

  it('property: at start-up it shows saved content only for the progress it was computed from', () => {
    const content = { text: '$(mortar-board) Mid · 42%', tooltip: 't', accessibilityLabel: 'l' };
    assert.equal(startupContent(undefined, { content, progressFingerprint: 'x' }), nothingStoredContent);
    assertProperty(
      fc.property(fc.jsonValue(), fc.jsonValue(), (stored, other) => {
        fc.pre(stored !== undefined);
        const saved = { content, progressFingerprint: progressFingerprint(stored) };
        assert.deepEqual(startupContent(stored, saved), content);
        assert.equal(startupContent(stored, undefined), undefined);
        if (progressFingerprint(other) !== saved.progressFingerprint) assert.equal(startupContent(other, saved), undefined);
      }),
    );
  });
});
