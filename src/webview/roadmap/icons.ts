import { html, type Html } from '../../core/roadmapView/html';

/** The codicons the page uses; media/roadmap.css draws each as `.icon-<name>` (a unit test checks every one is there). */
export const iconNames = ['circle-large-outline', 'book', 'pass-filled', 'circle-slash', 'search', 'map', 'list-flat', 'link-external', 'location', 'close', 'target'] as const;

export type IconName = (typeof iconNames)[number];

/** A codicon in the text colour; decorative, so hidden from assistive technology. */
export function icon(name: IconName, className = 'icon'): Html {
  return html`<span class="${className} icon-${name}" aria-hidden="true"></span>`;
}
