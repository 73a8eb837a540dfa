import { lazyBundle } from '../lazy/lazyBundle';

/** The roadmap file reader, read from dist/customRoadmap.js on first use, so activation never parses it. */
export const customRoadmapBundle = lazyBundle('customRoadmap');
