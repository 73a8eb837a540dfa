/**
 * The roadmap's closed vocabularies, kept free of zod so the webview bundle can share them with the schema
 * without pulling the schema library in.
 */
export const resourceTypes = ['docs', 'course', 'book', 'article', 'video', 'paper', 'community'] as const;
export const groupKinds = ['must-have', 'rising', 'practice', 'soft', 'breaking-in', 'interview'] as const;
/** "aspiring": the stage before a first ML role (not a job title); "role": a level people hold. */
export const levelStages = ['aspiring', 'role'] as const;
