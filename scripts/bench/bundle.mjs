// Bench section: production bundle sizes, raw and gzipped.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../lib/paths.mjs';

export default {
  name: 'bundle',
  async run() {
    execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: repoRoot, stdio: 'ignore' });
    const dist = path.join(repoRoot, 'dist');
    const files = ['extension.js'];
    try {
      files.push(...readdirSync(path.join(dist, 'webview')).filter((f) => f.endsWith('.js')).map((f) => `webview/${f}`));
    } catch {
      /* no webview bundle yet */
    }
    return files.flatMap((f) => {
      const buf = readFileSync(path.join(dist, f));
      return [
        { metric: `dist/${f} raw`, value: (buf.length / 1024).toFixed(1), unit: 'KiB' },
        { metric: `dist/${f} gzip`, value: (gzipSync(buf, { level: 9 }).length / 1024).toFixed(1), unit: 'KiB' },
      ];
    });
  },
};
