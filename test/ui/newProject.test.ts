import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { clickCheckbox, clickMenuItem, enterUntilHidden, fillUntilKept, openContainer, openWorkbench, runCommand, screenshot, treeRows, viewPane } from './workbench';

const quickInput = (page: Page) => page.locator('.quick-input-widget');

const stepTitle = (page: Page, title: RegExp) => quickInput(page).locator('.quick-input-title', { hasText: title });

async function waitForStep(page: Page, title: RegExp): Promise<void> {
  try {
    await stepTitle(page, title).waitFor({ state: 'visible', timeout: 20_000 });
  } catch (error) {
    // What the workbench shows instead says which step went wrong (a CI run leaves only this log and the screenshot).
    const shown = await quickInput(page).locator('.quick-input-title').allTextContents().catch(() => []);
    const toasts = await page.locator('.notifications-toasts .notification-list-item').allTextContents().catch(() => []);
    await screenshot(page, 'new-project-step-missing');
    throw new Error(`${title} never showed; quick input title: ${JSON.stringify(shown)}; notifications: ${JSON.stringify(toasts)}\n${String(error)}`);
  }
}

describe('New Portfolio Project from the palette, and the Portfolio view', function () {
  this.timeout(180_000);

  it('runs every prompt, writes the project, ticks a test in the view and marks it automated', async () => {
    const wb = await openWorkbench({ theme: 'Default Dark Modern' });
    try {
      const { page } = wb;
      assert.ok(wb.workspace);
      await openContainer(page, 'ML Career');
      const portfolio = viewPane(page, 'Portfolio');
      await portfolio.locator('.welcome-view-content').waitFor({ state: 'visible', timeout: 20_000 });
      await screenshot(page, 'portfolio-empty');

      await runCommand(page, 'ML Career: New Portfolio Project');
      await waitForStep(page, /\(1\/5\): Template/);
      await screenshot(page, 'new-project-1-template');
      await quickInput(page).locator('input').fill('RAG Chatbot');
      await page.keyboard.press('Enter');

      await waitForStep(page, /\(2\/5\): Name/);
      await quickInput(page).locator('input').fill('../bad name');
      await quickInput(page).locator('.quick-input-message', { hasText: /no "\/"/ }).waitFor({ timeout: 10_000 });
      await screenshot(page, 'new-project-2-name-invalid');
      await quickInput(page).locator('input').fill('my-rag-bot');
      await quickInput(page).locator('.quick-input-message', { hasText: /no "\/"/ }).waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
      await page.keyboard.press('Enter');

      // code-server shows VS Code's simple folder dialog: a quick input holding a path.
      await waitForStep(page, /\(3\/5\): Parent folder/);
      await fillUntilKept(page, `${wb.workspace}/`);
      await screenshot(page, 'new-project-3-parent');
      await enterUntilHidden(page, stepTitle(page, /\(3\/5\): Parent folder/));

      await waitForStep(page, /\(4\/5\): Licence/);
      await screenshot(page, 'new-project-4-licence');
      await enterUntilHidden(page, stepTitle(page, /\(4\/5\): Licence/));

      await waitForStep(page, /\(5\/5\): Options/);
      await screenshot(page, 'new-project-5-options');
      await enterUntilHidden(page, stepTitle(page, /\(5\/5\): Options/));

      const created = page.locator('.notifications-toasts .notification-list-item', { hasText: 'Created my-rag-bot' });
      await created.waitFor({ timeout: 60_000 });
      const checklist = path.join(wb.workspace, 'my-rag-bot', 'DEPLOY_CHECKLIST.md');
      assert.ok(existsSync(checklist));
      assert.ok(existsSync(path.join(wb.workspace, 'my-rag-bot', '.git')));
      await screenshot(page, 'new-project-6-created');

      // The project's row, not the hidden folder it was staged in.
      await treeRows(page, /^my-rag-bot/).first().waitFor({ timeout: 30_000 });
      // The project's tree is taller than the Portfolio pane's share of the side bar: fold the Roadmap away.
      await viewPane(page, 'Roadmap').locator('.pane-header h3.title').click();
      await treeRows(page, /^Data/).first().click();
      const firstItem = treeRows(page, 'Feature expectations are written down').first();
      await firstItem.waitFor({ timeout: 10_000 });
      await clickCheckbox(firstItem);
      await firstItem.locator('.custom-view-tree-node-item-checkbox[aria-checked="true"]').waitFor({ timeout: 10_000 });
      // The tree shows the tick at once; the file is edited and saved through a WorkspaceEdit just after.
      for (let i = 0; i < 100 && !/^- \[x\] \*\*Data 1\*\*/m.test(readFileSync(checklist, 'utf8')); i++) await page.waitForTimeout(100);
      assert.match(readFileSync(checklist, 'utf8'), /^- \[x\] \*\*Data 1\*\*/m);
      // Done by hand: half a point in Data; the score is the lowest section, still 0.
      await treeRows(page, /^my-rag-bot/).first().locator('.label-description', { hasText: 'ML Test Score 0/7' }).waitFor({ timeout: 10_000 });
      await treeRows(page, /^Data/).first().locator('.label-description', { hasText: '0.5/7' }).waitFor({ timeout: 10_000 });
      await treeRows(page, /^ML Test Score: 0 of 7/).first().locator('.label-description', { hasText: 'research project' }).waitFor({ timeout: 10_000 });

      // Automated, from the item's context menu: a full point, written as a trailing `automated` marker.
      for (let attempt = 1; ; attempt++) {
        await treeRows(page, 'Feature expectations are written down').first().click({ button: 'right' });
        const menu = page.locator('.context-view .monaco-menu');
        await menu.waitFor({ timeout: 10_000 });
        const labels = await menu.locator('a.action-menu-item .action-label').allTextContents();
        assert.ok(labels.includes('Mark as Automated') && !labels.includes('Mark as Manual'), labels.join(', '));
        await screenshot(page, 'portfolio-test-menu');
        await clickMenuItem(menu, 'Mark as Automated');
        try {
          await treeRows(page, /^Data/).first().locator('.label-description', { hasText: '1/7' }).waitFor({ timeout: 5_000 });
          break;
        } catch (error) {
          if (attempt === 3) throw error;
          await page.keyboard.press('Escape');
        }
      }
      assert.match(readFileSync(checklist, 'utf8'), /^- \[x\] \*\*Data 1\*\* .* `automated`$/m);
      await treeRows(page, 'Feature expectations are written down').first().locator('.label-description', { hasText: 'Data 1 · automated' }).waitFor({ timeout: 10_000 });
      await treeRows(page, /^Other checks/).first().locator('.label-description', { hasText: 'done, not scored' }).waitFor({ timeout: 10_000 });
      await screenshot(page, 'portfolio-view');
    } finally {
      await wb.close();
    }
  });
});
