import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { packageProblems, readZipEntry, zipEntries } from '../../scripts/lib/vsixContents.mjs';
import { installedVsix } from './vsix';

describe('the packaged .vsix', () => {
  it('holds no sources, tests, source maps or fixtures, and every file package.json names', () => {
    const zip = readFileSync(installedVsix());
    const manifest = readZipEntry(zip, 'extension/package.json');
    assert.ok(manifest, 'the package has no extension/package.json');
    assert.deepEqual(packageProblems(zipEntries(zip).map((e) => e.name), JSON.parse(manifest.toString('utf8'))), []);
  });
});
