import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import type { LazyBundleName } from '../../src/lazy/lazyBundle';

const root = path.join(__dirname, '../../..');

interface BuildScript {
  lazyBundles: Record<string, string>;
  productTargets(production: boolean): esbuild.BuildOptions[];
  sizeBudgets: Record<string, number>;
  budgetProblems(metafiles: esbuild.Metafile[]): string[];
}

/** Every name of `LazyBundles`: the compiler rejects this object if one is missing or unknown. */
const typedNames: Record<LazyBundleName, true> = { templates: true, scaffold: true, portfolio: true, roadmapPanel: true, evidence: true, export: true, customRoadmap: true, notes: true, skillCommands: true, commandArgs: true, roadmapCore: true };

/**
 * What must stay out of dist/extension.js: a value import of one of these from the startup path would load it at
 * every activation. Paths relative to the repository; packages by name.
 */
const notAtStartup = [
  // Loading zod and building schemas cost more than the rest of the startup path; stored progress has its own checks.
  'zod',
  'src/core/commandArgs.ts',
  'markdown-it',
  'entities',
  'linkify-it',
  'mdurl',
  'punycode.js',
  'src/core/notes/renderNote.ts',
  'src/notes/noteCommands.ts',
  'src/roadmapTree/skillCommands.ts',
  'src/portfolio/portfolioView.ts',
  'src/core/portfolio/checklist.ts',
  'src/roadmapPanel/roadmapPanel.ts',
  'src/core/roadmapView/viewModel.ts',
  'src/webview/protocol.ts',
  'src/scaffold/newProject.ts',
  'src/scaffold/publish.ts',
  'src/core/scaffold/licenses.ts',
  'src/evidence/evidenceUi.ts',
  'src/evidence/evidenceService.ts',
  'src/core/evidence/bundledRules.ts',
  'data/evidence/technical.yaml',
  'data-tree:templates',
  'src/core/export/packet.ts',
  'src/core/export/importPlan.ts',
  'src/core/roadmap/custom/merge.ts',
  'src/core/roadmap/custom/loadCustomRoadmap.ts',
  // The roadmap and progress load after activation: the status bar shows what it last showed until then.
  'data/roadmap.yaml',
  'src/core/progress/store.ts',
  'src/core/progress/progress.ts',
  'src/roadmapTree/roadmapTree.ts',
  'src/customRoadmap/customRoadmaps.ts',
];

/** The input's path relative to the repository, or `node_modules/<package>` for a package. */
function inputName(input: string): string {
  const inPackage = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return inPackage ? `node_modules/${inPackage[1]}` : path.relative(root, path.resolve(root, input)).split(path.sep).join('/');
}

describe('lazy bundles and what activation loads', () => {
  let build: BuildScript;
  let production: esbuild.BuildResult<{ metafile: true; write: false }>[];

  before(async function () {
    // Two production builds (extension and webview); a few seconds on a busy machine.
    this.timeout(120_000);
    build = (await import(pathToFileURL(path.join(root, 'esbuild.mjs')).href)) as BuildScript;
    production = await Promise.all(build.productTargets(true).map((target) => esbuild.build({ ...target, absWorkingDir: root, write: false, metafile: true, logLevel: 'silent' })));
  });

  it('src/lazy/lazyBundle.ts, esbuild.mjs and .vscodeignore name the same bundles', () => {
    assert.deepEqual(Object.keys(build.lazyBundles).sort(), Object.keys(typedNames).sort());
    const allowed = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').filter((line) => line.startsWith('!')).map((line) => line.slice(1).trim());
    const missing = Object.keys(build.lazyBundles).filter((name) => !allowed.includes(`dist/${name}.js`));
    assert.deepEqual(missing, [], 'lazy bundles the package would leave out (add !dist/<name>.js to .vscodeignore)');
    for (const [name, entry] of Object.entries(build.lazyBundles)) {
      assert.match(readFileSync(path.join(root, 'src/lazy/lazyBundle.ts'), 'utf8'), new RegExp(`${name}: typeof import\\('\\.\\./${entry.slice('src/'.length, -'.ts'.length)}'\\);`), `${name}'s type is not its entry's`);
    }
  });

  it('dist/extension.js holds no lazy bundle entry and none of what only later features need', () => {
    const main = production[0]?.metafile.outputs['dist/extension.js'];
    assert.ok(main, 'dist/extension.js was not built');
    const inputs = new Set(Object.keys(main.inputs).map(inputName));
    const entries = Object.values(build.lazyBundles);
    const loaded = [...entries, ...notAtStartup].filter((name) => inputs.has(name) || inputs.has(`node_modules/${name}`));
    assert.deepEqual(loaded, [], 'loaded at activation, though only a lazy bundle needs it');
    // The list above is not vacuous: each lazy bundle is built and holds what it is for.
    const bundled = (name: string) => new Set(Object.keys(production[0]?.metafile.outputs[`dist/${name}.js`]?.inputs ?? {}).map(inputName));
    assert.ok(bundled('portfolio').has('node_modules/markdown-it'));
    assert.ok(bundled('roadmapPanel').has('src/roadmapPanel/roadmapPanel.ts'));
    assert.ok(bundled('evidence').has('src/core/evidence/bundledRules.ts'));
    assert.ok(bundled('scaffold').has('src/scaffold/newProject.ts'));
    assert.ok(bundled('notes').has('src/core/notes/renderNote.ts'));
    assert.ok(bundled('skillCommands').has('src/roadmapTree/skillCommands.ts'));
    assert.ok(bundled('commandArgs').has('node_modules/zod'));
    assert.ok(bundled('roadmapCore').has('data/roadmap.yaml'));
  });

  it('the roadmap page host bundle holds no Markdown parser: notes are rendered by the notes bundle, loaded for a note', () => {
    const inputs = new Set(Object.keys(production[0]?.metafile.outputs['dist/roadmapPanel.js']?.inputs ?? {}).map(inputName));
    assert.ok(inputs.has('src/roadmapPanel/roadmapPanel.ts'), 'dist/roadmapPanel.js was not built');
    assert.deepEqual(['markdown-it', 'entities', 'linkify-it', 'src/core/notes/renderNote.ts'].filter((name) => inputs.has(name) || inputs.has(`node_modules/${name}`)), []);
  });

  it('the roadmap page host bundle holds no zod: what the page sends is checked by the commandArgs bundle, loaded with its first message', () => {
    const inputs = new Set(Object.keys(production[0]?.metafile.outputs['dist/roadmapPanel.js']?.inputs ?? {}).map(inputName));
    assert.ok(inputs.has('src/roadmapPanel/roadmapPanel.ts'), 'dist/roadmapPanel.js was not built');
    assert.deepEqual(['zod', 'src/webview/webviewMessages.ts', 'src/webview/roadmap/uiState.ts'].filter((name) => inputs.has(name) || inputs.has(`node_modules/${name}`)), []);
    const checks = new Set(Object.keys(production[0]?.metafile.outputs['dist/commandArgs.js']?.inputs ?? {}).map(inputName));
    assert.ok(checks.has('src/webview/webviewMessages.ts') && checks.has('src/webview/roadmap/uiState.ts'), 'the commandArgs bundle does not hold the page checks');
  });

  it('each extension bundle takes the VS Code API as it is, once: no copy of its exports', () => {
    const bundles = (production[0]?.outputFiles ?? []).filter((file) => file.path.endsWith('.js'));
    const main = bundles.find((file) => file.path.endsWith(`${path.sep}extension.js`));
    assert.ok(main, 'dist/extension.js was not built');
    // The one take is the module that hands the API object on as its own exports (minified: `<name>.exports=require("vscode")`).
    const takes = (text: string) => text.split('require("vscode")').length - 1;
    const handedOn = (text: string) => text.includes('.exports=require("vscode")');
    assert.deepEqual(
      bundles.filter((file) => takes(file.text) > 1 || (takes(file.text) === 1 && !handedOn(file.text))).map((file) => path.basename(file.path)),
      [],
    );
    assert.equal(takes(main.text), 1);
    // Loading the main bundle never lists the API's names, which any copy of its exports does (esbuild's copy cost
    // 0.6–1.0 ms for the 242 names).
    const listed: string[] = [];
    const api = new Proxy(
      {},
      {
        ownKeys: (target) => (listed.push('ownKeys'), Reflect.ownKeys(target)),
        getOwnPropertyDescriptor: (target, key) => (listed.push(String(key)), Reflect.getOwnPropertyDescriptor(target, key)),
      },
    );
    const module = { exports: {} as Record<string, unknown> };
    const load = new Function('require', 'module', 'exports', '__dirname', main.text) as (...args: unknown[]) => void;
    const nodeRequire = createRequire(main.path);
    load((id: string) => (id === 'vscode' ? api : nodeRequire(id)), module, module.exports, path.dirname(main.path));
    assert.equal(typeof module.exports['activate'], 'function', 'the bundle loaded and exports activate');
    assert.deepEqual(listed, []);
  });

  it('the production bundles fit their size budgets (main 150 KiB, webview 40 KiB)', () => {
    assert.deepEqual(build.budgetProblems(production.map((r) => r.metafile)), []);
    assert.deepEqual(Object.keys(build.sizeBudgets).sort(), ['dist/extension.js', 'dist/webview/roadmap.js']);
  });

  it('a bundle over its budget, or missing, is reported by name and size', () => {
    const over = { outputs: { 'dist/extension.js': { bytes: 150 * 1024 + 1, inputs: {}, imports: [], exports: [], entryPoint: 'src/extension.ts' } }, inputs: {} } as unknown as esbuild.Metafile;
    const problems = build.budgetProblems([over]);
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /^dist\/extension\.js is 153601 bytes, over its budget of 153600 \(150 KiB\)/);
    assert.match(problems[1] ?? '', /^dist\/webview\/roadmap\.js: not built/);
  });
});
