import * as vscode from 'vscode';
import { commands } from '../core/ids';
import { isSkillStatus, skillStatuses, statusCodicons, statusLabels, type SkillStatus } from '../core/progress/status';
import { skillMarkdown } from '../core/roadmap/skillMarkdown';
import { filterDescriptions, filterLabels, skillFilters, type SkillFilter } from '../core/progress/filter';
import type { TreeNode } from '../core/roadmapTree/treeModel';
import type { ResetRecord } from '../core/progress/store';
import { runReportingErrors } from '../log/log';
import type { ProgressService } from '../progress/progressService';
import type { RoadmapTree } from './roadmapTree';

/** Virtual documents for the skill details page, rendered by VS Code's Markdown preview. */
const detailsScheme = 'ml-career-skill';

/** Commands take a skill id (palette, other extensions, tests) or a tree node (menus, inline actions). */
type SkillArgument = string | TreeNode | undefined;

export function registerSkillCommands(context: vscode.ExtensionContext, progress: ProgressService, tree: RoadmapTree, log: vscode.LogOutputChannel): void {
  const { store, roadmap } = progress;

  const resolveSkill = async (arg: SkillArgument): Promise<string | undefined> => {
    if (typeof arg === 'object' && arg.kind === 'skill') return arg.skill.id;
    if (typeof arg === 'string') {
      const id = roadmap.canonicalId(arg);
      if (id === undefined) void vscode.window.showErrorMessage(`ML Career: there is no skill with the id "${arg}".`);
      return id;
    }
    const picked = await vscode.window.showQuickPick(
      roadmap.skills.map((skill) => ({
        label: skill.title,
        description: `$(${statusCodicons[store.status(skill.id)]}) ${statusLabels[store.status(skill.id)]}`,
        detail: skill.summary,
        id: skill.id,
      })),
      { title: 'Choose a skill', matchOnDescription: true, matchOnDetail: true },
    );
    return picked?.id;
  };

  const setStatus = async (skillId: string, status: SkillStatus): Promise<void> => {
    await runReportingErrors(log, `mark ${roadmap.skill(skillId)?.title ?? skillId} as ${statusLabels[status].toLowerCase()}`, () => store.setStatus(skillId, status));
  };

  const markAs = (status: SkillStatus) => async (arg: SkillArgument) => {
    const skillId = await resolveSkill(arg);
    if (skillId !== undefined) await setStatus(skillId, status);
  };

  const details = new SkillDetailsProvider(progress);

  context.subscriptions.push(
    details,
    vscode.workspace.registerTextDocumentContentProvider(detailsScheme, details),
    vscode.commands.registerCommand(commands.setSkillStatus, async (arg?: SkillArgument, statusArg?: unknown) => {
      const skillId = await resolveSkill(arg);
      if (skillId === undefined) return;
      let status: SkillStatus | undefined = isSkillStatus(statusArg) ? statusArg : undefined;
      if (statusArg !== undefined && status === undefined) {
        void vscode.window.showErrorMessage(`ML Career: "${String(statusArg)}" is not a status; use one of ${skillStatuses.join(', ')}.`);
        return;
      }
      status ??= (
        await vscode.window.showQuickPick(
          skillStatuses.map((s) => ({ label: `$(${statusCodicons[s]}) ${statusLabels[s]}`, status: s, picked: s === store.status(skillId) })),
          { title: `Status of ${roadmap.skill(skillId)?.title ?? skillId}` },
        )
      )?.status;
      if (status !== undefined) await setStatus(skillId, status);
    }),
    vscode.commands.registerCommand(commands.markSkillDone, markAs('done')),
    vscode.commands.registerCommand(commands.markSkillLearning, markAs('learning')),
    vscode.commands.registerCommand(commands.markSkillSkipped, markAs('skipped')),
    vscode.commands.registerCommand(commands.markSkillNotStarted, markAs('not-started')),
    vscode.commands.registerCommand(commands.showSkillDetails, async (arg?: SkillArgument) => {
      const skillId = await resolveSkill(arg);
      if (skillId === undefined) return;
      await vscode.commands.executeCommand('markdown.showPreview', details.uriFor(skillId));
    }),
    vscode.commands.registerCommand(commands.setCurrentLevel, async (levelArg?: unknown) => {
      let levelId = typeof levelArg === 'string' ? levelArg : typeof levelArg === 'object' && levelArg !== null && (levelArg as TreeNode).kind === 'level' ? (levelArg as Extract<TreeNode, { kind: 'level' }>).level.id : undefined;
      if (levelId !== undefined && !roadmap.level(levelId)) {
        void vscode.window.showErrorMessage(`ML Career: there is no level with the id "${levelId}".`);
        return;
      }
      levelId ??= (
        await vscode.window.showQuickPick(
          roadmap.levels.map((level) => ({ label: level.title, description: level.years, detail: level.focus, id: level.id, picked: level.id === store.currentLevel() })),
          { title: 'Where are you now?', placeHolder: 'Your current level (it sets what "next level" means)' },
        )
      )?.id;
      if (levelId === undefined) return;
      const chosen = levelId;
      await runReportingErrors(log, 'set your level', () => store.setCurrentLevel(chosen));
    }),
    vscode.commands.registerCommand(commands.searchSkills, async () => {
      const skillId = await resolveSkill(undefined);
      if (skillId === undefined) return;
      if (tree.provider.filter !== 'all') tree.provider.filter = 'all';
      const node = tree.provider.skillNode(skillId);
      if (node) await tree.view.reveal(node, { select: true, focus: true, expand: true });
    }),
    vscode.commands.registerCommand(commands.filterRoadmap, async (filterArg?: unknown) => {
      const filter =
        typeof filterArg === 'string' && (skillFilters as readonly string[]).includes(filterArg)
          ? (filterArg as SkillFilter)
          : (
              await vscode.window.showQuickPick(
                skillFilters.map((f) => ({ label: filterLabels[f], description: filterDescriptions[f], filter: f, picked: f === tree.provider.filter })),
                { title: 'Show which skills?' },
              )
            )?.filter;
      if (filter !== undefined) tree.provider.filter = filter;
    }),
    vscode.commands.registerCommand(commands.clearRoadmapFilter, () => {
      tree.provider.filter = 'all';
    }),
    vscode.commands.registerCommand(commands.resetProgress, async () => {
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
        if (doc.uri.scheme === detailsScheme) this.open.delete(skillIdOf(doc.uri));
      }),
    ];
  }

  uriFor(skillId: string): vscode.Uri {
    return vscode.Uri.from({ scheme: detailsScheme, path: `/${skillId}.md` });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const skillId = skillIdOf(uri);
    const skill = this.progress.roadmap.skill(skillId);
    if (!skill) return `# Unknown skill\n\nThere is no skill with the id \`${skillId.replace(/`/g, '')}\`.`;
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
