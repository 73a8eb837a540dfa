import type * as vscode from 'vscode';
import { evidenceApplies } from '../core/evidence/bundledRules';
import type { EvidenceView } from '../core/evidence/evidenceView';
import { buildEvidenceView } from '../core/evidence/pageView';
import type { ProgressService } from '../progress/progressService';
import type { RoadmapTree } from '../roadmapTree/roadmapTree';
import { registerEvidenceCommands } from './evidenceCommands';
import { evidenceOffMessages, registerEvidence, type EvidenceService } from './evidenceService';
import { EvidenceTreeHook } from './evidenceTree';

export interface EvidenceUi {
  readonly service: EvidenceService;
  readonly tree: EvidenceTreeHook;
  /** Fires when the review QuickPick shows its suggestions (skill ids in list order). */
  readonly onDidShowReview: vscode.Event<readonly string[]>;
  /** What the roadmap page shows of evidence now. */
  pageView(): EvidenceView;
}

/** Evidence from the user's code: the scanning service, its rows in the Roadmap view, the view badge and the commands. */
export function registerEvidenceUi(context: vscode.ExtensionContext, progress: ProgressService, roadmapTree: RoadmapTree, log: vscode.LogOutputChannel): EvidenceUi {
  const service = registerEvidence(context, log);
  const tree = new EvidenceTreeHook(service, progress);
  const { provider, view } = roadmapTree;
  provider.attachEvidence(tree);
  const update = (): void => {
    const count = tree.suggestionCount();
    view.badge = count > 0 ? { value: count, tooltip: `${count} skill${count === 1 ? '' : 's'} with evidence found in your code` } : undefined;
    view.message = tree.message();
  };
  context.subscriptions.push(
    tree,
    tree.onDidChange((skillIds) => {
      provider.refreshSkills(skillIds);
      update();
    }),
    service.onDidChange(update),
    progress.onDidChange(update),
  );
  const { onDidShowReview } = registerEvidenceCommands(context, service, progress, log);
  const pageView = (): EvidenceView =>
    buildEvidenceView(
      service.skills.values(),
      progress.roadmap.skills.map((skill) => skill.id),
      (id) => progress.store.status(id),
      service.dismissals,
      evidenceApplies,
      service.off && service.off !== 'no-folder' ? evidenceOffMessages[service.off] : undefined,
      tree.staleProof(),
    );
  return { service, tree, onDidShowReview, pageView };
}
