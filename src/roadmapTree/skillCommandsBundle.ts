// Entry point of dist/skillCommands.js: the Roadmap view's commands and skill details pages, which the first paint of
// the view does not need (extension.ts registers stubs until one is used), and the tooltips of skill and expectation
// rows, which show the same details and are built on the first hover (RoadmapTreeProvider.resolveTreeItem).
export { registerSkillCommands } from './skillCommands';
export { expectationMarkdown, skillMarkdown } from '../core/roadmap/skillMarkdown';
export { annotationsMarkdown } from '../core/notes/noteMarkdown';
export { historyLine } from '../core/notes/history';
