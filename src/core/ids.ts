/** Every command, view and container id the manifest declares; a unit test checks package.json against this. */
export const commands = {
  showLog: 'mlCareer.showLog',
} as const;

export const views = {
  container: 'mlCareer',
  roadmap: 'mlCareer.roadmap',
} as const;

export type CommandId = (typeof commands)[keyof typeof commands];
