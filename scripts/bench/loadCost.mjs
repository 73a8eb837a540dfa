// Bench section (diagnostic): what loading the main bundle costs in plain Node, the "loading code" part of the
// activation figure without the workbench around it. Each sample is a fresh Node process that compiles the packaged
// dist/extension.js and runs its top level, with `vscode` stubbed and the Node built-ins it requires already loaded
// (the extension host has loaded them long before).
//
//   node scripts/bench.mjs load                       through the bench (the packaged .vsix)
//   node scripts/bench/loadCost.mjs <file.js> [--cpu-prof]   one bundle, e.g. a production dist/extension.js;
//                                                     --cpu-prof writes a profile of one load into the cwd
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { readZipEntry } from '../lib/vsixContents.mjs';
import { makeTempDir } from '../lib/vscodeServer.mjs';
import { benchPackages } from './packages.mjs';
import { summarize } from './report.mjs';

const self = fileURLToPath(import.meta.url);
const samples = 20;

/** Any property of it is another stub, callable and constructible, so top-level `class X extends vscode.Y` works. */
function vscodeStub() {
  return new Proxy(function stub() {}, {
    get: (target, key) => (key === 'prototype' ? target.prototype : vscodeStub()),
    apply: () => vscodeStub(),
    construct: () => vscodeStub(),
  });
}

/**
 * The `vscode` module as a bundle sees it: an object with the real API's top-level names (from @types/vscode), each a
 * stub, so copying its exports (what esbuild's interop does) costs what it does in the extension host.
 */
function vscodeApiStub() {
  const types = readFileSync(createRequire(self).resolve('@types/vscode/index.d.ts'), 'utf8');
  const names = [...types.matchAll(/^\t\texport (?:class|enum|namespace|function|const|let) (\w+)/gm)].map((m) => m[1]);
  return Object.fromEntries(names.map((name) => [name, vscodeStub()]));
}

/** In the child: compiles and evaluates `file` once; returns milliseconds for each step. */
function loadOnce(file) {
  const source = readFileSync(file, 'utf8');
  const requireBeside = createRequire(file);
  for (const [, builtin] of source.matchAll(/require\("(node:[a-z_/]+)"\)/g)) requireBeside(builtin);
  const vscode = vscodeApiStub();
  const load = Module._load;
  Module._load = function (request, ...rest) {
    return request === 'vscode' ? vscode : load.call(this, request, ...rest);
  };
  const started = performance.now();
  const wrapper = vm.compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: file });
  const compiled = performance.now();
  const module = { exports: {} };
  wrapper.call(module.exports, module.exports, requireBeside, module, file, path.dirname(file));
  const evaluated = performance.now();
  if (typeof module.exports.activate !== 'function') throw new Error(`${file} exports no activate()`);
  return { compileMs: compiled - started, evaluateMs: evaluated - compiled };
}

/** Rows of min / median / max over `samples` fresh processes loading `file`. */
export function measureLoad(file, { cpuProfile = false } = {}) {
  const runs = [];
  for (let i = 0; i < samples; i++) {
    const profile = cpuProfile && i === samples - 1 ? ['--cpu-prof', '--cpu-prof-interval', '50'] : [];
    runs.push(JSON.parse(execFileSync(process.execPath, [...profile, self, '--child', file], { encoding: 'utf8' })));
  }
  const row = (metric, values) => {
    const { min, median, max } = summarize(values, metric);
    return { metric, value: `${min.toFixed(1)} / ${median.toFixed(1)} / ${max.toFixed(1)}`, unit: 'ms (min / median / max)' };
  };
  return [
    row('compile dist/extension.js', runs.map((r) => r.compileMs)),
    row('evaluate its top level', runs.map((r) => r.evaluateMs)),
    row('load in all', runs.map((r) => r.compileMs + r.evaluateMs)),
  ];
}

export default {
  name: 'load',
  async run({ log }) {
    const { ours } = await benchPackages();
    const zip = readFileSync(ours.vsix);
    const manifest = JSON.parse(readZipEntry(zip, 'extension/package.json').toString('utf8'));
    const main = readZipEntry(zip, `extension/${manifest.main.replace(/^\.\//, '')}`);
    const { dir, remove } = await makeTempDir('ml-career-bench-load-');
    try {
      const file = path.join(dir, 'extension.js');
      writeFileSync(file, main);
      log(`  ${samples} fresh Node processes load the packaged main bundle`);
      return measureLoad(file);
    } finally {
      await remove();
    }
  },
};

if (process.argv[1] === self) {
  const [flagOrFile, file] = process.argv.slice(2);
  if (flagOrFile === '--child') {
    process.stdout.write(JSON.stringify(loadOnce(path.resolve(file))));
  } else if (flagOrFile) {
    for (const r of measureLoad(path.resolve(flagOrFile), { cpuProfile: process.argv.includes('--cpu-prof') })) console.log(`${r.metric.padEnd(28)} ${r.value} ${r.unit}`);
  } else {
    console.error('usage: node scripts/bench/loadCost.mjs <bundle.js> [--cpu-prof]');
    process.exit(2);
  }
}
