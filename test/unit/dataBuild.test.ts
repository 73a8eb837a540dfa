import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { roadmapSchema } from '../../src/core/roadmap/schema';
import { syntheticRoadmap } from './helpers/syntheticRoadmap';
import { stringify } from 'yaml';

interface BuildMessage {
  text: string;
  location: { file: string; line: number; column: number };
}
type ParseDataFile = (file: string, schemas: unknown[], base: string) => Promise<{ data?: unknown; errors?: BuildMessage[] }>;

describe('build-time data validation (esbuild.mjs)', () => {
  let dir: string;
  let parseDataFile: ParseDataFile;
  const schemas = [{ pattern: 'roadmap.yaml', schema: roadmapSchema }];

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ml-career-data-'));
    ({ parseDataFile } = (await import(pathToFileURL(path.join(__dirname, '../../../esbuild.mjs')).href)) as { parseDataFile: ParseDataFile });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const check = (text: string) => {
    const file = path.join(dir, 'roadmap.yaml');
    writeFileSync(file, text);
    return parseDataFile(file, schemas, dir);
  };

  it('accepts a valid file and returns its data', async () => {
    const result = await check(stringify(syntheticRoadmap(10)));
    assert.equal(result.errors, undefined);
    assert.equal((result.data as { groups: unknown[] }).groups.length, 5);
  });

  it('reports a schema error at the line and column of the offending value', async () => {
    const text = stringify(syntheticRoadmap(10)).replace('expectedBy: mid', 'expectedBy: wizard');
    const line = text.split('\n').findIndex((l) => l.includes('expectedBy: wizard')) + 1;
    const result = await check(text);
    assert.equal(result.errors?.length, 1);
    const [error] = result.errors!;
    assert.match(error!.text, /unknown level "wizard" \(at groups\.\d+\.skills\.\d+\.expectedBy\)/);
    assert.equal(error!.location.line, line);
    assert.equal(error!.location.column, text.split('\n')[line - 1]!.indexOf('wizard'));
  });

  it('reports malformed YAML with its position', async () => {
    const result = await check('version: 1\nlevels: [\n  - oops: : :\n');
    assert.ok(result.errors && result.errors.length > 0);
    assert.match(result.errors[0]!.text, /invalid YAML/);
    assert.ok(result.errors[0]!.location.line >= 2);
  });

  it('rejects duplicate keys instead of silently keeping the last', async () => {
    const result = await check('version: 1\nversion: 1\n');
    assert.match(result.errors?.[0]?.text ?? '', /invalid YAML/);
  });
});
