/**
 * What the roadmap webview shows of evidence: per skill with evidence, how many files, whether it is suggested, and
 * its strongest proof items (bounded: the page lists a few, the tree has them all), then its accepted proof whose
 * file is gone (`stale`: kept with the progress, shown as such, never opened; a skill with only those has 0 files).
 * Built by the host, sent with the roadmap state and validated there (src/webview/protocol.ts).
 */
import * as z from 'zod/mini';

/** Proof items per skill on the page. */
export const maxPageProof = 20;

const text = (max: number) => z.string().check(z.maxLength(max));
// An integer ≥ 0; multipleOf(1) rather than z.int(), which would add 800 bytes to the webview bundle (protocol.ts).
const count = z.number().check(z.multipleOf(1), z.minimum(0));

const pageProofSchema = z.object({
  folder: text(200),
  path: text(500),
  line: count,
  column: count,
  length: count,
  /** 0-based notebook cell, null outside notebooks (null, not optional: the page's schema then needs no z.optional). */
  cell: z.nullable(count),
  /** `train.py:12` */
  location: text(600),
  text: text(300),
  explanation: text(300),
  stale: z.boolean(),
});

export const evidenceViewSchema = z.object({
  skills: z.array(z.object({ skillId: text(200), files: count, suggested: z.boolean(), items: z.array(pageProofSchema).check(z.maxLength(maxPageProof)) })).check(z.maxLength(1000)),
  /** Skills no code can show (soft skills, breaking in): the page says so instead of an empty list. */
  noCodeEvidence: z.array(text(200)).check(z.maxLength(1000)),
  /** Why there is no scan (off, virtual workspace), null when there is one. */
  off: z.nullable(text(300)),
});

export type EvidenceView = z.infer<typeof evidenceViewSchema>;
export type PageProof = z.infer<typeof pageProofSchema>;
