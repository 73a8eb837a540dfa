// The extension as users get it: the packaged .vsix, installed with code-server's --install-extension into a
// fresh workbench, driven through the UI. A file the package lacks (say dist/templates.js, loaded only when a
// project is scaffolded) fails the step that needs it.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { enterUntilHidden, fillUntilKept, openContainer, openWorkbench, promptInput, runCommand, screenshot, treeRows, type Workbench } from '../ui/workbench';
import { installedVsix } from './vsix';

/** A tree row by its exact label (a row's text also holds its description). */
function row(page: Page, label: string) {
  return treeRows(page).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
}

const quickInput = (page: Page) => page.locator('.quick-input-widget');

/**
 * An error shown by the workbench: an error notification, or the modal dialog a command that throws (e.g. on a
 * bundle missing from the package) leaves.
 */
const shownError = (page: Page) =>
  page.locator('.notifications-toasts .notification-list-item').filter({ has: page.locator('.codicon-error') }).or(page.locator('.monaco-dialog-box')).first();

/** What the workbench shows instead (the prompt open, if any, and the notifications), with a screenshot, for a failure. */
async function whatIsShown(page: Page): Promise<string> {
  const prompt = quickInput(page);
  const shown = (await prompt.isVisible())
    ? `The prompt open is "${await prompt.locator('.quick-input-title').innerText()}", its input "${await promptInput(page).inputValue()}".`
    : 'No prompt is open.';
  const notifications = await page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
  const file = await screenshot(page, 'installed-prompt-missing');
  return `${shown} Notifications: ${notifications.length > 0 ? notifications.map((n) => `"${n.trim()}"`).join(', ') : 'none'}. Screenshot: ${path.basename(file)}`;
}

/** Waits for `expected`, failing at once with the error's text if an error notification shows instead. */
async function waitOrError(page: Page, expected: ReturnType<Page['locator']>, what: string): Promise<void> {
  try {
    await expected.or(shownError(page)).first().waitFor({ state: 'visible', timeout: 60_000 });
  } catch (error) {
    throw new Error(`${what}: not shown within 60 s. ${await whatIsShown(page)}`, { cause: error });
  }
  if (await shownError(page).isVisible()) {
    const text = await shownError(page).locator('.dialog-message-container, .notification-list-item-message').first().innerText();
    assert.fail(`${what}: an error was shown instead: ${text.split('\n').map((line) => line.trim()).filter(Boolean).join(' ')}`);
  }
}

/**
 * Answers one prompt: waits for it, types `text` if given, presses Enter until the prompt moves on. Under load an
 * Enter can land before a pick list is filled and do nothing; in the folder dialog the first Enter may only
 * complete the path.
 */
async function answer(page: Page, step: RegExp, text?: string): Promise<void> {
  const title = quickInput(page).locator('.quick-input-title', { hasText: step });
  await waitOrError(page, title, `waiting for the prompt ${step.source}`);
  if (text !== undefined) await fillUntilKept(page, text);
  await enterUntilHidden(page, title);
}

describe('the installed .vsix in a real workbench', function () {
  this.timeout(120_000);
  let wb: Workbench;

  before(async function () {
    this.timeout(120_000);
    wb = await openWorkbench({ extensions: [installedVsix()] });
    await openContainer(wb.page, 'ML Career');
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    await screenshot(wb.page, `installed-failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
    // The steps share one workbench: close what a failure left open (an error dialog, a prompt) so the next runs.
    for (let i = 0; i < 3; i++) await wb.page.keyboard.press('Escape');
  });

  after(async () => {
    await wb?.close();
  });

  it('Roadmap tree: a checkbox click sticks across a window reload, and the status bar follows', async () => {
    const { page } = wb;
    await row(page, 'Must-have technical skills').click();
    const python = row(page, 'Python');
    await python.locator('.custom-view-tree-node-item-checkbox[aria-checked="false"]').click({ timeout: 20_000 });
    await python.filter({ hasText: 'Done' }).waitFor({ timeout: 10_000 });
    await page.locator('.statusbar-item', { hasText: /Set level · [1-9]\d*%/ }).waitFor({ timeout: 10_000 });

    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    // The workbench restores the ML Career side bar by itself; clicking its icon meanwhile would close it.
    await page.locator('.part.sidebar .composite.title .title-label', { hasText: /ML Career/i }).waitFor({ timeout: 60_000 });
    const group = row(page, 'Must-have technical skills');
    if ((await group.getAttribute('aria-expanded', { timeout: 20_000 })) !== 'true') await group.click();
    await row(page, 'Python').locator('.custom-view-tree-node-item-checkbox[aria-checked="true"]').waitFor({ timeout: 20_000 });
    await page.locator('.statusbar-item', { hasText: /Set level · [1-9]\d*%/ }).waitFor({ timeout: 10_000 });
  });

  // Before the roadmap panel: once a webview has keyboard focus, the palette's F1 can go astray.
  it('New Portfolio Project from the palette scaffolds a project (the templates bundle is packaged) and the Portfolio view lists it', async () => {
    const { page } = wb;
    assert.ok(wb.workspace);
    await runCommand(page, 'ML Career: New Portfolio Project');
    await answer(page, /\(1\/5\): Template/, 'Text Classifier');
    await answer(page, /\(2\/5\): Name/, 'installed-smoke');
    // code-server's simple folder dialog: a path in a quick input.
    await answer(page, /\(3\/5\): Parent folder/, `${wb.workspace}/`);
    await answer(page, /\(4\/5\): Licence/);
    await answer(page, /\(5\/5\): Options/);

    await waitOrError(page, page.locator('.notifications-toasts .notification-list-item', { hasText: 'Created installed-smoke' }), 'scaffolding');
    assert.ok(existsSync(path.join(wb.workspace, 'installed-smoke', 'DEPLOY_CHECKLIST.md')));

    await openContainer(page, 'ML Career');
    await row(page, 'installed-smoke').waitFor({ timeout: 30_000 });
  });

  it('Open Roadmap from the palette shows every level (the webview bundle and its styles are packaged)', async () => {
    await runCommand(wb.page, 'ML Career: Open Roadmap');
    const frame = wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const headings = frame.locator('h2[id^="level-"]');
    await headings.first().waitFor({ state: 'visible', timeout: 30_000 });
    const titles = await headings.allTextContents();
    for (const level of ['Junior ML Engineer', 'Mid-level ML Engineer', 'Senior ML Engineer']) assert.ok(titles.includes(level), `${level} is not among ${titles.join(', ')}`);
    // media/roadmap.css lays a level's head out as a row; without the stylesheet it is a plain block.
    assert.equal(await frame.locator('.level-head').first().evaluate((el) => getComputedStyle(el).display), 'flex', 'media/roadmap.css did not load');
  });
});
