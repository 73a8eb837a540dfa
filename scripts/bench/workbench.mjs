// Bench section: what users feel, in the real workbench (code-server + headless Chromium), each figure beside a
// floor measured in the same run. A run is two fresh workbenches, in alternating order:
//   "ours":  ML Career Companion + hello-world + the minimal tree + the probe, all installed from .vsix files;
//   "floor": the same without ML Career Companion.
// Activation, the panel and the checkbox compare ours with its floor inside the "ours" workbench; idle CPU and the
// extension host's heap compare the two workbenches, which go through the same steps except for our own.
/* global window, document, requestAnimationFrame, Event, PerformanceObserver -- callbacks passed to evaluate() run in the page */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../lib/paths.mjs';
import { launchBrowser, makeTempDir, startServer, workbenchUrl } from '../lib/vscodeServer.mjs';
import { benchPackages } from './packages.mjs';
import { activationStats, cpuTicks, requireTimes, shownActivationMs } from './parse.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const MiB = 1024 * 1024;
/** The document the Markdown preview floor opens, written into each workspace. */
const floorDocument = 'roadmap.md';
/** Checkbox clicks per side per run. */
const clicksPerRun = 5;
/** After activation, time for start-up work (the evidence scan, the first refresh) to end before measuring. */
export const settleMs = 5000;

/** Runs a command from the palette; resolves to the epoch time (ms) of the Enter keydown that dispatched it. */
async function runCommand(page, title) {
  const exactly = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const isTitle = (locator) => locator.filter({ has: page.locator('.label-name', { hasText: exactly }) });
  // The palette lists the commands known when it opened: under load, open it again.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    const found = await isTitle(rows).first().waitFor({ timeout: 10_000 }).then(() => true, () => false);
    if (found) break;
    if (attempt === 3) throw new Error(`the command palette does not offer "${title}"`);
    await page.keyboard.press('Escape');
  }
  // Enter runs the highlighted row, which may be a recently used command whose title starts the same.
  for (let moves = 0; (await isTitle(rows.and(page.locator('.focused'))).count()) === 0; moves++) {
    if (moves === 10) throw new Error(`"${title}" is offered but could not be highlighted`);
    await page.keyboard.press('ArrowDown');
  }
  await page.evaluate(() => {
    window.mlCareerBenchKeydown = undefined;
    window.addEventListener('keydown', (e) => (window.mlCareerBenchKeydown = performance.timeOrigin + e.timeStamp), { capture: true, once: true });
  });
  await page.keyboard.press('Enter');
  const pressed = await page.evaluate(() => window.mlCareerBenchKeydown);
  if (typeof pressed !== 'number') throw new Error(`no keydown seen for the command "${title}"`);
  return pressed;
}

/**
 * A fresh server with `extensions` installed, a browser on its workbench, and the probe's output file. `markdown` is
 * written into the workspace as the Markdown preview's document; `workspace` and `settings` go to the server.
 */
export async function openBenchWorkbench(extensions, { markdown, workspace, settings } = {}) {
  const probeDir = await makeTempDir('ml-career-bench-probe-');
  const probeFile = path.join(probeDir.dir, 'probe.jsonl');
  writeFileSync(probeFile, '');
  let server;
  let browser;
  const close = async () => {
    await browser?.close();
    await server?.stop();
    await probeDir.remove();
  };
  try {
    server = await startServer({ quiet: true, linkExtensions: extensions.map((e) => e.vsix), env: { ML_CAREER_BENCH_PROBE_OUT: probeFile }, ...(workspace ? { workspace } : {}), ...(settings ? { settings } : {}) });
    if (markdown !== undefined) writeFileSync(path.join(server.workspace, floorDocument), markdown);
    browser = await launchBrowser({ tmp: server.tmp, viewport: { width: 1440, height: 900 } });
    const { page } = browser;
    await page.goto(workbenchUrl(server));
    // Every bench workbench has the minimal tree: its container in the activity bar means extensions are registered.
    await page.locator('.activitybar a.action-label[aria-label="Bench Tree"]').waitFor({ timeout: 60_000 });
    /** Runs a probe command and returns the record it appended. */
    const probe = async (title, kind) => {
      const count = () => readFileSync(probeFile, 'utf8').split('\n').filter(Boolean);
      const before = count().length;
      await runCommand(page, `Bench Probe: ${title}`);
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(50)) {
        const record = count().slice(before).map((l) => JSON.parse(l)).find((r) => r.kind === kind);
        if (record) return record;
      }
      throw new Error(`the probe wrote no "${kind}" record within 15 s of "Bench Probe: ${title}"`);
    };
    return { page, probe, close, userDataDir: path.join(server.tmp, 'ud') };
  } catch (e) {
    await close();
    throw e;
  }
}

async function closeAllEditors(page) {
  await runCommand(page, 'View: Close All Editors');
  await page.locator('iframe.webview').first().waitFor({ state: 'detached', timeout: 10_000 });
}

/**
 * The extension host's activation times for `extensions` (once all have activated): code loading and the
 * activate() call from "Developer: Startup Performance", checked against the figure users see in "Developer: Show
 * Running Extensions" (their sum), so the bench reports exactly that figure.
 */
async function activationTimes(wb, extensions) {
  const { page, probe } = wb;
  let stats;
  let required;
  for (let attempt = 0; ; attempt++) {
    await runCommand(page, 'Developer: Startup Performance');
    await page.locator('.tab', { hasText: 'Startup Performance' }).waitFor();
    const { text, marks } = await probe('Record Startup Performance', 'startupPerformance');
    required = requireTimes(marks);
    // The document is written while VS Code gathers its figures: a busy host can hand it over before the
    // activation section is in, so an incomplete document is read again like a not-yet-activated extension.
    let incomplete;
    try {
      if (text !== null) stats = activationStats(text);
    } catch (error) {
      incomplete = error;
    }
    await closeAllEditors(page);
    if (!incomplete && stats && extensions.every((e) => stats.has(e.id))) break;
    if (attempt === 30) throw incomplete ?? new Error(`not activated after 30 s: ${extensions.filter((e) => !stats?.has(e.id)).map((e) => e.id).join(', ')}`);
    await sleep(1000);
  }
  await runCommand(page, 'Developer: Show Running Extensions');
  const list = page.locator('.runtime-extensions-editor .monaco-list');
  await list.locator('.monaco-list-row').first().waitFor();
  const shown = new Map();
  // Rows are virtualised: scroll until every extension asked for has been rendered once.
  for (let scrolls = 0; scrolls < 20 && shown.size < extensions.length; scrolls++) {
    const rows = await list.locator('.monaco-list-row').evaluateAll((els) => els.map((el) => [el.querySelector('.name')?.textContent, el.querySelector('.activation-time')?.textContent]));
    for (const [name, time] of rows) {
      const extension = extensions.find((e) => e.displayName === name);
      const ms = shownActivationMs(time ?? '');
      if (extension && ms !== undefined) shown.set(extension.id, ms);
    }
    await list.hover();
    await page.mouse.wheel(0, 400);
    await sleep(200);
  }
  await closeAllEditors(page);
  return Object.fromEntries(
    extensions.map((e) => {
      const s = stats.get(e.id);
      if (!shown.has(e.id)) throw new Error(`"Show Running Extensions" never showed ${e.displayName}`);
      if (shown.get(e.id) !== s.codeLoading + s.activateCall) {
        throw new Error(`${e.id}: "Show Running Extensions" shows ${shown.get(e.id)} ms but Startup Performance says ${s.codeLoading} + ${s.activateCall} ms`);
      }
      if (!required.has(e.id)) throw new Error(`${e.id}: the extension host has no load marks for it`);
      return [e.id, { ...s, require: required.get(e.id) }];
    }),
  );
}

/** Makes the workbench page lose or regain window focus as VS Code sees it, and checks the extension host saw it. */
async function setWindowFocus(wb, focused) {
  await wb.page.evaluate((focused) => {
    // Headless Chromium always reports focus. VS Code asks document.hasFocus() when the page's visibility changes
    // (and on focus and blur events, which the palette also causes), so that is what is overridden.
    if (focused) delete document.hasFocus;
    else Object.defineProperty(document, 'hasFocus', { value: () => false, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, focused);
  await sleep(500);
  const record = await wb.probe('Record', 'record');
  if (record.focused !== focused) throw new Error(`the extension host sees window focus ${record.focused}, wanted ${focused}`);
  return record;
}

/** CPU milliseconds the extension host (pid) used over `seconds` of an untouched window. */
async function idleCpuMs(pid, seconds, ticksPerSecond) {
  const read = () => cpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  await sleep(1000); // the probe's own garbage collection is not idle time
  const before = read();
  await sleep(seconds * 1000);
  return ((read() - before) * 1000) / ticksPerSecond;
}

/** Closes the active editor and waits until no webview is left. */
async function closeEditor(page) {
  await runCommand(page, 'View: Close Editor');
  await page.locator('iframe.webview').first().waitFor({ state: 'detached', timeout: 10_000 });
}

/**
 * Command → painted content of a webview: from the Enter keydown in the workbench to the largest contentful paint
 * (Chromium's own paint timing) in the webview's document, both on the epoch clock. LCP, not the first paint: the
 * roadmap page paints "Loading your roadmap…" before the roadmap itself.
 */
async function timeWebview(page, command, contentSelector) {
  const pressed = await runCommand(page, command);
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await frame.locator(contentSelector).first().waitFor({ timeout: 60_000 });
  const painted = await frame.locator('body').evaluate(async () => {
    await new Promise((r) => setTimeout(r, 1000)); // later, larger paints replace the candidate
    const entries = await new Promise((resolve) => {
      const seen = [];
      const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
      observer.observe({ type: 'largest-contentful-paint', buffered: true });
      setTimeout(() => {
        observer.disconnect();
        resolve(seen);
      }, 200);
    });
    const last = entries.at(-1);
    return { at: last ? performance.timeOrigin + last.startTime : undefined, textLength: document.body.innerText.length };
  });
  if (painted.at === undefined) throw new Error(`${command}: the webview reported no largest contentful paint`);
  await closeEditor(page);
  return { ms: painted.at - pressed, textLength: painted.textLength };
}

async function openFloorDocument(page) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.fill(floorDocument);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: floorDocument }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: floorDocument }).waitFor();
}

/** The neutral first webview: its service worker and frame set-up would otherwise be charged to whichever side goes first. */
async function warmUpWebviews(wb) {
  await runCommand(wb.page, 'Bench Probe: Open Webview');
  await wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('p').waitFor({ timeout: 60_000 });
  await closeEditor(wb.page);
}

const row = (page, label) => page.locator('.part.sidebar .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();

/** Shows a tree view by its "Focus on … View" command (a badge on the activity-bar icon can take a click). */
async function showView(page, { focusCommand, container }) {
  await runCommand(page, focusCommand);
  await page.locator('.part.sidebar .composite.title .title-label', { hasText: new RegExp(container, 'i') }).waitFor();
}

/**
 * Checkbox click → the row says the new status, timed inside the page: the click and a check on every animation
 * frame, so the figure is the workbench's and not Playwright's polling interval. Both trees give the row the
 * accessible label "<title>, <status>", which only the extension can change (the box itself flips at once).
 */
function timeCheckbox(rowLocator) {
  return rowLocator.evaluate(
    (row) =>
      new Promise((resolve, reject) => {
        const box = row.querySelector('.custom-view-tree-node-item-checkbox');
        const want = box.getAttribute('aria-checked') === 'true' ? 'Not started' : 'Done';
        // The row element may be replaced by the refresh; find it again by its index.
        const label = () => row.parentElement.querySelector(`.monaco-list-row[data-index="${row.dataset.index}"]`)?.getAttribute('aria-label');
        const started = performance.now();
        const check = () => {
          if (label()?.endsWith(`, ${want}`)) resolve(performance.now() - started);
          else if (performance.now() - started > 10_000) reject(new Error(`the row never said "${want}" (its label: ${label()})`));
          else requestAnimationFrame(check);
        };
        box.click();
        requestAnimationFrame(check);
      }),
  );
}

/** The steps both workbenches go through; `ours` adds what only it can measure. */
async function measure(wb, { packages, ours, run, idleSeconds, ticksPerSecond, log }) {
  const { page } = wb;
  const result = {};
  const active = ours ? [packages.ours, packages.hello] : [packages.hello];
  const times = await activationTimes(wb, active);
  if (ours) result.activation = { ours: times[packages.ours.id], floor: times[packages.hello.id] };
  await sleep(settleMs);
  const afterActivation = await wb.probe('Record', 'record');
  result.heapAfterActivationMiB = afterActivation.heapUsedBytes / MiB;
  await setWindowFocus(wb, false);
  result.idleUnfocusedMs = await idleCpuMs(afterActivation.pid, idleSeconds, ticksPerSecond);
  await setWindowFocus(wb, true);
  result.idleFocusedMs = await idleCpuMs(afterActivation.pid, idleSeconds, ticksPerSecond);

  await openFloorDocument(page);
  await warmUpWebviews(wb);
  const markdownPreview = () => timeWebview(page, 'Markdown: Open Preview', '.code-line');
  if (ours) {
    const roadmap = () => timeWebview(page, 'ML Career: Open Roadmap', '.chip');
    // Each side opens before and after the other (A B B A, A alternating between runs): neither gains from going
    // second, whatever the number of runs.
    const sides = run % 2 ? [['floor', markdownPreview], ['ours', roadmap]] : [['ours', roadmap], ['floor', markdownPreview]];
    result.panel = { ours: [], floor: [] };
    for (const [side, open] of [...sides, ...[...sides].reverse()]) result.panel[side].push(await open());
  } else {
    await markdownPreview();
  }
  result.heapAfterPanelsMiB = (await wb.probe('Record', 'record')).heapUsedBytes / MiB;

  if (ours) {
    result.checkbox = { ours: [], floor: [] };
    const sides = [
      { key: 'ours', container: 'ML Career', focusCommand: 'ML Career: Focus on Roadmap View' },
      { key: 'floor', container: 'Bench Tree', focusCommand: 'Bench Tree: Focus on Bench Tree View' },
    ];
    await showView(page, sides[0]);
    await row(page, 'Must-have technical skills').click();
    for (let click = 0; click < clicksPerRun * 2; click++) {
      const side = sides[(click + run) % 2];
      await showView(page, side);
      const python = row(page, 'Python');
      await python.locator('.custom-view-tree-node-item-checkbox').waitFor({ timeout: 30_000 });
      await sleep(300);
      result.checkbox[side.key].push(await timeCheckbox(python));
    }
  }
  log(`    ${ours ? 'ours ' : 'floor'}: ${JSON.stringify(result, (k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v))}`);
  return result;
}

export default {
  name: 'workbench',
  async run({ log }) {
    const runs = Number(process.env.BENCH_RUNS) || 5;
    const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS) || 60;
    const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    const packages = await benchPackages();
    // Built by esbuild.mjs from test/bench/roadmapMarkdown.ts.
    const { roadmapMarkdown } = createRequire(import.meta.url)(path.join(repoRoot, 'out', 'test', 'bench', 'roadmapMarkdown.js'));
    const markdown = roadmapMarkdown();
    const withOurs = [packages.ours, packages.hello, packages.tree, packages.probe];
    const floorOnly = [packages.hello, packages.tree, packages.probe];
    const results = [];
    for (let run = 0; run < runs; run++) {
      log(`  run ${run + 1}/${runs}`);
      const one = {};
      for (const ours of run % 2 ? [false, true] : [true, false]) {
        const wb = await openBenchWorkbench(ours ? withOurs : floorOnly, { markdown });
        try {
          one[ours ? 'ours' : 'floor'] = await measure(wb, { packages, ours, run, idleSeconds, ticksPerSecond, log });
        } catch (e) {
          await wb.page.screenshot({ path: path.join(repoRoot, 'test-results', `bench-failed-run${run + 1}-${ours ? 'ours' : 'floor'}.png`) }).catch(() => undefined);
          throw e;
        } finally {
          await wb.close();
        }
      }
      results.push(one);
    }
    const W = results.map((r) => r.ours);
    const F = results.map((r) => r.floor);
    const activation = (side, part) => W.map((r) => part(r.activation[side]));
    const shown = (s) => s.codeLoading + s.activateCall;
    const tick = 1000 / ticksPerSecond;
    const figures = [
      { name: 'Activation (Show Running Extensions)', unit: 'ms', ours: activation('ours', shown), floorName: 'hello-world', floor: activation('floor', shown), target: { kind: 'ratio', max: 1.25 } },
      { name: '… of which loading code', unit: 'ms', ours: activation('ours', (s) => s.codeLoading), floorName: 'hello-world', floor: activation('floor', (s) => s.codeLoading), target: { kind: 'none' } },
      { name: '… … of which its own require()', unit: 'ms', ours: activation('ours', (s) => s.require), floorName: 'hello-world', floor: activation('floor', (s) => s.require), target: { kind: 'none' } },
      { name: '… of which the activate() call', unit: 'ms', ours: activation('ours', (s) => s.activateCall), floorName: 'hello-world', floor: activation('floor', (s) => s.activateCall), target: { kind: 'none' } },
      { name: 'Roadmap panel: command → painted', unit: 'ms', ours: W.flatMap((r) => r.panel.ours.map((s) => s.ms)), floorName: 'Markdown preview', floor: W.flatMap((r) => r.panel.floor.map((s) => s.ms)), target: { kind: 'ratio', max: 1.0 } },
      { name: 'Checkbox → refreshed row', unit: 'ms', ours: W.flatMap((r) => r.checkbox.ours), floorName: 'minimal tree', floor: W.flatMap((r) => r.checkbox.floor), target: { kind: 'ratio', max: 1.2 } },
      { name: `Idle host CPU, ${idleSeconds} s unfocused`, unit: 'ms', ours: W.map((r) => r.idleUnfocusedMs), floorName: 'hello-world only', floor: F.map((r) => r.idleUnfocusedMs), target: { kind: 'withinFloorSpread', resolution: tick } },
      { name: `Idle host CPU, ${idleSeconds} s focused`, unit: 'ms', ours: W.map((r) => r.idleFocusedMs), floorName: 'hello-world only', floor: F.map((r) => r.idleFocusedMs), target: { kind: 'withinFloorSpread', resolution: tick } },
      { name: 'Host heap after activation', unit: 'MiB', ours: W.map((r) => r.heapAfterActivationMiB), floorName: 'hello-world only', floor: F.map((r) => r.heapAfterActivationMiB), target: { kind: 'none' } },
      { name: 'Host heap after the panels', unit: 'MiB', ours: W.map((r) => r.heapAfterPanelsMiB), floorName: 'hello-world only', floor: F.map((r) => r.heapAfterPanelsMiB), target: { kind: 'none' } },
    ];
    const textLengths = W.map((r) => `${r.panel.ours[0].textLength}/${r.panel.floor[0].textLength}`);
    log(`  text on the page, roadmap/Markdown preview (characters): ${textLengths.join(', ')}`);
    return { figures, details: { runs: results, textLengths } };
  },
};
