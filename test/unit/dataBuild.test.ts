import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { regexSource } from '../../src/core/data/regexSource';
import { roadmapSchema } from '../../src/core/roadmap/schema';
import { syntheticRoadmap } from './helpers/syntheticRoadmap';
import { stringify } from 'yaml';
import * as esbuild from 'esbuild';

interface BuildMessage {
  text: string;
  location: { file: string; line: number; column: number };
}
type ParseDataFile = (file: string, schemas: unknown[], base: string) => Promise<{ data?: unknown; errors?: BuildMessage[] }>;

/** In the current describe: `check(text)` writes `fileName` into a temporary data folder and runs the build's parser. */
function dataFileCheck(fileName: string, schemas: Array<{ pattern: string; schema: z.ZodType }>) {
  let dir: string;
  let parseDataFile: ParseDataFile;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ml-career-data-'));
    ({ parseDataFile } = (await import(pathToFileURL(path.join(__dirname, '../../../esbuild.mjs')).href)) as { parseDataFile: ParseDataFile });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  return (text: string) => {
    const file = path.join(dir, fileName);
    writeFileSync(file, text);
    return parseDataFile(file, schemas, dir);
  };
}

describe('build-time data validation (esbuild.mjs)', () => {
  const check = dataFileCheck('roadmap.yaml', [{ pattern: 'roadmap.yaml', schema: roadmapSchema }]);

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

describe('the data build lints every regex in data/ like the code\'s own', () => {
  const check = dataFileCheck('rules.yaml', [
    { pattern: 'rules.yaml', schema: z.strictObject({ rules: z.array(z.strictObject({ id: z.string(), pattern: regexSource(), extra: z.optional(z.array(regexSource())) })) }) },
  ]);

  it('a catastrophic pattern fails the build at its file, line and column', async () => {
    const text = 'rules:\n  - id: safe\n    pattern: "^[a-z]+$"\n  - id: evil\n    pattern: "(a+)+$"\n';
    const result = await check(text);
    assert.ok(result.errors && result.errors.length > 0, 'the build fails');
    const [error] = result.errors;
    assert.match(error!.text, /^rules\.1\.pattern: the regular expression "\(a\+\)\+\$" can take super-linear time: .*regexp\/no-super-linear/);
    assert.equal(error!.location.line, 5);
    assert.equal(error!.location.column, text.split('\n')[4]!.indexOf('"(a+)+$"'));
    assert.match(error!.location.file, /rules\.yaml$/);
  });

  it('finds regex fields inside optional arrays too', async () => {
    const result = await check('rules:\n  - id: a\n    pattern: "^a$"\n    extra: ["^b$", "a.*b.*c"]\n');
    assert.equal(result.errors?.length, 1);
    assert.match(result.errors![0]!.text, /^rules\.0\.extra\.1: /);
    assert.equal(result.errors![0]!.location.line, 4);
  });

  it('safe patterns pass and return the data', async () => {
    const result = await check('rules:\n  - id: a\n    pattern: "^(\\\\d+)\\\\s+\\\\w+$"\n');
    assert.equal(result.errors, undefined);
    assert.deepEqual(result.data, { rules: [{ id: 'a', pattern: '^(\\d+)\\s+\\w+$' }] });
  });

  it('an invalid pattern fails with the compiler\'s reason', async () => {
    const result = await check('rules:\n  - id: a\n    pattern: "(unclosed"\n');
    assert.match(result.errors?.[0]?.text ?? '', /not a valid regular expression/);
    assert.equal(result.errors?.[0]?.location.line, 3);
  });
});

describe('the data build refuses symbolic links in data/', function () {
  this.timeout(20_000);
  let root: string;
  let dataPlugin: (options: { dataDir: string }) => esbuild.Plugin;
  const secret = 'SECRET CONTENT FROM OUTSIDE data/';

  before(async () => {
    ({ dataPlugin } = (await import(pathToFileURL(path.join(__dirname, '../../../esbuild.mjs')).href)) as { dataPlugin: typeof dataPlugin });
  });
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'ml-career-data-links-'));
    writeFileSync(path.join(root, 'secret.txt'), secret);
    const files = path.join(root, 'data', 'templates', 'demo', 'files');
    mkdirSync(files, { recursive: true });
    copyFileSync(path.join(__dirname, '../../../data/templates/text-classifier/template.yaml'), path.join(root, 'data', 'templates', 'demo', 'template.yaml'));
    writeFileSync(path.join(files, 'README.md'), '# demo\n');
    mkdirSync(path.join(root, 'data', 'template-common', 'files'), { recursive: true });
    writeFileSync(path.join(root, 'data', 'template-common', 'files', 'Makefile'), 'all:\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** Builds `import x from '<specifier>'` with the data plugin on the temporary data folder. */
  const build = (specifier: string) =>
    esbuild.build({
      stdin: { contents: `import x from ${JSON.stringify(specifier)}; console.log(x);`, resolveDir: root },
      bundle: true,
      write: false,
      logLevel: 'silent',
      plugins: [dataPlugin({ dataDir: path.join(root, 'data') })],
    });
  const refusesLink = (link: string) => (error: unknown) => {
    const messages = (error as esbuild.BuildFailure).errors ?? [];
    assert.ok(
      messages.some((m) => m.text.includes(link) && /symbolic link/.test(m.text)),
      `an error names ${link}: ${messages.map((m) => m.text).join('; ') || String(error)}`,
    );
    return true;
  };

  it('builds the clean temporary data folder (the fixture is valid)', async () => {
    const result = await build('data-tree:templates');
    assert.match(result.outputFiles[0]!.text, /# demo/);
  });

  it('a link under a template\'s files/ fails the build, naming the link, and its target is not bundled', async () => {
    symlinkSync(path.join(root, 'secret.txt'), path.join(root, 'data', 'templates', 'demo', 'files', 'leak.txt'));
    await assert.rejects(build('data-tree:templates'), refusesLink('data/templates/demo/files/leak.txt'));
  });

  it('a linked folder under a template fails the build', async () => {
    mkdirSync(path.join(root, 'outside'));
    writeFileSync(path.join(root, 'outside', 'x.py'), secret);
    symlinkSync(path.join(root, 'outside'), path.join(root, 'data', 'templates', 'demo', 'files', 'src'), 'dir');
    await assert.rejects(build('data-tree:templates'), refusesLink('data/templates/demo/files/src'));
  });

  it('a link among the shared template files fails the build', async () => {
    symlinkSync(path.join(root, 'secret.txt'), path.join(root, 'data', 'template-common', 'files', 'Dockerfile'));
    await assert.rejects(build('data-files:template-common/files'), refusesLink('data/template-common/files/Dockerfile'));
  });

  it('a linked template folder or manifest fails the build instead of being skipped or followed', async () => {
    symlinkSync(path.join(root, 'data', 'templates', 'demo'), path.join(root, 'data', 'templates', 'alias'), 'dir');
    await assert.rejects(build('data-tree:templates'), refusesLink('data/templates/alias'));
  });

  it('a linked YAML data file fails the build, naming the link', async () => {
    writeFileSync(path.join(root, 'roadmap.yaml'), 'version: 1\n');
    symlinkSync(path.join(root, 'roadmap.yaml'), path.join(root, 'data', 'roadmap.yaml'));
    await assert.rejects(build('./data/roadmap.yaml'), refusesLink('data/roadmap.yaml'));
  });

  it('a linked data folder fails the build', async () => {
    rmSync(path.join(root, 'data', 'template-common'), { recursive: true });
    mkdirSync(path.join(root, 'common', 'files'), { recursive: true });
    symlinkSync(path.join(root, 'common'), path.join(root, 'data', 'template-common'), 'dir');
    await assert.rejects(build('data-files:template-common/files'), refusesLink('data/template-common/files'));
  });
});
