import * as assert from 'node:assert/strict';
import { openContainer, openWorkbench, screenshot, treeRows, viewPane } from './workbench';

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
        const sidebar = await openContainer(wb.page, 'ML Career');
        const title = (await sidebar.locator('.composite.title .title-label').textContent()) ?? '';
        assert.match(title, /ML Career/i);
        const roadmap = viewPane(wb.page, 'Roadmap');
        await roadmap.locator('.pane-body').waitFor({ state: 'visible', timeout: 15_000 });
        // The view has content (tree rows or its welcome message), not an empty pane.
        await roadmap.locator('.monaco-list-row, .welcome-view-content').first().waitFor({ state: 'visible', timeout: 15_000 });
        assert.ok((await treeRows(wb.page).count()) + (await roadmap.locator('.welcome-view-content').count()) > 0);
        await screenshot(wb.page, shot);
      } finally {
        await wb.close();
      }
    });
  }
});
