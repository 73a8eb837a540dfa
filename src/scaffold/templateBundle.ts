// Entry point of dist/templates.js: the portfolio templates are most of the extension's size, so they live in a
// bundle of their own that only New Portfolio Project loads (see templateLoader.ts).
export { findTemplate, templates } from '../core/scaffold/templates';
