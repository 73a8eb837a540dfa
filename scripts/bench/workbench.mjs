// Shared by the bench sections that measure in the real workbench: a fresh server and browser with the
// extension loaded, torn down whatever happens.
import { repoRoot } from '../lib/paths.mjs';
import { launchBrowser, startServer, workbenchUrl } from '../lib/vscodeServer.mjs';

/** Runs `measure(page)` once the workbench shows the ML Career container; returns what it returns. */
export async function withWorkbench(measure) {
  const server = await startServer({ quiet: true });
  let browser;
  try {
    browser = await launchBrowser({ tmp: server.tmp, viewport: { width: 1440, height: 900 } });
    const { page } = browser;
    await page.goto(workbenchUrl(server, { extensionDevelopmentPaths: [repoRoot] }));
    await page.locator('.activitybar a.action-label[aria-label="ML Career"]').waitFor({ timeout: 60_000 });
    return await measure(page);
  } finally {
    await browser?.close();
    await server.stop();
  }
}
