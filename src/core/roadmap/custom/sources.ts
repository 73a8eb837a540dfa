import * as path from 'node:path';

/** Where a workspace folder keeps its team's roadmap. */
export const workspaceRoadmapPath = ['.ml-career', 'roadmap.yaml'] as const;

/** A file that may hold a roadmap: inside a workspace folder (by index), or a path on disk. */
export type RoadmapCandidate =
  | { readonly origin: 'workspace' | 'setting'; readonly folder: number; readonly relativePath: string }
  | { readonly origin: 'setting'; readonly absolutePath: string };

export interface RoadmapCandidates {
  readonly candidates: readonly RoadmapCandidate[];
  /** Setting entries that were left out, and why. */
  readonly skipped: readonly string[];
}

/**
 * The files to look at for roadmaps. A workspace is someone else's content until trusted: its
 * `.ml-career/roadmap.yaml` and paths of the setting relative to it are left out until then. `~/` and absolute
 * paths of the setting (the user's own files) count always. Workspace roadmaps come first.
 */
export function roadmapCandidates(input: { trusted: boolean; folderCount: number; setting: unknown; homeDir: string }): RoadmapCandidates {
  const candidates: RoadmapCandidate[] = [];
  const skipped: string[] = [];
  const folders = Array.from({ length: input.folderCount }, (_, folder) => folder);
  if (input.trusted) for (const folder of folders) candidates.push({ origin: 'workspace', folder, relativePath: workspaceRoadmapPath.join('/') });
  for (const entry of Array.isArray(input.setting) ? (input.setting as unknown[]) : []) {
    const written = typeof entry === 'string' ? entry.trim() : '';
    if (written === '') continue;
    if (written === '~' || written.startsWith('~/')) candidates.push({ origin: 'setting', absolutePath: path.join(input.homeDir, written.slice(1)) });
    else if (path.isAbsolute(written)) candidates.push({ origin: 'setting', absolutePath: written });
    else if (!input.trusted) skipped.push(`"${written}" is relative to the workspace, which is not trusted yet`);
    else if (input.folderCount === 0) skipped.push(`"${written}" is relative, and no folder is open to resolve it against`);
    else for (const folder of folders) candidates.push({ origin: 'setting', folder, relativePath: written });
  }
  return { candidates, skipped };
}
