// Playwright helpers for UI tests against the real VS Code workbench (code-server + headless Chromium).
//
//   const wb = await openWorkbench({ theme: 'Default Dark Modern' });
//   try {
//     await openContainer(wb.page, 'ML Career');
//     await screenshot(wb.page, 'sidebar-dark');
//   } finally {
//     await wb.close();
//   }
//
// Every workbench gets its own server, temp dirs (user data, extensions, HOME) and browser; close() removes
// them all, and the test runner's cleanup also does on a timeout or Ctrl-C. Selectors that work on VS Code 1.100
// are listed in shared RECIPES ("Driving the real workbench UI").
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FrameLocator, Locator, Page } from 'playwright-core';

/** This file runs from out/test/ui/ after the build. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const screenshotsDir = path.join(repoRoot, 'test-results', 'screenshots');

/** The themes the screenshots use; `theme` also accepts any other installed theme's name. */
export type ThemeName = 'Default Light Modern' | 'Default Dark Modern' | 'Default High Contrast';

export interface WorkbenchOptions {
  /** `workbench.colorTheme`; default: VS Code's default (Dark Modern). */
  theme?: ThemeName | (string & {});
  /** Extra user settings, merged over the quiet defaults (no welcome page, no tips, no telemetry). */
  settings?: Record<string, unknown>;
  /** Folder to open: default a fresh temp copy of test/fixtures/workspace; `null` opens no folder. */
  workspace?: string | null;
  /**
   * Extension folders to install (symlinked into the server's extensions dir); default: this repository's
   * extension (run `node esbuild.mjs` first: it loads dist/). Installed rather than loaded through
   * extensionDevelopmentPath because the web workbench in development mode ignores `workbench.colorTheme`.
   */
  extensions?: string[];
  /**
   * 'install' (default): `extensions` are installed, themes apply. 'development': loaded through
   * extensionDevelopmentPath (ExtensionMode.Development), as the integration tier does; the theme then stays Light+.
   */
  loadAs?: 'install' | 'development';
  /** Extra environment for the server and the extension host. */
  env?: Record<string, string>;
  viewport?: { width: number; height: number };
}

export interface Workbench {
  page: Page;
  /** The folder the workbench opened (a temp copy unless `workspace` was given), or null. */
  workspace: string | null;
  baseUrl: string;
  /** Closes the browser, stops the server and removes every temp dir. Idempotent. */
  close(): Promise<void>;
}

interface ServerHandle {
  port: number;
  baseUrl: string;
  tmp: string;
  workspace: string | null;
  stop(): Promise<void>;
}

interface ServerLib {
  startServer(o: { workspace?: string | null; linkExtensions?: string[]; settings?: Record<string, unknown>; env?: Record<string, string>; quiet?: boolean }): Promise<ServerHandle>;
  launchBrowser(o: { tmp: string; viewport?: { width: number; height: number } }): Promise<{ page: Page; close(): Promise<void> }>;
  workbenchUrl(server: ServerHandle, o?: { extensionDevelopmentPaths: string[] }): string;
}

// The server helpers are plain ESM scripts shared with scripts/test.mjs; load them at run time by path so the
// bundler leaves them (and their import.meta) alone.
function loadServerLib(): Promise<ServerLib> {
  return import(pathToFileURL(path.join(repoRoot, 'scripts', 'lib', 'vscodeServer.mjs')).href) as Promise<ServerLib>;
}

/** Starts a server with the extension loaded, opens the workbench in headless Chromium and waits until it is ready. */
export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const lib = await loadServerLib();
  const settings = { ...(options.theme ? { 'workbench.colorTheme': options.theme } : {}), ...options.settings };
  const extensions = options.extensions ?? [repoRoot];
  const development = options.loadAs === 'development';
  const server = await lib.startServer({ workspace: options.workspace, linkExtensions: development ? [] : extensions, settings, env: options.env, quiet: true });
  let browser: { page: Page; close(): Promise<void> } | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await server.stop();
  };
  try {
    browser = await lib.launchBrowser({ tmp: server.tmp, viewport: options.viewport });
    await browser.page.goto(lib.workbenchUrl(server, { extensionDevelopmentPaths: development ? extensions : [] }));
    await browser.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The activity bar is filled once the extension host has registered the contributed containers.
    await browser.page.locator('.activitybar').waitFor({ timeout: 30_000 });
    return { page: browser.page, workspace: server.workspace, baseUrl: server.baseUrl, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The activity-bar entry of a view container, by its title (e.g. 'ML Career'). A badge on a container adds itself to
 * the label ("ML Career - 4 …"): the evidence scan may have set one by the time a test looks.
 */
export function activityBarItem(page: Page, title: string): Locator {
  return page.locator(`.activitybar a.action-label:is([aria-label="${title}"], [aria-label^="${title} - "])`);
}

/** Opens a view container in the side bar (clicks its activity-bar icon unless it is already shown). */
export async function openContainer(page: Page, title: string): Promise<Locator> {
  const item = activityBarItem(page, title);
  await item.waitFor({ timeout: 30_000 });
  const sidebar = page.locator('.part.sidebar');
  const titleLabel = sidebar.locator('.composite.title .title-label');
  const shown = (await sidebar.isVisible()) && ((await titleLabel.textContent()) ?? '').toLowerCase().includes(title.toLowerCase());
  if (!shown) await item.click();
  await titleLabel.filter({ hasText: new RegExp(title, 'i') }).waitFor({ timeout: 15_000 });
  return sidebar;
}

/**
 * A view's pane in the side bar by its name (e.g. 'Roadmap'). When it is the container's only view its header is
 * hidden (merged into the side bar title "ML CAREER: ROADMAP"), so match the header's title, not its visibility.
 */
export function viewPane(page: Page, name: string): Locator {
  return page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header h3.title', { hasText: name }) });
}

/** Rows of every tree/list currently shown in the side bar, optionally filtered by text. */
export function treeRows(page: Page, text?: string | RegExp): Locator {
  const rows = page.locator('.part.sidebar .monaco-list-row');
  return text === undefined ? rows : rows.filter({ hasText: text });
}

/** The count of open evidence suggestions on the ML Career activity-bar entry. */
export function evidenceBadge(page: Page): Locator {
  return page.locator('.activitybar .action-item', { has: page.locator('[aria-label^="ML Career"]') }).locator('.badge-content');
}

/**
 * Waits until the evidence scan of the default workspace (which has proof of several skills) has reported. Its result
 * re-renders the rows of the skills it found, and a click that lands while VS Code replaces a row's checkbox is lost,
 * for a user as for a test: a test that clicks one of those rows waits for the scan first.
 */
export async function evidenceReported(page: Page): Promise<void> {
  await evidenceBadge(page).waitFor({ timeout: 60_000 });
}

/**
 * Clicks a tree row's checkbox until the workbench takes the click, which it shows at once by flipping the box's
 * aria-checked (before the extension hears of it). VS Code replaces a row's checkbox element whenever it re-renders the
 * row, and a click whose mouse-down and mouse-up straddle that is lost before VS Code sees it; in CI that happened to
 * about one click in twenty, as another window's change or a scan result arrived. What the extension then does with the
 * click is for the caller to check.
 */
export async function clickCheckbox(row: Locator): Promise<void> {
  const box = row.locator('.custom-view-tree-node-item-checkbox');
  await box.waitFor({ timeout: 15_000 });
  const flipped = (await box.getAttribute('aria-checked')) === 'true' ? 'false' : 'true';
  for (let attempt = 1; ; attempt++) {
    await box.click();
    try {
      await row.locator(`.custom-view-tree-node-item-checkbox[aria-checked="${flipped}"]`).waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      console.log(`    (the workbench did not take checkbox click ${attempt}; clicking again)`);
    }
  }
}

/**
 * Clicks the item labelled `label` in an open context menu. VS Code's menu ignores mouse-ups on an item until 100 ms
 * after rendering it (menu.ts, "to avoid accidental clicks"), so a quicker click is silently lost, as it was in about
 * one CI run in three. A page timer started now, with a longer delay, fires after that one however busy the machine
 * is (timers fire in expiry order), so the click comes once the item listens.
 */
export async function clickMenuItem(menu: Locator, label: string): Promise<void> {
  const item = menu.locator('a.action-menu-item', { hasText: label });
  await item.waitFor();
  await item.evaluate(() => new Promise((resolve) => setTimeout(resolve, 150)));
  await item.click();
}

/** Runs a command from the command palette by (part of) its title, e.g. 'ML Career: Show Log'. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  // Click the matching row: Enter would run whichever row is highlighted, which need not be this one.
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor();
  await row.click();
}

/** Saves a PNG of the whole window to test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name}.png`);
  // Park the mouse where it shows no hover, and let animations (side bar, tree expansion) settle.
  const size = page.viewportSize();
  await page.mouse.move((size?.width ?? 1280) - 200, (size?.height ?? 800) / 2);
  await page.waitForTimeout(500);
  await page.screenshot({ path: file });
  return file;
}

/** Waits until the workbench shows `theme` (applied from the settings a little after the workbench starts). */
export async function themeApplied(page: Page, theme: ThemeName): Promise<void> {
  const file = { 'Default Light Modern': 'light_modern', 'Default Dark Modern': 'dark_modern', 'Default High Contrast': 'hc_black' }[theme];
  await page.locator(`.monaco-workbench.vscode-theme-defaults-themes-${file}-json`).waitFor({ timeout: 30_000 });
}

/** Drags the side bar's edge so labels and descriptions fit, as a user would on a roomy screen. */
export async function widenSidebar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= width) return;
  const sash = { x: box.x + box.width, y: box.y + box.height / 2 };
  await page.mouse.move(sash.x, sash.y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, sash.y, { steps: 5 });
  await page.mouse.up();
}

/** The text box of the open quick input (a prompt, a pick list or the simple folder dialog). */
export function promptInput(page: Page): Locator {
  return page.locator('.quick-input-widget .quick-input-box input');
}

/**
 * Presses Enter until `prompt` is gone. Under load an Enter can land before a pick list is filled and do nothing;
 * in the simple folder dialog the first Enter may only complete the path.
 */
export async function enterUntilHidden(page: Page, prompt: Locator, attempts = 4): Promise<void> {
  const input = promptInput(page);
  for (let attempt = 0; attempt < attempts && (await prompt.isVisible()); attempt++) {
    // The prompts keep showing when focus moves away (ignoreFocusOut): give the key to the prompt, not whatever took focus.
    await input.focus().catch(() => undefined);
    if (!(await prompt.isVisible())) break;
    await page.keyboard.press('Enter');
    // Long enough that a slow accept (a folder checked on disk under load) is not pressed again into the next prompt.
    await prompt.waitFor({ state: 'hidden', timeout: 8000 }).catch(() => undefined);
  }
  if (await prompt.isVisible()) {
    const message = await page.locator('.quick-input-widget .quick-input-message').innerText().catch(() => '');
    throw new Error(`the prompt is still open after ${attempts} presses of Enter: its input holds "${await input.inputValue()}"${message ? `, it says "${message.trim()}"` : ''}`);
  }
}

/**
 * Types `text` into the open prompt's input until the input keeps it. code-server's folder dialog puts its own path in
 * as it opens; typing into it then can leave the typed path appended to the dialog's ("/ws//ws/": "The path does not
 * exist"), which failed one installed-tier run of three here.
 */
export async function fillUntilKept(page: Page, text: string): Promise<void> {
  const input = promptInput(page);
  for (let attempt = 0; attempt < 5; attempt++) {
    await input.fill(text);
    // The dialog's own update, when it comes, comes within this.
    await page.waitForTimeout(500);
    if ((await input.inputValue()) === text) return;
  }
  throw new Error(`the prompt's input does not keep "${text}": it holds "${await input.inputValue()}"`);
}

/** The roadmap webview's document (code-server 1.100 nests it in two iframes). */
export function roadmapFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

export async function openRoadmap(page: Page): Promise<FrameLocator> {
  // The palette lists contributed commands only once the extension's contributions are in.
  await activityBarItem(page, 'ML Career').waitFor({ timeout: 30_000 });
  await runCommand(page, 'ML Career: Open Roadmap');
  const frame = roadmapFrame(page);
  try {
    await frame.locator('.chip').first().waitFor({ state: 'visible', timeout: 30_000 });
  } catch (error) {
    await screenshot(page, 'roadmap-failed-to-open');
    throw error;
  }
  return frame;
}
