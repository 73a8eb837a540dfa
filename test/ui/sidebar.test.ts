import * as assert from 'node:assert/strict';
import { openContainer, openWorkbench, screenshot, themeApplied, treeRows, viewPane } from './workbench';

const themes = [
  { theme: 'Default Light Modern', shot: 'sidebar-light' },
  { theme: 'Default Dark Modern', shot: 'sidebar-dark' },
  { theme: 'Default High Contrast', shot: 'sidebar-high-contrast' },
] as const;

describe('ML Career side bar', () => {
  for (const { theme, shot } of themes) {
    it(`shows the Roadmap view (${theme})`, async () => {
      const wb = await openWorkbench({ theme });
      try {
        await themeApplied(wb.page, theme);
        const sidebar = await openContainer(wb.page, 'ML Career');
        const title = (await sidebar.locator('.composite.title .title-label').textContent()) ?? '';
        assert.match(title, /ML Career/i);
        const roadmap = viewPane(wb.page, 'Roadmap');
        await roadmap.locator('.pane-body').waitFor({ state: 'visible', timeout: 15_000 });
        // The view has content: the roadmap tree (its welcome message shows only until the tree has loaded).
        await roadmap.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 20_000 });
        // What the screenshot shows: the next level first (no level is set yet), then levels, then skill groups.
        await treeRows(wb.page, 'Must-have technical skills').first().waitFor({ timeout: 10_000 });
        const labels = await treeRows(wb.page).locator('.label-name').allTextContents();
        // With no level set, a person starts at the aspiring stage: the next level is the first role.
        assert.match(labels[0] ?? '', /^To reach Junior ML Engineer: \d+ skills, \d+ expectations left$/);
        assert.ok(labels.includes('Junior ML Engineer') && labels.includes('Staff / Principal ML Engineer'), labels.join(' | '));
        await screenshot(wb.page, shot);
      } finally {
        await wb.close();
      }
    });
  }
});
