import type { EvidenceFs, EvidenceFsEntry } from '../../../src/core/evidence/scanner';

/**
 * An in-memory `EvidenceFs`: files by "/"-separated absolute path; folders are implied by the files under them;
 * `links` maps a path to its target (shown as a symbolic link, never followed by the scanner). Counts reads.
 */
export class MemoryFs implements EvidenceFs {
  readonly files = new Map<string, { bytes: Uint8Array; mtimeMs: number }>();
  readonly links = new Set<string>();
  reads = 0;
  private clock = 1;

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files)) this.write(path, content);
  }

  write(path: string, content: string | Uint8Array): void {
    this.files.set(path, { bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content, mtimeMs: this.clock++ });
  }

  delete(path: string): void {
    for (const key of [...this.files.keys()]) if (key === path || key.startsWith(`${path}/`)) this.files.delete(key);
  }

  readDirectory(path: string): EvidenceFsEntry[] {
    const prefix = `${path}/`;
    const entries = new Map<string, EvidenceFsEntry['type']>();
    for (const key of [...this.files.keys(), ...this.links]) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash < 0 ? rest : rest.slice(0, slash);
      const type = this.links.has(prefix + name) ? 'symlink' : slash < 0 ? 'file' : 'directory';
      entries.set(name, type);
    }
    if (entries.size === 0) throw new Error(`ENOENT: ${path}`);
    return [...entries].map(([name, type]) => ({ name, type }));
  }

  stat(path: string): ReturnType<EvidenceFs['stat']> {
    if (this.links.has(path)) return { type: 'symlink', size: 0, mtimeMs: 0 };
    const file = this.files.get(path);
    if (file) return { type: 'file', size: file.bytes.length, mtimeMs: file.mtimeMs };
    return [...this.files.keys()].some((k) => k.startsWith(`${path}/`)) ? { type: 'directory', size: 0, mtimeMs: 0 } : undefined;
  }

  readFileIf(path: string, wanted: (size: number, mtimeMs: number) => boolean): ReturnType<EvidenceFs['readFileIf']> {
    const file = this.links.has(path) ? undefined : this.files.get(path);
    if (!file) return undefined;
    const stat = { size: file.bytes.length, mtimeMs: file.mtimeMs };
    return wanted(stat.size, stat.mtimeMs) ? { ...stat, bytes: this.readFile(path) } : stat;
  }

  readFile(path: string): Uint8Array {
    const file = this.files.get(path);
    if (!file) throw new Error(`ENOENT: ${path}`);
    this.reads++;
    return file.bytes;
  }
}
