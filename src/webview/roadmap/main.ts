import { statusLabels, isSkillStatus } from '../../core/progress/status';
import { skillFilters, type SkillFilter } from '../../core/progress/filter';
import { toggledStatus, trackedItem, type RoadmapViewState } from '../../core/roadmapView/viewModel';
import { parseHostMessage } from '../protocol';
import type { WebviewMessage } from '../webviewMessages';
import { moveFocus } from './keyboard';
import { pageProof, setPageEvidence } from './evidenceRender';
import { expectationRows, renderRegions } from './render';
import { readUiState, type UiState } from './uiState';

const vscode = acquireVsCodeApi<UiState>();
let ui: UiState = readUiState(vscode.getState());
/** The latest state from the host; the webview never changes it, it asks the host to. */
let view: RoadmapViewState | undefined;
/** Whether the latest state is the one the host rendered the page's HTML from (`shown`). */
let shownInHtml = false;
/** Interactions before the first state (posted once the page has shown its markup): run when it comes, not lost. */
let early: Array<() => void> | undefined = [];
/** The chip that holds the board's single tab stop (roving tabindex). */
let activeChipId: string | undefined;
/** A status change this webview asked for, announced once the host confirms it. */
let pendingAnnouncement: string | undefined;
let firstRender = true;

const post = (message: WebviewMessage): void => vscode.postMessage(message);
const saveUi = (): void => {
  vscode.setState(ui);
};
/** A view choice changed: remember it and show it. */
const updateUi = (change: Partial<UiState>): void => {
  ui = { ...ui, ...change };
  saveUi();
  render();
};

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const summary = $('summary');
const board = $('board');
const detail = $('detail');
const extras = $('extras');
const search = $<HTMLInputElement>('search');
const modeButton = $('mode');
const hint = $('kbd-hint');
const announcer = $('announcer');
/** The view choices (as JSON) the host rendered the page's first state for (roadmapPanel/webviewHtml.ts), if it did. */
const renderedUi = $('app').dataset['renderedUi'];
search.value = ui.query;

function renderToolbar(): void {
  for (const button of document.querySelectorAll<HTMLElement>('[data-filter]')) {
    const on = button.dataset['filter'] === ui.filter;
    button.setAttribute('aria-checked', String(on));
    button.tabIndex = on ? 0 : -1;
  }
  modeButton.setAttribute('aria-pressed', String(ui.mode === 'outline'));
  // The frame (roadmapPanel/webviewHtml.ts) holds each mode's hint, as `data-path` and `data-outline`.
  hint.textContent = hint.dataset[ui.mode] ?? '';
}

function render(): void {
  renderToolbar();
  if (!view) return;
  // Whatever has focus (HTML, SVG or MathML) has a dataset.
  const focused = (document.activeElement as HTMLElement | null)?.dataset['focusKey'];
  const scrollLeft = board.scrollLeft;
  // The host rendered the first state into the page for these choices: its markup (parsed with the page) stays.
  if (!firstRender || !shownInHtml || renderedUi !== JSON.stringify(ui)) {
    // renderBoard makes it the tab stop only while the filter shows it.
    const regions = renderRegions(view, ui, activeChipId);
    summary.innerHTML = regions.summary.value;
    board.classList.toggle('is-outline', ui.mode === 'outline');
    board.innerHTML = regions.board.value;
    extras.innerHTML = regions.extras.value;
    detail.innerHTML = regions.detail.value;
    detail.hidden = regions.detail.value === '';
    document.body.classList.toggle('has-detail', !detail.hidden);
  }
  if (firstRender) {
    firstRender = false;
    board.removeAttribute('aria-busy');
    board.scrollLeft = ui.scrollX;
    window.scrollTo(0, ui.scrollY);
  } else {
    board.scrollLeft = scrollLeft;
  }
  if (focused) focusKey(focused, { preventScroll: true });
}

/** Focuses the element with this focus key (see render.ts), if the page shows one. */
function focusKey(key: string, options?: FocusOptions): void {
  document.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`)?.focus(options);
}

function announce(text: string): void {
  // Clearing first makes screen readers repeat an identical message.
  announcer.textContent = '';
  requestAnimationFrame(() => (announcer.textContent = text));
}

function setStatus(skillId: string, status: string): void {
  if (!isSkillStatus(status)) return;
  pendingAnnouncement = skillId;
  post({ type: 'setStatus', skillId, status });
}

function select(skillId: string | null): void {
  if (skillId) activeChipId = skillId;
  updateUi({ selectedSkillId: skillId });
}

function receive(data: unknown): void {
  const parsed = parseHostMessage(data);
  if (!parsed.ok) {
    console.warn(`[ml-career] ignored a host message: ${parsed.error}`);
    return;
  }
  view = parsed.message.state;
  shownInHtml = parsed.message.shown;
  setPageEvidence(parsed.message.evidence);
  render();
  const item = pendingAnnouncement ? trackedItem(view, pendingAnnouncement) : undefined;
  if (item) {
    pendingAnnouncement = undefined;
    announce(`${item.title}: ${statusLabels[item.status]}`);
  }
  const queued = early;
  early = undefined;
  queued?.forEach((run) => run());
}

/** `handle`, or once the first state has come if it has not yet. */
const withState =
  <E extends Event>(handle: (event: E) => void) =>
  (event: E): void => {
    if (early) early.push(() => handle(event));
    else handle(event);
  };

window.addEventListener('message', (event: MessageEvent<unknown>) => receive(event.data));

/**
 * The webview host opens the href of any clicked <a> itself (a bubbling listener on this window that ignores
 * preventDefault), which would bypass the host's allowlist. The page renders no anchors, and this capture
 * listener, which runs before any other, makes one that gets in anyway (or a keyboard "click" on it) inert.
 */
const inertAnchors = (event: MouseEvent): void => {
  if (!event.composedPath().some((node) => node instanceof Element && node.localName === 'a')) return;
  event.preventDefault();
  event.stopImmediatePropagation();
};
window.addEventListener('click', inertAnchors, true);
window.addEventListener('auxclick', inertAnchors, true);

document.addEventListener('click', withState((event) => {
  const target = (event.target as Element | null)?.closest<HTMLElement>('[data-action], [data-filter]');
  if (!target || !view) return;
  if (target.dataset['filter']) return updateUi({ filter: target.dataset['filter'] as SkillFilter });
  const skillId = target.dataset['skill'];
  switch (target.dataset['action']) {
    case 'toggle': {
      const item = skillId ? trackedItem(view, skillId) : undefined;
      if (item) setStatus(item.id, toggledStatus(item.status));
      return;
    }
    case 'select':
      return select(skillId ?? null);
    case 'set-status':
      return skillId ? setStatus(skillId, target.dataset['status'] ?? '') : undefined;
    case 'set-level':
      if (target.dataset['level']) post({ type: 'setCurrentLevel', levelId: target.dataset['level'] });
      return;
    case 'open-link':
      // The host opens links, only those the roadmap offers; the webview never navigates.
      if (target.dataset['url']) post({ type: 'openLink', url: target.dataset['url'] });
      return;
    case 'open-evidence': {
      // The host opens the file, and only evidence it found itself.
      const proof = skillId ? pageProof(skillId, Number(target.dataset['proof'])) : undefined;
      if (proof) post({ type: 'openEvidence', place: { folder: proof.folder, path: proof.path, line: proof.line, column: proof.column, length: proof.length, ...(proof.cell === null ? {} : { cell: proof.cell }) } });
      return;
    }
    case 'edit-note':
      if (skillId) post({ type: 'editNote', skillId });
      return;
    case 'close-detail':
      return closeDetail();
  }
}));

function closeDetail(): void {
  const id = ui.selectedSkillId;
  select(null);
  if (id) focusKey(`chip:${id}`);
}

document.addEventListener('change', withState((event) => {
  const target = event.target as HTMLSelectElement;
  if (target.dataset['action'] === 'set-status-select' && target.dataset['skill']) setStatus(target.dataset['skill'], target.value);
}));

search.addEventListener('input', () => updateUi({ query: search.value }));
modeButton.addEventListener('click', () => updateUi({ mode: ui.mode === 'path' ? 'outline' : 'path' }));

// <details> toggles do not bubble; capture them to remember which expectations the user opened, and to fill a level's
// list when it first opens (render.ts leaves a collapsed level's list empty). Only the expectations are <details>.
document.addEventListener(
  'toggle',
  withState((event) => {
    const details = event.target as HTMLDetailsElement;
    const level = view?.levels.find((l) => l.id === details.dataset['level']);
    if (!view || !level) return;
    // Only an empty list: a level rendered open (which fires this too) keeps its rows, and the focus in them.
    const list = details.querySelector('ul');
    if (details.open && list && !list.firstChild) list.innerHTML = expectationRows(level, view).value;
    const others = ui.expandedLevels.filter((id) => id !== level.id);
    ui = { ...ui, expandedLevels: details.open ? [...others, level.id] : others };
    saveUi();
  }),
  true,
);

document.addEventListener('keydown', withState((event: KeyboardEvent) => {
  const target = event.target as HTMLElement;
  if (event.key === 'Escape' && ui.selectedSkillId) {
    event.preventDefault();
    return closeDetail();
  }
  if (target.dataset['filter'] && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
    event.preventDefault();
    const index = skillFilters.indexOf(target.dataset['filter'] as SkillFilter);
    const next = skillFilters[(index + (event.key === 'ArrowRight' ? 1 : skillFilters.length - 1)) % skillFilters.length] ?? 'all';
    updateUi({ filter: next });
    document.querySelector<HTMLElement>(`[data-filter="${next}"]`)?.focus();
    return;
  }
  if (!target.classList.contains('chip-main')) return;
  if (event.key === ' ') {
    // Space marks done / not done; Enter (the button's click) shows the details.
    event.preventDefault();
    const skill = view?.skills.find((s) => s.id === target.dataset['skill']);
    if (skill) setStatus(skill.id, toggledStatus(skill.status));
    return;
  }
  const moved = moveFocus(board, target, event.key);
  if (moved) {
    event.preventDefault();
    activeChipId = moved.dataset['skill'];
  }
}));

// A button also clicks on Space's keyup; Space is already handled on keydown for chips.
document.addEventListener('keyup', (event) => {
  if (event.key === ' ' && (event.target as HTMLElement).classList.contains('chip-main')) event.preventDefault();
});

board.addEventListener('focusin', (event) => {
  const chip = (event.target as HTMLElement).closest<HTMLElement>('.chip-main');
  if (chip) activeChipId = chip.dataset['skill'];
});

let scrollQueued = false;
const rememberScroll = (): void => {
  if (scrollQueued) return;
  scrollQueued = true;
  requestAnimationFrame(() => {
    scrollQueued = false;
    ui = { ...ui, scrollX: board.scrollLeft, scrollY: window.scrollY };
    saveUi();
  });
};
window.addEventListener('scroll', rememberScroll, { passive: true });
board.addEventListener('scroll', rememberScroll, { passive: true });

// The page says `ready` once it has shown the markup the host rendered (VS Code shows a webview only after its `load`
// event, and the first frame after that needs no script); the host then posts the state.
window.onload = () => requestAnimationFrame(() => setTimeout(() => post({ type: 'ready' })));
