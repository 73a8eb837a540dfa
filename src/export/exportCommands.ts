import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerValidatedCommand } from '../commands/validatedCommand';
import { noArguments } from '../core/commandArgs';
import { errorMessage } from '../core/errors';
import { readsFrom, type ExportSource } from '../core/export/exportSource';
import { fullExportJson, maxImportBytes } from '../core/export/fullExport';
import { importPreviewMarkdown, runImport, undoImport, type ImportPlan, type ImportRecord } from '../core/export/importPlan';
import { promotionPacket } from '../core/export/packet';
import { skillMatrixCsv } from '../core/export/skillMatrix';
import { projectReadiness } from '../core/export/projectReadiness';
import { commands, contextKeys } from '../core/ids';
import type { CustomRoadmaps } from '../customRoadmap/customRoadmaps';
import { runReportingErrors } from '../log/log';
import type { PortfolioProvider } from '../portfolio/portfolioView';
import type { ProgressService } from '../progress/progressService';
import { progressStateKey } from '../progress/stateKeys';

/** Read-only documents for the import preview, rendered by VS Code's Markdown preview. */
const previewScheme = 'ml-career-import';

/** The prompts the commands show; the integration tests replace them, as they cannot click native dialogs. */
export interface ExportPrompts {
  saveTarget(title: string, defaultName: string, filters: Readonly<Record<string, string[]>>): Thenable<vscode.Uri | undefined>;
  importSource(): Thenable<vscode.Uri | undefined>;
  /** Asks whether to apply the plan (shown beside it); true only for an explicit yes. */
  confirmImport(plan: ImportPlan): Thenable<boolean>;
}

/** What a command reports back to its caller (and the tests). */
export type ExportResult = { readonly kind: 'saved' | 'opened' | 'applied' | 'undone'; readonly uri?: vscode.Uri } | { readonly kind: 'cancelled' | 'unchanged' | 'nothing to undo' } | { readonly kind: 'refused'; readonly error: string };

export interface ExportHandle {
  prompts: ExportPrompts;
  /** For tests only (the handle reaches no one else): empties stored progress, as a fresh profile has it. */
  clearStoredProgress(): Promise<void>;
}

const defaultFolder = (): vscode.Uri | undefined => vscode.workspace.workspaceFolders?.[0]?.uri;

const nativePrompts: ExportPrompts = {
  saveTarget: (title, defaultName, filters) => {
    const folder = defaultFolder();
    return vscode.window.showSaveDialog({ title, filters, ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, defaultName) } : {}) });
  },
  importSource: async () => {
    const folder = defaultFolder();
    const picked = await vscode.window.showOpenDialog({
      title: 'Import ML Career progress',
      openLabel: 'Preview Import',
      canSelectMany: false,
      filters: { 'ML Career export': ['json'] },
      ...(folder ? { defaultUri: folder } : {}),
    });
    return picked?.[0];
  },
  confirmImport: async (plan) => {
    const apply = 'Import';
    const { added, updated, kept } = plan.counts;
    const answer = await vscode.window.showInformationMessage(
      `Import ${added + updated} ${added + updated === 1 ? 'change' : 'changes'} into your ML Career progress?`,
      { modal: true, detail: `${added} added and ${updated} updated from the file; ${kept} of yours are newer and stay. The preview beside lists each item. You can undo the import afterwards.` },
      apply,
    );
    return answer === apply;
  },
};

/**
 * Export Promotion Packet, Export Skill Matrix, Export Progress, Import Progress and Undo Import. The exports name
 * the roadmap active when they run (`roadmaps`: the built-in one, or a team or personal one).
 */
export function registerExport(
  context: vscode.ExtensionContext,
  progress: ProgressService,
  portfolio: () => PortfolioProvider,
  roadmaps: Pick<CustomRoadmaps, 'activeKey' | 'activeTitle'>,
  log: vscode.LogOutputChannel,
): ExportHandle {
  const { store } = progress;
  const handle: ExportHandle = {
    prompts: nativePrompts,
    clearStoredProgress: async () => {
      await context.globalState.update(progressStateKey, undefined);
      store.load();
    },
  };
  const previews = new PreviewDocuments();
  let lastImport: ImportRecord | undefined;
  const setLastImport = (record: ImportRecord | undefined): void => {
    lastImport = record;
    void vscode.commands.executeCommand('setContext', contextKeys.importUndoable, record !== undefined);
  };

  const source = async (): Promise<ExportSource> => {
    const projects = (await portfolio().projectList()).map((project) =>
      'error' in project ? { name: project.name, error: project.error } : projectReadiness(project.name, project.checklist),
    );
    return {
      roadmap: progress.roadmap,
      roadmapInfo: { id: roadmaps.activeKey, name: roadmaps.activeTitle },
      state: store.snapshot,
      currentLevelId: store.currentLevel(),
      ...readsFrom(store),
      projects,
      now: Date.now(),
      extensionVersion: String((context.extension.packageJSON as { version?: unknown }).version ?? 'unknown'),
    };
  };

  /** Asks where to save and writes there, offering to open the file; `cancelled` when no place was chosen. */
  const save = async (what: string, defaultName: string, filters: Record<string, string[]>, content: string): Promise<ExportResult> => {
    const target = await handle.prompts.saveTarget(`Export ${what}`, defaultName, filters);
    if (!target) return { kind: 'cancelled' };
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
    log.info(`exported the ${what.toLowerCase()} to ${target.toString()}`);
    const open = 'Open';
    void vscode.window.showInformationMessage(`ML Career: ${what} saved to ${path.posix.basename(target.path)}.`, open).then(async (choice) => {
      if (choice === open) await vscode.window.showTextDocument(target);
    });
    return { kind: 'saved', uri: target };
  };

  /** Runs a command body; a failure is logged and shown, and reported back as refused instead of thrown. */
  const reported = async (what: string, run: () => Promise<ExportResult>): Promise<ExportResult> => {
    try {
      return await run();
    } catch (error) {
      log.error(`could not ${what}`, error);
      void vscode.window.showErrorMessage(`ML Career: could not ${what}. ${errorMessage(error)}`);
      return { kind: 'refused', error: errorMessage(error) };
    }
  };

  const importProgress = async (): Promise<ExportResult> => {
    const uri = await handle.prompts.importSource();
    if (!uri) return { kind: 'cancelled' };
    const name = path.posix.basename(uri.path);
    const refuse = (error: string): ExportResult => {
      const message = `${name}: ${error}.`;
      log.warn(`import refused: ${message}`);
      void vscode.window.showErrorMessage(`ML Career could not import ${message} Nothing was changed.`);
      return { kind: 'refused', error: message };
    };
    const { size } = await vscode.workspace.fs.stat(uri);
    if (size > maxImportBytes) return refuse(`${size} bytes, more than the ${maxImportBytes} an export can have`);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(uri));
    } catch (error) {
      return refuse(error instanceof TypeError ? 'not a text file (it is not valid UTF-8)' : errorMessage(error));
    }
    const outcome = await runImport(
      text,
      {
        current: () => store.snapshot,
        confirm: async (plan) => {
          const preview = previews.show(importPreviewMarkdown(plan, name, roadmaps.activeTitle));
          // Without the built-in Markdown extension there is no preview; the confirmation still gives the counts.
          await Promise.resolve(vscode.commands.executeCommand('markdown.showPreview', preview)).catch((error: unknown) => log.warn(`import preview not shown: ${errorMessage(error)}`));
          return handle.prompts.confirmImport(plan);
        },
        apply: (change) => store.update(change),
      },
      progress.roadmap,
      Date.now(),
    );
    switch (outcome.kind) {
      case 'invalid':
        return refuse(outcome.error);
      case 'unchanged':
        void vscode.window.showInformationMessage(`ML Career: nothing to import from ${name}; your progress already has everything in it, or newer.`);
        return { kind: 'unchanged' };
      case 'cancelled':
        return { kind: 'cancelled' };
      case 'applied': {
        setLastImport(outcome.record);
        const { added, updated } = outcome.plan.counts;
        log.info(`imported ${name}: ${added} added, ${updated} updated`);
        const undo = 'Undo';
        void vscode.window.showInformationMessage(`ML Career: imported ${name} (${added} added, ${updated} updated).`, undo).then(async (choice) => {
          if (choice === undo) await vscode.commands.executeCommand(commands.undoImport);
        });
        return { kind: 'applied', uri };
      }
    }
  };

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(previewScheme, previews),
    registerValidatedCommand(log, commands.exportPromotionPacket, noArguments, () =>
      reported('export the promotion packet', async () => {
        const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: promotionPacket(await source()) });
        await vscode.window.showTextDocument(document);
        const preview = 'Open Preview';
        const saveAs = 'Save As…';
        void vscode.window.showInformationMessage('ML Career: your promotion packet is open as a Markdown document. Edit it, preview it, save it.', preview, saveAs).then(async (choice) => {
          if (choice === preview) await vscode.commands.executeCommand('markdown.showPreviewToSide', document.uri);
          if (choice === saveAs) await save('Promotion Packet', 'promotion-packet.md', { Markdown: ['md'] }, document.getText());
        });
        return { kind: 'opened', uri: document.uri };
      }),
    ),
    registerValidatedCommand(log, commands.exportSkillMatrix, noArguments, () =>
      reported('export the skill matrix', async () => save('Skill Matrix', 'skill-matrix.csv', { CSV: ['csv'] }, skillMatrixCsv(await source()))),
    ),
    registerValidatedCommand(log, commands.exportProgress, noArguments, () =>
      reported('export your progress', async () => {
        const content = fullExportJson(await source());
        return save('Progress', `ml-career-progress-${new Date().toISOString().slice(0, 10)}.json`, { 'ML Career export': ['json'] }, content);
      }),
    ),
    registerValidatedCommand(log, commands.importProgress, noArguments, () => reported('import progress', importProgress)),
    registerValidatedCommand(log, commands.undoImport, noArguments, async (): Promise<ExportResult> => {
      const record = lastImport;
      if (!record) {
        void vscode.window.showInformationMessage('ML Career: there is no import to undo in this window.');
        return { kind: 'nothing to undo' };
      }
      if (!(await runReportingErrors(log, 'undo the import', () => store.update(undoImport(record))))) return { kind: 'refused', error: 'see the log' };
      setLastImport(undefined);
      void vscode.window.showInformationMessage('ML Career: import undone.');
      return { kind: 'undone' };
    }),
  );
  return handle;
}

/** The import previews, one read-only document each; the last few are kept, as a preview re-reads its document. */
class PreviewDocuments implements vscode.TextDocumentContentProvider {
  private static readonly kept = 5;
  private readonly texts = new Map<string, string>();
  private next = 0;

  show(markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: previewScheme, path: `/import-preview-${++this.next}.md` });
    this.texts.set(uri.toString(), markdown);
    for (const key of [...this.texts.keys()].slice(0, -PreviewDocuments.kept)) this.texts.delete(key);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This import preview has expired; run Import Progress again to see it.';
  }
}
