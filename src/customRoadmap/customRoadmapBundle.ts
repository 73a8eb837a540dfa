// Entry point of dist/customRoadmap.js: reading a team or personal roadmap needs the full zod schema and the YAML
// parser, so they live in a bundle of their own that loads only when such a file exists (see customRoadmapLoader.ts).
export { loadCustomRoadmap } from '../core/roadmap/custom/loadCustomRoadmap';
