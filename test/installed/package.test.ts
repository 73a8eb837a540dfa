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

  it('holds the bundles the extension loads on first use, which package.json does not name', () => {
    const names = zipEntries(readFileSync(installedVsix())).map((e) => e.name);
    for (const bundle of ['templates.js', 'export.js', 'evidenceWorker.js']) assert.ok(names.includes(`extension/dist/${bundle}`), `dist/${bundle} is not packaged`);
  });
});
