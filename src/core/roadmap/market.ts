import { isHttpsUrl } from './links';
import type { Market } from './schema';
import { escapeMarkdown } from './skillMarkdown';

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-03" → "March 2026"; anything else is shown as it is. */
export function monthLabel(month: string): string {
  const [year, number] = month.split('-');
  const name = monthNames[Number(number) - 1];
  return year && name ? `${name} ${year}` : month;
}

/** The market snapshot as Markdown (the tree tooltip), marked as a snapshot with its date and source. */
export function marketMarkdown(market: Market): string {
  const lines = [
    `**${escapeMarkdown(market.title)}**`,
    '',
    `*Snapshot as of ${escapeMarkdown(monthLabel(market.asOf))}, not tracked. Figures change: review them.*`,
    '',
    escapeMarkdown(market.summary),
    '',
    `Source: ${escapeMarkdown(market.source)}`,
  ];
  const links = market.resources.filter((r) => isHttpsUrl(r.url));
  if (links.length > 0) {
    lines.push('');
    for (const r of links) lines.push(`- [${escapeMarkdown(r.title)}](${new URL(r.url).href.replace(/[()]/g, encodeURIComponent)}) (${r.type})`);
  }
  return lines.join('\n');
}
