import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { clickMenuItem, openContainer, openWorkbench, runCommand, screenshot, screenshotsDir, themeApplied, treeRows, widenSidebar, type Workbench } from './workbench';

/** A tree row by its exact label. */
function row(page: Page, label: string) {
  return treeRows(page).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
}

describe('notes in the real workbench', () => {
  let wb: Workbench | undefined;
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
    await wb?.close();
    wb = undefined;
  });

  it('a note typed in its editor tab and saved shows on the tree row, in its tooltip and in the roadmap detail pane', async () => {
    wb = await openWorkbench({ theme: 'Default Dark Modern', settings: { 'mlCareer.evidence.enabled': false } });
    const { page } = wb;
    await themeApplied(page, 'Default Dark Modern');
    await openContainer(page, 'ML Career');
    await widenSidebar(page, 460);
    const group = row(page, 'Must-have technical skills');
    await group.waitFor({ timeout: 15_000 });
    await group.click();
    await row(page, 'Python').waitFor({ timeout: 15_000 });

    // Add Note… from the row's context menu; the menu offers no Edit or Delete while there is no note.
    await row(page, 'Python').click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    await menu.waitFor({ timeout: 10_000 });
    const labels = await menu.locator('a.action-menu-item .action-label').allTextContents();
    assert.ok(labels.includes('Add Note…') && !labels.includes('Edit Note') && !labels.includes('Delete Note'), labels.join(', '));
    await clickMenuItem(menu, 'Add Note…');

    const tab = page.locator('.tabs-container .tab', { hasText: 'Python.md' });
    await tab.waitFor({ timeout: 15_000 });
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.click();
    // insertText types without auto-closing pairs, so the note is exactly this.
    await page.keyboard.insertText('# Plan for Python\n\nFinish the **pandas** course, then [the docs](https://docs.python.org/3/).\n\n<script>alert(1)</script>');
    // Ctrl+S saves (auto save, when on, may have been first).
    await page.keyboard.press('Control+S');
    await page.locator('.tabs-container .tab:not(.dirty)', { hasText: 'Python.md' }).waitFor({ timeout: 10_000 });
    // The row says it has a note; its tooltip shows the note rendered, the script as text.
    await row(page, 'Python').filter({ hasText: '· note' }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'note-editor');
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Your note' }).first();
    for (let attempt = 0; attempt < 5 && !(await hover.isVisible()); attempt++) {
      await page.mouse.move(0, 0);
      await row(page, 'Python').hover();
      await hover.waitFor({ timeout: 4_000 }).catch(() => undefined);
    }
    assert.equal(await hover.locator('strong', { hasText: 'pandas' }).count(), 1, 'bold text is bold');
    assert.equal(await hover.locator('a', { hasText: 'the docs' }).count(), 1, 'the https link is a link');
    assert.equal(await hover.locator('script').count(), 0);
    assert.match((await hover.textContent()) ?? '', /<script>alert\(1\)<\/script>/);
    // screenshot() parks the mouse, which would close the hover: this one is taken as the page stands.
    mkdirSync(screenshotsDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotsDir, 'note-tooltip.png') });

    // The roadmap page's detail pane shows the same note and the row's dated history.
    await page.mouse.move(0, 0);
    await runCommand(page, 'ML Career: Open Roadmap');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const chip = frame.locator('.chip[data-skill="python"] .chip-main');
    await chip.waitFor({ state: 'visible', timeout: 30_000 });
    await chip.click();
    const note = frame.locator('.detail .detail-note');
    await note.waitFor({ timeout: 10_000 });
    assert.equal(await note.locator('h1, h2, h3', { hasText: 'Plan for Python' }).count(), 1);
    assert.equal(await note.locator('strong', { hasText: 'pandas' }).count(), 1);
    assert.equal(await note.locator('button.note-link', { hasText: 'the docs' }).count(), 1);
    assert.equal(await note.locator('script, a').count(), 0);
    assert.match((await note.textContent()) ?? '', /<script>alert\(1\)<\/script>/);
    await screenshot(page, 'note-webview-detail');
  });
});
