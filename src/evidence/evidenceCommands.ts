import * as vscode from 'vscode';
import { registerValidatedCommand } from '../commands/validatedCommand';
import { commandArguments, noArguments, quoteId } from '../core/commandArgs';
import type { SkillEvidence } from '../core/evidence/confidence';
import { evidenceDescription, openSuggestions, proofLabel, proofToStore, type GitPlace } from '../core/evidence/suggestions';
import { evidenceArguments, type ProofPlace } from '../core/evidence/evidenceArgs';
import { commands } from '../core/ids';
import { runReportingErrors } from '../log/log';
import type { ProgressService } from '../progress/progressService';
import { gitApi } from '../scaffold/gitApi';
import type { EvidenceService } from './evidenceService';

export interface EvidenceCommands {
  /**
   * Fires with the suggested skills' ids, in list order, when the review QuickPick has been asked to show: tests
   * drive the real QuickPick from there (their commands reach the workbench after the QuickPick's own messages).
   */
  readonly onDidShowReview: vscode.Event<readonly string[]>;
}

/** Accept, Dismiss, Review Evidence Suggestions… and Open Evidence. */
export function registerEvidenceCommands(context: vscode.ExtensionContext, evidence: EvidenceService, progress: ProgressService, log: vscode.LogOutputChannel): EvidenceCommands {
  const { oneSkill } = commandArguments(() => progress.roadmap);
  const shown = new vscode.EventEmitter<readonly string[]>();
  const found = (skillId: string): SkillEvidence => {
    const skill = evidence.skills.get(skillId);
    if (!skill) throw new Error(`no evidence of ${quoteId(skillId)} was found in this workspace.`);
    return skill;
  };
  const accept = async (skills: readonly SkillEvidence[]): Promise<void> => {
    const git = await gitPlaces(evidence, skills);
    await progress.store.acceptProof(skills.map((skill) => ({ skillId: skill.skillId, proof: proofToStore(skill.items, (folder) => git.get(folder)) })));
  };
  const review = async (): Promise<void> => {
    const suggestions = openSuggestions([...evidence.skills.values()], (id) => progress.store.status(id), evidence.dismissals);
    if (suggestions.length === 0) {
      void vscode.window.showInformationMessage(evidence.scanning ? 'ML Career: still looking for evidence in your code…' : 'ML Career: no open evidence suggestions.');
      return;
    }
    const picks = suggestions.map((skill) => ({
      label: progress.roadmap.skill(skill.skillId)?.title ?? skill.skillId,
      description: evidenceDescription(skill),
      detail: skill.items.slice(0, 3).map((item) => proofLabel(item)).join('   '),
      skill,
    }));
    const chosen = await pickMany(picks, shown, { title: 'Evidence Suggestions', placeholder: 'Skills to mark as done, with this proof kept with your progress' });
    if (!chosen || chosen.length === 0) return;
    await runReportingErrors(log, 'accept the evidence', () => accept(chosen.map((pick) => pick.skill)));
  };
  context.subscriptions.push(
    registerValidatedCommand(log, commands.acceptEvidence, oneSkill, async (skillId) => {
      if (skillId === undefined) return review();
      await runReportingErrors(log, 'accept the evidence', () => accept([found(skillId)]));
    }),
    registerValidatedCommand(log, commands.dismissEvidence, oneSkill, async (skillId) => {
      if (skillId === undefined) return review();
      await runReportingErrors(log, 'dismiss the suggestion', () => evidence.dismiss(found(skillId)));
    }),
    registerValidatedCommand(log, commands.reviewEvidenceSuggestions, noArguments, review),
    registerValidatedCommand(log, commands.openEvidence, evidenceArguments.place, (place) => runReportingErrors(log, 'open the evidence', () => openProof(evidence, progress, place))),
    shown,
  );
  return { onDidShowReview: shown.event };
}

/**
 * A multi-select QuickPick with every item checked; resolves with the checked items on accept, undefined when
 * dismissed. `shown` fires with the items' skill ids once it is shown.
 */
function pickMany<T extends vscode.QuickPickItem & { skill: SkillEvidence }>(items: readonly T[], shown: vscode.EventEmitter<readonly string[]>, { title, placeholder }: { title: string; placeholder: string }): Promise<readonly T[] | undefined> {
  const quickPick = vscode.window.createQuickPick<T>();
  quickPick.title = title;
  quickPick.placeholder = placeholder;
  quickPick.canSelectMany = true;
  quickPick.matchOnDetail = true;
  quickPick.items = items;
  quickPick.selectedItems = items;
  return new Promise((resolve) => {
    let result: readonly T[] | undefined;
    quickPick.onDidAccept(() => {
      result = quickPick.selectedItems;
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve(result);
    });
    quickPick.show();
    shown.fire(items.map((item) => item.skill.skillId));
  });
}

/** Opens a proof's file at its line, only when the proof is in the current results or the accepted proof. */
async function openProof(evidence: EvidenceService, progress: ProgressService, place: ProofPlace): Promise<void> {
  const known =
    [...evidence.skills.values()].some((skill) => skill.items.some((item) => item.folder === place.folder && item.path === place.path)) ||
    progress.roadmap.skills.some((skill) => progress.store.proof(skill.id).some((proof) => proof.folder === place.folder && proof.path === place.path));
  const uri = known ? await existingFile(evidence, place) : undefined;
  if (!uri) throw new Error(`${place.folder}/${place.path.slice(0, 200)} is not evidence found in this workspace.`);
  const line = Math.max(0, place.line - 1);
  const start = new vscode.Position(line, place.column ?? 0);
  const selection = new vscode.Range(start, start.translate(0, place.length ?? 0));
  if (place.cell !== undefined || place.path.endsWith('.ipynb')) {
    const notebook = await vscode.workspace.openNotebookDocument(uri);
    const cellIndex = Math.min(place.cell ?? 0, Math.max(0, notebook.cellCount - 1));
    await vscode.window.showNotebookDocument(notebook, { selections: [new vscode.NotebookRange(cellIndex, cellIndex + 1)] });
    return;
  }
  await vscode.window.showTextDocument(uri, { selection });
}

/** The file of a proof place: in its folder, or for proof stored under a name several folders now share, the first of them that holds it. */
export async function existingFile(evidence: EvidenceService, place: { folder: string; path: string }): Promise<vscode.Uri | undefined> {
  for (const folder of evidence.folderUris(place.folder)) {
    const uri = vscode.Uri.joinPath(folder, ...place.path.split('/'));
    if (await vscode.workspace.fs.stat(uri).then(() => true, () => false)) return uri;
  }
  return undefined;
}

/** The commit and remote of each folder the proof comes from, through the built-in git extension (none without it). */
async function gitPlaces(evidence: EvidenceService, skills: readonly SkillEvidence[]): Promise<Map<string, GitPlace>> {
  const places = new Map<string, GitPlace>();
  const api = await gitApi().catch(() => undefined);
  if (!api) return places;
  for (const name of new Set(skills.flatMap((skill) => skill.items.map((item) => item.folder)))) {
    const folder = evidence.folderUri(name);
    const repository = folder && api.getRepository(folder);
    if (!repository) continue;
    const remote = repository.state.remotes.find((r) => r.name === 'origin') ?? repository.state.remotes[0];
    const url = remote?.fetchUrl ?? remote?.pushUrl;
    const commit = repository.state.HEAD?.commit;
    places.set(name, { ...(commit ? { commit } : {}), ...(url ? { remote: url } : {}) });
  }
  return places;
}
