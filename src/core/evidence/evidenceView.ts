/**
 * What the roadmap webview shows of evidence: per skill with evidence, how many files, whether it is suggested, and
 * its strongest proof items (bounded: the page lists a few, the tree has them all). Built by the host, sent with
 * the roadmap state and validated there (src/webview/protocol.ts).
 */
import * as z from 'zod/mini';
import type { SkillStatus } from '../progress/status';
import type { SkillEvidence } from './confidence';
import { isOpenSuggestion, proofLocation, type Dismissals } from './suggestions';

/** Proof items per skill on the page. */
export const maxPageProof = 20;

const text = (max: number) => z.string().check(z.maxLength(max));
const count = z.int().check(z.minimum(0));

const pageProofSchema = z.object({
  folder: text(200),
  path: text(500),
  line: count,
  column: count,
  length: count,
  cell: z.optional(count),
  /** `train.py:12` */
  location: text(600),
  text: text(300),
  explanation: text(300),
});

export const evidenceViewSchema = z.object({
  skills: z.array(z.object({ skillId: text(200), files: count, suggested: z.boolean(), items: z.array(pageProofSchema).check(z.maxLength(maxPageProof)) })).check(z.maxLength(1000)),
  /** Skills no code can show (soft skills, breaking in): the page says so instead of an empty list. */
  noCodeEvidence: z.array(text(200)).check(z.maxLength(1000)),
  /** Why there is no scan (off, virtual workspace), when there is none. */
  off: z.optional(text(300)),
});

export type EvidenceView = z.infer<typeof evidenceViewSchema>;
export type PageProof = z.infer<typeof pageProofSchema>;

export function buildEvidenceView(
  found: Iterable<SkillEvidence>,
  skillIds: readonly string[],
  statusOf: (skillId: string) => SkillStatus,
  dismissals: Dismissals,
  applies: (skillId: string) => boolean,
  off?: string,
): EvidenceView {
  const skills = [...found].map((skill) => ({
    skillId: skill.skillId,
    files: skill.files,
    suggested: isOpenSuggestion(skill, statusOf(skill.skillId), dismissals),
    items: skill.items.slice(0, maxPageProof).map((item) => ({
      folder: item.folder,
      path: item.path.slice(0, 500),
      line: item.line,
      column: item.column,
      length: item.length,
      ...(item.cell === undefined ? {} : { cell: item.cell }),
      location: proofLocation(item).slice(0, 600),
      text: item.text.slice(0, 300),
      explanation: item.explanation.slice(0, 300),
    })),
  }));
  return { skills, noCodeEvidence: skillIds.filter((id) => !applies(id)), ...(off === undefined ? {} : { off }) };
}
