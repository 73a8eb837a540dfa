/**
 * How the roadmap page gets the host's state. The page's HTML is rendered from the state as it was when the HTML was
 * made, so a page that loads shows it at once, without the state itself (which would double the HTML the window
 * handles before the page appears); the page says `ready` once it has shown that, and the host then posts the state,
 * saying whether the HTML shows exactly it (`shown`: the page keeps its markup). A webview is rebuilt from its HTML
 * whenever it is shown again, so HTML rendered from a stale state is dropped (for HTML without one) as soon as that
 * reloads nothing: while the page is hidden.
 */
export class PageStateDelivery {
  /** Whether the page has said `ready` since it last loaded. */
  private listening = false;
  private visible = true;
  /** Whether the HTML was rendered from the current state (nothing has changed since it was made). */
  private htmlCurrent: boolean;
  /** Whether the HTML was rendered from a state, current or stale. */
  private htmlHasState: boolean;

  /** `htmlHasState`: the page's first HTML was rendered from the current state. */
  constructor(htmlHasState: boolean) {
    this.htmlCurrent = htmlHasState;
    this.htmlHasState = htmlHasState;
  }

  /** Whether the page listens: a state posted now reaches it. */
  get isListening(): boolean {
    return this.listening;
  }

  /** The page loaded (from the HTML) and says `ready`: the state is posted now; `shown` when the HTML shows it. */
  ready(): { shown: boolean } {
    this.listening = true;
    return { shown: this.htmlCurrent };
  }

  /** The state changed: true when it must be posted now. */
  changed(): boolean {
    this.htmlCurrent = false;
    return this.listening;
  }

  /** The panel was shown or hidden; hidden, the page is gone until it loads again. */
  visibility(visible: boolean): void {
    this.visible = visible;
    if (!visible) this.listening = false;
  }

  /**
   * Whether the host should now replace the HTML with one without state: it was rendered from a stale state and the
   * page is hidden (replacing the HTML of a visible page reloads it). True once per stale HTML; ask after every event.
   */
  dropStaleHtml(): boolean {
    if (!this.htmlHasState || this.htmlCurrent || this.visible) return false;
    this.htmlHasState = false;
    return true;
  }
}
