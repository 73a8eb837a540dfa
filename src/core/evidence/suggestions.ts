/**
 * What the extension makes of scan results: which skills it suggests (strong evidence, not done, not dismissed),
 * how a dismissal is remembered per workspace (with the kinds of evidence seen, so new kinds suggest again), how
 * proof items read in the UI, and what of them is stored with the progress when the user accepts.
 */
import { maxStoredProof, proofText, type StoredProof } from '../progress/proof';
import type { SkillStatus } from '../progress/status';
import type { EvidenceItem, SkillSummary } from './confidence';
import { signalKinds, type SignalKind } from './vocabulary';

/** Per skill, the kinds of evidence there were when the user dismissed its suggestion (kept in workspaceState). */
export type Dismissals = ReadonlyMap<string, readonly SignalKind[]>;

export function storedDismissals(dismissals: Dismissals): Record<string, SignalKind[]> {
  return Object.fromEntries([...dismissals].map(([id, kinds]) => [id, [...kinds]]));
}

/** Remembers that `summary`'s suggestion was dismissed, with the kinds of evidence it had. */
export function dismiss(dismissals: Dismissals, summary: Pick<SkillSummary, 'skillId' | 'kinds'>): Dismissals {
  const kinds = new Set([...(dismissals.get(summary.skillId) ?? []), ...summary.kinds]);
  return new Map([...dismissals, [summary.skillId, signalKinds.filter((kind) => kinds.has(kind))]]);
}

/** A skill is suggested when its evidence passes the threshold, it is not done or skipped, and not dismissed with these kinds. */
export function isOpenSuggestion(summary: Pick<SkillSummary, 'skillId' | 'kinds' | 'suggested'>, status: SkillStatus, dismissals: Dismissals): boolean {
  if (!summary.suggested || status === 'done' || status === 'skipped') return false;
  const dismissed = dismissals.get(summary.skillId);
  return !dismissed || summary.kinds.some((kind) => !dismissed.includes(kind));
}

export function openSuggestions<T extends SkillSummary>(skills: readonly T[], statusOf: (skillId: string) => SkillStatus, dismissals: Dismissals): T[] {
  return skills.filter((skill) => isOpenSuggestion(skill, statusOf(skill.skillId), dismissals));
}

/** "evidence in 3 files" */
export function evidenceDescription(summary: Pick<SkillSummary, 'files'>): string {
  return `evidence in ${summary.files} file${summary.files === 1 ? '' : 's'}`;
}

/** Where a proof item is, as the user reads it: `src/train.py:12`, or `nb.ipynb cell 2:3` (cells counted from 1). */
export function proofLocation(item: Pick<EvidenceItem, 'path' | 'line' | 'cell'>, withPath = true): string {
  const file = withPath ? item.path : '';
  return item.cell === undefined ? `${file}:${item.line}` : `${file}${withPath ? ' ' : ''}cell ${item.cell + 1}:${item.line}`;
}

/** One proof row: `train.py:12 · import torch` (inside a file group, only the line: `:12 · import torch`). */
export function proofLabel(item: Pick<EvidenceItem, 'path' | 'line' | 'cell' | 'text'>, withPath = true): string {
  return `${proofLocation(item, withPath)} · ${proofText(item.text)}`;
}

/** Proof lists are grouped per file beyond this many items. */
export const groupProofAbove = 8;

export interface ProofGroup<T> {
  readonly folder: string;
  readonly path: string;
  readonly items: readonly T[];
}

/** The items per file, in the order their files first appear (the strongest first). */
export function groupByFile<T extends Pick<EvidenceItem, 'folder' | 'path'>>(items: readonly T[]): ProofGroup<T>[] {
  const groups = new Map<string, { folder: string; path: string; items: T[] }>();
  for (const item of items) {
    const key = `${item.folder}\0${item.path}`;
    const group = groups.get(key) ?? { folder: item.folder, path: item.path, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export interface GitPlace {
  readonly commit?: string;
  readonly remote?: string;
}

/**
 * What is stored when the user accepts a skill's evidence: its strongest items, one per file first (the widest
 * proof), up to `maxStoredProof`, each with the git commit and remote of its folder when known.
 */
export function proofToStore(items: readonly EvidenceItem[], gitOf: (folder: string) => GitPlace | undefined): StoredProof[] {
  const firstPerFile = groupByFile(items).flatMap((group) => group.items.slice(0, 1));
  const rest = items.filter((item) => !firstPerFile.includes(item));
  return [...firstPerFile, ...rest].slice(0, maxStoredProof).map((item) => {
    const git = gitOf(item.folder);
    return {
      folder: item.folder.slice(0, 200),
      path: item.path.slice(0, 500),
      line: Math.max(1, item.line),
      ...(item.cell === undefined ? {} : { cell: item.cell + 1 }),
      rule: item.rule.slice(0, 200),
      text: proofText(item.text),
      ...(git?.commit ? { commit: git.commit.slice(0, 64) } : {}),
      ...(git?.remote ? { remote: git.remote.slice(0, 500) } : {}),
    };
  });
}
