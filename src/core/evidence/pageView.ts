import type { StoredProof } from '../progress/proof';
import type { SkillStatus } from '../progress/status';
import type { SkillEvidence } from './confidence';
import { maxPageProof, type EvidenceView } from './evidenceView';
import { isOpenSuggestion, proofLocation, type Dismissals } from './suggestions';

/**
 * The page's evidence from the scan's results, with each skill's accepted proof whose file is gone (`stale`) after its
 * found items. Apart from the schema (evidenceView.ts), which the webview bundle imports and which must not bring the
 * suggestion rules along.
 */
export function buildEvidenceView(
  found: Iterable<SkillEvidence>,
  skillIds: readonly string[],
  statusOf: (skillId: string) => SkillStatus,
  dismissals: Dismissals,
  applies: (skillId: string) => boolean,
  off?: string,
  stale: ReadonlyMap<string, readonly StoredProof[]> = new Map(),
): EvidenceView {
  const pageItem = (item: { folder: string; path: string; line: number; column: number; length: number; cell?: number; text: string; explanation: string }, isStale: boolean) => ({
    folder: item.folder,
    path: item.path.slice(0, 500),
    line: item.line,
    column: item.column,
    length: item.length,
    cell: item.cell ?? null,
    location: proofLocation(item).slice(0, 600),
    text: item.text.slice(0, 300),
    explanation: item.explanation.slice(0, 300),
    stale: isStale,
  });
  const staleItems = (skillId: string) =>
    (stale.get(skillId) ?? []).slice(0, maxPageProof).map((proof) =>
      // Stored proof counts cells from 1, page items from 0.
      pageItem({ ...proof, column: 0, length: 0, cell: proof.cell === undefined ? undefined : proof.cell - 1, explanation: 'Accepted as proof; the file is no longer in the workspace, the proof is kept.' }, true),
    );
  const skills = [...found].map((skill) => {
    const gone = staleItems(skill.skillId);
    return {
      skillId: skill.skillId,
      files: skill.files,
      suggested: isOpenSuggestion(skill, statusOf(skill.skillId), dismissals),
      items: [...skill.items.slice(0, maxPageProof - gone.length).map((item) => pageItem(item, false)), ...gone],
    };
  });
  // Skills with only stale proof: no files found, nothing suggested.
  for (const skillId of stale.keys()) {
    if (!skills.some((skill) => skill.skillId === skillId)) skills.push({ skillId, files: 0, suggested: false, items: staleItems(skillId) });
  }
  return { skills, noCodeEvidence: skillIds.filter((id) => !applies(id)), off: off ?? null };
}
