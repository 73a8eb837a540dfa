import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { registerNoArgumentsCommand } from '../commands/lazyValidatedCommand';
import { commands, webviewPanels } from '../core/ids';
import { isHttpsUrl } from '../core/roadmap/links';
import type { RoadmapIndex } from '../core/roadmap/roadmap';
import { skillAnnotations } from '../core/notes/noteView';
import type { SkillNote } from '../core/progress/state';
import { PageStateDelivery } from '../core/roadmapView/pageStateDelivery';
import { buildRoadmapView } from '../core/roadmapView/viewModel';
import { runReportingErrors } from '../log/log';
import type { ProgressService } from '../progress/progressService';
import type { EvidenceUi } from '../evidence/evidenceUi';
import { lazyBundle } from '../lazy/lazyBundle';
import type { HostMessage } from '../webview/protocol';
import type { WebviewMessage } from '../webview/webviewMessages';
import type { UiState } from '../webview/roadmap/uiState';
import { defaultUiState } from '../webview/roadmap/uiStateDefaults';
import { makeNonce, webviewHtml, type PageAssets } from './webviewHtml';

/** The panel's host, registered on first use; `restore` is what activation's serializer hands a restored panel. */
export interface RoadmapPanelHost extends RoadmapPanelHandle {
  restore(panel: vscode.WebviewPanel, uiState: unknown): void;
}

/** What the integration tests (through the extension API) see of the panel. */
export interface RoadmapPanelHandle {
  isOpen(): boolean;
  /** Every state posted to the webview, once it has it. */
  readonly onDidPostMessage: vscode.Event<HostMessage>;
  /** Handles `raw` exactly as if the webview had sent it (validation included). */
  simulateMessage(raw: unknown): Promise<void>;
  /**
   * Replaces what opens the links the panel allows (`vscode.env.openExternal`) until the returned disposable is
   * disposed, so tests can see exactly which links get through without a browser opening.
   */
  replaceLinkOpener(opener: LinkOpener): vscode.Disposable;
}

/** Whether `url` is one of the roadmap's resources (a skill's or the market snapshot's). */
function roadmapOffers(roadmap: RoadmapIndex, url: string): boolean {
  return [...roadmap.skills.flatMap((s) => s.resources), ...roadmap.roadmap.market.resources].some((r) => r.url === url);
}

/** markdown-it renders notes: loaded only once there is a note to render or read links from. */
const notesBundle = lazyBundle('notes');
/** The checks of what the page sends (zod), loaded with its first message: opening the page needs none of them. */
const messageChecks = lazyBundle('commandArgs');

/** Whether `url` is a link in one of the user's notes (as the page renders them). */
function notesOffer(notes: ReadonlyMap<string, SkillNote>, url: string): boolean {
  return [...notes.values()].some((note) => notesBundle().noteLinks(note.text).includes(url));
}

export type LinkOpener = (uri: vscode.Uri) => Thenable<boolean>;

const title = 'ML Career Roadmap';

/**
 * One roadmap panel per window: the command reveals it, `restore` takes the one a reload brings back. The panel
 * holds no domain state; it renders what the store says and sends status changes back to the store.
 */
export function registerRoadmapPanel(context: vscode.ExtensionContext, progress: ProgressService, log: vscode.LogOutputChannel, evidence: EvidenceUi): RoadmapPanelHost {
  const onDidPost = new vscode.EventEmitter<HostMessage>();
  const defaultOpener: LinkOpener = (uri) => vscode.env.openExternal(uri);
  let openLink = defaultOpener;
  let current: { panel: vscode.WebviewPanel; handle: (raw: unknown) => Promise<void> } | undefined;

  const asset = (...segments: string[]): string => readFileSync(vscode.Uri.joinPath(context.extensionUri, ...segments).fsPath, 'utf8');
  let assets: PageAssets | undefined;
  /** Read on first use, then kept: the extension's files do not change while it runs. */
  const pageAssets = (): PageAssets => (assets ??= { script: asset('dist', 'webview', 'roadmap.js'), style: asset('media', 'roadmap.css') });
  /**
   * The tab's icon, inline: a file would be one more fetch for the window as the panel first opens (about 150 ms later
   * first paint in the bench). Drawn in the colours of VS Code's own icons per theme, as an image's currentColor is black.
   */
  let icons: { light: vscode.Uri; dark: vscode.Uri } | undefined;
  const tabIcons = (): { light: vscode.Uri; dark: vscode.Uri } => {
    if (icons) return icons;
    const svg = asset('media', 'ml-career.svg');
    const drawn = (color: string) => vscode.Uri.parse(`data:image/svg+xml;base64,${Buffer.from(svg.replaceAll('currentColor', color)).toString('base64')}`);
    return (icons = { light: drawn('#424242'), dark: drawn('#c5c5c5') });
  };
  // The page embeds its script and stylesheet: nothing of the extension (or the disk) is reachable from the webview.
  const options: vscode.WebviewOptions & vscode.WebviewPanelOptions = { enableScripts: true, localResourceRoots: [], enableFindWidget: true };

  const state = (): HostMessage => ({
    type: 'state',
    state: buildRoadmapView(progress.roadmap, (id) => progress.store.status(id), progress.store.currentLevel(), skillAnnotations(progress.store, (text) => notesBundle().noteHtml(text))),
    evidence: evidence.pageView(),
    shown: false,
  });

  /** `ui`: the page's view choices as it loads (its getState), which the host renders the first state for. */
  const attach = (panel: vscode.WebviewPanel, ui: UiState): void => {
    const disposables: vscode.Disposable[] = [];
    const html = (shown?: HostMessage): string =>
      webviewHtml({
        cspSource: panel.webview.cspSource,
        assets: pageAssets(),
        nonce: makeNonce(),
        title,
        state: shown,
        ui,
      });
    // The page shows the state its HTML was rendered from as it loads; it says `ready` each time, and gets posts only
    // after that.
    const inHtml = state();
    const delivery = new PageStateDelivery(true);

    /** `shown`: the page's HTML was rendered from the current state, which is `inHtml` then. */
    const post = (shown = false): void => {
      if (!delivery.isListening) return;
      const message = shown ? { ...inHtml, shown } : state();
      void panel.webview.postMessage(message).then((delivered) => {
        if (delivered) onDidPost.fire(message);
      });
    };
    /** After every event: a stale state in the HTML would show when the page is rebuilt, so it goes while hidden. */
    const dropStaleHtml = (): void => {
      if (delivery.dropStaleHtml()) panel.webview.html = html();
    };
    const changed = (): void => {
      if (delivery.changed()) post();
      dropStaleHtml();
    };

    const handle = async (raw: unknown): Promise<void> => {
      const checks = messageChecks();
      const parsed = checks.parseWebviewMessage(raw);
      if (!parsed.ok) {
        log.warn(`roadmap webview: ignored message ${checks.describeMessage(raw)}: ${parsed.error}`);
        return;
      }
      const message = parsed.message;
      // On failure the webview still shows the change it asked for; the stored state puts it back.
      if (!(await runReportingErrors(log, 'apply a change from the roadmap page', () => apply(message)))) post();
    };

    const apply = async (message: WebviewMessage): Promise<void> => {
      const { roadmap, store } = progress;
      switch (message.type) {
        case 'ready':
          post(delivery.ready().shown);
          return;
        case 'setStatus': {
          const id = roadmap.canonicalId(message.skillId);
          if (id === undefined) return log.warn(`roadmap webview: unknown skill "${message.skillId.slice(0, 64)}"`);
          await store.setStatus(id, message.status);
          return;
        }
        case 'setCurrentLevel':
          if (!roadmap.level(message.levelId)) return log.warn(`roadmap webview: unknown level "${message.levelId.slice(0, 64)}"`);
          await store.setCurrentLevel(message.levelId);
          return;
        case 'openLink':
          // Only links the roadmap itself or the user's notes offer, and only https: the webview is not trusted to choose.
          if (!isHttpsUrl(message.url) || !(roadmapOffers(roadmap, message.url) || notesOffer(store.snapshot.notes, message.url))) {
            return log.warn(`roadmap webview: refused to open "${message.url.slice(0, 200)}"`);
          }
          if (!(await openLink(vscode.Uri.parse(message.url, true)))) log.info(`roadmap webview: "${message.url.slice(0, 200)}" was not opened`);
          return;
        case 'openEvidence':
          // The command opens only evidence the host found (or proof the user accepted).
          await vscode.commands.executeCommand(commands.openEvidence, message.place);
          return;
        case 'editNote':
          // The command validates the id like any other caller's.
          await vscode.commands.executeCommand(store.note(message.skillId) ? commands.editNote : commands.addNote, message.skillId);
          return;
      }
    };

    panel.iconPath = tabIcons();
    panel.webview.options = options;
    panel.webview.html = html(inHtml);
    delivery.visibility(panel.visible);
    disposables.push(
      panel.webview.onDidReceiveMessage(handle),
      progress.onDidChange(changed),
      evidence.service.onDidChange(changed),
      evidence.tree.onDidChangeStale(changed),
      panel.onDidChangeViewState(() => {
        delivery.visibility(panel.visible);
        dropStaleHtml();
      }),
    );
    panel.onDidDispose(() => {
      vscode.Disposable.from(...disposables).dispose();
      if (current?.panel === panel) current = undefined;
    });
    current = { panel, handle };
  };

  const open = (): void => {
    if (current) {
      current.panel.reveal();
      return;
    }
    attach(vscode.window.createWebviewPanel(webviewPanels.roadmap, title, vscode.ViewColumn.Active, options), defaultUiState);
  };

  context.subscriptions.push(
    onDidPost,
    registerNoArgumentsCommand(log, commands.openRoadmap, open),
    { dispose: () => current?.panel.dispose() },
  );

  return {
    // The serializer's `state` is what the page last gave setState: its view choices, read as the page reads them.
    restore: (panel, uiState) => {
      if (current) current.panel.dispose();
      attach(panel, messageChecks().readUiState(uiState));
    },
    isOpen: () => current !== undefined,
    onDidPostMessage: onDidPost.event,
    simulateMessage: async (raw) => {
      if (!current) throw new Error('the roadmap panel is not open');
      await current.handle(raw);
    },
    replaceLinkOpener: (opener) => {
      openLink = opener;
      return new vscode.Disposable(() => {
        if (openLink === opener) openLink = defaultOpener;
      });
    },
  };
}
