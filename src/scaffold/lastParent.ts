/**
 * globalState: the folder the last project was created in, offered first next time. Its own module because
 * activation reads it too (to clear an interrupted scaffold there) without loading the scaffold bundle.
 */
export const lastParentKey = 'mlCareer.newProject.lastParent';
