import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { manifestFiles } from '../../scripts/lib/vsixContents.mjs';
import { customRoadmapFileSchema, customRoadmapJsonSchema } from '../../src/core/roadmap/custom/customSchema';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const read = (relPath: string): string => readFileSync(path.join(repoRoot, relPath), 'utf8');

describe('custom roadmaps: the generated JSON Schema', () => {
  const schema = customRoadmapJsonSchema();
  // Formats (uri) are left to our own diagnostics; the schema's job in the editor is completion and structure.
  const validate = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(schema);
  const builtinFile = { ...(parse(read('data/roadmap.yaml')) as object), extends: 'none' };
  const example = parse(read('examples/team-roadmap.yaml')) as Record<string, unknown>;

  it('is what the build wrote to dist/roadmap.schema.json, which package.json contributes and ships', () => {
    assert.deepEqual(JSON.parse(read('dist/roadmap.schema.json')), schema);
    const manifest = JSON.parse(read('package.json')) as { contributes: { yamlValidation: { url: string }[]; jsonValidation: { url: string }[] } };
    assert.equal(manifest.contributes.yamlValidation[0]?.url, './dist/roadmap.schema.json');
    assert.equal(manifest.contributes.jsonValidation[0]?.url, './dist/roadmap.schema.json');
    assert.ok(manifestFiles(manifest).includes('dist/roadmap.schema.json'), 'the installed-package check looks for it');
    assert.match(read('.vscodeignore'), /^!dist\/roadmap\.schema\.json$/m);
  });

  it('accepts the built-in content as a whole roadmap, and the example team ladder', () => {
    assert.ok(validate(builtinFile), JSON.stringify(validate.errors?.slice(0, 3)));
    assert.ok(validate(example), JSON.stringify(validate.errors?.slice(0, 3)));
  });

  const skill = (example['add'] as { skills: Record<string, unknown>[] }).skills[0]!;
  const badExamples: Array<[string, unknown]> = [
    ['an unknown top-level key', { ...example, tittle: 'x' }],
    ['an unknown key in an added skill', { ...example, add: { skills: [{ ...skill, expected: 'mid' }] } }],
    ['no version', { ...example, version: undefined }],
    ['another version', { ...example, version: 1 }],
    ['extends that is neither builtin nor none', { ...example, extends: 'mine' }],
    ['an id that is not lowercase words', { ...example, hide: ['Not An Id'] }],
    ['a link that is not https', { ...example, add: { resources: [{ skill: 'python', title: 'A book', url: 'http://example.com/', type: 'book', checked: '2026-11-26' }] } }],
    ['a resource type that does not exist', { ...example, add: { resources: [{ skill: 'python', title: 'A book', url: 'https://example.com/', type: 'podcast', checked: '2026-11-26' }] } }],
    ['a title longer than allowed', { ...example, title: 'x'.repeat(81) }],
    ['a replacing roadmap without levels', { ...builtinFile, levels: undefined }],
    ['market facts in an extending file', { ...example, competencies: [] }],
  ];

  for (const [what, bad] of badExamples) {
    it(`rejects ${what}, as the zod schema does`, () => {
      const data = JSON.parse(JSON.stringify(bad)) as unknown;
      assert.equal(validate(data), false, 'the JSON Schema accepted it');
      assert.equal(customRoadmapFileSchema.safeParse(data).success, false, 'zod accepted it');
    });
  }
});
