import type { Checklist } from '../portfolio/checklist';
import { mlTestScore, otherChecks, scoreBand } from '../portfolio/mlTestScore';
import type { ProjectReadiness } from './exportSource';

/**
 * A project's deploy-readiness for the exports. Apart from the formats because it needs the checklist code (and
 * markdown-it), which the extension bundle has anyway and the export bundle then does without.
 */
export function projectReadiness(name: string, checklist: Checklist): ProjectReadiness {
  const score = mlTestScore(checklist);
  const other = otherChecks(checklist);
  return { name, mlTestScore: score.final, weakest: score.weakest, band: scoreBand(score.final), otherDone: other.done, otherTotal: other.total };
}
