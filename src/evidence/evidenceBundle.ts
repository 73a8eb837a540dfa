// Entry point of dist/evidence.js: evidence in the UI (its rules, the scanning service, tree rows and commands),
// loaded once the window has settled after activation, or earlier when one of its commands runs.
export { registerEvidenceUi } from './evidenceUi';
