import * as z from 'zod/mini';
import { skillFilters } from '../../core/progress/filter';
import { text } from '../protocol';
import { defaultUiState } from './uiStateDefaults';

/**
 * What the webview remembers across hiding and reloads (vscode.getState/setState): view choices only,
 * never domain state, which always comes from the host.
 */
const uiStateSchema = z.object({
  filter: z.enum(skillFilters),
  query: text(200),
  mode: z.enum(['path', 'outline']),
  selectedSkillId: z.nullable(text(200)),
  /**
   * Levels whose expectations the user opened (the rest are collapsed). A list, not a record: z.record would
   * add about 3 KB to the webview bundle.
   */
  expandedLevels: z.array(text(200)).check(z.maxLength(100)),
  scrollX: z.number(),
  scrollY: z.number(),
});

export type UiState = z.infer<typeof uiStateSchema>;

/** Stored state from an older build (or tampered with) falls back to defaults rather than breaking the view. */
export function readUiState(raw: unknown): UiState {
  const parsed = uiStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : { ...defaultUiState };
}


