import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { clickCheckbox, clickMenuItem, evidenceReported, openContainer, openWorkbench, screenshot, viewPane, themeApplied, treeRows, type Workbench } from './workbench';

function row(page: Page, label: string) {
  return treeRows(page).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
}

describe('promotion packet in the real workbench', () => {
  let wb: Workbench | undefined;
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
    await wb?.close();
    wb = undefined;
  });

  it('Export Promotion Packet opens a Markdown document; its preview shows the levels, statuses and portfolio', async function () {
    this.timeout(240_000);
    wb = await openWorkbench({ theme: 'Default Light Modern', viewport: { width: 1400, height: 900 } });
    const { page } = wb;
    await themeApplied(page, 'Default Light Modern');
    await openContainer(page, 'ML Career');
    // Some progress to show: Python done, from its checkbox.
    const group = row(page, 'Must-have technical skills');
    await group.waitFor({ timeout: 30_000 });
    for (let attempt = 0; attempt < 3 && (await group.getAttribute('aria-expanded')) !== 'true'; attempt++) {
      await group.click();
      await page.waitForTimeout(500);
    }
    await evidenceReported(page);
    await clickCheckbox(row(page, 'Python'));
    await row(page, 'Python').filter({ hasText: 'Done' }).waitFor({ timeout: 15_000 });

    // From the Roadmap view's overflow menu, where the export commands live.
    const header = viewPane(page, 'Roadmap').locator('.pane-header');
    await header.hover();
    await header.locator('a.action-label.codicon-toolbar-more').click();
    const menu = page.locator('.context-view .monaco-menu');
    await menu.waitFor({ timeout: 10_000 });
    const entries = await menu.locator('a.action-menu-item .action-label').allTextContents();
    for (const entry of ['Export Promotion Packet', 'Export Skill Matrix (CSV)…', 'Export Progress (JSON)…', 'Import Progress…']) assert.ok(entries.includes(entry), entries.join(' | '));
    await screenshot(page, 'export-roadmap-overflow-menu-light');
    await clickMenuItem(menu, 'Export Promotion Packet');
    // The packet opens as an untitled Markdown document…
    await page.locator('.editor-instance .view-lines', { hasText: '# Promotion packet' }).waitFor({ timeout: 30_000 });
    // …and a notification offers the preview.
    const toast = page.locator('.notification-toast', { hasText: 'promotion packet is open' });
    await toast.waitFor({ timeout: 15_000 });
    await toast.locator('a.monaco-button', { hasText: 'Open Preview' }).click();

    const preview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await preview.locator('h1', { hasText: 'Promotion packet' }).waitFor({ timeout: 30_000 });
    const headings = await preview.locator('h2').allTextContents();
    assert.ok(headings.includes('Summary'), headings.join(' | '));
    assert.ok(headings.some((h) => h.endsWith('(current level)')), headings.join(' | '));
    assert.ok(headings.some((h) => h.endsWith('(next level)')), headings.join(' | '));
    assert.ok(headings.includes('Portfolio projects'), headings.join(' | '));
    assert.equal(await preview.locator('table th', { hasText: 'Not started' }).count(), 1, 'the summary renders as a table');
    await preview.locator('li', { hasText: /^Python \(.+\): Done since \d{4}-\d\d-\d\d/ }).first().waitFor({ timeout: 10_000 });
    // No raw escapes or HTML leak into what the reader sees.
    const text = (await preview.locator('body').textContent()) ?? '';
    assert.ok(!text.includes('\\('), 'backslash escapes render as the characters they escape');
    await screenshot(page, 'export-promotion-packet-preview-light');
  });
});
