/** The globalState key of the user's progress; also registered for Settings Sync. Never rename: it holds everyone's progress. */
export const progressStateKey = 'mlCareer.progress';

/** The workspaceState key of what the status bar last showed there (see src/core/progress/statusBarContent.ts). */
export const statusBarStateKey = 'mlCareer.statusBar';
