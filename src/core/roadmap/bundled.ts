import data from '../../../data/roadmap.yaml';
import { indexRoadmap, type RoadmapIndex } from './roadmap';
import type { Roadmap } from './schema';

/** The roadmap shipped with the extension; esbuild.mjs validated it against roadmapSchema at build time. */
export const bundledRoadmap: RoadmapIndex = indexRoadmap(data as Roadmap);
