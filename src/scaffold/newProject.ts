import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorMessage } from '../core/errors';
import { commands } from '../core/ids';
import { licenseIds, type LicenseId } from '../core/scaffold/licenses';
import type { Template } from '../core/scaffold/manifestSchema';
import { targetConflict, validateProjectName } from '../core/scaffold/names';
import { applyAfterwards, offerNextSteps, type NextStepsUi } from '../core/scaffold/nextSteps';
import { newProjectOptionsSchema, parentFolderProblem, type NewProjectOptions, type NewProjectResult } from '../core/scaffold/options';
import { planProject, type PlannedFile } from '../core/scaffold/plan';
import { skillsToStart } from '../core/scaffold/skills';
import { removeStaleStaging, ScaffoldError, targetState, writeProject, type WriteResult } from '../core/scaffold/writeProject';
import { runReportingErrors } from '../log/log';
import { canPublishToGitHub, publishProject } from './publish';
import { lastParentKey } from './lastParent';
import { templateBundle } from './templateLoader';
import type { ProgressService } from '../progress/progressService';

const title = 'New Portfolio Project';

/** `mlCareer.newProject`: prompts (or takes an options object), writes atomically, then offers next steps. */
export function registerNewProject(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, progress: ProgressService): void {
  removeStaleStagingIn(context.globalState.get<string>(lastParentKey), log);
  context.subscriptions.push(
    vscode.commands.registerCommand(commands.newProject, async (args?: unknown): Promise<NewProjectResult | undefined> => {
      // Menus and welcome links pass no argument (or a tree node); only a plain options object skips the prompts.
      const unattended = typeof args === 'object' && args !== null && 'template' in args;
      if (unattended) {
        const parsed = newProjectOptionsSchema.safeParse(args);
        if (!parsed.success) throw new Error(`mlCareer.newProject: invalid options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
        return create(log, progress, parsed.data, false);
      }
      const options = await prompt(context);
      return options ? create(log, progress, options, true) : undefined;
    }),
  );
}

/** Clears what a killed scaffold left in the last parent folder, in the background; the next scaffold there would too. */
function removeStaleStagingIn(parent: string | undefined, log: vscode.LogOutputChannel): void {
  if (parent === undefined) return;
  removeStaleStaging(parent).then(
    (removed) => removed.forEach((dir) => log.info(`newProject: removed ${dir}, left by an interrupted scaffold`)),
    (error: unknown) => log.warn(`newProject: could not look for interrupted scaffolds in ${parent}: ${errorMessage(error)}`),
  );
}

/** The linear prompt chain; `undefined` at any step means the person pressed Escape and nothing is written. */
async function prompt(context: vscode.ExtensionContext): Promise<NewProjectOptions | undefined> {
  const template = await pickTemplate();
  if (!template) return undefined;

  const remembered = context.globalState.get<string>(lastParentKey);
  let name = await askName(template, remembered, undefined);
  if (name === undefined) return undefined;

  const parent = await askParent(remembered);
  if (!parent) return undefined;
  await context.globalState.update(lastParentKey, parent);
  // The name was checked against the remembered folder; a different parent may already hold that name.
  if (targetConflict(name, await targetState(path.join(parent, name)))) {
    name = await askName(template, parent, name);
    if (name === undefined) return undefined;
  }

  const license = await pickLicense();
  if (!license) return undefined;
  const extras = await pickExtras();
  if (!extras) return undefined;

  return newProjectOptionsSchema.parse({ template: template.manifest.id, name, parentDir: parent, license, ...extras });
}

async function pickTemplate(): Promise<Template | undefined> {
  const picked = await vscode.window.showQuickPick(
    templateBundle().templates.map((t) => ({
      label: `$(${t.manifest.icon}) ${t.manifest.title}`,
      description: t.manifest.framework,
      detail: `${t.manifest.description} Demonstrates: ${t.manifest.demonstrates.join(', ')}.`,
      template: t,
    })),
    { title: `${title} (1/5): Template`, placeHolder: 'What do you want to build?', matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true },
  );
  return picked?.template;
}

async function askName(template: Template, parent: string | undefined, value: string | undefined): Promise<string | undefined> {
  const suggestion = value ?? `my-${template.manifest.id}`;
  return vscode.window.showInputBox({
    title: `${title} (2/5): Name`,
    prompt: 'A folder and Python package name: letters, digits, "-" and "_".',
    value: suggestion,
    valueSelection: [0, suggestion.length],
    ignoreFocusOut: true,
    validateInput: async (input) => {
      const problem = validateProjectName(input);
      if (problem || !parent) return problem;
      return targetConflict(input, await targetState(path.join(parent, input)));
    },
  });
}

async function askParent(remembered: string | undefined): Promise<string | undefined> {
  const fallback = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath ?? os.homedir();
  const picked = await vscode.window.showOpenDialog({
    title: `${title} (3/5): Parent folder`,
    openLabel: 'Create Project Here',
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: vscode.Uri.file(remembered ?? fallback),
  });
  const folder = picked?.[0];
  if (!folder) return undefined;
  const problem = parentFolderProblem(folder);
  if (problem) {
    void vscode.window.showErrorMessage(problem);
    return undefined;
  }
  return folder.fsPath;
}

async function pickLicense(): Promise<LicenseId | undefined> {
  const descriptions: Record<LicenseId, string> = {
    MIT: 'Short and permissive; the usual choice for portfolio code',
    'Apache-2.0': 'Permissive, with an explicit patent grant',
    none: 'No LICENSE file: others may read the code but not reuse it',
  };
  const picked = await vscode.window.showQuickPick(
    licenseIds.map((id) => ({ label: id === 'none' ? 'No licence' : id, description: descriptions[id], id })),
    { title: `${title} (4/5): Licence`, placeHolder: 'Choose a licence', ignoreFocusOut: true },
  );
  return picked?.id;
}

async function pickExtras(): Promise<{ docker: boolean; ci: boolean; git: boolean } | undefined> {
  const items = [
    { label: '$(package) Dockerfile', description: 'Container image that trains at build time and serves the API', key: 'docker' as const, picked: true },
    { label: '$(github-action) CI workflow', description: 'GitHub Actions: lint, test, train, evaluate', key: 'ci' as const, picked: true },
    { label: '$(git-commit) git init', description: 'A repository with a first commit', key: 'git' as const, picked: true },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `${title} (5/5): Options`,
    placeHolder: 'Untick what you do not want, then press Enter',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  const on = new Set(picked.map((p) => p.key));
  return { docker: on.has('docker'), ci: on.has('ci'), git: on.has('git') };
}

async function create(
  log: vscode.LogOutputChannel,
  progressService: ProgressService,
  options: NewProjectOptions,
  interactive: boolean,
): Promise<NewProjectResult | undefined> {
  const { findTemplate, templates } = templateBundle();
  const template = findTemplate(options.template);
  const fail = (message: string): undefined => {
    log.error(`newProject: ${message}`);
    if (!interactive) throw new ScaffoldError(message);
    void vscode.window.showErrorMessage(message);
    return undefined;
  };
  if (!template) return fail(`There is no template "${options.template}". Available: ${templates.map((t) => t.manifest.id).join(', ')}.`);
  const problem = validateProjectName(options.name);
  if (problem) return fail(`Invalid project name "${options.name}": ${problem}`);

  let files: PlannedFile[];
  let written: WriteResult;
  try {
    // A value a file cannot hold (see formats.ts) is refused here, with the file and the reason, before anything is written.
    files = planProject(template, { ...options, year: new Date().getFullYear() });
    written = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Creating ${options.name}` },
      async (progress) => {
        let reported = 0;
        return writeProject({
          parentDir: options.parentDir,
          name: options.name,
          files,
          ...(options.git ? { gitCommitMessage: `Scaffold ${template.manifest.title} with ML Career Companion` } : {}),
          ...(options.failAfterFiles !== undefined ? { failAfterFiles: options.failAfterFiles } : {}),
          onProgress: (message, fraction) => {
            progress.report({ message, increment: (fraction - reported) * 100 });
            reported = fraction;
          },
        });
      },
    );
  } catch (error) {
    return fail(errorMessage(error));
  }
  const target = written.path;
  log.info(`newProject: created ${target} from ${template.manifest.id} (${files.length} files)`);
  // A folder renamed into place fires no event for the checklist inside it, so the Portfolio view is told to rescan.
  void vscode.commands.executeCommand(commands.refreshPortfolio);
  if (written.gitError !== undefined) log.warn(`newProject: ${target} has no repository: git init failed: ${written.gitError}`);
  const result: NewProjectResult = {
    path: target,
    files: files.map((f) => f.path),
    skills: template.manifest.skills,
    ...(written.gitError !== undefined ? { gitError: written.gitError } : {}),
  };

  const ui = nextStepsUi(log);
  if (interactive) {
    void offerNextSteps(ui, result, {
      count: () => ({ total: template.manifest.skills.length, toStart: skillsToStart(template.manifest.skills, (id) => progressService.store.status(id)).length }),
      mark: () => markSkills(template, progressService, log),
    });
  } else {
    if (!(await applyAfterwards(ui, target, options.afterwards))) log.warn(`newProject: VS Code did not add ${target} to the workspace`);
    if (options.markSkillsLearning) await markSkills(template, progressService, log);
  }
  return result;
}

/** The real window and workspace, for the next steps after creating a project. */
const nextStepsUi = (log: vscode.LogOutputChannel): NextStepsUi => ({
  show: async (severity, message, ...actions) =>
    severity === 'info' ? vscode.window.showInformationMessage(message, ...actions) : vscode.window.showWarningMessage(message, ...actions),
  openInNewWindow: async (folder) => {
    await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(folder), { forceNewWindow: true });
  },
  addToWorkspace: (folder) => vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 0, 0, { uri: vscode.Uri.file(folder) }),
  // The extension's one way to log and show a failure.
  reportError: (what, error) => void runReportingErrors(log, what, () => Promise.reject(error)),
  canPublish: canPublishToGitHub,
  publish: async (folder) => void (await publishProject(vscode.Uri.file(folder), log)),
});

/** Marks the template's not-started skills "learning" in one store write (one change event, one sync). */
async function markSkills(template: Template, progressService: ProgressService, log: vscode.LogOutputChannel): Promise<void> {
  const { store } = progressService;
  const ids = skillsToStart(template.manifest.skills, (id) => store.status(id));
  if (ids.length === 0) return;
  await runReportingErrors(log, `mark ${ids.join(', ')} as learning`, () => store.setStatus(ids, 'learning'));
}
