import type { EvidenceView } from '../../core/evidence/evidenceView';
import { html, type Html } from '../../core/roadmapView/html';
import { icon } from './icons';

/** Evidence on the roadmap page: a count on a skill's chip and a proof list in its detail pane. */

/**
 * The evidence the host last sent. Kept here, not threaded through every render function, so the roadmap's
 * renderers only gain one call each (main.ts sets it on every state message).
 */
let pageEvidence: EvidenceView | null = null;

export function setPageEvidence(evidence: EvidenceView | null): void {
  pageEvidence = evidence;
}

export function pageProof(skillId: string, index: number) {
  return skillEvidence(skillId)?.items[index];
}

function skillEvidence(skillId: string) {
  return pageEvidence?.skills.find((skill) => skill.skillId === skillId);
}

/** "3 files" on a chip with evidence ("evidence found" when it is suggested). */
export function evidenceChipBadge(skillId: string): Html {
  const found = skillEvidence(skillId);
  if (!found?.files) return html``;
  const files = fileCount(found.files);
  return html`<span class="chip-evidence${found.suggested ? ' suggested' : ''}" title="Evidence in ${files} of your code${found.suggested ? ': suggested as done' : ''}">${icon('search')}<span class="sr-only">, </span><span>${found.suggested ? `evidence found · ${files}` : files}</span></span>`;
}

/**
 * The detail pane's Evidence section: proof rows that ask the host to open the file at the line; accepted proof whose
 * file is gone is marked and is not a link (there is nothing to open).
 */
export function renderEvidenceSection(skillId: string): Html {
  const evidence = pageEvidence;
  if (!evidence) return html``;
  const found = skillEvidence(skillId);
  const why = evidence.noCodeEvidence.includes(skillId) ? 'No code evidence for this skill.' : (evidence.off ?? (found?.files ? undefined : 'None found in this workspace.'));
  const rows = found?.items.map(
    (item, index) =>
      html`<li><button role="link" class="link-button proof-link" data-action="open-evidence" data-skill="${skillId}" data-proof="${index}" data-focus-key="proof:${index}" title="${item.explanation}" ${item.stale && 'disabled'}>${item.location} · <code>${item.text}</code>${item.stale && ' · accepted, file gone'}</button></li>`,
  );
  return html`<h3>Evidence${why === undefined && found ? html` <span class="muted">(${fileCount(found.files)}${found.suggested ? ', suggested as done' : ''})</span>` : ''}</h3>${why === undefined ? '' : html`<p class="muted">${why}</p>`}${rows?.length ? html`<ul class="proof-list">${rows}</ul>` : ''}`;
}

const fileCount = (files: number): string => `${files} file${files === 1 ? '' : 's'}`;
