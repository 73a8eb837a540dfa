import { hasNote, isoDay, type ExportSource } from './exportSource';

export const skillMatrixColumns = ['id', 'title', 'level', 'kind', 'status', 'changed', 'note', 'proof'] as const;

/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled. A cell a spreadsheet
 * would run as a formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe, which
 * spreadsheets show as text (OWASP's advice on CSV injection).
 */
export function csvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows joined with CRLF, as RFC 4180 has it, ending with a line break. */
export function csvDocument(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The skill matrix for a manager's spreadsheet: every skill, then every level expectation, with its status. */
export function skillMatrixCsv(source: ExportSource): string {
  const { roadmap } = source;
  const row = (id: string, title: string, levelId: string, kind: 'skill' | 'expectation'): string[] => {
    const entry = source.entryFor(id);
    return [
      id,
      title,
      roadmap.level(levelId)?.title ?? levelId,
      kind,
      entry?.status ?? 'not-started',
      (entry && isoDay(entry.changedAt)) ?? '',
      hasNote(source.noteFor(id)) ? 'yes' : 'no',
      String(entry?.proof?.length ?? 0),
    ];
  };
  return csvDocument([
    skillMatrixColumns,
    ...roadmap.skills.map((skill) => row(skill.id, skill.title, skill.expectedBy, 'skill')),
    ...roadmap.expectations.map(({ level, expectation }) => row(expectation.id, expectation.title, level.id, 'expectation')),
  ]);
}
