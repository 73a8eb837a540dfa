// Kept apart from the zod schema: the extension bundle checks a file's size before it loads the schema's bundle.

/** Bounds on what a file may hold, so a huge or deeply nested file is refused with a message instead of stalling the editor. */
export const customRoadmapLimits = {
  /** Characters of the file. */
  maxChars: 512 * 1024,
  /** Nesting of maps and lists. */
  maxDepth: 12,
  /** YAML aliases (`*name`): each expands a copy, so a few can make a huge document. */
  maxAliases: 50,
  maxLevels: 20,
  maxGroups: 40,
  maxSkillsPerGroup: 60,
  maxSkills: 500,
  maxExpectations: 300,
} as const;
