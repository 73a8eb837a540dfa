/** What the host does when the roadmap page says `ready`: post the state, or nothing, the page showing `inHtml`. */
export type ReadyDelivery<S> = { post: true } | { post: false; inHtml: S };

/**
 * How the roadmap page gets the host's state. The page's HTML carries the state as it was when the HTML was made, and
 * a page that loads shows it at once: the host posts the state only when the page may not show the current one. A
 * webview is rebuilt from its HTML whenever it is shown again, so a stale state in the HTML is dropped (for HTML
 * without one) as soon as that reloads nothing: while the page is hidden.
 */
export class PageStateDelivery<S> {
  /** Whether the page has said `ready` since it last loaded. */
  private listening = false;
  private visible = true;
  /** The state in the HTML while no change has made it stale. */
  private current: S | undefined;
  /** Whether the HTML holds a state, current or stale. */
  private htmlHasState: boolean;

  /** `inHtml`: the state in the page's first HTML, if any. */
  constructor(inHtml: S | undefined) {
    this.current = inHtml;
    this.htmlHasState = inHtml !== undefined;
  }

  /** Whether the page listens: a state posted now reaches it. */
  get isListening(): boolean {
    return this.listening;
  }

  /** The page loaded (from the HTML) and says `ready`. */
  ready(): ReadyDelivery<S> {
    this.listening = true;
    return this.current === undefined ? { post: true } : { post: false, inHtml: this.current };
  }

  /** The state changed: true when it must be posted now. */
  changed(): boolean {
    this.current = undefined;
    return this.listening;
  }

  /** The panel was shown or hidden; hidden, the page is gone until it loads again. */
  visibility(visible: boolean): void {
    this.visible = visible;
    if (!visible) this.listening = false;
  }

  /**
   * Whether the host should now replace the HTML with one without state: it holds a stale state and the page is
   * hidden (replacing the HTML of a visible page reloads it). True once per stale HTML; ask after every event.
   */
  dropStaleHtml(): boolean {
    if (!this.htmlHasState || this.current !== undefined || this.visible) return false;
    this.htmlHasState = false;
    return true;
  }
}
