// Entry point of dist/roadmapPanel.js: the roadmap page's host side (view model, message protocol, HTML shell),
// loaded when the page is first opened or restored after a reload.
export { registerRoadmapPanel } from './roadmapPanel';
