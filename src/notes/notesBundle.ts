// Entry point of dist/notes.js: the note commands, and notes rendered with markdown-it (a tooltip's, the roadmap
// page's), which activation and the roadmap page without notes must not load. Loaded by the first note command, the
// first hover on a row with a note (RoadmapTreeProvider.resolveTreeItem) or the roadmap page showing a note.
export { registerNoteCommands } from './noteCommands';
export { noteHtml, noteLinks, noteTooltipMarkdown } from '../core/notes/renderNote';
