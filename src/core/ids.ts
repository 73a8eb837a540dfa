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
  resetProgress: 'mlCareer.resetProgress',
  openRoadmap: 'mlCareer.openRoadmap',
  newProject: 'mlCareer.newProject',
  toggleChecklistItem: 'mlCareer.toggleChecklistItem',
  refreshPortfolio: 'mlCareer.refreshPortfolio',
} as const;

export const views = {
  container: 'mlCareer',
  roadmap: 'mlCareer.roadmap',
  portfolio: 'mlCareer.portfolio',
} as const;

export type CommandId = (typeof commands)[keyof typeof commands];

/** Context keys set with setContext and matched in package.json `when` clauses. */
export const contextKeys = {
  /** The roadmap tree's filter: one of skillFilters. */
  filter: 'mlCareer:filter',
} as const;
