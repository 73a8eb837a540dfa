// Entry point of dist/skillCommands.js: the Roadmap view's commands and skill details pages, which the first paint of
// the view does not need (extension.ts registers stubs until one is used).
export { registerSkillCommands } from './skillCommands';
