// The evidence scanner's file system over Node's synchronous fs (used in the worker thread and the CLI, never on the
// extension host's thread).
import * as fs from 'node:fs';
import type { EvidenceFs, EvidenceFsEntry } from '../core/evidence/scanner';

function typeOf(entry: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EvidenceFsEntry['type'] {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isFile()) return 'file';
  return entry.isDirectory() ? 'directory' : 'other';
}

export const nodeEvidenceFs: EvidenceFs = {
  readDirectory(path) {
    return fs.readdirSync(path, { withFileTypes: true }).map((entry) => {
      const type = typeOf(entry);
      // Some file systems do not report entry types; lstat answers then.
      if (type !== 'other') return { name: entry.name, type };
      const stat = fs.lstatSync(`${path}/${entry.name}`, { throwIfNoEntry: false });
      return { name: entry.name, type: stat ? typeOf(stat) : 'other' };
    });
  },
  stat(path) {
    const stat = fs.lstatSync(path, { throwIfNoEntry: false });
    return stat ? { type: typeOf(stat), size: stat.size, mtimeMs: stat.mtimeMs } : undefined;
  },
  readFile(path) {
    return fs.readFileSync(path);
  },
};
