import { repairFutureTimes } from '../progress/clock';
import { maxStoredNotes, maxStoredSkills, mergeStates, stateOf, statesEqual, type CurrentLevel, type ProgressEntry, type ProgressState, type SkillNote } from '../progress/state';
import { statusLabels } from '../progress/status';
import type { RoadmapIndex } from '../roadmap/roadmap';
import { escapeMarkdown } from '../roadmap/skillMarkdown';
import { parseFullExport, type ImportedExport } from './fullExport';

/**
 * What importing does to one item, under the same newest-wins order two windows merge by (`mergeStates`):
 * `added` (only the file has it), `updated` (the file's is newer), `kept` (yours is newer), `same` (equal).
 */
export type ItemChange = 'added' | 'updated' | 'kept' | 'same';

/** One stored item the file has (a status entry or a note): yours, the file's, and what the merge keeps. */
interface ItemRow<T> {
  readonly id: string;
  /** The title in the current roadmap, or the id when the roadmap does not know it. */
  readonly title: string;
  readonly kind: 'skill' | 'expectation' | 'not in this roadmap';
  readonly ours: T | undefined;
  readonly theirs: T;
  readonly result: T;
  readonly change: ItemChange;
}

export type ImportRow = ItemRow<ProgressEntry>;
/** A note row; an empty text is a deleted note, which merges like any other. */
export type NoteRow = ItemRow<SkillNote>;

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
  /** Every note the file has (deleted ones included), in the file's order. */
  readonly noteRows: readonly NoteRow[];
  readonly level: LevelRow | undefined;
  /** Your progress with the file merged in, as it would be stored. */
  readonly merged: ProgressState;
  /** Statuses, notes and the level together. */
  readonly counts: Readonly<Record<ItemChange, number>>;
}

/** What undo needs: the progress before the import and what the import made of it. */
export interface ImportRecord {
  readonly previous: ProgressState;
  readonly applied: ProgressState;
}

const sameEntry = (a: ProgressEntry, b: ProgressEntry): boolean => statesEqual(stateOf(new Map([['', a]]), new Map(), undefined), stateOf(new Map([['', b]]), new Map(), undefined));
const sameNote = (a: SkillNote, b: SkillNote): boolean => a.text === b.text && a.changedAt === b.changedAt;
const sameLevel = (a: CurrentLevel | undefined, b: CurrentLevel | undefined): boolean => a?.id === b?.id && a?.changedAt === b?.changedAt;

/**
 * Plans importing `source` into `ours` at time `now`: times further in the future than any clock drift are
 * redated to `now` first, as storage does with what other machines write. Fails when the result would hold
 * more skills or notes than progress can.
 */
export function planImport(ours: ProgressState, source: ImportedExport, roadmap: RoadmapIndex, now: number): { ok: true; plan: ImportPlan } | { ok: false; error: string } {
  const theirs = repairFutureTimes(source.state, now).state;
  const merged = mergeStates(ours, theirs);
  if (merged.skills.size > maxStoredSkills) {
    return { ok: false, error: `importing would keep ${merged.skills.size} items, more than the ${maxStoredSkills} progress can hold` };
  }
  if (merged.notes.size > maxStoredNotes) {
    return { ok: false, error: `importing would keep ${merged.notes.size} notes (deleted ones included), more than the ${maxStoredNotes} progress can hold` };
  }
  const counts: Record<ItemChange, number> = { added: 0, updated: 0, kept: 0, same: 0 };
  const itemRows = <T>(mine: ReadonlyMap<string, T>, file: ReadonlyMap<string, T>, result: ReadonlyMap<string, T>, same: (a: T, b: T) => boolean): ItemRow<T>[] =>
    [...file].map(([id, item]) => {
      const ourItem = mine.get(id);
      const kept = result.get(id) ?? item;
      const change: ItemChange = ourItem === undefined ? 'added' : same(ourItem, item) ? 'same' : kept === ourItem ? 'kept' : 'updated';
      counts[change]++;
      return { id, ...describe(roadmap, id), ours: ourItem, theirs: item, result: kept, change };
    });
  const rows = itemRows(ours.skills, theirs.skills, merged.skills, sameEntry);
  const noteRows = itemRows(ours.notes, theirs.notes, merged.notes, sameNote);
  let level: LevelRow | undefined;
  if (theirs.currentLevel && merged.currentLevel) {
    const mine = ours.currentLevel;
    const change: ItemChange = !mine ? 'added' : sameLevel(mine, theirs.currentLevel) ? 'same' : merged.currentLevel === mine ? 'kept' : 'updated';
    counts[change]++;
    level = { ours: mine, theirs: theirs.currentLevel, result: merged.currentLevel, change };
  }
  return { ok: true, plan: { source: { ...source, state: theirs }, rows, noteRows, level, merged, counts } };
}

function describe(roadmap: RoadmapIndex, id: string): Pick<ItemRow<unknown>, 'title' | 'kind'> {
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
 * previous status and proof, or its previous note, back, dated `at` so the undo wins in every window and on every
 * machine as any newer change does. An item the import added goes back to "not started", a note it added becomes
 * a deleted note (progress keeps no deletions without a date: another window would bring a vanished item back). A
 * level the import set goes back to the previous one, or to none.
 */
export function undoImport(record: ImportRecord): (base: ProgressState, at: number) => ProgressState {
  return (base, at) => {
    const { previous, applied } = record;
    const skills = undoItems<ProgressEntry>(base.skills, previous.skills, applied.skills, sameEntry, (entry) => (entry ? { ...entry, changedAt: at } : { status: 'not-started', changedAt: at }));
    const notes = undoItems(base.notes, previous.notes, applied.notes, sameNote, (note) => ({ text: note?.text ?? '', changedAt: at }));
    const levelUndone = !sameLevel(previous.currentLevel, applied.currentLevel) && sameLevel(base.currentLevel, applied.currentLevel);
    const level = levelUndone ? previous.currentLevel && { id: previous.currentLevel.id, changedAt: at } : base.currentLevel;
    const next: { -readonly [K in keyof ProgressState]: ProgressState[K] } = { ...base, skills, notes };
    if (level) next.currentLevel = level;
    else delete next.currentLevel;
    return next;
  };
}

/** `base` with every item the import changed, and that is still as the import left it, restored from `previous`. */
function undoItems<T>(
  base: ReadonlyMap<string, T>,
  previous: ReadonlyMap<string, T>,
  applied: ReadonlyMap<string, T>,
  same: (a: T, b: T) => boolean,
  restore: (before: T | undefined) => T,
): Map<string, T> {
  const items = new Map(base);
  for (const [id, item] of applied) {
    const before = previous.get(id);
    const current = base.get(id);
    if (current === undefined || (before !== undefined && same(before, item)) || !same(current, item)) continue;
    items.set(id, restore(before));
  }
  return items;
}

/** The preview of an import as Markdown: the counts, then every item that differs (yours, the file's, the result). */
export function importPreviewMarkdown(plan: ImportPlan, fileName: string, roadmapName: string): string {
  const { source, counts } = plan;
  const differing = plan.rows.filter((row) => row.change !== 'same');
  const differingNotes = plan.noteRows.filter((row) => row.change !== 'same');
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
  if (differingNotes.length > 0) {
    lines.push('', '## Notes', '', '| Note on | Yours | The file | Result |', '| --- | --- | --- | --- |');
    for (const row of differingNotes) {
      lines.push(`| **${escapeMarkdown(row.title)}** (${row.kind}) | ${noteText(row.ours)} | ${noteText(row.theirs)} | ${noteText(row.result)} (${changeLabels[row.change]}) |`);
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

/** How many characters of a note the preview shows: enough to tell two versions apart in a table cell. */
const noteExcerptLength = 60;

/** A note's start on one line, quoted and escaped (a table cell holds no line breaks), and its date. */
function noteText(note: SkillNote | undefined): string {
  if (!note) return '(none)';
  const day = when(note.changedAt);
  const dated = day ? ` ${day}` : '';
  const text = note.text.trim().replace(/\s+/g, ' ');
  if (text === '') return `deleted${dated}`;
  // By code points, so an emoji is never cut in half.
  const characters = [...text];
  const excerpt = characters.length > noteExcerptLength ? `${characters.slice(0, noteExcerptLength).join('')}…` : text;
  return `“${escapeMarkdown(excerpt)}”${dated}`;
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
