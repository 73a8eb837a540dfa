// axe-core, the standard accessibility engine, run inside the roadmap page in each theme: WCAG 2.0 and 2.1, levels A
// and AA, zero violations. The page's CSP (scripts by nonce only) stays as shipped: axe's source is evaluated through
// the DevTools protocol, which page CSP does not govern, never added as a <script>.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { openRoadmap, openWorkbench, screenshot, themeApplied, type ThemeName, type Workbench } from './workbench';

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

/** The roadmap page's frame itself (playwright evaluates in frames, not frame locators). */
async function pageFrame(page: Page, frame: FrameLocator): Promise<Frame> {
  const element = await page.frameLocator('iframe.webview.ready').locator('#active-frame').elementHandle();
  const content = await element?.contentFrame();
  assert.ok(content, 'the roadmap page frame was not found');
  // The located frame must be the one `frame` renders in, or axe would check some other document.
  assert.equal(await content.locator('.chip').count(), await frame.locator('.chip').count());
  return content;
}

async function axeViolations(frame: Frame): Promise<Violation[]> {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(axeSource);
  return frame.evaluate(async (tags) => {
    const results = await (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, wcagTags);
}

/** One line per rule and element: what is wrong and where, so a failure says what to fix. */
function describeViolations(where: string, violations: Violation[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${where}: ${v.id} (${v.impact ?? 'no impact'}; ${v.help}) at ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ').trim()}`),
  );
}

describe('accessibility of the roadmap page (axe-core: WCAG 2.0/2.1 A and AA)', () => {
  let wb: Workbench | undefined;

  afterEach(async () => {
    await wb?.close();
    wb = undefined;
  });

  const themes: ThemeName[] = ['Default Light Modern', 'Default Dark Modern', 'Default High Contrast'];
  for (const theme of themes) {
    it(`has no violations in ${theme}: the path with a skill's details and a level's expectations open, and the outline`, async () => {
      wb = await openWorkbench({ theme, viewport: { width: 1440, height: 900 } });
      const { page } = wb;
      await themeApplied(page, theme);
      const frame = await openRoadmap(page);
      const document = await pageFrame(page, frame);

      await frame.locator('.chip[data-skill="python"] .chip-main').click();
      await frame.locator('.detail-inner[data-skill="python"]').waitFor();
      await frame.locator('details.expectations[data-level="junior"] > summary').click();
      await frame.locator('details.expectations[data-level="junior"][open]').waitFor();
      const problems = describeViolations('path', await axeViolations(document));

      await frame.locator('#mode').click();
      await frame.locator('.outline').waitFor();
      problems.push(...describeViolations('outline', await axeViolations(document)));
      if (problems.length > 0) {
        await screenshot(page, `accessibility-${theme.toLowerCase().replaceAll(' ', '-')}`);
        console.log(problems.map((p) => `      ${p}`).join('\n'));
      }
      assert.deepEqual(problems, [], `${problems.length} accessibility violations in ${theme}`);
    });
  }
});
