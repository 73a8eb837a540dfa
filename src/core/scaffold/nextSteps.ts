import * as path from 'node:path';

/** What the steps after creating a project need from VS Code; the adapter passes the real window and workspace. */
export interface NextStepsUi {
  /** A notification with buttons; resolves to the button pressed, or `undefined` when dismissed. */
  show(severity: 'info' | 'warning', message: string, ...actions: string[]): Promise<string | undefined>;
  openInNewWindow(folder: string): Promise<void>;
  /** VS Code's `workspace.updateWorkspaceFolders`: false when VS Code refused the change. */
  addToWorkspace(folder: string): boolean;
  /** Logs and shows a failure of a step nobody awaits. */
  reportError(what: string, error: unknown): void;
  /** Whether VS Code's "Publish to GitHub" is available here. */
  canPublish(): Promise<boolean>;
  /** Publishes the folder to GitHub and points its README's CI badge at the new repository. */
  publish(folder: string): Promise<void>;
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

/** Runs a step nobody awaits; a failure is reported instead of becoming an unhandled rejection. */
async function reporting(ui: NextStepsUi, what: string, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    ui.reportError(what, error);
  }
}

/**
 * Opens or adds the new folder. When VS Code refuses to add it (it does while another workspace change is still being
 * applied), says so and offers a new window instead, without waiting for the answer. Returns whether the folder was
 * opened or added as asked.
 */
export async function applyAfterwards(ui: NextStepsUi, folder: string, afterwards: Afterwards): Promise<boolean> {
  if (afterwards === 'openNewWindow') await ui.openInNewWindow(folder);
  if (afterwards !== 'addToWorkspace' || ui.addToWorkspace(folder)) return true;
  const name = path.basename(folder);
  void reporting(ui, `open ${name} in a new window`, async () => {
    const choice = await ui.show('warning', `VS Code did not add ${name} to this workspace. Open it in a new window instead?`, openNew);
    if (choice === openNew) await ui.openInNewWindow(folder);
  });
  return false;
}

/**
 * Next steps, shown without blocking the command's promise on the person reading a notification. Never rejects:
 * nobody awaits it, so a failure is reported through `ui.reportError`.
 */
export async function offerNextSteps(ui: NextStepsUi, project: CreatedProject, skills: SkillsOffer): Promise<void> {
  const name = path.basename(project.path);
  await reporting(ui, `finish the next steps for ${name}`, () => nextSteps(ui, project, name, skills));
}

async function nextSteps(ui: NextStepsUi, project: CreatedProject, name: string, skills: SkillsOffer): Promise<void> {
  const next = 'Run "make test" in it, then work through DEPLOY_CHECKLIST.md.';
  const choice =
    project.gitError === undefined
      ? await ui.show('info', `Created ${name}. ${next}`, openNew, add, 'Stay')
      : await ui.show('warning', `Created ${name}, but git init failed: ${project.gitError}. ${next}`, openNew, add, 'Stay');
  if (choice === openNew) await applyAfterwards(ui, project.path, 'openNewWindow');
  // Publishing works on this window's workspace, so it is offered once the folder is in it (and has a repository).
  if (choice === add && (await applyAfterwards(ui, project.path, 'addToWorkspace')) && project.gitError === undefined && (await ui.canPublish())) {
    const publish = 'Publish to GitHub…';
    if ((await ui.show('info', `Publish ${name} to GitHub? Its README's CI badge then shows the workflow's status.`, publish)) === publish) {
      await ui.publish(project.path);
    }
  }
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
