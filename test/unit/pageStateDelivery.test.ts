import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { PageStateDelivery } from '../../src/core/roadmapView/pageStateDelivery';
import { assertProperty } from './helpers/property';

/**
 * A model of the roadmap panel around PageStateDelivery: the store's state is a version number, the HTML holds a
 * version or none, and the page, while loaded, shows what it last got (from its HTML or a post).
 */
class PanelModel {
  version = 0;
  html: number | undefined = 0;
  visible = true;
  /** What the loaded page shows; undefined: not loaded, or "Loading". */
  shown: number | undefined;
  loaded = false;
  posts = 0;
  readonly delivery = new PageStateDelivery<number>(0);

  constructor() {
    this.load();
  }

  /** The webview (re)builds the page from the HTML; the page says `ready`. */
  load(): void {
    this.loaded = true;
    this.shown = this.html;
    const next = this.delivery.ready();
    if (next.post) this.post();
    else assert.equal(next.inHtml, this.html, 'the state said to be in the HTML is the one there');
  }

  change(): void {
    this.version++;
    if (this.delivery.changed()) this.post();
    this.dropStaleHtml();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (!visible) this.loaded = false;
    this.delivery.visibility(visible);
    this.dropStaleHtml();
    if (visible) this.load();
  }

  private post(): void {
    assert.ok(this.visible && this.loaded, 'posts only to a loaded page');
    this.posts++;
    this.shown = this.version;
  }

  private dropStaleHtml(): void {
    if (!this.delivery.dropStaleHtml()) return;
    assert.ok(!this.visible, 'the HTML is replaced only while hidden: replacing it reloads a visible page');
    assert.notEqual(this.html, undefined, 'replaced only when it holds a state');
    this.html = undefined;
  }
}

type Step = 'change' | 'hide' | 'show' | 'reload';

describe('roadmap page: state delivery (the state in the HTML, posts only when needed)', () => {
  it('a new page shows the state in its HTML, and nothing is posted', () => {
    const panel = new PanelModel();
    assert.equal(panel.shown, 0);
    assert.equal(panel.posts, 0);
  });

  it('shown again with no change in between, the page shows its HTML state without a post; after a change, it is posted', () => {
    const panel = new PanelModel();
    panel.setVisible(false);
    panel.setVisible(true);
    assert.equal(panel.posts, 0);
    panel.change();
    assert.equal(panel.posts, 1);
    assert.equal(panel.shown, 1);
    panel.setVisible(false);
    assert.equal(panel.html, undefined, 'the stale HTML state went while hidden');
    panel.setVisible(true);
    assert.equal(panel.posts, 2);
    assert.equal(panel.shown, 1);
  });

  it('whatever happens, a visible page shows the current state once it has loaded, never a stale one past `ready` (property)', () => {
    const step = fc.constantFrom<Step>('change', 'hide', 'show', 'reload');
    assertProperty(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const panel = new PanelModel();
        for (const s of steps) {
          if (s === 'change') panel.change();
          else if (s === 'hide') panel.setVisible(false);
          else if (s === 'show') panel.setVisible(true);
          // A visible page rebuilt from the same HTML (moved to another editor group, for one).
          else if (panel.visible) panel.load();
          if (panel.visible) assert.equal(panel.shown, panel.version, `after ${s}`);
          // A stale state never waits in the HTML of a hidden page.
          if (!panel.visible) assert.ok(panel.html === undefined || panel.html === panel.version);
        }
      }),
    );
  });
});
