import type { SkillStatus } from '../progress/status';
import type { SkillEvidence } from './confidence';
import { maxPageProof, type EvidenceView } from './evidenceView';
import { isOpenSuggestion, proofLocation, type Dismissals } from './suggestions';

/**
 * The page's evidence from the scan's results. Apart from the schema (evidenceView.ts), which the webview bundle
 * imports and which must not bring the suggestion rules along.
 */
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
      cell: item.cell ?? null,
      location: proofLocation(item).slice(0, 600),
      text: item.text.slice(0, 300),
      explanation: item.explanation.slice(0, 300),
    })),
  }));
  return { skills, noCodeEvidence: skillIds.filter((id) => !applies(id)), off: off ?? null };
}
