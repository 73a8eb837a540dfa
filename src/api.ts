import type * as vscode from 'vscode';
import type { CustomRoadmaps } from './customRoadmap/customRoadmaps';
import type { EvidenceUi } from './evidence/evidenceUi';
import type { ExportHandle } from './export/exportCommands';
import type { NotesHandle } from './notes/notesFileSystem';
import type { LazyBundleName } from './lazy/lazyBundle';
import type { PortfolioProvider } from './portfolio/portfolioView';
import type { ProgressService } from './progress/progressService';
import type { RoadmapPanelHandle } from './roadmapPanel/roadmapPanel';
import type { RoadmapTree } from './roadmapTree/roadmapTree';

/**
 * What activate() returns when VS Code runs the extension's tests (ExtensionMode.Test): handles the integration
 * tests use to observe and drive the extension inside the real extension host. Otherwise activate() returns nothing.
 * The roadmap panel, the Portfolio view, evidence and export load on first use: reading their handle loads them.
 */
export interface ExtensionApi {
  readonly progress: ProgressService;
  readonly roadmapTree: RoadmapTree;
  readonly statusBar: vscode.StatusBarItem;
  /** What this workspace saved of the status bar for the next start (src/core/progress/statusBarContent.ts). */
  savedStatusBar(): unknown;
  /** The lazily loaded bundles (src/lazy/lazyBundle.ts) this extension host has loaded so far. */
  loadedBundles(): LazyBundleName[];
  /**
   * The roadmap webview panel: whether it is open, what the host posts to it, a way to inject webview messages and
   * to see which links it would open.
   */
  readonly roadmapPanel: RoadmapPanelHandle;
  /** The Portfolio view's model: its nodes and tree items as VS Code gets them. */
  readonly portfolio: PortfolioProvider;
  /** Evidence from the workspace's code: the scanning service (results, dismissals, scan timing) and the tree hook. */
  readonly evidence: EvidenceUi;
  /** Export and import: the prompts they show, which a test may replace (native dialogs cannot be clicked). */
  readonly exports: ExportHandle;
  /** Notes on skills and expectations: the file system their editors read and save through. */
  readonly notes: NotesHandle;
  /** Team and personal roadmaps: the files found, which one is active, their diagnostics. */
  readonly customRoadmaps: CustomRoadmaps;
}
