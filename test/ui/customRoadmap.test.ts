import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openContainer, openWorkbench, repoRoot, runCommand, screenshot, treeRows, widenSidebar, type Workbench } from './workbench';

/** A tree row by its exact label (rows' text also holds the description). */
function row(page: Page, label: string) {
  return treeRows(page).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
}

describe('a team roadmap in the real workbench', () => {
  let wb: Workbench | undefined;
  let workspace: string | undefined;

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
    await wb?.close();
    wb = undefined;
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('shows the team ladder in the tree and the roadmap page, and its errors in the Problems panel', async () => {
    // A workspace whose team committed the example ladder as its roadmap.
    workspace = mkdtempSync(path.join(os.tmpdir(), 'ml-career-team-'));
    cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
    const example = readFileSync(path.join(repoRoot, 'examples', 'team-roadmap.yaml'), 'utf8');
    const roadmapFile = path.join(workspace, '.ml-career', 'roadmap.yaml');
    mkdirSync(path.dirname(roadmapFile));
    writeFileSync(roadmapFile, example);

    wb = await openWorkbench({ theme: 'Default Light Modern', workspace });
    const { page } = wb;
    await openContainer(page, 'ML Career');
    await widenSidebar(page, 420);
    // The view's title names the active roadmap.
    await page.locator('.part.sidebar .pane-header h3.title', { hasText: 'Roadmap: ML Platform team ladder' }).waitFor({ timeout: 30_000 });
    const group = row(page, 'Must-have technical skills');
    await group.waitFor({ timeout: 15_000 });
    await group.click();
    await row(page, 'Running ML workloads on Kubernetes').waitFor({ timeout: 15_000 });
    await row(page, 'Feature pipelines with orchestration').waitFor({ timeout: 15_000 });
    await screenshot(page, 'team-roadmap-tree');

    await runCommand(page, 'ML Career: Open Roadmap');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const chip = frame.locator('.chip[data-skill="kubernetes-workloads"]');
    await chip.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await chip.textContent()) ?? '', /Running ML workloads on Kubernetes/);
    assert.equal(await frame.locator('.chip[data-skill="certifications"]').count(), 0, 'the hidden skill is not on the page');
    await screenshot(page, 'team-roadmap-webview');

    // A typo in a group id: the Problems panel says where and what was meant; the last good ladder stays.
    writeFileSync(roadmapFile, example.replace('group: must-have', 'group: must-hav'));
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'did you mean "must-have"' });
    await problem.waitFor({ timeout: 30_000 });
    const line = example.split('\n').findIndex((text) => text.includes('group: must-have')) + 1;
    assert.match((await problem.textContent()) ?? '', new RegExp(`unknown group "must-hav".*\\[Ln ${line}, Col 14\\]`));
    assert.ok(await page.locator('.part.sidebar .pane-header h3.title', { hasText: 'Roadmap: ML Platform team ladder' }).isVisible());
    await screenshot(page, 'team-roadmap-problems');
  });
});
