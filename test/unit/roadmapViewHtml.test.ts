import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isHttpsUrl } from '../../src/core/roadmap/links';
import { escapeHtml, html, Html } from '../../src/core/roadmapView/html';
import { makeNonce, rawText, webviewHtml, type WebviewShell } from '../../src/roadmapPanel/webviewHtml';
import { bundledRoadmap } from '../../src/core/roadmap/bundled';
import { buildRoadmapView } from '../../src/core/roadmapView/viewModel';
import { indexRoadmap } from '../../src/core/roadmap/roadmap';
import { expectationRows, renderBoard, renderDetail, renderMarket, renderMatrix, renderOutline, renderRegions, renderSummary } from '../../src/webview/roadmap/render';
import type { HostMessage } from '../../src/webview/protocol';
import { assertProperty } from './helpers/property';
import { syntheticRoadmap } from './helpers/syntheticRoadmap';
import { readUiState, type UiState } from '../../src/webview/roadmap/uiState';
import { defaultUiState } from '../../src/webview/roadmap/uiStateDefaults';
import { iconNames } from '../../src/webview/roadmap/icons';
import { skillFilters } from '../../src/core/progress/filter';

describe('roadmap view escaping', () => {
  it('escapes every character that could open markup or leave an attribute', () => {
    assert.equal(escapeHtml(`<img src=x onerror="alert('1')">&\``), '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;&#96;');
    assert.equal(escapeHtml('plain text – with ü'), 'plain text – with ü');
  });

  it('html`` escapes interpolations, but not nested html or its own template', () => {
    const title = '<script>alert(1)</script>';
    const out = html`<b class="${'"><x y="'}">${title}</b>${html`<i>${'&'}</i>`}`;
    assert.ok(out instanceof Html);
    assert.equal(out.value, '<b class="&quot;&gt;&lt;x y=&quot;">&lt;script&gt;alert(1)&lt;/script&gt;</b><i>&amp;</i>');
  });

  it('html`` joins arrays and drops null, undefined and false; numbers and true print', () => {
    assert.equal(html`${['<a>', html`<b></b>`]}${null}${undefined}${false}${0}${true}`.value, '&lt;a&gt;<b></b>0true');
  });

  it('a hostile roadmap text stays text', () => {
    const hostile = `"><svg onload=alert(1)>`;
    const out = html`<li data-skill="${hostile}">${hostile}</li>`.value;
    assert.ok(!out.includes('<svg'));
    assert.equal((out.match(/"/g) ?? []).length, 2);
  });

  it('only https links are links', () => {
    assert.equal(isHttpsUrl('https://pytorch.org/docs'), true);
    for (const url of ['http://example.org', 'javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', 'vscode:extension/x', 'command:workbench.action.quit', '//evil.org', 'not a url', '']) {
      assert.equal(isHttpsUrl(url), false, url);
    }
  });
});

/** What every page test embeds: a stand-in script and stylesheet, so each can be found exactly. */
const testShell: WebviewShell = { cspSource: 'https://webview.example', assets: { script: 'window.pageScript = 1;', style: 'body { margin: 0; }' }, nonce: 'abc123', title: 'Roadmap', ui: defaultUiState };
const pageScript = '<script nonce="abc123">window.pageScript = 1;</script>';

describe('roadmap webview shell', () => {
  const shell = testShell;
  const page = webviewHtml(shell);
  // The attribute is escaped; the browser reads it with &#39; decoded.
  const csp = (/http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)?.[1] ?? '').replaceAll('&#39;', "'");

  it("has a CSP that starts from default-src 'none' and allows scripts and styles only by nonce", () => {
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
    assert.match(csp, /style-src 'nonce-abc123'(;|$)/);
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
  });

  it('embeds its one script and its stylesheet with the nonce, and has no inline handlers or style attributes', () => {
    assert.equal((page.match(/<script/g) ?? []).length, 1);
    assert.ok(page.includes(`${pageScript}\n</body>`), 'the page script ends the body');
    assert.equal((page.match(/<style/g) ?? []).length, 1);
    assert.ok(page.includes('<style nonce="abc123">body { margin: 0; }</style>\n<title>'), 'the stylesheet is in the head');
    assert.ok(!/\son[a-z]+=/i.test(page));
    assert.ok(!/style=/.test(page) && !/<link/.test(page) && !/src=/.test(page));
  });

  it('refuses to embed a script or stylesheet whose text would end its element early, or read differently', () => {
    for (const text of ['a = "</script>";', 'a = "</SCRIPT ";', 'x = 1; <!-- y']) assert.throws(() => rawText('script', text), /the roadmap page's script contains "(<\/script|<!--)"/, text);
    assert.throws(() => rawText('style', 'a::after { content: "</Style>"; }'), /style contains "<\/style"/);
    assert.equal(rawText('style', '/* <!-- is only text in CSS */ a { b: c }'), '/* <!-- is only text in CSS */ a { b: c }');
    assert.equal(rawText('script', 'if (a < b && c > d) e("<b>");'), 'if (a < b && c > d) e("<b>");');
  });

  it('the built page script and media/roadmap.css can both be embedded', () => {
    const root = path.join(__dirname, '../../..');
    assert.doesNotThrow(() => rawText('script', readFileSync(path.join(root, 'dist/webview/roadmap.js'), 'utf8')));
    assert.doesNotThrow(() => rawText('style', readFileSync(path.join(root, 'media/roadmap.css'), 'utf8')));
  });

  it('holds the frame the script fills: toolbar with one button per filter, the regions and the live region', () => {
    for (const id of ['search', 'mode', 'summary', 'kbd-hint', 'board', 'detail', 'extras', 'announcer']) assert.match(page, new RegExp(`id="${id}"`), id);
    assert.equal((page.match(/data-filter="/g) ?? []).length, skillFilters.length);
    assert.match(page, /<main id="board"[^>]* aria-busy="true">/, 'the board says it is loading until the first state');
    // The hint of the current mode; the script shows the other mode's from these attributes.
    assert.match(page, /<p id="kbd-hint" class="hint" data-path="Keyboard: arrow keys[^"]+" data-outline="Outline: [^"]+">Keyboard: arrow keys[^<]+<\/p>/);
    assert.ok(!page.includes('data-rendered-ui'), 'no state rendered, so nothing for the script to keep');
  });

  it('media/roadmap.css closes every block it opens (an open one nests, and so disables, every rule after it)', () => {
    const css = readFileSync(path.join(__dirname, '../../../media/roadmap.css'), 'utf8');
    const code = css.split('/*').map((part, i) => (i === 0 ? part : part.slice(part.indexOf('*/') + 2))).join('');
    let depth = 0;
    for (const [i, line] of code.split('\n').entries()) {
      depth += line.split('{').length - line.split('}').length;
      assert.ok(depth >= 0, `a } without its { (line ${i + 1} of the stylesheet without comments)`);
    }
    assert.equal(depth, 0, 'a block is left open');
  });

  it('every icon the page uses is drawn by media/roadmap.css', () => {
    const css = readFileSync(path.join(__dirname, '../../../media/roadmap.css'), 'utf8');
    const missing = iconNames.filter((name) => !new RegExp(`\\.icon-${name} \\{\\n  --icon: url\\("data:image/svg\\+xml,`).test(css));
    assert.deepEqual(missing, []);
  });

  it('without a state, shows "Loading" and has no data script', () => {
    assert.ok(!page.includes('initial-state'));
    assert.match(page, /<p class="loading">Loading your roadmap…<\/p>/);
  });

  it('nonces are 128 random bits, different each time', () => {
    const a = makeNonce();
    assert.match(a, /^[0-9a-f]{32}$/);
    assert.notEqual(a, makeNonce());
  });
});

describe('roadmap board: expectations', () => {
  it("a collapsed level's expectation list is empty (the page fills it when opened); an opened one holds expectationRows'", () => {
    const view = buildRoadmapView(bundledRoadmap, () => 'not-started', 'junior');
    const lists = (expandedLevels: string[]) =>
      [...renderBoard(view, { ...readUiState(undefined), expandedLevels }).value.matchAll(/<details class="expectations" data-level="([^"]+)"( open)?>[\s\S]*?<ul class="expectation-list">([\s\S]*?)<\/ul><\/details>/g)].map(
        ([, level, open, items]) => ({ level, open: open !== undefined, items }),
      );
    const collapsed = lists([]);
    assert.equal(collapsed.length, view.levels.length);
    assert.ok(collapsed.every((l) => !l.open && l.items === ''));
    const junior = view.levels.find((l) => l.id === 'junior');
    assert.ok(junior && junior.expectations.length > 0);
    const opened = lists(['junior']);
    assert.deepEqual(
      opened.filter((l) => l.open).map((l) => l.level),
      ['junior'],
    );
    assert.equal(opened.find((l) => l.level === 'junior')?.items, expectationRows(junior, view).value);
    assert.equal((expectationRows(junior, view).value.match(/<li class="expectation"/g) ?? []).length, junior.expectations.length);
    assert.ok(opened.filter((l) => l.level !== 'junior').every((l) => l.items === ''));
  });
});

describe('roadmap detail pane', () => {
  it('renders resources as buttons, never as <a href> (the webview host would open any clicked href itself)', () => {
    const view = buildRoadmapView(bundledRoadmap, () => 'not-started', 'junior');
    const python = view.skills.find((s) => s.id === 'python');
    assert.ok(python && python.resources.length > 0);
    const detail = renderDetail(view, { ...readUiState(undefined), selectedSkillId: 'python' }).value;
    assert.doesNotMatch(detail, /<a[\s>]|href=/i);
    const urls = [...detail.matchAll(/<button role="link"[^>]*data-action="open-link" data-url="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(urls, python.resources.map((r) => escapeHtml(r.url)));
  });
});

describe('roadmap second-edition views escape their data', () => {
  it('expectations, competencies, milestones, what good looks like and the market snapshot stay text everywhere', () => {
    const hostile = `"><svg onload=alert(1)>`;
    const data = syntheticRoadmap(5);
    data.levels[1]!.title = hostile; // mid: the next level, named in the summary
    data.competencies[0]!.title = hostile;
    data.competencies[0]!.description = hostile;
    for (const level of data.levels) for (const e of level.expectations) Object.assign(e, { title: hostile, text: hostile });
    const skill = data.groups[0]!.skills[0]!;
    skill.milestones = [{ level: 'junior', text: hostile }];
    skill.goodLooksLike = hostile;
    Object.assign(data.market, { title: hostile, source: hostile, summary: hostile, facts: data.market.facts.map((f) => ({ ...f, title: hostile, text: hostile })) });
    data.market.resources = [{ title: hostile, url: 'https://example.org/a"b', type: 'community', checked: '2026-11-01' }];
    data.groups[1]!.optional = true;
    const view = buildRoadmapView(indexRoadmap(data), () => 'done', 'junior');
    const ui = { ...readUiState(undefined), selectedSkillId: skill.id, expandedLevels: view.levels.map((l) => l.id) };
    const pages = {
      board: renderBoard(view, ui).value,
      outline: renderOutline(view, ui).value,
      detail: renderDetail(view, ui).value,
      matrix: renderMatrix(view).value,
      market: renderMarket(view).value,
      summary: renderSummary(view).value,
    };
    for (const [name, markup] of Object.entries(pages)) {
      assert.doesNotMatch(markup, /<svg onload/, `${name} lets data add an element`);
      assert.match(markup, /&quot;&gt;&lt;svg onload=alert\(1\)&gt;/, `${name} does not show the data as text`);
    }
    assert.match(pages.market, /data-url="https:\/\/example\.org\/a&quot;b"/);
  });
});

describe('roadmap page: buttons are named by what they show (WCAG 2.5.3, Label in Name)', () => {
  /** Each button's aria-label (if any) and visible text: tags and screen-reader-only text removed, entities decoded. */
  function buttons(markup: string): { label: string | undefined; visible: string }[] {
    return markup
      .split('<button')
      .slice(1)
      .map((chunk) => {
        const [open = '', ...rest] = chunk.split('>');
        const inner = rest.join('>').split('</button')[0] ?? '';
        const visible = inner.split('<span class="sr-only">').map((part, i) => (i === 0 ? part : part.slice(part.indexOf('</span>') + 1))).join('');
        const withoutTags = (s: string) => s.split('<').map((part, i) => (i === 0 ? part : part.slice(part.indexOf('>') + 1))).join(' ');
        const text = (s: string) => withoutTags(s).replaceAll('&amp;', '&').replace(/\s+/g, ' ').trim().toLowerCase();
        const label = /aria-label="([^"]*)"/.exec(open)?.[1];
        return { label: label === undefined ? undefined : text(label), visible: text(visible) };
      });
  }

  it('every button with visible text has an accessible name that contains it', () => {
    const view = buildRoadmapView(bundledRoadmap, (id) => (id === 'python' ? 'done' : 'not-started'), 'junior');
    const ui = { ...readUiState(undefined), selectedSkillId: 'python', expandedLevels: view.levels.map((l) => l.id) };
    const markup = [renderBoard(view, ui), renderDetail(view, ui), renderOutline(view, ui), renderMarket(view)].map((h) => h.value).join('');
    const all = buttons(markup);
    assert.ok(all.some((b) => b.visible === 'set as my level'), 'the level buttons are rendered');
    const mismatched = all.filter((b) => b.label !== undefined && b.visible !== '' && !b.label.replace(/[,.:]/g, '').includes(b.visible.replace(/[,.:]/g, '')));
    assert.deepEqual(mismatched, []);
  });
});

describe('roadmap webview shell: the state rendered for the first paint', () => {
  const shell = testShell;
  const baseState: HostMessage = { type: 'state', state: buildRoadmapView(bundledRoadmap, () => 'not-started', 'junior'), evidence: null, shown: false };

  it('renders the state as markup only: the page script is its one script, after the frame, and no copy of the state is in it', () => {
    const page = webviewHtml({ ...shell, state: baseState });
    assert.equal((page.match(/<script/gi) ?? []).length, 1);
    assert.ok(page.endsWith(`${pageScript}\n</body>\n</html>`), 'the page script ends the page');
    assert.ok(page.indexOf(pageScript) > page.indexOf('id="announcer"'), 'the frame comes first');
    assert.ok(!page.includes('application/json') && !page.includes(JSON.stringify(baseState.state.market.summary)), 'no state as data');
  });

  it('renders the state into the page for the view choices given, marked with them for the script', () => {
    const ui: UiState = { ...defaultUiState, filter: 'learning', query: 'py"<', mode: 'outline', selectedSkillId: 'python', scrollY: 40 };
    const page = webviewHtml({ ...shell, state: baseState, ui });
    const regions = renderRegions(baseState.state, ui);
    assert.ok(page.includes(`aria-label="Progress summary">${regions.summary.value}</section>`), 'summary');
    assert.ok(page.includes(`<main id="board" class="board is-outline" aria-label="Roadmap">${regions.board.value}</main>`), 'board, in outline mode and not busy');
    assert.ok(page.includes(`<aside id="detail" class="detail" aria-labelledby="detail-title">${regions.detail.value}</aside>`), 'detail');
    assert.ok(page.includes(`<div id="extras" class="extras">${regions.extras.value}</div>`), 'extras');
    assert.match(regions.detail.value, /data-skill="python"/);
    assert.match(page, /<body class="has-detail">/);
    assert.match(page, /data-filter="learning" aria-checked="true" tabindex="0"/);
    assert.equal((page.match(/aria-checked="false" tabindex="-1"/g) ?? []).length, skillFilters.length - 1);
    assert.match(page, /<input id="search"[^>]* value="py&quot;&lt;">/);
    assert.match(page, /id="mode" class="secondary" aria-pressed="true"/);
    assert.match(page, /<p id="kbd-hint"[^>]*>Outline: [^<]+<\/p>/);
    // The script keeps this markup when JSON.stringify of its own choices gives exactly this.
    const marked = /<div id="app" class="app" data-rendered-ui="([^"]*)">/.exec(page)?.[1] ?? '';
    assert.equal(marked.replaceAll('&quot;', '"').replaceAll('&lt;', '<'), JSON.stringify(ui));
  });

  it('view choices read back from any stored form print as the same JSON as the host prints them (property)', () => {
    // The script compares JSON.stringify of its choices with what the host printed: key order must not vary.
    const uiArbitrary = fc.record({
      filter: fc.constantFrom(...skillFilters),
      query: fc.string({ maxLength: 200 }),
      mode: fc.constantFrom('path' as const, 'outline' as const),
      selectedSkillId: fc.option(fc.string({ maxLength: 200 })),
      expandedLevels: fc.array(fc.string({ maxLength: 200 }), { maxLength: 5 }),
      scrollX: fc.integer(),
      scrollY: fc.integer(),
    });
    const keys = Object.keys(defaultUiState) as (keyof UiState)[];
    assertProperty(
      fc.property(uiArbitrary, fc.shuffledSubarray(keys, { minLength: keys.length }), (ui, order) => {
        // As stored by an older build or another route: the same choices with the keys in any order.
        const stored = Object.fromEntries(order.map((key) => [key, ui[key]]));
        const read = readUiState(stored);
        assert.deepEqual(read, { ...ui });
        assert.deepEqual(Object.keys(read), Object.keys(defaultUiState));
        assert.equal(JSON.stringify(read), JSON.stringify(readUiState(JSON.parse(JSON.stringify(read)))));
        assert.deepEqual(Object.keys({ ...read, filter: ui.filter }), Object.keys(defaultUiState));
      }),
    );
  });

  it('with the default choices, shows the board as the script would render it: no detail pane, nothing busy', () => {
    const page = webviewHtml({ ...shell, state: baseState });
    assert.ok(page.includes(`aria-label="Roadmap">${renderRegions(baseState.state, defaultUiState).board.value}</main>`));
    assert.match(page, /<aside id="detail" class="detail" aria-labelledby="detail-title" hidden><\/aside>/);
    assert.match(page, /<body>/);
    assert.ok(!page.includes('aria-busy'));
  });

  it('whatever strings the roadmap and notes hold, none opens or ends an element: the page script is still its one script, at its end (property)', function () {
    // Each case builds, reads and compares a whole page.
    this.timeout(120_000);
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('</script>', '</SCRIPT >', '</script/x>', '<script>alert(1)</script>', '<!--', '-->', '<![CDATA[', ']]>', '\u2028', '\\u003c', '"}</script><script>'),
    );
    const strings = fc.array(hostile, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
    const small: HostMessage = { type: 'state', state: buildRoadmapView(indexRoadmap(syntheticRoadmap(1)), () => 'not-started', 'junior'), evidence: null, shown: false };
    assertProperty(
      fc.property(strings, strings, strings, strings, (title, note, summary, level) => {
        const message: HostMessage = structuredClone(small);
        const skill = message.state.skills[0]!;
        skill.title = title;
        skill.note = { html: note, edited: '3 Jun 2026' };
        message.state.market.summary = summary;
        message.state.levels[0]!.title = level;
        const page = webviewHtml({ ...shell, state: message });
        const tags = (pattern: RegExp) => (page.match(pattern) ?? []).length;
        assert.equal(tags(/<script/gi), 1);
        assert.equal(tags(/<\/script/gi), 1);
        assert.equal(tags(/<!--/g), 0);
        assert.ok(page.endsWith(`${pageScript}\n</body>\n</html>`));
      }),
    );
  });
});
