#!/usr/bin/env node
// npm run -s evidence -- <folder> [--json]: bundles src/evidence/cli.ts in memory (data validated by the same
// plugin as the extension's build) and runs it. Build messages go to stderr, so stdout holds only the CLI's output.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';
import { dataPlugin } from '../esbuild.mjs';
import { repoRoot } from './lib/paths.mjs';

let bundle;
try {
  bundle = await esbuild.build({
    entryPoints: [path.join(repoRoot, 'src', 'evidence', 'cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    plugins: [dataPlugin()],
  });
} catch (error) {
  for (const message of error.errors ?? [error]) console.error(message.location ? `${message.location.file}:${message.location.line}: ${message.text}` : String(message.text ?? message));
  process.exit(2);
}
// Output piped into `head` and the like: a closed pipe ends the output quietly.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const module = { exports: {} };
new Function('module', 'exports', 'require', bundle.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
process.exitCode = await module.exports.main(process.argv.slice(2));
