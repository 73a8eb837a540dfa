// The multi-root suite: runs in a window opened on test/fixtures/multiRoot/multiRoot.code-workspace (two folders
// both named "app"), a run of its own since code-server reloads the workbench to enter a multi-root workspace.
import { runSuite } from '../index';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
