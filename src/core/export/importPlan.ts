import { repairFutureTimes } from '../progress/clock';
import { maxStoredSkills, mergeStates, stateOf, statesEqual, type CurrentLevel, type ProgressEntry, type ProgressState } from '../progress/state';
import { statusLabels } from '../progress/status';
import type { RoadmapIndex } from '../roadmap/roadmap';
import { escapeMarkdown } from '../roadmap/skillMarkdown';
import { parseFullExport, type ImportedExport } from './fullExport';

/**
 * What importing does to one item, under the same newest-wins order two windows merge by (`mergeStates`):
 * `added` (only the file has it), `updated` (the file's is newer), `kept` (yours is newer), `same` (equal).
 */
export type ItemChange = 'added' | 'updated' | 'kept' | 'same';

export interface ImportRow {
  readonly id: string;
  /** The title in the current roadmap, or the id when the roadmap does not know it. */
  readonly title: string;
  readonly kind: 'skill' | 'expectation' | 'not in this roadmap';
  readonly ours: ProgressEntry | undefined;
  readonly theirs: ProgressEntry;
  readonly result: ProgressEntry;
  readonly change: ItemChange;
}

export interface LevelRow {
  readonly ours: CurrentLevel | undefined;
  readonly theirs: CurrentLevel;
  readonly result: CurrentLevel;
  readonly change: ItemChange;
}

export interface ImportPlan {
  readonly source: ImportedExport;
  /** Every item the file has, in the file's order. */
  readonly rows: readonly ImportRow[];
  readonly level: LevelRow | undefined;
  /** Your progress with the file merged in, as it would be stored. */
  readonly merged: ProgressState;
  readonly counts: Readonly<Record<ItemChange, number>>;
}

/** What undo needs: the progress before the import and what the import made of it. */
export interface ImportRecord {
  readonly previous: ProgressState;
  readonly applied: ProgressState;
}

const sameEntry = (a: ProgressEntry, b: ProgressEntry): boolean => statesEqual(stateOf(new Map([['', a]]), new Map(), undefined), stateOf(new Map([['', b]]), new Map(), undefined));
const sameLevel = (a: CurrentLevel | undefined, b: CurrentLevel | undefined): boolean => a?.id === b?.id && a?.changedAt === b?.changedAt;

/**
 * Plans importing `source` into `ours` at time `now`: times further in the future than any clock drift are
 * redated to `now` first, as storage does with what other machines write. Fails when the result would hold
 * more skills than progress can.
 */
export function planImport(ours: ProgressState, source: ImportedExport, roadmap: RoadmapIndex, now: number): { ok: true; plan: ImportPlan } | { ok: false; error: string } {
  const theirs = repairFutureTimes(source.state, now).state;
  const merged = mergeStates(ours, theirs);
  if (merged.skills.size > maxStoredSkills) {
    return { ok: false, error: `importing would keep ${merged.skills.size} items, more than the ${maxStoredSkills} progress can hold` };
  }
  const counts: Record<ItemChange, number> = { added: 0, updated: 0, kept: 0, same: 0 };
  const rows: ImportRow[] = [];
  for (const [id, entry] of theirs.skills) {
    const mine = ours.skills.get(id);
    const result = merged.skills.get(id) ?? entry;
    const change: ItemChange = !mine ? 'added' : sameEntry(mine, entry) ? 'same' : result === mine ? 'kept' : 'updated';
    counts[change]++;
    rows.push({ id, ...describe(roadmap, id), ours: mine, theirs: entry, result, change });
  }
  let level: LevelRow | undefined;
  if (theirs.currentLevel && merged.currentLevel) {
    const mine = ours.currentLevel;
    const change: ItemChange = !mine ? 'added' : sameLevel(mine, theirs.currentLevel) ? 'same' : merged.currentLevel === mine ? 'kept' : 'updated';
    counts[change]++;
    level = { ours: mine, theirs: theirs.currentLevel, result: merged.currentLevel, change };
  }
  return { ok: true, plan: { source: { ...source, state: theirs }, rows, level, merged, counts } };
}

function describe(roadmap: RoadmapIndex, id: string): Pick<ImportRow, 'title' | 'kind'> {
  const current = roadmap.canonicalId(id) ?? id;
  const skill = roadmap.skill(current);
  if (skill) return { title: skill.title, kind: 'skill' };
  const expectation = roadmap.expectation(current);
  if (expectation) return { title: expectation.expectation.title, kind: 'expectation' };
  return { title: id, kind: 'not in this roadmap' };
}

/** Whether applying the plan changes anything. */
export function planChanges(plan: ImportPlan): boolean {
  return plan.counts.added + plan.counts.updated > 0;
}

/** The change the store applies: the file merged into whatever is stored by then (another window may have written). */
export function applyImport(theirs: ProgressState): (base: ProgressState) => ProgressState {
  return (base) => mergeStates(base, theirs);
}

/**
 * Undoes an import on top of `base`: every item the import changed and nothing has changed since gets its
 * previous status and proof back, dated `at` so the undo wins in every window and on every machine as any newer
 * change does. An item the import added goes back to "not started" (progress keeps no deletions: another
 * window would bring a deleted entry back). A level the import set goes back to the previous one, or to none.
 */
export function undoImport(record: ImportRecord): (base: ProgressState, at: number) => ProgressState {
  return (base, at) => {
    const skills = new Map(base.skills);
    for (const [id, applied] of record.applied.skills) {
      const previous = record.previous.skills.get(id);
      const current = base.skills.get(id);
      if (!current || (previous && sameEntry(previous, applied)) || !sameEntry(current, applied)) continue;
      skills.set(id, previous ? { ...previous, changedAt: at } : { status: 'not-started', changedAt: at });
    }
    const { previous, applied } = record;
    const levelUndone = !sameLevel(previous.currentLevel, applied.currentLevel) && sameLevel(base.currentLevel, applied.currentLevel);
    const level = levelUndone ? previous.currentLevel && { id: previous.currentLevel.id, changedAt: at } : base.currentLevel;
    const next: { -readonly [K in keyof ProgressState]: ProgressState[K] } = { ...base, skills };
    if (level) next.currentLevel = level;
    else delete next.currentLevel;
    return next;
  };
}

/** The preview of an import as Markdown: the counts, then every item that differs (yours, the file's, the result). */
export function importPreviewMarkdown(plan: ImportPlan, fileName: string, roadmapName: string): string {
  const { source, counts } = plan;
  const differing = plan.rows.filter((row) => row.change !== 'same');
  const lines = [
    '# Import preview',
    '',
    `From ${escapeMarkdown(fileName)}, exported ${escapeMarkdown(source.exportedAt)} with ML Career Companion ${escapeMarkdown(source.extensionVersion)} from the roadmap ${escapeMarkdown(source.roadmap.name)}${source.roadmap.name === roadmapName ? '' : ` (yours: ${escapeMarkdown(roadmapName)}; progress is kept per skill id, so shared skills carry over)`}.`,
    '',
    `**${counts.added} added, ${counts.updated} updated** from the file; ${counts.kept} kept (yours is newer); ${counts.same} already the same. For each item the newer change wins, as when two windows merge; nothing changes until you confirm, and you can undo the import afterwards.`,
  ];
  if (plan.level && plan.level.change !== 'same') {
    const { level } = plan;
    lines.push('', '## Current level', '', `Yours: ${levelText(level.ours)} · the file: ${levelText(level.theirs)} · result: ${levelText(level.result)} (${changeLabels[level.change]})`);
  }
  if (differing.length > 0) {
    lines.push('', '## Items', '', '| Item | Yours | The file | Result |', '| --- | --- | --- | --- |');
    for (const row of differing) {
      lines.push(`| **${escapeMarkdown(row.title)}** (${row.kind}) | ${entryText(row.ours)} | ${entryText(row.theirs)} | ${entryText(row.result)} (${changeLabels[row.change]}) |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const changeLabels: Readonly<Record<ItemChange, string>> = { added: 'added', updated: 'updated from the file', kept: 'yours kept', same: 'same' };

/** To the minute, in UTC: two changes on one day must show which came later. */
function when(ms: number): string | undefined {
  return ms > 0 ? `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC` : undefined;
}

function entryText(entry: ProgressEntry | undefined): string {
  if (!entry) return '(none)';
  const day = when(entry.changedAt);
  const proof = entry.proof?.length ?? 0;
  return `${statusLabels[entry.status]}${day ? ` ${day}` : ''}${proof > 0 ? `, ${proof} proof` : ''}`;
}

function levelText(level: CurrentLevel | undefined): string {
  if (!level) return '(none)';
  const day = when(level.changedAt);
  return `${escapeMarkdown(level.id)}${day ? ` ${day}` : ''}`;
}

/** What the import command needs from its surroundings: the progress now, a confirmation, and the store. */
export interface ImportPort {
  current(): ProgressState;
  /** Shows the plan and asks; nothing is applied unless this resolves true. */
  confirm(plan: ImportPlan): Promise<boolean>;
  /** Applies a change to the stored progress (the store's `update`). */
  apply(change: (base: ProgressState, at: number) => ProgressState): Promise<void>;
}

export type ImportOutcome =
  | { readonly kind: 'invalid'; readonly error: string }
  | { readonly kind: 'unchanged'; readonly plan: ImportPlan }
  | { readonly kind: 'cancelled'; readonly plan: ImportPlan }
  | { readonly kind: 'applied'; readonly plan: ImportPlan; readonly record: ImportRecord };

/** Reads an export, plans, asks, and applies only after a yes. Never throws for a bad file; `apply` may throw. */
export async function runImport(text: string, port: ImportPort, roadmap: RoadmapIndex, now: number): Promise<ImportOutcome> {
  const parsed = parseFullExport(text);
  if (!parsed.ok) return { kind: 'invalid', error: parsed.error };
  const planned = planImport(port.current(), parsed.value, roadmap, now);
  if (!planned.ok) return { kind: 'invalid', error: planned.error };
  const { plan } = planned;
  if (!planChanges(plan)) return { kind: 'unchanged', plan };
  if (!(await port.confirm(plan))) return { kind: 'cancelled', plan };
  let record: ImportRecord | undefined;
  await port.apply((base) => {
    const applied = applyImport(plan.source.state)(base);
    record = { previous: base, applied };
    return applied;
  });
  if (!record) throw new Error('the import was not applied');
  return { kind: 'applied', plan, record };
}
