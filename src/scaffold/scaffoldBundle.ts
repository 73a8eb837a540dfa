// Entry point of dist/scaffold.js: New Portfolio Project and Publish, loaded when either command first runs (the
// templates themselves are a bundle of their own, dist/templates.js).
export { registerNewProject } from './newProject';
export { registerPublish } from './publish';
