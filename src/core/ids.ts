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
  publishProject: 'mlCareer.publishProject',
  acceptEvidence: 'mlCareer.acceptEvidence',
  dismissEvidence: 'mlCareer.dismissEvidence',
  reviewEvidenceSuggestions: 'mlCareer.reviewEvidenceSuggestions',
  openEvidence: 'mlCareer.openEvidence',
} as const;

export const views = {
  container: 'mlCareer',
  roadmap: 'mlCareer.roadmap',
  portfolio: 'mlCareer.portfolio',
} as const;

/** Context keys set with setContext and matched in package.json `when` clauses. */
export const contextKeys = {
  /** True while the roadmap tree hides some skills; unset (false) until activation, so nothing shows early. */
  roadmapFiltered: 'mlCareer:roadmapFiltered',
} as const;

/** The roadmap tree's contextValues, matched by `viewItem` in package.json menus (a unit test checks both). */
export const roadmapItemContexts = {
  next: 'mlCareer:next',
  level: 'mlCareer:level',
  currentLevel: 'mlCareer:level:current',
  expectation: 'mlCareer:expectation',
  group: 'mlCareer:group',
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

/** The Portfolio view's contextValues, matched by `viewItem` in package.json menus. */
export const portfolioItemContexts = {
  project: 'mlCareer:portfolioProject',
  section: 'mlCareer:checklistSection',
  item: 'mlCareer:checklistItem',
} as const;
