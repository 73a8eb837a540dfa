import type * as vscode from 'vscode';
import type { ProgressService } from './progress/progressService';
import type { RoadmapPanelHandle } from './roadmapPanel/roadmapPanel';
import type { RoadmapTree } from './roadmapTree/roadmapTree';

/**
 * What activate() returns. The integration tests use it to observe the extension from inside the real
 * extension host; other extensions may read progress through it.
 */
export interface ExtensionApi {
  readonly progress: ProgressService;
  readonly roadmapTree: RoadmapTree;
  readonly statusBar: vscode.StatusBarItem;
  /**
   * The roadmap webview panel: whether it is open, what the host posts to it, a way to inject webview messages and
   * to see which links it would open.
   */
  readonly roadmapPanel: RoadmapPanelHandle;
}
