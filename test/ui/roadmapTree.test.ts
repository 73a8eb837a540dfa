import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { clickCheckbox, clickMenuItem, evidenceReported, openContainer, openWorkbench, runCommand, screenshot, themeApplied, treeRows, widenSidebar, type Workbench } from './workbench';

/** A tree row by its exact label (rows' text also holds the description, e.g. "Python Done"). */
function row(page: Page, label: string) {
  return treeRows(page).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}$`) }) }).first();
}

async function expand(page: Page, label: string): Promise<void> {
  const r = row(page, label);
  await r.waitFor({ timeout: 15_000 });
  // A click toggles; one made while the tree re-renders can be lost, so click again if nothing happened.
  for (let attempt = 0; attempt < 3 && (await r.getAttribute('aria-expanded')) !== 'true'; attempt++) {
    await r.click();
    for (let i = 0; i < 30 && (await r.getAttribute('aria-expanded')) !== 'true'; i++) await page.waitForTimeout(100);
  }
  assert.equal(await r.getAttribute('aria-expanded'), 'true', `${label} did not expand`);
}

async function checkboxOf(page: Page, label: string) {
  const box = row(page, label).locator('.custom-view-tree-node-item-checkbox');
  await box.waitFor({ timeout: 15_000 });
  return box;
}

/**
 * Right-clicks a skill row and runs a context-menu action, then waits for the row to show `expected`.
 * The tree re-renders rows when progress changes; a menu opened on a row being replaced can vanish, so the
 * whole gesture is retried once.
 */
async function contextMenuAction(page: Page, label: string, action: string, expected: string, shot?: string, menuItems?: string[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await row(page, label).click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    await menu.waitFor({ timeout: 10_000 });
    // The screenshot shows the menu: check it offers what it should (a not-started skill: every other status).
    if (menuItems) assert.deepEqual((await menu.locator('a.action-menu-item .action-label').allTextContents()).filter((text) => menuItems.includes(text)), menuItems);
    if (shot) await screenshot(page, shot);
    await clickMenuItem(menu, action);
    try {
      await row(page, label).filter({ hasText: expected }).waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

describe('roadmap tree in the real workbench', () => {
  let wb: Workbench | undefined;
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
    await wb?.close();
    wb = undefined;
  });

  it('a checked skill stays checked after a window reload', async () => {
    wb = await openWorkbench({ theme: 'Default Dark Modern' });
    await openContainer(wb.page, 'ML Career');
    await expand(wb.page, 'Must-have technical skills');
    await evidenceReported(wb.page);
    assert.equal(await (await checkboxOf(wb.page, 'Python')).getAttribute('aria-checked'), 'false');
    await clickCheckbox(row(wb.page, 'Python'));
    await row(wb.page, 'Python').filter({ hasText: 'Done' }).waitFor({ timeout: 10_000 });
    assert.equal(await (await checkboxOf(wb.page, 'Python')).getAttribute('aria-checked'), 'true');
    // The status bar follows.
    await wb.page.locator('.statusbar-item', { hasText: /Set level · [1-9]\d*%/ }).waitFor({ timeout: 10_000 });

    // Reload the way a user does, so the workbench shuts down through its lifecycle (and flushes storage).
    const reloaded = wb.page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(wb.page, 'Developer: Reload Window');
    await reloaded;
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The workbench restores the open side bar on its own. Clicking the icon meanwhile would toggle it shut, and
    // the palette lists "View: Show ML Career" only once the extension's contributions are in again, so wait.
    await wb.page.locator('.part.sidebar .composite.title .title-label', { hasText: /ML Career/i }).waitFor({ timeout: 60_000 });
    await expand(wb.page, 'Must-have technical skills');
    await row(wb.page, 'Python').filter({ has: wb.page.locator('.custom-view-tree-node-item-checkbox[aria-checked="true"]') }).waitFor({ timeout: 20_000 });
    await screenshot(wb.page, 'tree-checked-after-reload');
  });

  it('two windows: a change in one shows in the other without a reload', async () => {
    wb = await openWorkbench({ theme: 'Default Dark Modern' });
    const first = wb.page;
    const second = await first.context().newPage();
    await second.goto(first.url());
    for (const page of [first, second]) {
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await openContainer(page, 'ML Career');
      await expand(page, 'Must-have technical skills');
      await evidenceReported(page);
    }
    await clickCheckbox(row(first, 'SQL and data manipulation'));
    await row(first, 'SQL and data manipulation').filter({ hasText: 'Done' }).waitFor({ timeout: 10_000 });
    await row(second, 'SQL and data manipulation').filter({ hasText: 'Done' }).waitFor({ timeout: 15_000 });

    // And back: the other window's change wins because it is newer, in both windows.
    await contextMenuAction(second, 'SQL and data manipulation', 'Mark Skill as Learning', 'Learning');
    await row(first, 'SQL and data manipulation').filter({ hasText: 'Learning' }).waitFor({ timeout: 15_000 });
    await screenshot(second, 'tree-second-window');
  });

  it('Search Skills reveals the chosen skill in the tree, even under a filter that hides it', async () => {
    wb = await openWorkbench({ theme: 'Default Dark Modern' });
    await openContainer(wb.page, 'ML Career');
    await runCommand(wb.page, 'ML Career: Filter Roadmap');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Learning' }).first().click();
    await wb.page.locator('.part.sidebar .pane-header', { hasText: 'Learning only' }).first().waitFor({ timeout: 10_000 });
    await runCommand(wb.page, 'ML Career: Search Skills');
    await wb.page.locator('.quick-input-widget input').fill('vector');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Vector databases' }).first().waitFor();
    await wb.page.keyboard.press('Enter');
    const revealed = row(wb.page, 'Vector databases and embeddings');
    await revealed.and(wb.page.locator('.monaco-list-row.selected')).waitFor({ timeout: 10_000 });
    assert.equal(await wb.page.locator('.part.sidebar .pane-header', { hasText: 'Learning only' }).count(), 0, 'the filter was cleared to show it');
    await screenshot(wb.page, 'tree-search-revealed');
  });

  it('sets a skill to learning from its context menu', async () => {
    wb = await openWorkbench({ theme: 'Default Light Modern' });
    await openContainer(wb.page, 'ML Career');
    await expand(wb.page, 'Must-have technical skills');
    await contextMenuAction(wb.page, 'Linux and the command line', 'Mark Skill as Learning', 'Learning', 'tree-context-menu', [
      'Mark Skill as Done',
      'Mark Skill as Learning',
      'Mark Skill as Skipped',
      'Show Skill Details',
    ]);
    assert.equal(await (await checkboxOf(wb.page, 'Linux and the command line')).getAttribute('aria-checked'), 'false');
  });

  for (const [theme, shot] of [
    ['Default Light Modern', 'tree-light'],
    ['Default Dark Modern', 'tree-dark'],
    ['Default High Contrast', 'tree-high-contrast'],
  ] as const) {
    it(`renders levels, groups and statuses (${theme})`, async () => {
      wb = await openWorkbench({ theme });
      await themeApplied(wb.page, theme);
      await openContainer(wb.page, 'ML Career');
      await widenSidebar(wb.page, 460);
      await runCommand(wb.page, 'ML Career: Set My Current Level');
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Junior ML Engineer' }).first().click();
      await row(wb.page, 'Junior ML Engineer').filter({ hasText: 'you are here' }).waitFor({ timeout: 10_000 });
      // The list is virtual: rows scrolled out of view are not in the DOM, so expand just the one group.
      await expand(wb.page, 'Must-have technical skills');
      await evidenceReported(wb.page);
      await clickCheckbox(row(wb.page, 'Python'));
      await row(wb.page, 'Python').filter({ hasText: 'Done' }).waitFor({ timeout: 10_000 });
      await contextMenuAction(wb.page, 'Linux and the command line', 'Mark Skill as Learning', 'Learning');
      await contextMenuAction(wb.page, 'A cloud platform (AWS, GCP or Azure)', 'Mark Skill as Skipped', 'Skipped');
      // What the screenshot shows: one box checked (Python), the statuses as descriptions, the level marked.
      assert.deepEqual(await treeRows(wb.page).filter({ has: wb.page.locator('.custom-view-tree-node-item-checkbox[aria-checked="true"]') }).locator('.label-name').allTextContents(), ['Python']);
      assert.match((await row(wb.page, 'Linux and the command line').textContent()) ?? '', /Learning/);
      assert.match((await row(wb.page, 'Junior ML Engineer').textContent()) ?? '', /you are here/);
      await screenshot(wb.page, shot);
    });

    it(`shows trackable expectations, milestones and the dated market snapshot (${theme})`, async () => {
      wb = await openWorkbench({ theme });
      await themeApplied(wb.page, theme);
      await openContainer(wb.page, 'ML Career');
      await widenSidebar(wb.page, 520);
      await expand(wb.page, 'Senior ML Engineer');
      await expand(wb.page, 'Expectations');
      await clickCheckbox(row(wb.page, 'Designs ML systems'));
      await row(wb.page, 'Designs ML systems').filter({ hasText: 'Done' }).waitFor({ timeout: 10_000 });
      // The optional expectation is tracked but marked; its competency shows beside its status.
      assert.match((await row(wb.page, 'May lead a small team (optional)').textContent()) ?? '', /Not started · Leadership/);
      // The count above follows the clicked row: the row is refreshed first, alone, the rows counting it right after.
      await row(wb.page, 'Expectations').filter({ hasText: /1\/9/ }).waitFor({ timeout: 10_000 });
      // A skill's tooltip shows its milestones, one per level.
      // A tree refresh (the evidence scan finishing) closes an open hover: move away and hover again.
      const milestones = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'At each level' }).first();
      for (let attempt = 0; attempt < 5 && !(await milestones.isVisible()); attempt++) {
        await wb.page.mouse.move(0, 0);
        await row(wb.page, 'ML system design').hover();
        await milestones.waitFor({ timeout: 4_000 }).catch(() => undefined);
      }
      assert.match((await milestones.textContent({ timeout: 5_000 })) ?? '', /Senior: Designs systems of several models/);
      await screenshot(wb.page, `${shot}-expectations`);
      await wb.page.keyboard.press('Escape');
      // Fold the level again so the market snapshot (the last root) is in view.
      await row(wb.page, 'Senior ML Engineer').click();
      await row(wb.page, 'Senior ML Engineer').and(wb.page.locator('[aria-expanded="false"]')).waitFor({ timeout: 10_000 });
      await expand(wb.page, 'The ML engineering job market');
      assert.match((await row(wb.page, 'The ML engineering job market').textContent()) ?? '', /snapshot, March 2026/);
      assert.match((await row(wb.page, 'Entry-level pay (US)').textContent()) ?? '', /\$120k–180k/);
      await screenshot(wb.page, `${shot}-market`);
    });
  }
});
