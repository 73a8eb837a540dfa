// Entry point of dist/export.js: the export and import commands with their formats, loaded on the first export or
// import (extension.ts registers stubs until then), so activation never loads them.
export { registerExport } from './exportCommands';
