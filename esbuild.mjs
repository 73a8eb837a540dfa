// Builds the extension (node/cjs), the webview (browser/iife) and the test bundles.
// Data files (data/**/*.yaml) are parsed and validated against the zod schemas in src/core at build time
// and embedded as JSON, so the extension never parses YAML while activating.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { lstat, mkdir, readFile, readdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';

const root = path.dirname(fileURLToPath(import.meta.url));
const defaultDataDir = path.join(root, 'data');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
/** `--analyze`: print what each bundle is made of. */
const analyze = args.has('--analyze');

/** Loads src/core/data/dataSchemas.ts (bundled in memory) so the build validates with the very schemas the code uses. */
async function loadDataSchemas() {
  return (await loadCoreModule('src/core/data/dataSchemas.ts')).dataSchemas;
}

/** Bundles a module of src/core in memory and returns its exports. */
async function loadCoreModule(entry) {
  const result = await esbuild.build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
  return module.exports;
}

/**
 * dist/roadmap.schema.json: the JSON Schema of team and personal roadmap files, generated from their zod schema
 * (package.json contributes it through yamlValidation and jsonValidation, so editors offer completion and hover).
 */
async function writeRoadmapJsonSchema() {
  const { customRoadmapJsonSchema } = await loadCoreModule('src/core/roadmap/custom/customSchema.ts');
  await mkdir(path.join(root, 'dist'), { recursive: true });
  await writeFile(path.join(root, 'dist', 'roadmap.schema.json'), `${JSON.stringify(customRoadmapJsonSchema(), null, 2)}\n`);
}

function matches(pattern, relPath) {
  const p = pattern.split('/');
  const r = relPath.split('/');
  // "*" stands for any characters within one segment ("*.yaml", "*").
  const segmentMatches = (part, name) => {
    const star = part.indexOf('*');
    return star < 0 ? part === name : name.length >= part.length - 1 && name.startsWith(part.slice(0, star)) && name.endsWith(part.slice(star + 1));
  };
  return p.length === r.length && p.every((part, i) => segmentMatches(part, r[i]));
}

/**
 * Parses and validates one YAML data file. Returns the data or esbuild messages that point at file:line:col.
 * Exported for the unit tests of the build's error reporting (which pass their own `base` folder).
 */
export async function parseDataFile(file, schemas, base = defaultDataDir) {
  const relPath = path.relative(base, file).split(path.sep).join('/');
  const text = await readFile(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const location = (offset) => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { file: path.relative(root, file), line, column: col - 1, lineText: text.split('\n')[line - 1] ?? '' };
  };
  if (doc.errors.length > 0) {
    return { errors: doc.errors.map((e) => ({ text: `invalid YAML: ${e.message.split('\n')[0]}`, location: location(e.pos[0]) })) };
  }
  const nodeLocation = (dataPath) => {
    // Point at the deepest node of the path that exists (a missing key points at its parent).
    let node;
    for (let depth = dataPath.length; depth >= 0 && !node?.range; depth--) {
      node = depth === 0 ? doc.contents : doc.getIn(dataPath.slice(0, depth), true);
    }
    return location(node?.range?.[0]);
  };
  const entry = schemas.find((s) => matches(s.pattern, relPath));
  if (!entry) {
    return { errors: [{ text: `no schema in src/core/data/dataSchemas.ts matches data/${relPath}`, location: location(0) }] };
  }
  const parsed = entry.schema.safeParse(doc.toJS());
  if (!parsed.success) {
    return {
      errors: parsed.error.issues.map((issue) => {
        const where = issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
        return { text: `${issue.message}${where}`, location: nodeLocation(issue.path) };
      }),
    };
  }
  if (entry.crossCheck) {
    const other = await parseDataFile(path.join(base, entry.crossCheck.against), schemas, base);
    if (other.errors) {
      return { errors: [{ text: `cannot check data/${relPath} against data/${entry.crossCheck.against}, which has errors`, location: location(0) }] };
    }
    const issues = entry.crossCheck.check(parsed.data, other.data);
    if (issues.length > 0) return { errors: issues.map((issue) => ({ text: `${issue.message} (at ${issue.path.join('.')})`, location: nodeLocation(issue.path) })) };
  }
  const regexErrors = [];
  for (const dataPath of regexSourcePaths(entry.schema, doc.toJS())) {
    const source = doc.getIn(dataPath);
    const problems = await lintRegexSource(source);
    if (problems.length > 0) {
      const text = `${dataPath.join('.')}: the regular expression ${JSON.stringify(source)} can take super-linear time: ${problems.join('; ')}`;
      regexErrors.push({ text, location: nodeLocation(dataPath) });
    }
  }
  return regexErrors.length > 0 ? { errors: regexErrors } : { data: parsed.data };
}

/**
 * The paths of every value in `data` whose schema is marked by `regexSource()` (src/core/data/regexSource.ts),
 * following objects, arrays, records, wrappers (optional, default, …) and the union member that accepts the value.
 */
function regexSourcePaths(schema, data, at = []) {
  if (schema.meta?.()?.regexSource === true) return typeof data === 'string' ? [at] : [];
  const def = schema._zod?.def;
  const isObject = typeof data === 'object' && data !== null;
  switch (def?.type) {
    case 'object':
      return isObject ? Object.entries(def.shape).flatMap(([key, field]) => (Object.hasOwn(data, key) ? regexSourcePaths(field, data[key], [...at, key]) : [])) : [];
    case 'array':
      return Array.isArray(data) ? data.flatMap((item, i) => regexSourcePaths(def.element, item, [...at, i])) : [];
    case 'record':
      return isObject ? Object.entries(data).flatMap(([key, value]) => regexSourcePaths(def.valueType, value, [...at, key])) : [];
    case 'union': {
      const member = def.options.find((option) => option.safeParse(data).success);
      return member ? regexSourcePaths(member, data, at) : [];
    }
    case 'pipe':
      return regexSourcePaths(def.in, data, at);
    case 'lazy':
      return regexSourcePaths(def.getter(), data, at);
    default:
      return def?.innerType ? regexSourcePaths(def.innerType, data, at) : [];
  }
}

let regexLinter;

/**
 * What the code's own regex lint (eslint.config.mjs: eslint-plugin-regexp's super-linear backtracking and move rules)
 * says about a regex source, as messages; none means it passes. Build-time only: ESLint never reaches the bundle.
 */
export async function lintRegexSource(source) {
  regexLinter ??= await (async () => {
    const [{ Linter }, { default: regexp }] = await Promise.all([import('eslint'), import('eslint-plugin-regexp')]);
    const rules = { 'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }], 'regexp/no-super-linear-move': 'error' };
    return { linter: new Linter({ configType: 'flat' }), config: [{ plugins: { regexp }, rules }] };
  })();
  // A string argument, unlike a /literal/, needs no escaping of "/"; the plugin reads both the same way.
  const program = `new RegExp(${JSON.stringify(source)}, 'u');`;
  return regexLinter.linter.verify(program, regexLinter.config).map((m) => `${m.message} (${m.ruleId ?? 'syntax'})`);
}

/**
 * A link in data/ would copy whatever it points at (a home folder, a key file) into the extension and into every
 * scaffolded project, so the build refuses it instead of following it.
 */
function linkError(file, dataDir) {
  const shown = path.relative(path.dirname(dataDir), file).split(path.sep).join('/');
  return {
    text: `${shown} is a symbolic link; data/ takes no links, because the build would copy what they point at into the extension and every generated project. Replace it with the real file or folder.`,
    location: { file: path.relative(root, file) },
  };
}

/** Every regular file under `dir`, sorted, and an error for each symbolic link under it (links are never followed). */
async function listFiles(dir, dataDir) {
  const files = [];
  const errors = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (entry.isSymbolicLink()) errors.push(linkError(full, dataDir));
    else if (entry.isFile()) files.push(full);
  }
  return { files: files.sort(), errors };
}

/** `data/<relPath>`, or an error when it or a folder on the way to it is a link. */
async function dataFolder(dataDir, relPath) {
  const folder = path.join(dataDir, relPath);
  const real = await realpath(folder);
  return real === path.join(await realpath(dataDir), relPath) ? { folder } : { errors: [linkError(folder, dataDir)] };
}

/**
 * `import x from '<...>/data/foo.yaml'` yields the validated data.
 * `import t from 'data-tree:templates'` yields `{ [dir]: { manifest, files: { relPath: text } } }` for every
 * `data/templates/<dir>/`, where `manifest` is its validated `template.yaml` and `files` everything under `files/`.
 * `import f from 'data-files:template-common/files'` yields `{ relPath: text }` for every file under that data folder.
 * `dataDir` is the data folder; the unit tests of the build pass their own.
 */
export function dataPlugin({ dataDir = defaultDataDir } = {}) {
  let schemasPromise;
  const schemas = () => (schemasPromise ??= loadDataSchemas());
  return {
    name: 'ml-career-data',
    setup(build) {
      build.onStart(() => {
        schemasPromise = undefined; // pick up schema edits in watch mode
      });
      build.onResolve({ filter: /^data-tree:/ }, (args) => ({ path: args.path.slice('data-tree:'.length), namespace: 'data-tree' }));
      build.onResolve({ filter: /^data-files:/ }, (args) => ({ path: args.path.slice('data-files:'.length), namespace: 'data-files' }));
      // esbuild resolves links before onLoad sees a path, so an imported YAML file is checked as it is named.
      build.onResolve({ filter: /\.ya?ml$/ }, async (args) => {
        const file = path.resolve(args.resolveDir, args.path);
        return (await lstat(file).catch(() => undefined))?.isSymbolicLink() ? { errors: [linkError(file, dataDir)] } : undefined;
      });
      build.onLoad({ filter: /\.ya?ml$/ }, async (args) => {
        const result = await parseDataFile(args.path, await schemas(), dataDir);
        return result.errors ? { errors: result.errors } : { contents: JSON.stringify(result.data), loader: 'json' };
      });
      build.onLoad({ filter: /.*/, namespace: 'data-files' }, async (args) => {
        const { folder: base, errors: folderErrors } = await dataFolder(dataDir, args.path);
        if (folderErrors) return { errors: folderErrors };
        const { files: watchFiles, errors } = await listFiles(base, dataDir);
        if (errors.length > 0) return { errors };
        const files = {};
        for (const file of watchFiles) files[path.relative(base, file).split(path.sep).join('/')] = await readFile(file, 'utf8');
        return { contents: JSON.stringify(files), loader: 'json', watchFiles, watchDirs: [base, ...new Set(watchFiles.map((f) => path.dirname(f)))] };
      });
      build.onLoad({ filter: /.*/, namespace: 'data-tree' }, async (args) => {
        const { folder: base, errors: folderErrors } = await dataFolder(dataDir, args.path);
        if (folderErrors) return { errors: folderErrors };
        const tree = {};
        const errors = [];
        const watchFiles = [];
        for (const entry of (await readdir(base, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
          const dir = path.join(base, entry.name);
          if (entry.isSymbolicLink()) errors.push(linkError(dir, dataDir));
          if (!entry.isDirectory()) continue;
          const listed = await listFiles(dir, dataDir);
          const manifestFile = path.join(dir, 'template.yaml');
          watchFiles.push(manifestFile);
          if (listed.errors.length > 0) {
            errors.push(...listed.errors);
            continue;
          }
          const manifest = await parseDataFile(manifestFile, await schemas(), dataDir);
          if (manifest.errors) {
            errors.push(...manifest.errors);
            continue;
          }
          const filesDir = path.join(dir, 'files');
          const files = {};
          for (const file of listed.files.filter((f) => f.startsWith(filesDir + path.sep))) {
            watchFiles.push(file);
            files[path.relative(filesDir, file).split(path.sep).join('/')] = await readFile(file, 'utf8');
          }
          tree[entry.name] = { manifest: manifest.data, files };
        }
        return errors.length > 0 ? { errors } : { contents: JSON.stringify(tree), loader: 'json', watchFiles, watchDirs: [base] };
      });
    },
  };
}

/**
 * The VS Code API as it is, taken once per node bundle. esbuild compiles `import * as vscode from 'vscode'` of an
 * external CommonJS module to a copy of its exports, a getter per name (242 for the VS Code API): 0.6–1.0 ms as a bundle
 * loads, a third of loading the main one. Here each such import becomes a `require` of one CommonJS module per bundle
 * that returns the API object itself. Type imports are left as they are; any other import of 'vscode' is refused.
 */
function vscodeApiAsIs() {
  const namespaceImport = "import * as vscode from 'vscode';";
  const apiModule = 'vscode-api-as-is';
  return {
    name: apiModule,
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${apiModule}$`) }, () => ({ path: apiModule, namespace: apiModule }));
      build.onLoad({ filter: /.*/, namespace: apiModule }, () => ({ contents: "module.exports = require('vscode');", loader: 'js' }));
      build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const imports = source.split('\n').filter((line) => /\bfrom 'vscode'/.test(line) && !line.startsWith('import type '));
        if (imports.length === 0) return undefined;
        if (imports.some((line) => line !== namespaceImport)) {
          return { errors: [{ text: `${path.relative(root, args.path)}: import the VS Code API as "${namespaceImport}" or with "import type"` }] };
        }
        return { contents: source.replace(namespaceImport, `const vscode = require('${apiModule}');`), loader: 'ts' };
      });
    },
  };
}

/** Options every bundle shares; `production` minifies and leaves out source maps. */
const commonOptions = (production) => ({
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'info',
  plugins: [dataPlugin()],
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
});
const common = commonOptions(production);

/**
 * Bundles of their own beside dist/extension.js, which activation does not load: `lazyBundle('<name>')`
 * (src/lazy/lazyBundle.ts, whose `LazyBundles` lists the same names) requires dist/<name>.js on first use.
 */
export const lazyBundles = {
  templates: 'src/scaffold/templateBundle.ts',
  scaffold: 'src/scaffold/scaffoldBundle.ts',
  portfolio: 'src/portfolio/portfolioBundle.ts',
  roadmapPanel: 'src/roadmapPanel/roadmapPanelBundle.ts',
  evidence: 'src/evidence/evidenceBundle.ts',
  export: 'src/export/exportBundle.ts',
  customRoadmap: 'src/customRoadmap/customRoadmapBundle.ts',
  notes: 'src/notes/notesBundle.ts',
  skillCommands: 'src/roadmapTree/skillCommandsBundle.ts',
  commandArgs: 'src/commands/commandArgsBundle.ts',
  roadmapCore: 'src/roadmapCore/roadmapCoreBundle.ts',
};

/**
 * The extension (node) and the webview (browser) targets; the unit tests build them in production too, to check
 * what activation loads and the size budgets.
 */
export const productTargets = (production) => [
  {
    ...commonOptions(production),
    // The evidence worker is a bundle of its own too, started as `new Worker(dist/evidenceWorker.js)`.
    entryPoints: { extension: 'src/extension.ts', ...lazyBundles, evidenceWorker: 'src/evidence/scanWorker.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [dataPlugin(), vscodeApiAsIs()],
  },
  {
    ...commonOptions(production),
    entryPoints: { 'webview/roadmap': 'src/webview/roadmap/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

const targets = productTargets(production);

/**
 * Raw bytes a production bundle may have (issue 13): what the extension loads at activation, and the roadmap page's
 * script. A feature that does not fit belongs in a lazy bundle (see lazyBundles).
 */
export const sizeBudgets = { 'dist/extension.js': 150 * 1024, 'dist/webview/roadmap.js': 40 * 1024 };

/** A message for each budgeted output of `metafiles` over its budget; none when all fit. */
export function budgetProblems(metafiles) {
  const outputs = Object.assign({}, ...metafiles.map((m) => m.outputs));
  return Object.entries(sizeBudgets).flatMap(([file, budget]) => {
    const bytes = outputs[file]?.bytes;
    if (bytes === undefined) return [`${file}: not built, so its size budget (${budget} bytes) cannot be checked`];
    return bytes > budget ? [`${file} is ${bytes} bytes, over its budget of ${budget} (${(budget / 1024).toFixed(0)} KiB): move what activation does not need into a lazy bundle`] : [];
  });
}

// Tests are built in development mode only; they import src/ directly (so data is validated the same way).
const testTargets = [
  {
    ...common,
    minify: false,
    sourcemap: 'inline',
    entryPoints: ['test/unit/**/*.test.ts', 'test/integration/**/*.ts', 'test/ui/**/*.ts', 'test/installed/**/*.ts', 'test/templates/**/*.ts', 'test/bench/**/*.ts'],
    outdir: 'out/test',
    outbase: 'test',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    external: ['vscode'],
  },
];

/** Drops entry points whose file or glob folder does not exist yet (e.g. a test tier nobody has written). */
async function withExistingEntries(target) {
  const exists = (p) => stat(path.join(root, p)).then(() => true, () => false);
  if (Array.isArray(target.entryPoints)) {
    const kept = [];
    for (const e of target.entryPoints) if (await exists(e.includes('*') ? e.slice(0, e.indexOf('*')) : e)) kept.push(e);
    return kept.length > 0 ? { ...target, entryPoints: kept } : undefined;
  }
  const kept = {};
  for (const [name, e] of Object.entries(target.entryPoints)) if (await exists(e)) kept[name] = e;
  return Object.keys(kept).length > 0 ? { ...target, entryPoints: kept } : undefined;
}

async function main() {
  const wanted = production ? targets : [...targets, ...testTargets];
  const active = (await Promise.all(wanted.map(withExistingEntries))).filter(Boolean);
  if (!watch) {
    await rm(path.join(root, 'dist'), { recursive: true, force: true });
    if (!production) await rm(path.join(root, 'out'), { recursive: true, force: true });
  }
  await writeRoadmapJsonSchema();
  if (watch) {
    const contexts = await Promise.all(active.map((t) => esbuild.context(t)));
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  // Every target reports its own errors before the build fails.
  const results = await Promise.allSettled(active.map((t) => esbuild.build({ ...t, metafile: analyze || production })));
  if (results.some((r) => r.status === 'rejected')) process.exit(1);
  if (production) {
    const problems = budgetProblems(results.slice(0, targets.length).map((r) => r.value.metafile));
    for (const problem of problems) console.error(`size budget: ${problem}`);
    if (problems.length > 0) process.exit(1);
  }
  if (analyze) {
    for (const r of results.slice(0, targets.length)) console.log(await esbuild.analyzeMetafile(r.value.metafile, { verbose: false }));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    // esbuild has already printed its own errors; anything else (schema loading, fs) is printed here.
    if (!error?.errors) console.error(error);
    process.exit(1);
  });
}
