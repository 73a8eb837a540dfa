import * as vscode from 'vscode';
import { registerValidatedCommand } from '../commands/validatedCommand';
import { commandArguments, noArguments, quoteId, type CommandArguments } from '../core/commandArgs';
import { commands, skillDetailsScheme } from '../core/ids';
import { skillStatuses, statusCodicons, statusLabels, type SkillStatus } from '../core/progress/status';
import { escapeCodicons, escapeMarkdown, skillMarkdown } from '../core/roadmap/skillMarkdown';
import { filterDescriptions, filterLabels, skillFilters } from '../core/progress/filter';
import type { ResetRecord } from '../core/progress/store';
import { runReportingErrors } from '../log/log';
import type { ProgressService } from '../progress/progressService';
import type { RoadmapTree } from './roadmapTree';

/**
 * The skill, level, filter and reset commands, and the skill details pages. In the skillCommands bundle: extension.ts
 * registers stubs and the details scheme until one of them is used, then gets the details provider from here.
 */
export function registerSkillCommands(context: vscode.ExtensionContext, progress: ProgressService, tree: RoadmapTree, log: vscode.LogOutputChannel): vscode.TextDocumentContentProvider {
  const { store } = progress;
  // The active roadmap changes when a team roadmap loads or the user picks another: look it up on every use.
  const args = commandArguments(() => progress.roadmap);
  const register = <T>(command: string, spec: CommandArguments<T>, handler: (value: T) => unknown): vscode.Disposable =>
    registerValidatedCommand(log, command, spec, handler);

  const pickSkill = async (): Promise<string | undefined> => {
    const picked = await vscode.window.showQuickPick(
      progress.roadmap.skills.map((skill) => ({
        label: escapeCodicons(skill.title),
        description: `$(${statusCodicons[store.status(skill.id)]}) ${statusLabels[store.status(skill.id)]}`,
        detail: escapeCodicons(skill.summary),
        id: skill.id,
      })),
      { title: 'Choose a skill', matchOnDescription: true, matchOnDetail: true },
    );
    return picked?.id;
  };

  const setStatus = async (skillId: string, status: SkillStatus): Promise<void> => {
    const title = progress.roadmap.skill(skillId)?.title ?? progress.roadmap.expectation(skillId)?.expectation.title ?? skillId;
    await runReportingErrors(log, `mark ${title} as ${statusLabels[status].toLowerCase()}`, () => store.setStatus(skillId, status));
  };

  /** Skill ids reaching here are known: validated by the command's schema, or picked from the roadmap. */
  const markAs = (status: SkillStatus) => async (skillId: string | undefined) => {
    const chosen = skillId ?? (await pickSkill());
    if (chosen !== undefined) await setStatus(chosen, status);
  };

  const details = new SkillDetailsProvider(progress);

  context.subscriptions.push(
    details,
    register(commands.setSkillStatus, args.skillAndStatus, async (given) => {
      const skillId = given.skillId ?? (await pickSkill());
      if (skillId === undefined) return;
      const status =
        given.status ??
        (
          await vscode.window.showQuickPick(
            skillStatuses.map((s) => ({ label: `$(${statusCodicons[s]}) ${statusLabels[s]}`, status: s, picked: s === store.status(skillId) })),
            { title: `Status of ${escapeCodicons(progress.roadmap.skill(skillId)?.title ?? skillId)}` },
          )
        )?.status;
      if (status !== undefined) await setStatus(skillId, status);
    }),
    register(commands.markSkillDone, args.oneSkill, markAs('done')),
    register(commands.markSkillLearning, args.oneSkill, markAs('learning')),
    register(commands.markSkillSkipped, args.oneSkill, markAs('skipped')),
    register(commands.markSkillNotStarted, args.oneSkill, markAs('not-started')),
    register(commands.showSkillDetails, args.oneSkill, async (given) => {
      const skillId = given ?? (await pickSkill());
      if (skillId === undefined) return;
      await vscode.commands.executeCommand('markdown.showPreview', details.uriFor(skillId));
    }),
    register(commands.setCurrentLevel, args.oneLevel, async (given) => {
      const levelId =
        given ??
        (
          await vscode.window.showQuickPick(
            progress.roadmap.levels.map((level) => ({
              label: escapeCodicons(level.title),
              description: escapeCodicons(level.years),
              detail: escapeCodicons(level.focus),
              id: level.id,
              picked: level.id === store.currentLevel(),
            })),
            { title: 'Where are you now?', placeHolder: 'Your current level (it sets what "next level" means)' },
          )
        )?.id;
      if (levelId === undefined) return;
      await runReportingErrors(log, 'set your level', () => store.setCurrentLevel(levelId));
    }),
    register(commands.searchSkills, noArguments, async () => {
      const skillId = await pickSkill();
      if (skillId === undefined) return;
      if (tree.provider.filter !== 'all') tree.provider.filter = 'all';
      const node = tree.provider.skillNode(skillId);
      if (node) await tree.view.reveal(node, { select: true, focus: true, expand: true });
    }),
    register(commands.filterRoadmap, args.oneFilter, async (given) => {
      const filter =
        given ??
        (
          await vscode.window.showQuickPick(
            skillFilters.map((f) => ({ label: filterLabels[f], description: filterDescriptions[f], filter: f, picked: f === tree.provider.filter })),
            { title: 'Show which skills?' },
          )
        )?.filter;
      if (filter !== undefined) tree.provider.filter = filter;
    }),
    register(commands.clearRoadmapFilter, noArguments, () => {
      tree.provider.filter = 'all';
    }),
    register(commands.resetProgress, noArguments, async () => {
      const reset = 'Reset Progress';
      const answer = await vscode.window.showWarningMessage(
        'Reset all your ML Career progress?',
        { modal: true, detail: 'Every skill goes back to "not started". You can undo this right afterwards.' },
        reset,
      );
      if (answer !== reset) return;
      let record: ResetRecord | undefined;
      if (!(await runReportingErrors(log, 'reset your progress', async () => void (record = await store.reset())))) return;
      const undo = await vscode.window.showInformationMessage('ML Career: progress reset.', 'Undo');
      if (undo === 'Undo' && record) {
        const toUndo = record;
        await runReportingErrors(log, 'undo the reset', () => store.undoReset(toUndo));
      }
    }),
  );
  return details;
}

class SkillDetailsProvider implements vscode.TextDocumentContentProvider {
  private readonly _onDidChange = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this._onDidChange.event;
  private readonly subscriptions: vscode.Disposable[];
  private readonly open = new Set<string>();

  constructor(private readonly progress: ProgressService) {
    this.subscriptions = [
      progress.onDidChange(() => {
        for (const skillId of this.open) this._onDidChange.fire(this.uriFor(skillId));
      }),
      // Only pages still open need refreshing when progress changes.
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.scheme === skillDetailsScheme) this.open.delete(skillIdOf(doc.uri));
      }),
    ];
  }

  uriFor(skillId: string): vscode.Uri {
    return vscode.Uri.from({ scheme: skillDetailsScheme, path: `/${skillId}.md` });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const skillId = skillIdOf(uri);
    const skill = this.progress.roadmap.skill(skillId);
    if (!skill) return `# Unknown skill\n\nThere is no skill with the id ${escapeMarkdown(quoteId(skillId))}.`;
    this.open.add(skillId);
    return skillMarkdown(this.progress.roadmap, skill, this.progress.store.status(skillId), true);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this._onDidChange.dispose();
  }
}

function skillIdOf(uri: vscode.Uri): string {
  return uri.path.replace(/^\//, '').replace(/\.md$/, '');
}
