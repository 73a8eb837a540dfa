// The evidence scanner's file system over Node's synchronous fs (used in the worker thread and the CLI, never on the
// extension host's thread).
import * as fs from 'node:fs';
import type { EvidenceFs, EvidenceFsEntry } from '../core/evidence/scanner';

function typeOf(entry: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EvidenceFsEntry['type'] {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isFile()) return 'file';
  return entry.isDirectory() ? 'directory' : 'other';
}

// O_NOFOLLOW: a link swapped in after readdir is not followed; O_NONBLOCK: a FIFO never blocks the open.
const openFlags = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

/**
 * One buffer for every read up to 1 MiB (`readFileIf`'s bytes last until the next call): no allocation per file. A
 * larger file (a notebook) gets its own, so the shared one never holds more than that.
 */
const maxSharedBytes = 1024 * 1024;
let readBuffer = Buffer.allocUnsafe(64 * 1024);

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
  readFileIf(path, wanted) {
    let fd: number;
    try {
      fd = fs.openSync(path, openFlags);
    } catch {
      return undefined;
    }
    try {
      const stat = fs.fstatSync(fd);
      if (!stat.isFile()) return undefined;
      const { size, mtimeMs } = stat;
      if (!wanted(size, mtimeMs)) return { size, mtimeMs };
      if (readBuffer.length < size && size <= maxSharedBytes) readBuffer = Buffer.allocUnsafe(Math.min(maxSharedBytes, Math.max(size, 2 * readBuffer.length)));
      const bytes = size <= readBuffer.length ? readBuffer : Buffer.allocUnsafe(size);
      let length = 0;
      for (let n = 1; n > 0 && length < size; length += n) n = fs.readSync(fd, bytes, length, size - length, length);
      return { size, mtimeMs, bytes: bytes.subarray(0, length) };
    } catch {
      return undefined;
    } finally {
      fs.closeSync(fd);
    }
  },
};
