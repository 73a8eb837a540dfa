import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/api';

export const extensionId = 'ml-career.ml-career-companion';

/** Activates the extension under test in this (real) extension host and returns its API. */
export async function extensionApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi | undefined>(extensionId);
  assert.ok(ext, `${extensionId} is not loaded`);
  const api = await ext.activate();
  assert.ok(api, 'activate() returned no API: activation failed (see the ML Career log), or the host is not in test mode');
  return api;
}

/** Waits until `check` passes, for UI state that VS Code updates asynchronously. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Turns evidence scanning off for this workspace (rows then show statuses and notes only); the returned function restores it. */
export async function evidenceScanningOff(api: ExtensionApi): Promise<() => Promise<void>> {
  const settings = () => vscode.workspace.getConfiguration('mlCareer.evidence');
  await settings().update('enabled', false, vscode.ConfigurationTarget.Workspace);
  await eventually(() => assert.equal(api.evidence.service.off, 'disabled'));
  return async () => settings().update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
}

/** The Roadmap view's row for a skill, in its group, as VS Code gets it. */
export function skillTreeItem(api: ExtensionApi, skillId: string): vscode.TreeItem {
  const node = api.roadmapTree.provider.skillNode(skillId);
  assert.ok(node, `no tree node for ${skillId}`);
  return api.roadmapTree.provider.getTreeItem(node);
}
