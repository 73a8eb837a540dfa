/**
 * How evidence names a workspace folder: proof items, stored proof, the scan cache and the scanner's folders all
 * carry a folder *key*. A folder whose name no other open folder has is keyed by its name, as before multi-root keys
 * (so proof stored then, and proof synced from another machine, still finds its folder). Folders sharing a name are
 * keyed by the name plus a short hash of their URI ("app #1a2b3c4d"): stable across reloads and reordering, and
 * different for each.
 *
 * `resolveFolderKey(key, folders)` lists the folders a stored key may mean: the folder with that key; else, for a
 * bare name stored before the name was shared, every folder of that name in workspace order (the caller picks the
 * one holding the file); else, for a hashed key from a window where the name was shared, the folders of its name.
 */

export interface KeyedFolder {
  readonly name: string;
  /** The folder's URI as a string (`vscode.Uri#toString()`). */
  readonly uri: string;
}

const hashSeparator = ' #';

/** FNV-1a, 32 bits, as 8 hex digits. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/** The key of each folder (by URI), unique among `folders` whatever their names and order. */
export function folderKeys(folders: readonly KeyedFolder[]): Map<string, string> {
  const named = new Map<string, number>();
  for (const folder of folders) named.set(folder.name, (named.get(folder.name) ?? 0) + 1);
  const keys = new Map<string, string>();
  const taken = new Set(folders.filter((folder) => named.get(folder.name) === 1).map((folder) => folder.name));
  for (const folder of folders) {
    if (named.get(folder.name) === 1) {
      keys.set(folder.uri, folder.name);
      continue;
    }
    // A hash collision, or a folder literally named like another's key, takes the next free suffix.
    let key = `${folder.name}${hashSeparator}${shortHash(folder.uri)}`;
    for (let n = 2; taken.has(key); n++) key = `${folder.name}${hashSeparator}${shortHash(folder.uri)}-${n}`;
    taken.add(key);
    keys.set(folder.uri, key);
  }
  return keys;
}

/** The folders a stored key may mean, best first (see the module comment). */
export function resolveFolderKey<F extends KeyedFolder>(key: string, folders: readonly F[]): F[] {
  const keys = folderKeys(folders);
  const exact = folders.filter((folder) => keys.get(folder.uri) === key);
  if (exact.length > 0) return exact;
  const separator = key.lastIndexOf(hashSeparator);
  const name = separator < 0 || folders.some((folder) => folder.name === key) ? key : key.slice(0, separator);
  return folders.filter((folder) => folder.name === name);
}
