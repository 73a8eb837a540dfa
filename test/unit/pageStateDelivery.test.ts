import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { PageStateDelivery } from '../../src/core/roadmapView/pageStateDelivery';
import { assertProperty } from './helpers/property';

/**
 * A model of the roadmap panel around PageStateDelivery: the store's state is a version number, the HTML is rendered
 * from a version or none ("Loading"), and the page, while loaded, shows its HTML until a post, then what it was posted
 * (keeping its markup when the post says the HTML shows that state).
 */
class PanelModel {
  version = 0;
  html: number | undefined = 0;
  visible = true;
  /** What the loaded page shows; undefined: not loaded, or "Loading". */
  shown: number | undefined;
  loaded = false;
  posts = 0;
  /** Posts that said the HTML already shows the state, so the page kept its markup. */
  keptMarkup = 0;
  readonly delivery = new PageStateDelivery(true);

  constructor() {
    this.load();
  }

  /** The webview (re)builds the page from the HTML; the page says `ready` and is posted the state. */
  load(): void {
    this.loaded = true;
    this.shown = this.html;
    this.post(this.delivery.ready().shown);
  }

  change(): void {
    this.version++;
    if (this.delivery.changed()) this.post(false);
    this.dropStaleHtml();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (!visible) this.loaded = false;
    this.delivery.visibility(visible);
    this.dropStaleHtml();
    if (visible) this.load();
  }

  private post(shownInHtml: boolean): void {
    assert.ok(this.visible && this.loaded, 'posts only to a loaded page');
    if (shownInHtml) {
      assert.equal(this.shown, this.version, 'a post saying the HTML shows the state comes only when it does');
      this.keptMarkup++;
    }
    this.posts++;
    this.shown = this.version;
  }

  private dropStaleHtml(): void {
    if (!this.delivery.dropStaleHtml()) return;
    assert.ok(!this.visible, 'the HTML is replaced only while hidden: replacing it reloads a visible page');
    assert.notEqual(this.html, undefined, 'replaced only when rendered from a state');
    this.html = undefined;
  }
}

type Step = 'change' | 'hide' | 'show' | 'reload';

describe('roadmap page: state delivery (markup rendered in the HTML, the state posted on ready)', () => {
  it('a new page shows the state its HTML was rendered from, and the post on ready says so: the page keeps its markup', () => {
    const panel = new PanelModel();
    assert.equal(panel.shown, 0);
    assert.equal(panel.posts, 1);
    assert.equal(panel.keptMarkup, 1);
  });

  it('shown again with no change in between, the HTML still shows the state; after a change, it does not, and goes while hidden', () => {
    const panel = new PanelModel();
    panel.setVisible(false);
    panel.setVisible(true);
    assert.equal(panel.keptMarkup, 2);
    panel.change();
    assert.equal(panel.posts, 3);
    assert.equal(panel.shown, 1);
    panel.setVisible(false);
    assert.equal(panel.html, undefined, 'the stale HTML went while hidden');
    panel.setVisible(true);
    assert.equal(panel.posts, 4);
    assert.equal(panel.keptMarkup, 2, 'the "Loading" HTML shows no state: the page renders the one posted');
    assert.equal(panel.shown, 1);
  });

  it('whatever happens, a visible page shows the current state once it has loaded, and keeps markup only when current (property)', () => {
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
          // HTML rendered from a stale state never waits in a hidden page.
          if (!panel.visible) assert.ok(panel.html === undefined || panel.html === panel.version);
        }
      }),
    );
  });
});
