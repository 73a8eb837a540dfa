import * as vscode from 'vscode';
import { errorMessage } from '../core/errors';
import { notesScheme } from '../core/ids';
import { noteFolderId, noteIdFromPath, notePath } from '../core/notes/noteUri';
import type { SkillNote } from '../core/progress/state';
import type { ProgressService } from '../progress/progressService';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Notes as files of a `mlcareer-notes:` file system, so each opens in a real Markdown editor tab and saves with
 * Ctrl+S into the progress store (and syncs with it). There are no folders and nothing but notes: a path names a
 * note by id (`/<id>/<title>.md`), and only ids of the roadmap, or ids that already have a note, are files.
 */
export class NotesFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly _onDidChangeFile = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this._onDidChangeFile.event;
  /** The notes as last seen, so a change (from any window) reaches exactly the open editors it concerns. */
  private seen: ReadonlyMap<string, SkillNote>;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly progress: ProgressService) {
    this.seen = progress.store.snapshot.notes;
    this.subscription = progress.onDidChange(() => this.notesChanged());
  }

  /** The note's address; its tab shows the skill's or expectation's title. */
  uriFor(id: string): vscode.Uri {
    const { roadmap } = this.progress;
    const title = roadmap.skill(id)?.title ?? roadmap.expectation(id)?.expectation.title ?? id;
    return vscode.Uri.from({ scheme: notesScheme, path: notePath(id, title) });
  }

  watch(): vscode.Disposable {
    // Changes are announced for every open note anyway (see notesChanged); there is nothing to start per watcher.
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    if (uri.path === '/' || this.known(noteFolderId(uri.path)) !== undefined) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const note = this.progress.store.note(this.idOf(uri));
    // The note's time is its version: an editor holding an older one sees the file changed.
    return { type: vscode.FileType.File, ctime: 0, mtime: note?.changedAt ?? 0, size: note ? encoder.encode(note.text).byteLength : 0 };
  }

  readFile(uri: vscode.Uri): Uint8Array {
    return encoder.encode(this.progress.store.note(this.idOf(uri))?.text ?? '');
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const id = this.idOf(uri);
    let text: string;
    try {
      text = decoder.decode(content);
    } catch {
      throw new vscode.FileSystemError(`The note on ${this.titleOf(id)} is not UTF-8 text; it was not saved.`);
    }
    try {
      await this.progress.store.setNote(id, text);
    } catch (error) {
      // The editor keeps the text and stays dirty; the message says why the save failed.
      throw new vscode.FileSystemError(errorMessage(error));
    }
  }

  async delete(uri: vscode.Uri): Promise<void> {
    await this.progress.store.setNote(this.idOf(uri), '');
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    // Nothing browses this file system but editors: folders exist (VS Code checks a file's folder before saving),
    // their listings stay empty.
    if (uri.path === '/' || this.known(noteFolderId(uri.path)) !== undefined) return [];
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.subscription.dispose();
    this._onDidChangeFile.dispose();
  }

  /** The note's id; any other path (a traversal, a folder, an unknown id) is not a file here. */
  private idOf(uri: vscode.Uri): string {
    const id = this.known(noteIdFromPath(uri.path));
    if (id === undefined) throw vscode.FileSystemError.FileNotFound(uri);
    return id;
  }

  /**
   * The id as the store keeps it, if it may have a note: an id of the roadmap, or one that has a note already (not
   * a deleted one: the store keeps those as empty, and an unknown id must not get a note back through a path).
   */
  private known(id: string | undefined): string | undefined {
    if (id === undefined) return undefined;
    return this.progress.roadmap.canonicalId(id) ?? (this.progress.store.note(id) ? id : undefined);
  }

  private titleOf(id: string): string {
    return `"${this.progress.roadmap.skill(id)?.title ?? this.progress.roadmap.expectation(id)?.expectation.title ?? id.slice(0, 80)}"`;
  }

  private notesChanged(): void {
    const notes = this.progress.store.snapshot.notes;
    if (notes === this.seen) return;
    const before = this.seen;
    this.seen = notes;
    const changedIds = new Set([...notes.keys(), ...before.keys()].filter((id) => notes.get(id)?.changedAt !== before.get(id)?.changedAt));
    const events = vscode.workspace.textDocuments
      .filter((doc) => doc.uri.scheme === notesScheme)
      .filter((doc) => {
        const id = noteIdFromPath(doc.uri.path);
        return id !== undefined && changedIds.has(this.progress.roadmap.canonicalId(id) ?? id);
      })
      .map((doc) => ({ type: vscode.FileChangeType.Changed, uri: doc.uri }));
    if (events.length > 0) this._onDidChangeFile.fire(events);
  }
}

/** What the integration tests see of notes. */
export interface NotesHandle {
  readonly fileSystem: NotesFileSystem;
}

/**
 * The notes' file system over progress. It loads with the roadmap; extension.ts registers its scheme at activation
 * (see LazyFileSystemProvider), so note editors restored with the window can read their note.
 */
export function createNotesFileSystem(context: vscode.ExtensionContext, progress: ProgressService): NotesHandle {
  const fileSystem = new NotesFileSystem(progress);
  context.subscriptions.push(fileSystem);
  return { fileSystem };
}
