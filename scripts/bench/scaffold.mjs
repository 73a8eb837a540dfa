// Bench section: time to scaffold each portfolio template (plan + atomic write, without git), in ms.
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../lib/paths.mjs';

export default {
  name: 'scaffold',
  async run() {
    // Built by esbuild.mjs from test/bench/scaffold.ts (the TypeScript core and the embedded templates).
    const require = createRequire(import.meta.url);
    const { benchScaffold } = require(path.join(repoRoot, 'out', 'test', 'bench', 'scaffold.js'));
    return benchScaffold();
  },
};
