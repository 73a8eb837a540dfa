import type { StatusChange } from '../progress/state';
import type { SkillStatus } from '../progress/status';

/** How many of the latest changes a history line names; older ones are summed up as "…". */
export const historyLineChanges = 5;

const phrases: Readonly<Record<SkillStatus, string>> = {
  learning: 'learning since',
  done: 'done',
  skipped: 'skipped',
  'not-started': 'back to not started',
};

/** "12 Mar 2026" in the user's time zone (or the one given, for tests). */
export function formatDay(time: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(time);
}

/**
 * The dated story of a status, e.g. "Learning since 12 Mar 2026, done 3 Jun 2026"; undefined when there is none.
 * Progress saved before histories were kept has only the date of its last change: that date stands in.
 */
export function historyLine(history: readonly StatusChange[], current: { status: SkillStatus; changedAt: number }, timeZone?: string): string | undefined {
  const changes = history.length > 0 ? history : current.status !== 'not-started' && current.changedAt > 0 ? [{ status: current.status, at: current.changedAt }] : [];
  if (changes.length === 0) return undefined;
  const shown = changes.slice(-historyLineChanges).map((change) => `${phrases[change.status]} ${formatDay(change.at, timeZone)}`);
  const line = `${changes.length > historyLineChanges ? '…, ' : ''}${shown.join(', ')}`;
  return line.charAt(0).toUpperCase() + line.slice(1);
}
