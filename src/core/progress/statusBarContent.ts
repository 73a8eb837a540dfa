import type { RoadmapIndex } from '../roadmap/roadmap';
import { escapeCodicons, escapeMarkdown } from '../roadmap/skillMarkdown';
import { groupProgress, overallExpectationProgress, overallSkillProgress } from './progress';
import type { SkillStatus } from './status';

/** What the status bar item shows: its text, its tooltip (Markdown, untrusted) and what screen readers say. */
export interface StatusBarContent {
  readonly text: string;
  readonly tooltip: string;
  readonly accessibilityLabel: string;
}

/** `$(mortar-board) Mid · 42%`: the current level and overall progress, with a table per group in the tooltip. */
export function statusBarContent(roadmap: RoadmapIndex, statusOf: (id: string) => SkillStatus, currentLevel: string | undefined): StatusBarContent {
  const overall = overallSkillProgress(roadmap, statusOf);
  const expectations = overallExpectationProgress(roadmap, statusOf);
  const level = roadmap.level(currentLevel ?? '');
  const rows = roadmap.groups.map((group) => {
    const p = groupProgress(group, statusOf);
    const note = group.optional ? ' (optional)' : group.choose !== undefined ? ` (any ${group.choose})` : '';
    return `| ${escapeMarkdown(group.title)}${note} | ${p.done}/${p.total} | ${p.percent}% |\n`;
  });
  return {
    text: `$(mortar-board) ${level ? escapeCodicons(level.short) : 'Set level'} · ${overall.percent}%`,
    tooltip:
      `**ML Career** — ${level ? escapeMarkdown(level.title) : 'no current level set'}\n\n| Group | Done | |\n|---|---:|---:|\n${rows.join('')}` +
      `\nOverall: ${overall.done} of ${overall.total} skills done (${overall.percent}%); ${expectations.done} of ${expectations.total} level expectations met. Click to open the roadmap.`,
    accessibilityLabel: `ML Career: ${level ? level.title : 'no level set'}, ${overall.percent} percent of skills done`,
  };
}

/**
 * Before anything is stored nothing is done and no level is set, whatever the roadmap: the status bar can say so
 * without loading it (the group table follows once the roadmap has loaded).
 */
export const nothingStoredContent: StatusBarContent = {
  text: '$(mortar-board) Set level · 0%',
  tooltip: '**ML Career** — no current level set\n\nNo skills done yet. Click to open the roadmap.',
  accessibilityLabel: 'ML Career: no level set, 0 percent of skills done',
};

/**
 * What the status bar showed when the roadmap was last loaded in a workspace, and a fingerprint of the progress it
 * was computed from: the next start shows it at once if the stored progress is still the same.
 */
export interface SavedStatusBar {
  readonly content: StatusBarContent;
  readonly progressFingerprint: string;
}

/** Longer than any content the roadmap limits allow; anything longer was not written by this extension. */
const maxSavedLength = 100_000;

/** The saved status bar in `value` (workspace storage, which may hold anything), or undefined. */
export function readSavedStatusBar(value: unknown): SavedStatusBar | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { content, progressFingerprint } = value as Record<string, unknown>;
  if (typeof progressFingerprint !== 'string' || typeof content !== 'object' || content === null) return undefined;
  const { text, tooltip, accessibilityLabel } = content as Record<string, unknown>;
  const valid = (s: unknown): s is string => typeof s === 'string' && s.length <= maxSavedLength;
  if (!valid(text) || !valid(tooltip) || !valid(accessibilityLabel)) return undefined;
  return { content: { text, tooltip, accessibilityLabel }, progressFingerprint };
}

/**
 * A digest of stored progress (its JSON): equal for equal values. FNV-1a over UTF-16 units with the length, cheap
 * enough for every start; a collision would only show an old figure until the roadmap loads and corrects it.
 */
export function progressFingerprint(stored: unknown): string {
  const json = JSON.stringify(stored) ?? 'undefined';
  let hash = 0x811c9dc5;
  for (let i = 0; i < json.length; i++) hash = Math.imul(hash ^ json.charCodeAt(i), 0x01000193);
  return `${json.length}:${(hash >>> 0).toString(36)}`;
}

/**
 * What the status bar can show at start-up without loading the roadmap: for nothing stored, that nothing is done;
 * otherwise what was saved, if the stored progress is still what it was computed from; else undefined (load it).
 */
export function startupContent(stored: unknown, saved: unknown): StatusBarContent | undefined {
  if (stored === undefined) return nothingStoredContent;
  const read = readSavedStatusBar(saved);
  return read?.progressFingerprint === progressFingerprint(stored) ? read.content : undefined;
}
