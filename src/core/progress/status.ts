/** A skill's status. "done" is the tree checkbox; the others are set from menus, inline actions or the webview. */
export const skillStatuses = ['not-started', 'learning', 'done', 'skipped'] as const;
export type SkillStatus = (typeof skillStatuses)[number];

export const statusLabels: Readonly<Record<SkillStatus, string>> = {
  'not-started': 'Not started',
  learning: 'Learning',
  done: 'Done',
  skipped: 'Skipped',
};

/** Codicon names, shared by the tree and the webview so a status looks the same everywhere. */
export const statusCodicons: Readonly<Record<SkillStatus, string>> = {
  'not-started': 'circle-large-outline',
  learning: 'book',
  done: 'pass-filled',
  skipped: 'circle-slash',
};

export function isSkillStatus(value: unknown): value is SkillStatus {
  return typeof value === 'string' && (skillStatuses as readonly string[]).includes(value);
}
