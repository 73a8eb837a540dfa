// Entry point of dist/notes.js: a note's tooltip is rendered with markdown-it, which activation must not load, so the
// Roadmap view reads this bundle when the user first hovers a row with a note (RoadmapTreeProvider.resolveTreeItem).
export { noteTooltipMarkdown } from '../core/notes/renderNote';
