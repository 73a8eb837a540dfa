// Bench section: the cost of picking up progress from storage (the focused window's 2-second refresh).
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../lib/paths.mjs';

export default {
  name: 'progress',
  async run() {
    // Built by esbuild.mjs from test/bench/progress.ts.
    const require = createRequire(import.meta.url);
    const { benchProgress } = require(path.join(repoRoot, 'out', 'test', 'bench', 'progress.js'));
    return benchProgress();
  },
};
