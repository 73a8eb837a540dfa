import type { ProgressService } from './progress/progressService';
import type { RoadmapTree } from './roadmapTree/roadmapTree';

/**
 * What activate() returns. The integration tests use it to observe the extension from inside the real
 * extension host; other extensions may read progress through it.
 */
export interface ExtensionApi {
  readonly progress: ProgressService;
  readonly roadmapTree: RoadmapTree;
}
