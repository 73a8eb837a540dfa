import type { Progress } from '../../core/progress/progress';
import { skillStatuses, statusCodicons, statusLabels, type SkillStatus } from '../../core/progress/status';
import { isHttpsUrl } from '../../core/roadmap/links';
import { Html, html } from '../../core/roadmapView/html';
import {
  describeProgress,
  filterLevels,
  skillsToGo,
  toggledStatus,
  visibleSkillIds,
  type ExpectationView,
  type LevelView,
  type ResourceView,
  type RoadmapViewState,
  type SkillView,
} from '../../core/roadmapView/viewModel';
import { evidenceChipBadge, renderEvidenceSection } from './evidenceRender';
import { icon, type IconName } from './icons';
import type { UiState } from './uiState';

/**
 * Markup for each region the webview replaces on a change; the toolbar is static so typing is never disturbed.
 * Buttons carry no `type`: the page has no form, so none can submit, and the bytes go to the webview's size budget.
 */

function statusIcon(status: SkillStatus): Html {
  return icon(statusCodicons[status] as IconName, `icon status-icon status-${status}`);
}

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The skills of `ids` that the state has, in order. */
function skillsOf(skills: ReadonlyMap<string, SkillView>, ids: readonly string[]): SkillView[] {
  return ids.flatMap((id) => skills.get(id) ?? []);
}

const competencyTitle = (e: ExpectationView, competencies: ReadonlyMap<string, string>): string => competencies.get(e.competencyId) ?? e.competencyId;

/** 2π × 15.5, the rings' radius, to two places (the dash lengths are written to two places too). */
const circumference = 97.39;

/**
 * A progress ring; the percentage is also in text, inside the ring and in the accessible label. The circles'
 * geometry is in media/roadmap.css (the radius there is 15.5).
 */
function ring(progress: Progress, label: string, size: 'small' | 'large' = 'small'): Html {
  const filled = (progress.percent / 100) * circumference;
  return html`<div class="ring ring-${size}" role="img" aria-label="${label}: ${progress.percent}%, ${describeProgress(progress)}">
<svg viewBox="0 0 36 36" aria-hidden="true"><circle class="ring-track"/><circle class="ring-fill" stroke-dasharray="${filled.toFixed(2)} ${circumference}"/></svg>
<span class="ring-text" aria-hidden="true">${progress.percent}%</span></div>`;
}

export function renderSummary(state: RoadmapViewState): Html {
  const current = state.levels.find((level) => level.isCurrent);
  const next = state.next.map((n) => {
    const skills = skillsToGo(n);
    const expectations = n.missingExpectationIds.length;
    return html`<li><span class="summary-next-title">${n.title}</span>: ${skills === 0 && expectations === 0 ? 'every skill and expectation is done' : `${count(skills, 'skill')} and ${count(expectations, 'expectation')} to go`} <span class="muted">(skills ${n.progress.percent}% ready, expectations ${n.expectationProgress.percent}% met)</span></li>`;
  });
  return html`${ring(state.overall, 'Overall progress', 'large')}
<div class="summary-text">
<p class="summary-headline">Skills: ${describeProgress(state.overall)} · Expectations: ${describeProgress(state.overallExpectations)}</p>
<p class="summary-where">${icon('location')} ${current ? html`You are a <strong>${current.title}</strong>` : 'No current level set: mark the level you hold below.'}</p>
${next.length > 0 ? html`<ul class="summary-next" aria-label="Next levels">${next}</ul>` : ''}
</div>`;
}

/** The webview's focus key for an element, so focus survives a re-render. */
const chipKey = (skillId: string) => `chip:${skillId}`;

/**
 * A skill chip. Its main button is named by its visible text (WCAG 2.5.3, Label in Name: voice control users say
 * what they see), with a comma only screen readers get, between title and status.
 */
function chip(skill: SkillView, ui: UiState, tabbable: boolean): Html {
  const label = statusLabels[skill.status];
  const selected = ui.selectedSkillId === skill.id;
  // Out of the tab order: the board's arrow keys move between chips, and Space on a chip toggles it.
  return html`<li class="chip${selected ? ' selected' : ''}" data-status="${skill.status}" data-skill="${skill.id}">
${toggleButton(skill, html`tabindex="-1"`)}
<button class="chip-main" data-action="select" data-skill="${skill.id}" data-nav data-focus-key="${chipKey(skill.id)}" tabindex="${tabbable ? 0 : -1}" aria-describedby="kbd-hint"${selected ? html` aria-current="true"` : ''}>
<span class="chip-title">${skill.title}</span><span class="sr-only">, </span><span class="chip-status">${label}</span>${evidenceChipBadge(skill.id)}</button></li>`;
}

/** A skill's or expectation's done / not-done toggle; `attributes` says how it takes focus. */
function toggleButton(item: { id: string; title: string; status: SkillStatus }, attributes: Html): Html {
  const next = statusLabels[toggledStatus(item.status)].toLowerCase();
  return html`<button class="chip-toggle" data-action="toggle" data-skill="${item.id}" ${attributes} aria-label="${item.title}: ${statusLabels[item.status]}. Mark ${next}" title="Mark ${next}">${statusIcon(item.status)}</button>`;
}

/** A column's heading: the level's or optional group's title (`id` names it for aria-labelledby) and a meta line. */
function levelHeading(id: string, title: string, meta: string): Html {
  return html`<div class="level-heading"><h2 id="${id}">${title}</h2><p class="level-meta">${meta}</p></div>`;
}

/** Opens an outline section (the caller closes it) headed by `title`, which names it. */
function outlineSection(id: string, title: string): Html {
  return html`<section class="outline-level" aria-labelledby="outline-${id}"><h2 id="outline-${id}">${title}</h2>`;
}

function levelBadge(level: LevelView): Html {
  if (level.isCurrent) return html`<span class="badge badge-current">${icon('location')} You are here</span>`;
  const set = html`<button class="link-button" data-action="set-level" data-level="${level.id}" data-focus-key="level:${level.id}" aria-label="Set as my level: ${level.title}">Set as my level</button>`;
  return level.isNext ? html`<span class="badge badge-next">${icon('target')} Next</span> ${set}` : set;
}

function isExpanded(level: LevelView, ui: UiState): boolean {
  // Collapsed until opened: the skills are what the path is for, the expectations are a click away.
  return ui.expandedLevels.includes(level.id);
}

function trackLine(level: LevelView, state: RoadmapViewState): string {
  const follows = level.follows ? state.levels.find((l) => l.id === level.follows) : undefined;
  const track = level.track === 'management' ? 'Management track' : 'IC track';
  return [level.years, track, follows ? `after ${follows.title.replace(/ ML Engineer$/, '')}` : ''].filter(Boolean).join(' · ');
}

/** `preferredTabStop`: the chip that last had focus, so Tab returns to it (roving tabindex). */
export function renderBoard(state: RoadmapViewState, ui: UiState, preferredTabStop?: string): Html {
  const skills = new Map(state.skills.map((s) => [s.id, s]));
  const levels = filterLevels(state, ui);
  const visibleIds = [...levels.flatMap((l) => l.groups.flatMap((g) => g.skillIds)), ...optionalVisible(state, ui)];
  const tabStop = [preferredTabStop, ui.selectedSkillId ?? undefined].find((id) => id !== undefined && visibleIds.includes(id)) ?? visibleIds[0];
  const chips = (ids: readonly string[]) => skillsOf(skills, ids).map((skill) => chip(skill, ui, skill.id === tabStop));
  const columns = levels.map((level) => {
    const expanded = isExpanded(level, ui);
    const classes = ['level', level.isCurrent ? 'current' : '', level.isReached ? 'reached' : '', level.isNext ? 'next' : ''].filter(Boolean).join(' ');
    const groups = level.groups.map(
      (group) => html`<section class="group" aria-label="${group.title}"><h3 class="group-title">${group.title}${group.choose === null ? '' : html` <span class="tag">any ${group.choose}</span>`}</h3>
<ul class="chips" role="list">${chips(group.skillIds)}</ul></section>`,
    );
    return html`<li class="${classes}" data-level="${level.id}" aria-labelledby="level-${level.id}"${level.isCurrent ? html` aria-current="step"` : ''}>
<div class="level-head">${ring(level.progress, `${level.title} skills`)}
${levelHeading(`level-${level.id}`, level.title, trackLine(level, state))}</div>
<div class="level-badge">${levelBadge(level)}</div>
<p class="level-focus">${level.focus}</p>
<details class="expectations" data-level="${level.id}"${expanded ? html` open` : ''}><summary data-focus-key="exp:${level.id}">What this level expects <span class="muted">(${level.expectationProgress.done}/${level.expectationProgress.total} met)</span></summary>
<ul class="expectation-list">${expanded ? expectationRows(level, state) : ''}</ul></details>
${groups.length > 0 ? groups : html`<p class="empty">${level.progress.total + level.progress.skipped === 0 ? 'No skills are introduced at this level.' : 'No skills here match the filter.'}</p>`}
</li>`;
  });
  const optional = state.optionalGroups.map(
    (group) => html`<li class="level optional-column" data-group="${group.id}" aria-labelledby="group-${group.id}">
${levelHeading(`group-${group.id}`, group.title, 'Optional · counts toward no level')}
<p class="level-focus">${group.description}</p>
<ul class="chips" role="list">${chips(group.skillIds.filter((id) => visibleIds.includes(id)))}</ul></li>`,
  );
  return html`<ol class="path" aria-label="Career levels">${columns}${optional}</ol>`;
}

function statusSelect(id: string, title: string, status: SkillStatus): Html {
  return html`<label class="sr-only" for="status-${id}">Status of ${title}</label>
<select id="status-${id}" data-action="set-status-select" data-skill="${id}" data-focus-key="select:${id}">${skillStatuses.map(
    (s) => html`<option value="${s}"${s === status ? html` selected` : ''}>${statusLabels[s]}</option>`,
  )}</select>`;
}

/** An outline row: status, title, what `about` says, a status menu and what `actions` adds after it. */
function outlineRow(item: { id: string; title: string; status: SkillStatus }, about: Html, actions: Html | '' = ''): Html {
  return html`<li class="outline-skill" data-status="${item.status}">${statusIcon(item.status)}
<span class="outline-skill-text"><strong>${item.title}</strong>${about}</span>
<span class="outline-actions">${statusSelect(item.id, item.title, item.status)}${actions}</span></li>`;
}

function outlineSkill(skill: SkillView): Html {
  return outlineRow(
    skill,
    html` — ${statusLabels[skill.status]}. <span class="muted">${skill.summary}</span>`,
    html`
<button class="secondary" data-action="select" data-skill="${skill.id}" data-focus-key="details:${skill.id}" aria-label="Details of ${skill.title}">Details</button>`,
  );
}

function outlineExpectation(e: ExpectationView, competencies: ReadonlyMap<string, string>): Html {
  return outlineRow(e, html`${e.optional ? ' (optional)' : ''} — ${statusLabels[e.status]}. <span class="tag">${competencyTitle(e, competencies)}</span> <span class="muted">${e.text}</span>`);
}

/**
 * A level's expectation rows. A collapsed level's list stays empty until it is opened (main.ts fills it): nearly half
 * of the board's markup, which the first paint does not show.
 */
export function expectationRows(level: LevelView, state: RoadmapViewState): Html {
  return html`${level.expectations.map((e) => expectationRow(e, competencyTitles(state)))}`;
}

/** An expectation with a done/not-done toggle (like a skill chip's), its competency and, if so, "optional". */
function expectationRow(e: ExpectationView, competencies: ReadonlyMap<string, string>): Html {
  return html`<li class="expectation" data-status="${e.status}">${toggleButton(e, html`data-focus-key="toggle:${e.id}"`)}
<span class="expectation-text"><strong>${e.title}</strong>${e.optional ? html` <span class="tag">optional</span>` : ''} <span class="tag">${competencyTitle(e, competencies)}</span><br><span class="muted">${e.text}</span></span></li>`;
}

function competencyTitles(state: RoadmapViewState): Map<string, string> {
  return new Map(state.competencies.map((c) => [c.id, c.title]));
}

/** Optional-group skills the filter and search let through (they sit outside the levels). */
function optionalVisible(state: RoadmapViewState, ui: UiState): Set<string> {
  const visible = visibleSkillIds(state, ui);
  return new Set(state.optionalGroups.flatMap((g) => g.skillIds).filter((id) => visible.has(id)));
}

/** The level × competency matrix: what each level expects along each shared axis, with statuses. */
export function renderMatrix(state: RoadmapViewState): Html {
  const head = state.competencies.map((c) => html`<th scope="col" title="${c.description}">${c.title}</th>`);
  const rows = state.levels.map(
    (level) => html`<tr${level.isCurrent ? html` class="current"` : ''}><th scope="row">${level.title}${level.isCurrent ? html` <span class="tag">you</span>` : ''}</th>${state.competencies.map((c) => {
      const items = level.expectations.filter((e) => e.competencyId === c.id);
      return html`<td>${items.length === 0 ? html`<span class="muted">—</span>` : html`<ul>${items.map((e) => html`<li data-status="${e.status}">${statusIcon(e.status)}<span>${e.title}${e.optional ? ' (optional)' : ''}<span class="sr-only">, ${statusLabels[e.status]}</span></span></li>`)}</ul>`}</td>`;
    })}</tr>`,
  );
  return html`<section class="matrix" aria-labelledby="matrix-title"><h2 id="matrix-title">Competencies by level</h2>
<p class="muted">Each level's expectations on shared axes: follow one from the first role to Staff.</p>
<div class="matrix-scroll"><table><thead><tr><th scope="col">Level</th>${head}</tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

/** The dated market snapshot: untracked, marked as a snapshot, with its source. */
export function renderMarket(state: RoadmapViewState): Html {
  const { market } = state;
  return html`<section class="market" aria-labelledby="market-title"><h2 id="market-title">${market.title}</h2>
<p class="snapshot"><span class="badge badge-snapshot">Snapshot · as of ${market.asOfLabel}</span> <span class="muted">Not tracked; figures change, so check the date.</span></p>
<p>${market.summary}</p>
<dl class="facts">${market.facts.map((f) => html`<div class="fact"><dt>${f.title}</dt><dd>${f.text}</dd></div>`)}</dl>
<p class="muted">Source: ${market.source}</p>
${market.resources.length > 0 ? html`<ul class="resources">${market.resources.map(resourceItem)}</ul>` : ''}</section>`;
}

function resourceItem(r: ResourceView): Html {
  return isHttpsUrl(r.url)
    ? // A button, not <a href>: the webview host opens any clicked href itself, past the host's allowlist.
      html`<li><button role="link" class="link-button resource-link" data-action="open-link" data-url="${r.url}" data-focus-key="link:${r.url}">${r.title}${icon('link-external', 'icon link-icon')}</button> <span class="tag">${r.type}</span> <span class="muted">${new URL(r.url).hostname}</span></li>`
    : html`<li>${r.title} <span class="tag">${r.type}</span></li>`;
}

export function renderOutline(state: RoadmapViewState, ui: UiState): Html {
  const skills = new Map(state.skills.map((s) => [s.id, s]));
  const levels = filterLevels(state, ui);
  return html`<div class="outline">${levels.map(
    (level) => html`${outlineSection(level.id, `${level.title}${level.isCurrent ? ' (you are here)' : level.isNext ? ' (next)' : ''}`)}
<p class="level-meta">${trackLine(level, state)}. ${describeProgress(level.progress)} (${level.progress.percent}%).</p>
<p>${level.focus}</p>
<h3>What this level expects</h3><ul class="outline-skills">${level.expectations.map((e) => outlineExpectation(e, competencyTitles(state)))}</ul>
${level.groups.length === 0 ? html`<p class="empty">No skills here match the filter.</p>` : ''}
${level.groups.map(
  (group) => html`<h3>${group.title}</h3><ul class="outline-skills">${skillsOf(skills, group.skillIds).map(outlineSkill)}</ul>`,
)}</section>`,
  )}${state.optionalGroups.map(
    (group) => html`${outlineSection(group.id, `${group.title} (optional)`)}<p>${group.description}</p>
<ul class="outline-skills">${skillsOf(skills, group.skillIds.filter((id) => optionalVisible(state, ui).has(id))).map(outlineSkill)}</ul></section>`,
  )}</div>`;
}

/** The user's note: HTML the host rendered from it (see NoteView), the one markup not built here. */
function renderNote(skill: SkillView): Html {
  const edit = html`<button class="link-button" data-action="edit-note" data-skill="${skill.id}" data-focus-key="edit-note">${skill.note ? 'Edit note' : 'Add a note'}</button>`;
  if (!skill.note) return html`<p class="detail-note-add">${edit}</p>`;
  return html`<section class="detail-note" aria-labelledby="note-title"><h3 id="note-title">Your note <span class="muted">(edited ${skill.note.edited})</span> ${edit}</h3>
<div class="note-body">${new Html(skill.note.html)}</div></section>`;
}

export function renderDetail(state: RoadmapViewState, ui: UiState): Html {
  const skill = state.skills.find((s) => s.id === ui.selectedSkillId);
  if (!skill) return html``;
  const actions = skillStatuses.map(
    (status) =>
      html`<button class="status-action${status === skill.status ? ' active' : ''}" data-action="set-status" data-skill="${skill.id}" data-status="${status}" data-focus-key="status:${status}" aria-pressed="${status === skill.status}">${statusIcon(status)}<span>${statusLabels[status]}</span></button>`,
  );
  const resources = skill.resources.map(resourceItem);
  return html`<div class="detail-inner" data-skill="${skill.id}">
<div class="detail-head"><h2 id="detail-title" tabindex="-1">${skill.title}</h2>
<button class="icon-button" data-action="close-detail" data-focus-key="close-detail" aria-label="Close details" title="Close details (Escape)">${icon('close')}</button></div>
<p class="detail-meta">${skill.groupTitle} · ${state.optionalGroups.some((g) => g.id === skill.groupId) ? 'optional, counts toward no level' : `expected by ${skill.levelTitle}`}</p>
<p class="detail-status" data-status="${skill.status}">${statusIcon(skill.status)} <span>${statusLabels[skill.status]}</span></p>
<div class="status-actions" role="group" aria-label="Set the status of ${skill.title}">${actions}</div>
${skill.history === null ? '' : html`<p class="detail-history muted">${skill.history}</p>`}
${renderNote(skill)}
<p class="detail-summary">${skill.summary}</p>
<h3>Why it matters</h3><p>${skill.why}</p>
${skill.goodLooksLike === null ? '' : html`<h3>What good looks like</h3><p>${skill.goodLooksLike}</p>`}
${skill.milestones.length === 0 ? '' : html`<h3>At each level</h3><ol class="milestones">${skill.milestones.map((m) => html`<li><strong>${m.levelTitle}</strong>: ${m.text}</li>`)}</ol>`}
<h3>Resources</h3><ul class="resources">${resources}</ul>
${renderEvidenceSection(skill.id)}</div>`;
}

/** The markup of every region the state fills. */
export interface PageRegions {
  summary: Html;
  board: Html;
  extras: Html;
  detail: Html;
}

export function renderRegions(state: RoadmapViewState, ui: UiState, preferredTabStop?: string): PageRegions {
  return {
    summary: renderSummary(state),
    board: ui.mode === 'path' ? renderBoard(state, ui, preferredTabStop) : renderOutline(state, ui),
    extras: html`${renderMatrix(state)}${renderMarket(state)}`,
    detail: renderDetail(state, ui),
  };
}
