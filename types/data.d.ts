// Data files are validated and turned into JSON by esbuild.mjs; their types come from the zod schemas.
declare module '*.yaml' {
  const data: unknown;
  export default data;
}
declare module 'data-files:*' {
  const files: Record<string, string>;
  export default files;
}
declare module 'data-tree:*' {
  const tree: Record<string, { manifest: unknown; files: Record<string, string> }>;
  export default tree;
}
