/**
 * DEPLOY_CHECKLIST.md as data: `## Section` headings with `- [ ]` / `- [x]` items, optionally tagged with an ML Test
 * Score test id (Breck et al. 2017) as `**Data 1**`. Toggling rewrites exactly one character, so the rest of the file
 * (line endings, spacing, notes) survives byte for byte.
 */
export const checklistFileName = 'DEPLOY_CHECKLIST.md';

export const mlTestScoreAreas = ['Data', 'Model', 'Infra', 'Monitor'] as const;

export interface ChecklistItem {
  /** 0-based line of the item. */
  readonly line: number;
  /** 0-based column of the character between the brackets. */
  readonly column: number;
  readonly checked: boolean;
  /** The item text without the tag. */
  readonly text: string;
  /** e.g. "Data 1", when the item is one of the ML Test Score tests. */
  readonly testId?: string;
}

export interface ChecklistSection {
  readonly title: string;
  readonly line: number;
  readonly items: readonly ChecklistItem[];
}

export interface Checklist {
  readonly title?: string;
  readonly sections: readonly ChecklistSection[];
}

const itemPattern = /^(\s*[-*+]\s+\[)([ xX])(\]\s+)(.*)$/;
const tagPattern = new RegExp(`^\\*\\*((?:${mlTestScoreAreas.join('|')}) \\d{1,2})\\*\\*\\s*(?:[—–:-]\\s*)?`);

export function parseChecklist(text: string): Checklist {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  let title: string | undefined;
  const sections: { title: string; line: number; items: ChecklistItem[] }[] = [];
  let fence: string | undefined;
  lines.forEach((line, index) => {
    const fenceMatch = line.match(/^\s*(`{3,}|~{3,})/);
    if (fenceMatch) {
      const marker = fenceMatch[1] ?? '';
      if (fence === undefined) fence = marker[0];
      else if (marker[0] === fence) fence = undefined;
      return;
    }
    if (fence !== undefined) return;
    const heading = line.match(/^(#{1,2})\s+(.+?)\s*#*\s*$/);
    if (heading) {
      if (heading[1] === '#') title ??= heading[2];
      else sections.push({ title: heading[2] ?? '', line: index, items: [] });
      return;
    }
    const item = line.match(itemPattern);
    if (!item) return;
    const rest = item[4] ?? '';
    const tag = rest.match(tagPattern);
    const entry: ChecklistItem = {
      line: index,
      column: (item[1] ?? '').length,
      checked: item[2] !== ' ',
      text: tag ? rest.slice(tag[0].length) : rest,
      ...(tag ? { testId: tag[1] } : {}),
    };
    if (sections.length === 0) sections.push({ title: 'Checklist', line: 0, items: [] });
    sections[sections.length - 1]?.items.push(entry);
  });
  return { ...(title !== undefined ? { title } : {}), sections: sections.filter((s) => s.items.length > 0) };
}

/** The one-character change that sets a box: replace the character at `offset` with `text`. */
export interface CheckboxEdit {
  readonly offset: number;
  readonly text: 'x' | ' ';
}

/**
 * The edit that sets the item on `line` to `checked` (toggles it when `checked` is omitted), or `undefined` when it
 * already is. Throws if `line` is not a checklist item. An edit of one character keeps the rest of the file (and an
 * editor's undo stack and unsaved changes) intact.
 */
export function checkboxEdit(text: string, line: number, checked?: boolean): CheckboxEdit | undefined {
  let start = 0;
  for (let i = 0; i < line && start >= 0; i++) {
    const next = text.indexOf('\n', start);
    start = next < 0 ? -1 : next + 1;
  }
  const end = start < 0 ? -1 : text.indexOf('\n', start);
  const match = start < 0 ? null : text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '').match(itemPattern);
  if (!match) throw new Error(`line ${line + 1} is not a checklist item`);
  const isChecked = match[2] !== ' ';
  const want = checked ?? !isChecked;
  if (want === isChecked) return undefined;
  return { offset: start + (match[1] ?? '').length, text: want ? 'x' : ' ' };
}

/** The item a person clicked in the view, as the view showed it. */
export interface ClickedItem {
  readonly line: number;
  readonly section: string;
  readonly text: string;
  /** 0 for the first item with this section title and text, 1 for the next… */
  readonly occurrence: number;
  readonly checked: boolean;
}

export function identify(section: ChecklistSection, item: ChecklistItem): ClickedItem {
  const same = section.items.filter((i) => i.text === item.text);
  return { line: item.line, section: section.title, text: item.text, occurrence: same.indexOf(item), checked: item.checked };
}

/** The edit for a clicked item; toggles from the state the person saw when `checked` is omitted. */
export function clickedItemEdit(text: string, clicked: ClickedItem, checked = !clicked.checked): CheckboxEdit | undefined {
  return checkboxEdit(text, clicked.line, checked);
}

/** Items done out of items in a section (not the roadmap's `Progress`, which counts skills). */
export interface ChecklistCount {
  readonly done: number;
  readonly total: number;
}

export function sectionProgress(section: ChecklistSection): ChecklistCount {
  return { done: section.items.filter((i) => i.checked).length, total: section.items.length };
}

export function ratio(p: ChecklistCount): number {
  return p.total === 0 ? 1 : p.done / p.total;
}

/**
 * Deploy readiness the ML Test Score way: a system is only as ready as its weakest area, so the overall figure is
 * the lowest section ratio, not the average. Also names that section.
 */
export function readiness(checklist: Checklist): { ratio: number; weakest?: string; done: number; total: number } {
  let lowest: { ratio: number; weakest?: string } = { ratio: 1 };
  let done = 0;
  let total = 0;
  for (const section of checklist.sections) {
    const p = sectionProgress(section);
    done += p.done;
    total += p.total;
    if (ratio(p) < lowest.ratio) lowest = { ratio: ratio(p), weakest: section.title };
  }
  return { ...lowest, done, total };
}

export function percent(value: number): string {
  return `${Math.floor(value * 100)}%`;
}
