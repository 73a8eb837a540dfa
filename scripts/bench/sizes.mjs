// Bench section: what users download and what the extension host and the webview load, read from the packaged
// .vsix itself (the production build that ships, not the development build in dist/).
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { packageProblems, readZipEntry, zipEntries } from '../lib/vsixContents.mjs';
import { benchPackages } from './packages.mjs';

const KiB = 1024;
const gzipKiB = (buffers) => buffers.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0) / KiB;
const rawKiB = (buffers) => buffers.reduce((sum, b) => sum + b.length, 0) / KiB;

export default {
  name: 'sizes',
  async run({ log }) {
    const { ours } = await benchPackages();
    const zip = readFileSync(ours.vsix);
    const names = zipEntries(zip).map((e) => e.name);
    const manifest = JSON.parse(readZipEntry(zip, 'extension/package.json').toString('utf8'));
    // Bench code (fixtures, test/bench) must never ship; the same check as the installed tier's.
    const problems = packageProblems(names, manifest);
    if (problems.length > 0) throw new Error(`the package is unsound:\n${problems.join('\n')}`);
    const mainName = `extension/${manifest.main.replace(/^\.\//, '')}`;
    const main = readZipEntry(zip, mainName);
    if (!main) throw new Error(`${mainName} (package.json "main") is not in ${ours.vsix}`);
    const webviewNames = names.filter((n) => n.startsWith('extension/dist/webview/') && n.endsWith('.js'));
    if (webviewNames.length === 0) throw new Error(`no webview script under extension/dist/webview/ in ${ours.vsix}`);
    const webview = webviewNames.map((n) => readZipEntry(zip, n));
    log(`  main: ${mainName}; webview: ${webviewNames.join(', ')}`);
    return {
      figures: [
        { name: 'Main bundle, raw', unit: 'KiB', ours: [rawKiB([main])], target: { kind: 'atMost', max: 150 } },
        { name: 'Main bundle, gzip', unit: 'KiB', ours: [gzipKiB([main])], target: { kind: 'none' } },
        { name: 'Webview bundle, raw', unit: 'KiB', ours: [rawKiB(webview)], target: { kind: 'atMost', max: 40 } },
        { name: 'Webview bundle, gzip', unit: 'KiB', ours: [gzipKiB(webview)], target: { kind: 'none' } },
        { name: '.vsix', unit: 'KiB', ours: [statSync(ours.vsix).size / KiB], target: { kind: 'none' } },
      ],
    };
  },
};
