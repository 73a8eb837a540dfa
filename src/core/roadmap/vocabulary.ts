/**
 * The roadmap's closed vocabularies, kept free of zod so the webview bundle can share them with the schema
 * without pulling the schema library in.
 */
export const resourceTypes = ['docs', 'course', 'book', 'article', 'video'] as const;
export const groupKinds = ['must-have', 'rising', 'practice', 'soft', 'breaking-in'] as const;
