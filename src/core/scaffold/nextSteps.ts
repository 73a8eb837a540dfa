import * as path from 'node:path';

/** What the steps after creating a project need from VS Code; the adapter passes the real window and workspace. */
export interface NextStepsUi {
  /** A notification with buttons; resolves to the button pressed, or `undefined` when dismissed. */
  show(severity: 'info' | 'warning', message: string, ...actions: string[]): Promise<string | undefined>;
  openInNewWindow(folder: string): Promise<void>;
  /** VS Code's `workspace.updateWorkspaceFolders`. */
  addToWorkspace(folder: string): boolean;
}

export type Afterwards = 'openNewWindow' | 'addToWorkspace' | 'stay';

export interface CreatedProject {
  readonly path: string;
  readonly gitError?: string;
}

export interface SkillsOffer {
  /** How many roadmap skills the template practises, and how many of them are not started, asked when needed. */
  count(): { total: number; toStart: number };
  mark(): Promise<void>;
}

const openNew = 'Open in New Window';
const add = 'Add to Workspace';

export async function applyAfterwards(ui: NextStepsUi, folder: string, afterwards: Afterwards): Promise<void> {
  if (afterwards === 'openNewWindow') await ui.openInNewWindow(folder);
  if (afterwards === 'addToWorkspace') ui.addToWorkspace(folder);
}

/** Next steps, shown without blocking the command's promise on the person reading a notification. */
export async function offerNextSteps(ui: NextStepsUi, project: CreatedProject, skills: SkillsOffer): Promise<void> {
  const name = path.basename(project.path);
  const next = 'Run "make test" in it, then work through DEPLOY_CHECKLIST.md.';
  const choice =
    project.gitError === undefined
      ? await ui.show('info', `Created ${name}. ${next}`, openNew, add, 'Stay')
      : await ui.show('warning', `Created ${name}, but git init failed: ${project.gitError}. ${next}`, openNew, add, 'Stay');
  if (choice === openNew) await applyAfterwards(ui, project.path, 'openNewWindow');
  if (choice === add) await applyAfterwards(ui, project.path, 'addToWorkspace');
  const { total, toStart } = skills.count();
  if (toStart === 0) return;
  const mark = 'Mark as Learning';
  const answer = await ui.show(
    'info',
    toStart === total
      ? `This project practises ${total} roadmap skills. Mark them as "learning"?`
      : `This project practises ${total} roadmap skills, ${toStart} of them not started yet. Mark those as "learning"?`,
    mark,
  );
  if (answer === mark) await skills.mark();
}
