import { int, optional, string, strictObject, type Checker } from './storedValue';

/**
 * Proof kept with a skill's progress when the user accepts evidence from their code (synced with the rest): where
 * it was found and what the line said, plus the commit and remote when the folder is a git repository, so a later
 * export can link to it. Bounded in count and size: progress is synced, and Settings Sync limits what it carries.
 */
export const maxStoredProof = 10;
export const maxProofTextLength = 160;
const maxPathLength = 500;

export interface StoredProof {
  /** The workspace folder's name (multi-root). */
  folder: string;
  /** Relative to the folder, "/"-separated. */
  path: string;
  /** 1-based; in a notebook, the line within `cell`. */
  line: number;
  /** 1-based code cell of a notebook. */
  cell?: number;
  rule: string;
  /** The matched line, trimmed and cut to `maxProofTextLength`. */
  text: string;
  commit?: string;
  remote?: string;
}

export const checkStoredProof: Checker<StoredProof> = strictObject({
  folder: string({ max: 200 }),
  path: string({ min: 1, max: maxPathLength }),
  line: int(1),
  cell: optional(int(1)),
  rule: string({ min: 1, max: 200 }),
  text: string({ max: maxProofTextLength }),
  commit: optional(string({ max: 64 })),
  remote: optional(string({ max: maxPathLength })),
});

const key = (proof: readonly StoredProof[] | undefined): string => (proof ? JSON.stringify(proof.map(canonical)) : '');

/** Same fields in a fixed order, so equal proof serialises equally whatever order its object was built in. */
function canonical(p: StoredProof): unknown[] {
  return [p.folder, p.path, p.line, p.cell ?? null, p.rule, p.text, p.commit ?? null, p.remote ?? null];
}

export function proofEqual(a: readonly StoredProof[] | undefined, b: readonly StoredProof[] | undefined): boolean {
  return a === b || key(a) === key(b);
}

/** A total order on proof lists (none first), so a merge of two equally dated entries picks the same one everywhere. */
export function proofOrder(a: readonly StoredProof[] | undefined, b: readonly StoredProof[] | undefined): number {
  const ka = key(a);
  const kb = key(b);
  return ka === kb ? 0 : ka > kb ? 1 : -1;
}

/** A line of code as proof shows it: trimmed, whitespace runs collapsed, cut with an ellipsis. */
export function proofText(line: string): string {
  const text = line.trim().replace(/\s+/g, ' ');
  return text.length > maxProofTextLength ? `${text.slice(0, maxProofTextLength - 1)}…` : text;
}
