import type * as vscode from 'vscode';
import { registerCustomRoadmaps, type CustomRoadmaps } from '../customRoadmap/customRoadmaps';
import { createNotesFileSystem, type NotesHandle } from '../notes/notesFileSystem';
import { registerProgress, type ProgressService } from '../progress/progressService';
import { registerRoadmapTree, type RoadmapElement, type RoadmapTree } from '../roadmapTree/roadmapTree';
import { showProgressInStatusBar } from '../statusBar/progressStatusBar';

export { flushProgress } from '../progress/progressService';

/** What activation creates for the roadmap before loading it: the view and the status bar item. */
export interface RoadmapShell {
  readonly roadmapView: vscode.TreeView<RoadmapElement>;
  readonly statusBarItem: vscode.StatusBarItem;
}

/** The roadmap and the user's progress on it, which every other feature builds on. */
export interface RoadmapCore {
  readonly progress: ProgressService;
  readonly roadmapTree: RoadmapTree;
  readonly customRoadmaps: CustomRoadmaps;
  readonly notes: NotesHandle;
}

/**
 * Lazy bundle `roadmapCore`: the roadmap data, stored progress, the Roadmap view's model, team roadmaps and the status
 * bar's figures. It loads when the view first asks for rows, a feature needs progress, or once the window has settled
 * after start-up; activation only shows what the status bar last showed (src/statusBar/statusBar.ts).
 */
export function registerRoadmapCore(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, shell: RoadmapShell): RoadmapCore {
  const progress = registerProgress(context, log);
  const roadmapTree = registerRoadmapTree(context, progress, log, shell.roadmapView);
  const customRoadmaps = registerCustomRoadmaps(context, progress, roadmapTree, log);
  showProgressInStatusBar(context, progress, shell.statusBarItem);
  const notes = createNotesFileSystem(context, progress);
  return { progress, roadmapTree, customRoadmaps, notes };
}
