import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import * as fc from 'fast-check';
import { manifestFiles, packageProblems, readZipEntry, zipEntries } from '../../scripts/lib/vsixContents.mjs';
import { assertProperty } from './helpers/property';

/** A little-endian record: `fields` are [offset, value, bytes] with bytes 2 or 4. */
function record(length: number, fields: [number, number, 2 | 4][]): Buffer {
  const b = Buffer.alloc(length);
  for (const [at, value, bytes] of fields) {
    if (bytes === 2) b.writeUInt16LE(value, at);
    else b.writeUInt32LE(value, at);
  }
  return b;
}

/** A minimal zip writer (no CRC: the reader does not check it), so the reader is tested without a zip library. */
function zip(files: { name: string; content: Buffer; deflate: boolean }[], comment = ''): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const data = f.deflate ? deflateRawSync(f.content) : f.content;
    const method = f.deflate ? 8 : 0;
    locals.push(record(30, [[0, 0x04034b50, 4], [8, method, 2], [18, data.length, 4], [22, f.content.length, 4], [26, name.length, 2]]), name, data);
    centrals.push(record(46, [[0, 0x02014b50, 4], [10, method, 2], [20, data.length, 4], [24, f.content.length, 4], [28, name.length, 2], [42, offset, 4]]), name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = record(22, [[0, 0x06054b50, 4], [8, files.length, 2], [10, files.length, 2], [12, directory.length, 4], [16, offset, 4], [20, Buffer.byteLength(comment), 2]]);
  return Buffer.concat([...locals, directory, end, Buffer.from(comment)]);
}

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as object;
const sound = ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/templates.js', 'extension/dist/export.js', ...manifestFiles(manifest).map((f) => `extension/${f}`)];

describe('vsix contents: the zip reader and the package checks', () => {
  it('property: every entry written reads back with its name and content, stored or deflated, after any comment', () => {
    const entry = fc.record({ name: fc.string({ minLength: 1, maxLength: 40 }), content: fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)), deflate: fc.boolean() });
    assertProperty(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.name, maxLength: 8 }), fc.string({ maxLength: 30 }), (files, comment) => {
        const archive = zip(files, comment);
        assert.deepEqual(zipEntries(archive).map((e) => e.name), files.map((f) => f.name));
        for (const f of files) assert.deepEqual(readZipEntry(archive, f.name), f.content);
        assert.equal(readZipEntry(archive, '\0absent'), undefined);
      }),
    );
  });

  it('rejects what is not a zip archive', () => {
    assert.throws(() => zipEntries(Buffer.from('not a zip, just text that is long enough')), /not a zip archive/);
  });

  it('names every file package.json points at: main, icon, view and container icons, walkthrough media; no codicons', () => {
    const files = manifestFiles(manifest);
    for (const f of ['dist/extension.js', 'media/icon.png', 'media/ml-career.svg', 'media/walkthrough/level.md']) assert.ok(files.includes(f), `${f} not in ${files.join(', ')}`);
    assert.ok(!files.some((f) => f.startsWith('$(')));
    const themed = { main: './out/main.js', browser: 'https://example.com/x.js', contributes: { commands: [{ icon: { light: 'a/light.svg', dark: 'a/dark.svg' } }], walkthroughs: [{ steps: [{ media: { image: 'w.png', altText: 'not a file' } }] }] } };
    assert.deepEqual(manifestFiles(themed), ['a/dark.svg', 'a/light.svg', 'out/main.js', 'w.png']);
  });

  it('a sound package has no problems', () => {
    assert.deepEqual(packageProblems(sound, manifest), []);
  });

  it('reports sources, tests, maps and fixtures in the package, and files package.json names that it lacks', () => {
    const extra = ['src/extension.ts', 'types/x.d.ts', 'out/test/unit/a.test.js', 'dist/extension.js.map', 'test/fixtures/workspace/a.md', 'node_modules/yaml/index.js'].map((f) => `extension/${f}`);
    const problems = packageProblems([...sound.filter((f) => f !== 'extension/media/icon.png'), ...extra], manifest);
    for (const f of [...extra.map((e) => e.slice('extension/'.length)), 'media/icon.png']) assert.ok(problems.some((p) => p.startsWith(`${f} `)), `no problem reported for ${f}: ${problems.join('\n')}`);
    assert.equal(problems.length, extra.length + 1);
  });
});
