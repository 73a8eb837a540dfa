// Entry point of dist/export.js: the export formats and import, loaded by exportLoader.ts on the first export or
// import, so activation never loads them.
export { fullExportJson, maxImportBytes } from '../core/export/fullExport';
export { importPreviewMarkdown, runImport, undoImport } from '../core/export/importPlan';
export { promotionPacket } from '../core/export/packet';
export { skillMatrixCsv } from '../core/export/skillMatrix';
