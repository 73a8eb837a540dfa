// Entry point of dist/notes.js: the note commands, and a note's tooltip, rendered with markdown-it, which activation
// must not load. Loaded by the first note command or the first hover on a row with a note
// (RoadmapTreeProvider.resolveTreeItem).
export { registerNoteCommands } from './noteCommands';
export { noteTooltipMarkdown } from '../core/notes/renderNote';
