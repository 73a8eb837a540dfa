import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { openContainer, openWorkbench, runCommand, screenshot, themeApplied, treeRows, widenSidebar, type ThemeName, type Workbench } from './workbench';

/** The fixture workspace's evidence-app/ has train.py (PyTorch) and a Dockerfile. */
const skillTitle = 'A deep learning framework (PyTorch or TensorFlow)';
const proofRow = 'evidence-app/train.py:1 · import torch';

function row(page: Page, label: string) {
  return treeRows(page).filter({ has: page.locator('.label-name', { hasText: label }) }).first();
}

async function expand(page: Page, label: string): Promise<void> {
  const r = row(page, label);
  await r.waitFor({ timeout: 30_000 });
  // A click made while the tree re-renders can be lost: click again until it is expanded.
  for (let attempt = 0; attempt < 3 && (await r.getAttribute('aria-expanded')) !== 'true'; attempt++) {
    // The twistie: a click on a skill's label runs its command (details) instead of expanding it.
    await r.locator('.monaco-tl-twistie').click();
    for (let i = 0; i < 30 && (await r.getAttribute('aria-expanded')) !== 'true'; i++) await page.waitForTimeout(100);
  }
  assert.equal(await r.getAttribute('aria-expanded'), 'true', `${label} did not expand`);
}

function roadmapFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

const themes: [ThemeName, string][] = [
  ['Default Dark Modern', 'dark'],
  ['Default Light Modern', 'light'],
  ['Default High Contrast', 'hc'],
];

describe('evidence in the real workbench', () => {
  let wb: Workbench | undefined;
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
    await wb?.close();
    wb = undefined;
  });

  for (const [theme, short] of themes) {
    it(`tree rows and the roadmap page's detail pane show the proof; a click opens the file at the line (${short})`, async function () {
      this.timeout(240_000);
      wb = await openWorkbench({ theme, viewport: { width: 1400, height: 900 } });
      const { page } = wb;
      await themeApplied(page, theme);
      await openContainer(page, 'ML Career');
      await widenSidebar(page, 520);
      await expand(page, 'Must-have technical skills');
      // Suggested: the scan runs shortly after startup, in the background.
      const skill = row(page, skillTitle);
      await skill.filter({ hasText: /evidence found · evidence in \d+ files?/ }).waitFor({ timeout: 60_000 });
      assert.equal(await skill.locator('.codicon-lightbulb-sparkle').count(), 1, 'a suggested skill has the lightbulb icon');
      await expand(page, skillTitle);
      await expand(page, 'Evidence');
      const proof = row(page, proofRow);
      await proof.waitFor({ timeout: 15_000 });
      // The view's badge counts the open suggestions.
      const badge = page.locator('.activitybar .action-item', { has: page.locator('[aria-label^="ML Career"]') }).locator('.badge-content');
      await badge.waitFor({ timeout: 15_000 });
      assert.match((await badge.textContent()) ?? '', /^[1-9]\d*$/);
      await screenshot(page, `evidence-tree-${short}`);

      await proof.click();
      await page.locator('.tabs-container .tab.active', { hasText: 'train.py' }).waitFor({ timeout: 15_000 });
      await page.locator('.statusbar-item', { hasText: /Ln 1, Col \d+/ }).waitFor({ timeout: 15_000 });

      await runCommand(page, 'ML Career: Open Roadmap');
      const frame = roadmapFrame(page);
      const chip = frame.locator('.chip[data-skill="deep-learning-framework"]');
      await chip.locator('.chip-evidence').waitFor({ timeout: 30_000 });
      assert.match((await chip.locator('.chip-evidence').textContent()) ?? '', /evidence found · \d+ files?/);
      await chip.locator('.chip-main').click();
      const link = frame.locator('.proof-link', { hasText: 'evidence-app/train.py:1' });
      await link.waitFor({ timeout: 15_000 });
      assert.match((await link.textContent()) ?? '', /import torch/);
      await link.scrollIntoViewIfNeeded();
      await screenshot(page, `evidence-webview-${short}`);
      await link.click();
      await page.locator('.tabs-container .tab.active', { hasText: 'train.py' }).waitFor({ timeout: 15_000 });
    });
  }
});
