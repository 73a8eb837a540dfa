/** Every command, view and container id the manifest declares; a unit test checks package.json against this. */
export const commands = {
  showLog: 'mlCareer.showLog',
  setSkillStatus: 'mlCareer.setSkillStatus',
  markSkillDone: 'mlCareer.markSkillDone',
  markSkillLearning: 'mlCareer.markSkillLearning',
  markSkillSkipped: 'mlCareer.markSkillSkipped',
  markSkillNotStarted: 'mlCareer.markSkillNotStarted',
  showSkillDetails: 'mlCareer.showSkillDetails',
  setCurrentLevel: 'mlCareer.setCurrentLevel',
  searchSkills: 'mlCareer.searchSkills',
  filterRoadmap: 'mlCareer.filterRoadmap',
  clearRoadmapFilter: 'mlCareer.clearRoadmapFilter',
  selectRoadmap: 'mlCareer.selectRoadmap',
  resetProgress: 'mlCareer.resetProgress',
  openRoadmap: 'mlCareer.openRoadmap',
  newProject: 'mlCareer.newProject',
  toggleChecklistItem: 'mlCareer.toggleChecklistItem',
  markTestAutomated: 'mlCareer.markTestAutomated',
  markTestManual: 'mlCareer.markTestManual',
  refreshPortfolio: 'mlCareer.refreshPortfolio',
  publishProject: 'mlCareer.publishProject',
  acceptEvidence: 'mlCareer.acceptEvidence',
  dismissEvidence: 'mlCareer.dismissEvidence',
  reviewEvidenceSuggestions: 'mlCareer.reviewEvidenceSuggestions',
  openEvidence: 'mlCareer.openEvidence',
  exportPromotionPacket: 'mlCareer.exportPromotionPacket',
  exportSkillMatrix: 'mlCareer.exportSkillMatrix',
  exportProgress: 'mlCareer.exportProgress',
  importProgress: 'mlCareer.importProgress',
  undoImport: 'mlCareer.undoImport',
  addNote: 'mlCareer.addNote',
  editNote: 'mlCareer.editNote',
  deleteNote: 'mlCareer.deleteNote',
} as const;

export const views = {
  container: 'mlCareer',
  roadmap: 'mlCareer.roadmap',
  portfolio: 'mlCareer.portfolio',
} as const;

/** Webview panel types; each restores after a reload through `onWebviewPanel:<type>` in package.json. */
export const webviewPanels = {
  roadmap: 'mlCareer.roadmapPanel',
} as const;

/** The URI scheme of the skill details pages (virtual Markdown documents shown in VS Code's Markdown preview). */
export const skillDetailsScheme = 'ml-career-skill';

/** The scheme of the notes file system: each note is a Markdown document the user edits in a normal editor tab. */
export const notesScheme = 'mlcareer-notes';

/** Context keys set with setContext and matched in package.json `when` clauses. */
export const contextKeys = {
  /** True while the roadmap tree hides some skills; unset (false) until activation, so nothing shows early. */
  roadmapFiltered: 'mlCareer:roadmapFiltered',
  /** True while this window has an import it can undo. */
  importUndoable: 'mlCareer:importUndoable',
  /** True when a team or personal roadmap is available besides the built-in one, so there is something to pick. */
  severalRoadmaps: 'mlCareer:severalRoadmaps',
} as const;

/** The roadmap tree's contextValues, matched by `viewItem` in package.json menus (a unit test checks both). */
export const roadmapItemContexts = {
  next: 'mlCareer:next',
  level: 'mlCareer:level',
  currentLevel: 'mlCareer:level:current',
  expectations: 'mlCareer:expectations',
  /** Like skills, one per status: `mlCareer:expectation:done`; the status menus match both prefixes. */
  expectationPrefix: 'mlCareer:expectation:',
  alternatives: 'mlCareer:alternatives',
  market: 'mlCareer:market',
  fact: 'mlCareer:fact',
  group: 'mlCareer:group',
  /** "Not in the current roadmap" and its rows: progress a custom roadmap has no place for. */
  dropped: 'mlCareer:dropped',
  droppedItem: 'mlCareer:droppedItem',
  /** One per status, e.g. `mlCareer:skill:learning`, so menus offer only the statuses a skill is not in. */
  skillPrefix: 'mlCareer:skill:',
} as const;

/** Evidence rows of the Roadmap view; a suggested skill's contextValue is its usual one plus `suggestedSuffix`. */
export const evidenceItemContexts = {
  evidence: 'mlCareer:evidence',
  file: 'mlCareer:evidenceFile',
  proof: 'mlCareer:proof',
  acceptedProof: 'mlCareer:acceptedProof',
  suggestedSuffix: ':suggested',
} as const;

/**
 * A skill or expectation row with a note has this appended to its contextValue (after any evidence suffix), so
 * menus offer Add Note on rows without one and Edit or Delete Note on rows with one.
 */
export const noteItemContexts = {
  suffix: ':note',
} as const;

/** The Portfolio view's contextValues, matched by `viewItem` in package.json menus. */
export const portfolioItemContexts = {
  project: 'mlCareer:portfolioProject',
  /** "ML Test Score" and "Other checks", the two parts of a project. */
  group: 'mlCareer:checklistGroup',
  section: 'mlCareer:checklistSection',
  item: 'mlCareer:checklistItem',
  /** An ML Test Score test, by state, so menus offer only the states it is not in. */
  testNotDone: 'mlCareer:rubricTest:not-done',
  testManual: 'mlCareer:rubricTest:manual',
  testAutomated: 'mlCareer:rubricTest:automated',
} as const;
