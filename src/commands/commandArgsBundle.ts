// Entry point of dist/commandArgs.js: argument validation (zod) for the commands the main bundle registers, loaded
// when one of them first runs (see lazyValidatedCommand.ts), and the roadmap page host's checks of what its page sends,
// loaded with the page's first message so that opening the page loads no zod.
export { noArguments, selectRoadmapArguments } from '../core/commandArgs';
export { validatedArguments } from './validatedCommand';
export { describeMessage } from '../webview/protocol';
export { parseWebviewMessage } from '../webview/webviewMessages';
export { readUiState } from '../webview/roadmap/uiState';
