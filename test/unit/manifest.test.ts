import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { commands, evidenceItemContexts, noteItemContexts, portfolioItemContexts, roadmapItemContexts, views } from '../../src/core/ids';
import { skillStatuses } from '../../src/core/progress/status';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category?: string; icon?: string }[];
    views: Record<string, { id: string }[]>;
    viewsContainers: { activitybar: { id: string }[] };
    menus?: Record<string, { command: string; when?: string }[]>;
  };
}

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as Manifest;

describe('manifest and code agree', () => {
  it('declares exactly the commands the code knows, both ways', () => {
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), Object.values(commands).sort());
  });

  it('gives every command the "ML Career" category and a codicon', () => {
    for (const c of manifest.contributes.commands) {
      assert.equal(c.category, 'ML Career', c.command);
      assert.match(c.icon ?? '', /^\$\([a-z0-9-]+\)$/, c.command);
    }
  });

  it('declares exactly the views the code knows', () => {
    const declared = [...manifest.contributes.viewsContainers.activitybar.map((c) => c.id), ...Object.values(manifest.contributes.views).flat().map((v) => v.id)];
    assert.deepEqual(declared.sort(), Object.values(views).sort());
  });

  it('menus only name declared commands, and nothing activates on "*"', () => {
    const known = new Set(Object.values(commands) as string[]);
    for (const [menu, items] of Object.entries(manifest.contributes.menus ?? {})) {
      for (const item of items) assert.ok(known.has(item.command), `${menu}: ${item.command}`);
    }
    assert.ok(!manifest.activationEvents.includes('*'));
  });

  it('menus match only contextValues the views really use, and every skill status is reachable', () => {
    const { skillPrefix, expectationPrefix, ...fixed } = roadmapItemContexts;
    const { suggestedSuffix, ...evidenceRows } = evidenceItemContexts;
    // A suggested skill is never done or skipped (see isOpenSuggestion).
    const suggested = (['not-started', 'learning'] as const).map((status) => `${skillPrefix}${status}${suggestedSuffix}`);
    const tracked = [...skillStatuses.map((status) => `${skillPrefix}${status}`), ...skillStatuses.map((status) => `${expectationPrefix}${status}`), ...suggested];
    // Any skill or expectation row may have a note, which adds the suffix after everything else.
    const noted = tracked.map((value) => `${value}${noteItemContexts.suffix}`);
    const known = [...Object.values(fixed), ...tracked, ...noted, ...Object.values(evidenceRows), ...Object.values(portfolioItemContexts)];
    const matched = new Set<string>();
    for (const item of Object.values(manifest.contributes.menus ?? {}).flat()) {
      if (!item.when?.includes('viewItem')) continue;
      for (const [, value] of item.when.matchAll(/viewItem == ([\w:.-]+)/g)) {
        assert.ok(known.includes(value!), `${item.command}: unknown contextValue ${value}`);
        matched.add(value!);
      }
      for (const [, pattern] of item.when.matchAll(/viewItem =~ \/(.+?)\/(?=\s|$)/g)) {
        const hits = known.filter((value) => new RegExp(pattern!).test(value));
        assert.ok(hits.length > 0, `${item.command}: /${pattern}/ matches no contextValue`);
        hits.forEach((hit) => matched.add(hit));
      }
    }
    for (const status of skillStatuses) assert.ok(matched.has(`${skillPrefix}${status}`), `no menu for skills that are ${status}`);
    for (const value of suggested) assert.ok(matched.has(value), `no menu for ${value}`);
    for (const value of noted) assert.ok(matched.has(value), `no menu for ${value}`);
  });

  it('offers Add Note on rows without a note, and Edit and Delete Note only on rows with one', () => {
    const items = Object.values(manifest.contributes.menus ?? {}).flat();
    const menusOf = (contextValue: string): Set<string> =>
      new Set(items.filter((item) => [...(item.when ?? '').matchAll(/viewItem =~ \/(.+?)\/(?=\s|$)/g)].some(([, pattern]) => new RegExp(pattern!).test(contextValue))).map((item) => item.command));
    for (const row of [`${roadmapItemContexts.skillPrefix}learning`, `${roadmapItemContexts.expectationPrefix}done`, `${roadmapItemContexts.skillPrefix}learning${evidenceItemContexts.suggestedSuffix}`]) {
      const without = menusOf(row);
      const withNote = menusOf(`${row}${noteItemContexts.suffix}`);
      assert.ok(without.has(commands.addNote) && !without.has(commands.editNote) && !without.has(commands.deleteNote), row);
      assert.ok(!withNote.has(commands.addNote) && withNote.has(commands.editNote) && withNote.has(commands.deleteNote), `${row} with a note`);
      // A note changes which note commands show, nothing else.
      assert.deepEqual([...without].filter((c) => c !== commands.addNote).sort(), [...withNote].filter((c) => c !== commands.editNote && c !== commands.deleteNote).sort(), row);
    }
  });
});
