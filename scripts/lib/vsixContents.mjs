// What a .vsix holds, and what must (not) be in it. Pure: no file system, no import.meta, so the unit tests
// import it directly. A .vsix is a zip; this reads its central directory (names, sizes) and inflates an entry,
// which is all the checks need (no zip library, no `unzip` package on the machine).
import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/**
 * The entries of a zip archive, in central-directory order.
 * @param {Buffer} zip
 * @returns {{name: string, method: number, compressedSize: number, size: number, localHeaderOffset: number}[]}
 */
export function zipEntries(zip) {
  // The end record is in the last 22 bytes plus a comment of at most 65535 bytes.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip archive: no end-of-central-directory record');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL_FILE_HEADER) throw new Error(`corrupt zip archive: central directory entry ${i} at byte ${at} has a bad signature`);
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localHeaderOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** The content of the entry called `name` (stored or deflated), or undefined when the archive has none. */
export function readZipEntry(zip, name) {
  const entry = zipEntries(zip).find((e) => e.name === name);
  if (!entry) return undefined;
  const at = entry.localHeaderOffset;
  if (zip.readUInt32LE(at) !== LOCAL_FILE_HEADER) throw new Error(`corrupt zip archive: ${name} has no local header at byte ${at}`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`${name} uses zip compression method ${entry.method}, which this reader does not support`);
}

/** Files that have no place in what users install, with the reason shown when one turns up. */
const forbidden = [
  { test: (f) => /^src\//.test(f), why: 'source code (the bundle in dist/ is what runs)' },
  { test: (f) => /\.tsx?$/.test(f) || /\.[cm]ts$/.test(f), why: 'a TypeScript source' },
  { test: (f) => /(?:^|\/)tests?\//.test(f) || /\.test\.[cm]?js$/.test(f), why: 'a test' },
  { test: (f) => /(?:^|\/)fixtures?\//.test(f), why: 'a test fixture' },
  { test: (f) => f.endsWith('.map'), why: 'a source map' },
  { test: (f) => /^(?:out|node_modules|scripts|\.vscode-test|\.ci|dist-vsix|bench-results|test-results)\//.test(f), why: 'a development folder' },
  { test: (f) => f.endsWith('.vsix'), why: 'a package inside the package' },
];

/** Keys whose string values under `contributes` name a file of the extension (icons, walkthrough media, grammars…). */
// `url`: yamlValidation and jsonValidation point at a schema file shipped in the package.
const fileKeys = new Set(['icon', 'image', 'markdown', 'svg', 'path', 'url']);

/** A value that names a file in the package: not a codicon (`$(name)`) and not a URL. */
const isFileReference = (value) => typeof value === 'string' && !value.startsWith('$(') && !/^[a-z][\w+.-]*:/i.test(value);

/** Every file `manifest` (package.json) names: main, browser, icon, and the files its contributions point at. */
export function manifestFiles(manifest) {
  const files = new Set([manifest.main, manifest.browser, manifest.icon].filter(isFileReference));
  const visit = (value, key) => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, key);
    } else if (value && typeof value === 'object') {
      // Themed forms ({light, dark}) keep the key of the object they stand for.
      for (const [k, v] of Object.entries(value)) visit(v, fileKeys.has(key) ? key : k);
    } else if (fileKeys.has(key) && isFileReference(value)) {
      files.add(value);
    }
  };
  visit(manifest.contributes ?? {}, undefined);
  return [...files].map((f) => f.replace(/^\.\//, '')).sort();
}

/**
 * What is wrong with a package: files that must not ship and files the manifest names that are missing.
 * @param {string[]} entryNames the archive's entry names (`extension/...` for the extension's files)
 * @param {object} manifest the packaged package.json
 * @returns {string[]} one message per problem; none means the package is sound
 */
export function packageProblems(entryNames, manifest) {
  const prefix = 'extension/';
  const files = entryNames.filter((n) => n.startsWith(prefix) && !n.endsWith('/')).map((n) => n.slice(prefix.length));
  const present = new Set(files);
  const problems = [];
  for (const file of files) {
    const rule = forbidden.find((r) => r.test(file));
    if (rule) problems.push(`${file} is in the package but is ${rule.why}; exclude it in .vscodeignore`);
  }
  for (const file of manifestFiles(manifest)) {
    if (!present.has(file)) problems.push(`${file} is named in package.json but missing from the package; allow it in .vscodeignore`);
  }
  return problems;
}
