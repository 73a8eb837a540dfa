import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { commands, views } from '../../src/core/ids';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category?: string; icon?: string }[];
    views: Record<string, { id: string }[]>;
    viewsContainers: { activitybar: { id: string }[] };
    menus?: Record<string, { command: string }[]>;
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
});
