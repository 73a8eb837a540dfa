import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { clickCheckbox, evidenceReported, openContainer, openRoadmap, openWorkbench, roadmapFrame, runCommand, screenshot, themeApplied, treeRows, type ThemeName, type Workbench } from './workbench';

/** The tree row of a skill, after expanding its group (groups start collapsed). */
async function skillRow(page: Page, group: string, skill: string): Promise<Locator> {
  await openContainer(page, 'ML Career');
  const row = treeRows(page).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${skill}$`) }) });
  if ((await row.count()) === 0) {
    await treeRows(page).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${group}$`) }) }).first().click();
  }
  await row.first().waitFor({ timeout: 15_000 });
  return row.first();
}

/** Polls `condition` (state the browser reports asynchronously) until it holds, or fails with `message`. */
async function waitFor(condition: () => boolean | Promise<boolean>, message: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(message);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const chip = (frame: FrameLocator, skillId: string) => frame.locator(`.chip[data-skill="${skillId}"]`);

/**
 * A computed style of the element `locator` finds. The page replaces its board when the host posts a new state (an
 * evidence scan finishing, say), and a detached element's computed style is empty: read it again from the new one.
 */
async function computedStyle(locator: Locator, property: 'color' | 'maskImage' | 'outlineStyle'): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const value = await locator.evaluate((element, name) => (element.isConnected ? getComputedStyle(element)[name] : undefined), property);
    if (value !== undefined) return value;
    if (attempt === 5) throw new Error(`${String(locator)} was replaced five times running`);
  }
}

describe('roadmap webview', () => {
  let wb: Workbench | undefined;

  afterEach(async () => {
    await wb?.close();
    wb = undefined;
  });

  it('opens from the palette; a chip click checks the tree box and a tree click updates the chip', async () => {
    wb = await openWorkbench({ theme: 'Default Dark Modern' });
    const { page } = wb;
    const row = await skillRow(page, 'Must-have technical skills', 'Python');
    const checkbox = row.locator('.custom-view-tree-node-item-checkbox');
    assert.equal(await checkbox.getAttribute('aria-checked'), 'false');

    const frame = await openRoadmap(page);
    assert.equal(await chip(frame, 'python').getAttribute('data-status'), 'not-started');
    // The tab's icon is inline and drawn light for a dark theme (an image's currentColor would be black on black).
    const tabIcon = await page.locator('.tab.active .monaco-icon-label').evaluate((label) => getComputedStyle(label, '::before').backgroundImage);
    assert.match(tabIcon, /^url\("data:image\/svg\+xml;base64,/);
    assert.match(Buffer.from(/base64,([^"]+)/.exec(tabIcon)?.[1] ?? '', 'base64').toString(), /stroke="#c5c5c5"/);
    await chip(frame, 'python').locator('.chip-toggle').click();
    await chip(frame, 'python').and(frame.locator('[data-status="done"]')).waitFor({ timeout: 10_000 });
    await page.locator('.part.sidebar .custom-view-tree-node-item-checkbox[aria-checked="true"]').first().waitFor({ timeout: 10_000 });
    assert.equal(await checkbox.getAttribute('aria-checked'), 'true');

    // The group's count follows the row in VS Code's next tree update, which fetches the group's rows again: a click
    // landing meanwhile is dropped by the extension host (the row it names is being replaced), for a user as for a
    // test. So are clicks while the evidence scan's result redraws the rows it found proof for.
    await treeRows(page).filter({ has: page.locator('.label-name', { hasText: /^Must-have technical skills$/ }) }).locator('.label-description', { hasText: /^1\// }).waitFor({ timeout: 10_000 });
    await evidenceReported(page);
    await clickCheckbox(row);
    await chip(frame, 'python').and(frame.locator('[data-status="not-started"]')).waitFor({ timeout: 10_000 });
    assert.equal(await chip(frame, 'python').locator('.chip-status').textContent(), 'Not started');
  });

  it('works from the keyboard alone: Tab reaches a skill, arrows move, Space toggles, Enter opens details', async () => {
    wb = await openWorkbench({ theme: 'Default Dark Modern' });
    const { page } = wb;
    const frame = await openRoadmap(page);
    const active = () => frame.locator(':focus');
    // Focus lands in the webview when it opens; walk the tab order until a chip has focus.
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await active().getAttribute('class').catch(() => null))?.includes('chip-main') ?? false;
    }
    assert.ok(reached, 'Tab never reached a skill chip');
    const first = await active().getAttribute('data-skill');
    await page.keyboard.press('ArrowDown');
    const second = await active().getAttribute('data-skill');
    assert.ok(second && second !== first, 'ArrowDown did not move to the next chip');
    await page.keyboard.press('ArrowRight');
    const right = await active().getAttribute('data-skill');
    assert.ok(right && right !== second, 'ArrowRight did not move to the next level');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await active().getAttribute('data-skill'), second);

    await page.keyboard.press(' ');
    await chip(frame, second).and(frame.locator('[data-status="done"]')).waitFor({ timeout: 10_000 });
    // Focus survives the re-render, so the next key still acts on the same chip.
    assert.equal(await active().getAttribute('data-skill'), second);
    await page.keyboard.press('Enter');
    await frame.locator(`.detail-inner[data-skill="${second}"]`).waitFor({ timeout: 5_000 });
    assert.equal(await frame.locator('.status-action[aria-pressed="true"]').textContent(), 'Done');
    await page.keyboard.press('Escape');
    await frame.locator('#detail').waitFor({ state: 'hidden' });
    assert.equal(await active().getAttribute('data-skill'), second);
  });

  it('filters, searches and keeps its UI state when hidden and shown again', async () => {
    wb = await openWorkbench({ theme: 'Default Dark Modern' });
    const { page } = wb;
    const frame = await openRoadmap(page);
    await frame.locator('[data-filter="remaining"]').click();
    await frame.locator('#search').fill('python');
    await chip(frame, 'python').waitFor();
    const shown = await frame.locator('.chip').count();
    assert.ok(shown >= 1 && shown < 10, `search shows ${shown} chips`);
    await chip(frame, 'python').locator('.chip-main').click();
    await frame.locator('.detail-inner[data-skill="python"]').waitFor();

    // Another editor hides the panel (its webview is destroyed: no retainContextWhenHidden) …
    await runCommand(page, 'File: New Untitled Text File');
    await page.locator('iframe.webview.ready').waitFor({ state: 'hidden', timeout: 10_000 });
    // … and revealing it again rebuilds the webview from getState() and the host's state.
    await runCommand(page, 'ML Career: Open Roadmap');
    const again = roadmapFrame(page);
    await again.locator('.detail-inner[data-skill="python"]').waitFor({ timeout: 30_000 });
    assert.equal(await again.locator('#search').inputValue(), 'python');
    assert.equal(await again.locator('[data-filter="remaining"]').getAttribute('aria-checked'), 'true');
    assert.equal(await again.locator('.chip').count(), shown);
  });

  it('comes back after a window reload (serializer), with its filter and selection', async () => {
    wb = await openWorkbench({ theme: 'Default Dark Modern' });
    const { page } = wb;
    const frame = await openRoadmap(page);
    await frame.locator('[data-filter="remaining"]').click();
    await frame.locator('[data-filter="remaining"][aria-checked="true"]').waitFor();
    await chip(frame, 'sql-data').locator('.chip-main').click();
    await frame.locator('.detail-inner[data-skill="sql-data"]').waitFor();
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // No command this time: the workbench restores the editor and the serializer rebuilds the panel.
    const restored = roadmapFrame(page);
    await restored.locator('[data-filter="remaining"][aria-checked="true"]').waitFor({ timeout: 60_000 });
    await restored.locator('.detail-inner[data-skill="sql-data"]').waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.tab', { hasText: 'ML Career Roadmap' }).count(), 1);
  });

  it('a real click on a resource opens that one allowlisted link, once; an injected link opens nothing', async () => {
    wb = await openWorkbench({ theme: 'Default Dark Modern' });
    const { page } = wb;
    // The workbench opens an external website with window.open (a popup); record each call instead, with its URL.
    await page.evaluate(() => {
      const opened: string[] = [];
      Object.assign(window, {
        mlCareerOpened: opened,
        open: (url?: string | URL) => {
          opened.push(String(url));
          return null;
        },
      });
    });
    const external = () => page.evaluate(() => (window as unknown as { mlCareerOpened: string[] }).mlCareerOpened);
    // The workbench asks before it opens an external website: one question per open.
    const question = page.locator('.monaco-dialog-box', { hasText: 'open the external website' });

    const frame = await openRoadmap(page);
    await chip(frame, 'python').locator('.chip-main').click();
    const resource = frame.locator('.resources [data-action="open-link"]').first();
    const url = (await resource.getAttribute('data-url')) ?? '';
    assert.ok(url.startsWith('https://'), `the first resource of Python has no https link: ${url}`);
    await resource.click();
    await question.waitFor({ timeout: 15_000 });
    assert.ok(((await question.textContent()) ?? '').includes(new URL(url).host), `the question is not about ${url}: ${await question.textContent()}`);
    await screenshot(page, 'roadmap-open-link-question');
    await question.getByRole('button', { name: 'Open', exact: true }).click();
    await waitFor(async () => (await external()).length > 0, 'the allowlisted link never opened');
    assert.equal((await external())[0], new URL(url).href);
    // A second open (the webview host's own handling of the click) would ask again: give it the time to.
    await page.waitForTimeout(3000);
    assert.deepEqual(await question.allTextContents(), [], 'a second open was asked for');
    assert.deepEqual(await external(), [new URL(url).href], 'the link opened more than once');

    // A link the roadmap does not offer, put into the page by other means, opens nothing on a real click.
    await frame.locator('#detail').evaluate((detail) => {
      const link = document.createElement('a');
      link.id = 'injected';
      link.href = 'https://evil.example/phish';
      link.textContent = 'injected link';
      detail.prepend(link);
    });
    await frame.locator('#injected').click();
    await page.waitForTimeout(3000);
    assert.deepEqual(await question.allTextContents(), [], 'the injected link was offered for opening');
    assert.deepEqual(await external(), [new URL(url).href], 'the injected link opened');
  });

  const themes: { theme: ThemeName; shot: string }[] = [
    { theme: 'Default Light Modern', shot: 'roadmap-light' },
    { theme: 'Default Dark Modern', shot: 'roadmap-dark' },
    { theme: 'Default High Contrast', shot: 'roadmap-high-contrast' },
  ];
  for (const { theme, shot } of themes) {
    it(`reads well in ${theme} (screenshots)`, async () => {
      wb = await openWorkbench({ theme, viewport: { width: 1440, height: 900 } });
      const { page } = wb;
      await themeApplied(page, theme);
      const frame = await openRoadmap(page);
      await frame.locator('[data-action="set-level"][data-level="junior"]').click();
      await frame.locator('.level.current[data-level="junior"]').waitFor();
      for (const [id, action] of [
        ['python', 'toggle'],
        ['git-engineering', 'toggle'],
        ['sql-data', 'toggle'],
      ] as const) {
        await chip(frame, id).locator(`[data-action="${action}"]`).click();
        await chip(frame, id).and(frame.locator('[data-status="done"]')).waitFor();
      }
      await chip(frame, 'deep-learning-framework').locator('.chip-main').click();
      await frame.locator('.status-action[data-status="learning"]').click();
      await chip(frame, 'deep-learning-framework').and(frame.locator('[data-status="learning"]')).waitFor();
      // A keyboard focus ring on a chip, so the screenshot shows it too.
      await chip(frame, 'linux-cli').locator('.chip-main').focus();
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowDown');
      await frame.locator('body').evaluate(() => window.scrollTo(0, 0));
      // What the screenshot must show: the counts, the focus ring, and done looking different from not started.
      assert.match((await frame.locator('.summary-headline').textContent()) ?? '', /^Skills: 3 of \d+ done, 1 learning · Expectations: 0 of \d+ done$/);
      const focused = frame.locator('.chip-main:focus');
      assert.equal(await focused.getAttribute('data-skill'), 'linux-cli');
      assert.notEqual(await computedStyle(focused, 'outlineStyle'), 'none', 'the focused chip shows no focus ring');
      const iconColor = (id: string) => computedStyle(chip(frame, id).locator('.status-icon'), 'color');
      assert.notEqual(await iconColor('python'), await iconColor('linux-cli'), 'done and not started look the same');
      // Icons are CSS masks (media/roadmap.css): without one the icon would be a filled square.
      assert.match(await computedStyle(chip(frame, 'python').locator('.status-icon'), 'maskImage'), /^url\("data:image\/svg\+xml,/);
      await screenshot(page, shot);

      // Expectations are checked off like skills, each tagged with its competency.
      await frame.locator('details.expectations[data-level="junior"] > summary').click();
      const expectation = frame.locator('.expectation:has([data-skill="train-and-evaluate"])');
      await expectation.locator('[data-action="toggle"]').click();
      await frame.locator('.expectation[data-status="done"]:has([data-skill="train-and-evaluate"])').waitFor();
      // The page re-rendered with the level open; focus stays on the toggle (the open level's rows are not rebuilt
      // again when its <details> announces it is open).
      await page.waitForTimeout(500);
      assert.equal(await frame.locator(':focus').getAttribute('data-focus-key'), 'toggle:train-and-evaluate');
      assert.match((await expectation.textContent()) ?? '', /ML craft/);
      assert.match((await frame.locator('.summary-headline').textContent()) ?? '', /Expectations: 1 of \d+ done$/);
      // The detail of a skill shows its milestones.
      assert.match((await frame.locator('.milestones').textContent()) ?? '', /Junior ML Engineer: Adapts an existing training loop/);
      await screenshot(page, `${shot}-expectations`);

      // Interview preparation: an optional column after the levels.
      const interview = frame.locator('.optional-column[data-group="interview-prep"]');
      await interview.scrollIntoViewIfNeeded();
      assert.equal(await interview.locator('.chip').count(), 5);
      await chip(frame, 'interview-ml-system-design').locator('.chip-main').click();
      await frame.locator('.detail-inner[data-skill="interview-ml-system-design"]').waitFor();
      assert.match((await frame.locator('.detail-inner').textContent()) ?? '', /What good looks like/);
      await screenshot(page, `${shot}-interview`);

      // The level × competency matrix and the dated market snapshot, below the path.
      const matrix = frame.locator('.matrix');
      await matrix.scrollIntoViewIfNeeded();
      assert.equal(await matrix.locator('tbody tr').count(), 6);
      assert.equal(await matrix.locator('li[data-status="done"]').count(), 1);
      await screenshot(page, `${shot}-matrix`);
      const market = frame.locator('.market');
      await market.scrollIntoViewIfNeeded();
      assert.match((await market.locator('.badge-snapshot').textContent()) ?? '', /Snapshot · as of March 2026/);
      await screenshot(page, `${shot}-market`);
      await frame.locator('body').evaluate(() => window.scrollTo(0, 0));

      await frame.locator('#mode').click();
      await frame.locator('.outline').waitFor();
      // The six stages and levels, then interview preparation.
      assert.equal(await frame.locator('.outline-level').count(), 7);
      assert.equal(await frame.locator('select[data-skill="deep-learning-framework"]').inputValue(), 'learning');
      await screenshot(page, `${shot}-outline`);
    });
  }
});
