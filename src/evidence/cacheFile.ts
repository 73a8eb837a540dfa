// The scan cache on disk, read and written by the evidence worker itself: the cache holds every finding of the
// workspace, and cloning, validating and serialising it on the extension host's thread would block that thread for as
// long as the cache is large.
import * as fs from 'node:fs';
import path from 'node:path';
import type { SerializedEvidenceCache } from '../core/evidence/scanner';
import { evidenceCacheSchema } from '../core/evidence/workerProtocol';

/** The cache in `file`; undefined when there is none or it is unreadable or malformed (the scan then reads every file). */
export function readCacheFile(file: string): SerializedEvidenceCache | undefined {
  try {
    const parsed = evidenceCacheSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the cache beside `file` and renames it into place, so a reader never sees half a cache. Throws when it cannot. */
export function writeCacheFile(file: string, cache: SerializedEvidenceCache): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const staged = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(staged, JSON.stringify(cache));
    fs.renameSync(staged, file);
  } finally {
    fs.rmSync(staged, { force: true });
  }
}
