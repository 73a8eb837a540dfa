import * as vscode from 'vscode';
import { registerValidatedCommand } from '../commands/validatedCommand';
import { commandArguments } from '../core/commandArgs';
import { commands } from '../core/ids';
import { escapeCodicons } from '../core/roadmap/skillMarkdown';
import { runReportingErrors } from '../log/log';
import type { ProgressService } from '../progress/progressService';
import type { NotesFileSystem } from './notesFileSystem';

/**
 * Add, edit and delete notes on skills and expectations; the note opens as a Markdown document of `fileSystem`.
 * In the notes bundle: extension.ts registers stubs until one of them runs.
 */
export function registerNoteCommands(context: vscode.ExtensionContext, progress: ProgressService, fileSystem: NotesFileSystem, log: vscode.LogOutputChannel): void {
  const args = commandArguments(() => progress.roadmap);

  const titleOf = (id: string): string => progress.roadmap.skill(id)?.title ?? progress.roadmap.expectation(id)?.expectation.title ?? id;

  /** Skills and expectations to choose from; `withNote` limits them to those with a note (for Edit and Delete). */
  const pick = async (title: string, withNote: boolean): Promise<string | undefined> => {
    const { roadmap, store } = progress;
    const items = [
      ...roadmap.skills.map((skill) => ({ id: skill.id, label: escapeCodicons(skill.title), description: 'skill' })),
      ...roadmap.expectations.map(({ level, expectation }) => ({ id: expectation.id, label: escapeCodicons(expectation.title), description: `${escapeCodicons(level.short)} expectation` })),
    ].filter((item) => !withNote || store.note(item.id) !== undefined);
    if (items.length === 0) {
      void vscode.window.showInformationMessage('ML Career: no skill or expectation has a note yet.');
      return undefined;
    }
    return (await vscode.window.showQuickPick(items, { title, matchOnDescription: true }))?.id;
  };

  const open = async (given: string | undefined, withNote: boolean): Promise<void> => {
    const id = given ?? (await pick(withNote ? 'Edit the note on…' : 'Add a note to…', withNote));
    if (id === undefined) return;
    const document = await vscode.workspace.openTextDocument(fileSystem.uriFor(id));
    await vscode.window.showTextDocument(document, { preview: false });
  };

  context.subscriptions.push(
    registerValidatedCommand(log, commands.addNote, args.oneSkill, (id) => open(id, false)),
    registerValidatedCommand(log, commands.editNote, args.oneSkill, (id) => open(id, true)),
    registerValidatedCommand(log, commands.deleteNote, args.oneSkill, async (given) => {
      const id = given ?? (await pick('Delete the note on…', true));
      if (id === undefined) return;
      const note = progress.store.note(id);
      if (!note) return;
      const remove = 'Delete Note';
      const answer = await vscode.window.showWarningMessage(`Delete your note on "${titleOf(id)}"?`, { modal: true, detail: 'Other windows and synced machines lose it too.' }, remove);
      if (answer !== remove) return;
      if (!(await runReportingErrors(log, `delete the note on ${titleOf(id)}`, () => progress.store.setNote(id, '')))) return;
      const undo = await vscode.window.showInformationMessage(`ML Career: note on "${titleOf(id)}" deleted.`, 'Undo');
      if (undo === 'Undo') await runReportingErrors(log, `restore the note on ${titleOf(id)}`, () => progress.store.setNote(id, note.text));
    }),
  );
}
