// Types for vsixContents.mjs, which the TypeScript tests import.
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}
export function zipEntries(zip: Buffer): ZipEntry[];
export function readZipEntry(zip: Buffer, name: string): Buffer | undefined;
export function manifestFiles(manifest: object): string[];
export function packageProblems(entryNames: string[], manifest: object): string[];
