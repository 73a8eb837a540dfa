import type { SkillStatus } from './status';

/** Which skills a view shows; the tree and the webview offer the same three. */
export const skillFilters = ['all', 'remaining', 'learning'] as const;
export type SkillFilter = (typeof skillFilters)[number];

export const filterLabels: Readonly<Record<SkillFilter, string>> = {
  all: 'All',
  remaining: 'Remaining',
  learning: 'Learning',
};

export const filterDescriptions: Readonly<Record<SkillFilter, string>> = {
  all: 'every skill',
  remaining: 'not done and not skipped',
  learning: 'what you are learning now',
};

export function matchesFilter(status: SkillStatus, filter: SkillFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'remaining':
      // Skipped is a decision, not work left to do.
      return status === 'not-started' || status === 'learning';
    case 'learning':
      return status === 'learning';
  }
}
