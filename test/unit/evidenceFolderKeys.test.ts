import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { folderKeys, resolveFolderKey, type KeyedFolder } from '../../src/core/evidence/folderKeys';
import { assertProperty } from './helpers/property';

const folder = (name: string, uri: string): KeyedFolder => ({ name, uri });

describe('evidence folder keys (multi-root)', () => {
  it('a folder whose name is unique is keyed by its name; folders sharing a name get different, URI-based keys', () => {
    const folders = [folder('app', 'file:///work/a/app'), folder('app', 'file:///work/b/app'), folder('docs', 'file:///work/docs')];
    const keys = folderKeys(folders);
    assert.equal(keys.get('file:///work/docs'), 'docs');
    const [a, b] = [keys.get('file:///work/a/app'), keys.get('file:///work/b/app')];
    assert.match(a ?? '', /^app #[0-9a-f]{8}$/);
    assert.match(b ?? '', /^app #[0-9a-f]{8}$/);
    assert.notEqual(a, b);
  });

  it('keys survive a reload and a reordering of the folders (they depend on name and URI only)', () => {
    const folders = [folder('app', 'file:///x/app'), folder('app', 'file:///y/app'), folder('lib', 'file:///lib')];
    assert.deepEqual(new Map([...folderKeys([...folders].reverse())].sort()), new Map([...folderKeys(folders)].sort()));
  });

  it('resolves a key to its folder; a bare name stored before the name was shared to every folder of that name, in order', () => {
    const folders = [folder('app', 'file:///x/app'), folder('app', 'file:///y/app'), folder('lib', 'file:///lib')];
    const keys = folderKeys(folders);
    const second = keys.get('file:///y/app') ?? '';
    assert.deepEqual(resolveFolderKey(second, folders).map((f) => f.uri), ['file:///y/app']);
    assert.deepEqual(resolveFolderKey('app', folders).map((f) => f.uri), ['file:///x/app', 'file:///y/app'], 'legacy proof: the caller picks the folder that holds the file');
    assert.deepEqual(resolveFolderKey('lib', folders).map((f) => f.uri), ['file:///lib']);
    // Proof synced from a window where "app" was shared, read where it is not:
    assert.deepEqual(resolveFolderKey(second, [folder('app', 'file:///z/app')]).map((f) => f.uri), ['file:///z/app']);
    assert.deepEqual(resolveFolderKey('gone', folders), []);
  });

  it('keys are unique and each resolves to its own folder, for any names and URIs (property)', () => {
    const name = fc.constantFrom('app', 'lib', 'app #0', 'x', 'app #1a2b3c4d');
    const folders = fc.uniqueArray(fc.record({ name, uri: fc.string({ minLength: 1, maxLength: 12 }).map((s) => `file:///${s}`) }), { selector: (f) => f.uri, maxLength: 6 });
    assertProperty(
      fc.property(folders, (list) => {
        const keys = folderKeys(list);
        assert.equal(new Set(keys.values()).size, list.length, 'unique');
        for (const f of list) assert.deepEqual(resolveFolderKey(keys.get(f.uri) ?? '', list), [f]);
      }),
    );
  });
});
