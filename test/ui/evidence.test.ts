import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { enterUntilHidden, evidenceBadge, openContainer, openWorkbench, runCommand, screenshot, themeApplied, treeRows, widenSidebar, type ThemeName, type Workbench } from './workbench';

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

/** Waits until the scan suggests `skill` (under `group` in the tree), then opens the review QuickPick. */
async function reviewOnceSuggested(page: Page, group: string, skill: string) {
  await openContainer(page, 'ML Career');
  await widenSidebar(page, 520);
  await expand(page, group);
  await row(page, skill).filter({ hasText: /evidence found/ }).waitFor({ timeout: 60_000 });
  await runCommand(page, 'ML Career: Review Evidence Suggestions');
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: 'Evidence Suggestions' }).waitFor({ timeout: 15_000 });
  const rows = widget.locator('.quick-input-list .monaco-list-row');
  await rows.first().waitFor();
  const labels = await rows.evaluateAll((list) => list.map((r) => r.querySelector('.label-name')?.textContent ?? ''));
  return { widget, rows, labels };
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
      const badge = evidenceBadge(page);
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

  it('Review Evidence Suggestions…: a multi-select QuickPick with every suggestion checked; accepting only the first marks only it done', async function () {
    this.timeout(240_000);
    wb = await openWorkbench({ theme: 'Default Dark Modern', viewport: { width: 1400, height: 900 } });
    const { page } = wb;
    const { widget, rows, labels } = await reviewOnceSuggested(page, 'Must-have technical skills', skillTitle);
    const count = await rows.count();
    assert.ok(count >= 2, `${count} suggestions`);
    const checked = await rows.evaluateAll((list) => list.map((r) => r.getAttribute('aria-checked') === 'true'));
    assert.deepEqual(checked, labels.map(() => true), 'every suggestion starts checked');
    assert.match((await rows.first().textContent()) ?? '', /evidence in \d+ files?/, 'the description says how much was found');
    await screenshot(page, 'evidence-review-quickpick-dark');

    // Uncheck all but the first, then OK.
    for (let i = 1; i < count; i++) await rows.nth(i).locator('.monaco-checkbox').click();
    assert.deepEqual(await rows.evaluateAll((list) => list.map((r) => r.getAttribute('aria-checked') === 'true')), labels.map((_, i) => i === 0));
    const kept = labels[0] ?? '';
    await enterUntilHidden(page, widget);
    await row(page, kept).waitFor({ timeout: 15_000 });
    await row(page, kept).filter({ hasNotText: /evidence found/ }).waitFor({ timeout: 15_000 });
    for (const label of labels.slice(1).filter((l) => l !== kept)) {
      const other = row(page, label);
      if ((await other.count()) > 0) assert.match((await other.textContent()) ?? '', /evidence found/, `${label} is still suggested`);
    }
    await screenshot(page, 'evidence-review-accepted-dark');
  });

  it("accepted proof whose file is then deleted shows as stale in the roadmap page's detail pane, not as a link", async function () {
    this.timeout(240_000);
    wb = await openWorkbench({ theme: 'Default Dark Modern', viewport: { width: 1400, height: 900 } });
    const { page, workspace } = wb;
    assert.ok(workspace, 'the workbench opened a folder');
    const tracked = path.join(workspace, 'evidence-app', 'stale_track.py');
    writeFileSync(tracked, 'import mlflow\n\nmlflow.log_metric("loss", 0.1)\n');
    const mlops = 'MLOps tooling (MLflow, Weights & Biases, Kubeflow)';
    // Accept only the MLOps suggestion: its only proof is the file written above.
    const { widget, rows, labels } = await reviewOnceSuggested(page, 'Increasingly important', mlops);
    assert.ok(labels.includes(mlops), `no MLOps suggestion among ${JSON.stringify(labels)}`);
    for (let i = 0; i < labels.length; i++) if (labels[i] !== mlops) await rows.nth(i).locator('.monaco-checkbox').click();
    await enterUntilHidden(page, widget);
    await row(page, mlops).filter({ hasNotText: /evidence found/ }).waitFor({ timeout: 15_000 });
    rmSync(tracked);

    await runCommand(page, 'ML Career: Open Roadmap');
    const frame = roadmapFrame(page);
    await frame.locator('.chip[data-skill="mlops-tools"] .chip-main').click();
    const stale = frame.locator('.proof-link', { hasText: 'evidence-app/stale_track.py:1' });
    // The file check runs after the deletion is seen: the row turns stale shortly after.
    await frame.locator('.proof-link:disabled', { hasText: 'accepted, file gone' }).first().waitFor({ timeout: 30_000 });
    assert.equal(await stale.count(), 1, 'the accepted proof is still listed');
    assert.match((await stale.textContent()) ?? '', /import mlflow · accepted, file gone$/);
    assert.equal(await stale.isDisabled(), true, 'a stale row is not a link to a file that is gone');
    await stale.scrollIntoViewIfNeeded();
    await screenshot(page, 'evidence-webview-stale-dark');
  });
});
