import type { UiState } from './uiState';

/** The view choices of a page opened for the first time. Apart from uiState.ts, so the host reads them without zod. */
export const defaultUiState: UiState = { filter: 'all', query: '', mode: 'path', selectedSkillId: null, expandedLevels: [], scrollX: 0, scrollY: 0 };
