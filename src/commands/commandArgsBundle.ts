// Entry point of dist/commandArgs.js: argument validation (zod) for the commands the main bundle registers, loaded
// when one of them first runs (see lazyValidatedCommand.ts).
export { noArguments, selectRoadmapArguments } from '../core/commandArgs';
export { validatedArguments } from './validatedCommand';
