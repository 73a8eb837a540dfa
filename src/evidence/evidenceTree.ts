import * as vscode from 'vscode';
import { evidenceApplies } from '../core/evidence/bundledRules';
import type { ProofPlace } from '../core/evidence/evidenceArgs';
import { evidenceChildren, evidenceNodeFor, type EvidenceNode } from '../core/evidence/evidenceNodes';
import { evidenceDescription, isOpenSuggestion, openSuggestions, proofLabel } from '../core/evidence/suggestions';
import { commands, evidenceItemContexts } from '../core/ids';
import type { StoredProof } from '../core/progress/proof';
import type { SkillNode } from '../core/roadmapTree/treeModel';
import type { ProgressService } from '../progress/progressService';
import { existingFile } from './evidenceCommands';
import { evidenceOffMessages, type EvidenceService } from './evidenceService';

const acceptedPlace = (proof: StoredProof): ProofPlace => ({
  folder: proof.folder,
  path: proof.path,
  line: proof.line,
  ...(proof.cell === undefined ? {} : { cell: proof.cell - 1 }),
});

/**
 * What the Roadmap tree shows of evidence: the hook its provider calls for skill rows and the evidence nodes below
 * them. Knows which accepted proof is stale (its file gone), checked again whenever evidence or progress changes.
 */
export class EvidenceTreeHook implements vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<readonly string[]>();
  /**
   * Fires with the skills whose rows (or evidence rows) now read differently, when evidence, dismissals or staleness
   * change: only those rows are refreshed, so a scan that changes nothing else leaves open hovers alone.
   */
  readonly onDidChange = this._onDidChange.event;
  private readonly _onDidChangeStale = new vscode.EventEmitter<void>();
  /** Fires when accepted proof becomes stale (its file gone) or comes back. */
  readonly onDidChangeStale = this._onDidChangeStale.event;
  private stale = new Set<string>();
  /** Per skill, what its row and its evidence rows showed when last compared. */
  private shown = new Map<string, string>();
  private readonly parents = new Map<string, EvidenceNode>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly evidence: EvidenceService,
    private readonly progress: ProgressService,
  ) {
    this.subscriptions = [
      this._onDidChange,
      this._onDidChangeStale,
      evidence.onDidChange(() => {
        this.fireChangedRows();
        void this.checkStale();
      }),
      progress.onDidChange(() => {
        // The tree refreshes every row a progress change makes read differently (status and proof are in its row keys): only the baseline moves here.
        this.changedRows();
        void this.checkStale();
      }),
    ];
    this.changedRows();
    void this.checkStale();
  }

  private fireChangedRows(): void {
    const changed = this.changedRows();
    if (changed.length > 0) this._onDidChange.fire(changed);
  }

  /** The skills whose evidence rows read differently since the last call. */
  private changedRows(): string[] {
    const next = new Map<string, string>();
    for (const skill of this.progress.roadmap.skills) if (evidenceApplies(skill.id)) next.set(skill.id, this.rowSignature(skill.id));
    const changed = [...next].filter(([skillId, signature]) => this.shown.get(skillId) !== signature).map(([skillId]) => skillId);
    this.shown = next;
    return changed;
  }

  /** Everything a skill's row and evidence rows show of evidence, as one comparable string. */
  private rowSignature(skillId: string): string {
    const found = this.evidence.skills.get(skillId);
    const suggested = found !== undefined && isOpenSuggestion(found, this.progress.store.status(skillId), this.evidence.dismissals);
    const items = found?.items.map((item) => `${item.folder}/${item.path}:${item.cell ?? ''}:${item.line}:${item.column}:${item.length}:${item.rule}:${item.text}`);
    const accepted = this.progress.store.proof(skillId).map((proof) => `${staleKey(proof)}:${this.stale.has(staleKey(proof))}`);
    return JSON.stringify([found?.files, found?.confidence, found?.kinds, suggested, items, accepted]);
  }

  /** Decorates a skill row: how much evidence, suggested or not, and makes it expandable when there is some. */
  decorateSkill(item: vscode.TreeItem, node: SkillNode): void {
    const skillId = node.skill.id;
    if (!evidenceApplies(skillId)) {
      if (item.tooltip instanceof vscode.MarkdownString) item.tooltip.appendMarkdown('\n\n*No code evidence for this skill.*');
      return;
    }
    const found = this.evidence.skills.get(skillId);
    const evidenceNode = this.skillChild(node);
    if (!evidenceNode) return;
    item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
    if (found && isOpenSuggestion(found, node.status, this.evidence.dismissals)) {
      item.description = `evidence found · ${evidenceDescription(found)}`;
      item.iconPath = new vscode.ThemeIcon('lightbulb-sparkle', new vscode.ThemeColor('charts.yellow'));
      item.contextValue = `${item.contextValue ?? ''}${evidenceItemContexts.suggestedSuffix}`;
    } else if (found) {
      item.description = `${String(item.description ?? '')} · ${evidenceDescription(found)}`;
    }
  }

  skillChild(node: SkillNode): EvidenceNode | undefined {
    if (!evidenceApplies(node.skill.id)) return undefined;
    return evidenceNodeFor(node.id, node.skill.id, this.evidence.skills.get(node.skill.id), this.progress.store.proof(node.skill.id));
  }

  children(node: EvidenceNode): EvidenceNode[] {
    const children = evidenceChildren(node, (proof) => this.stale.has(staleKey(proof)));
    for (const child of children) this.parents.set(child.id, node);
    return children;
  }

  /** The parent of a node below an Evidence node (the tree has listed it: VS Code asks only about nodes it got). */
  parentOf(node: EvidenceNode): EvidenceNode | undefined {
    return this.parents.get(node.id);
  }

  treeItem(node: EvidenceNode): vscode.TreeItem {
    switch (node.kind) {
      case 'evidence': {
        const item = new vscode.TreeItem('Evidence', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('search-fuzzy');
        const found = node.found;
        item.description = [found ? evidenceDescription(found) : '', node.accepted.length > 0 ? `${node.accepted.length} accepted` : ''].filter(Boolean).join(' · ');
        item.tooltip = found ? `Found in your workspace: ${found.kinds.join(', ')} (confidence ${Math.round(found.confidence * 100)}%).` : 'Proof you accepted earlier.';
        item.contextValue = evidenceItemContexts.evidence;
        return item;
      }
      case 'evidenceFile': {
        const item = new vscode.TreeItem(node.path, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.resourceUri = this.uriOf(node);
        item.iconPath = vscode.ThemeIcon.File;
        item.description = `${node.items.length} · ${node.folder}`;
        item.contextValue = evidenceItemContexts.file;
        return item;
      }
      case 'proof': {
        const { item: proof } = node;
        const item = new vscode.TreeItem(proofLabel(proof, !node.inFile), vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon(proof.test ? 'beaker' : 'code');
        item.tooltip = `${proof.explanation} (${proof.kind}${proof.test ? ', in test code' : ''})\n${proof.folder}/${proof.path}`;
        item.contextValue = evidenceItemContexts.proof;
        item.accessibilityInformation = { label: `${proof.path} line ${proof.line}: ${proof.explanation}` };
        item.command = { command: commands.openEvidence, title: 'Open Evidence', arguments: [placeOf(proof)] };
        return item;
      }
      case 'acceptedProof': {
        const { proof, stale } = node;
        const label = proofLabel({ ...proof, cell: proof.cell === undefined ? undefined : proof.cell - 1 });
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon(stale ? 'warning' : 'verified');
        item.description = stale ? 'accepted · file gone' : 'accepted';
        item.tooltip = `Accepted as proof${proof.commit ? ` at commit ${proof.commit.slice(0, 12)}` : ''}${stale ? '. The file is no longer in the workspace; the proof is kept.' : '.'}`;
        item.contextValue = evidenceItemContexts.acceptedProof;
        if (!stale) item.command = { command: commands.openEvidence, title: 'Open Evidence', arguments: [acceptedPlace(proof)] };
        return item;
      }
    }
  }

  /** The number of open suggestions, for the view badge. */
  suggestionCount(): number {
    return openSuggestions([...this.evidence.skills.values()], (id) => this.progress.store.status(id), this.evidence.dismissals).length;
  }

  /** A message for the view when scanning is off, else undefined. */
  message(): string | undefined {
    return this.evidence.off === 'disabled' || this.evidence.off === 'virtual' ? evidenceOffMessages[this.evidence.off] : undefined;
  }

  uriOf(place: { folder: string; path: string }): vscode.Uri | undefined {
    const folder = this.evidence.folderUri(place.folder);
    return folder && vscode.Uri.joinPath(folder, ...place.path.split('/'));
  }

  private async checkStale(): Promise<void> {
    const stale = new Set<string>();
    for (const skill of this.progress.roadmap.skills) {
      for (const proof of this.progress.store.proof(skill.id)) {
        if (!(await existingFile(this.evidence, proof))) stale.add(staleKey(proof));
      }
    }
    if ([...stale].join('\n') === [...this.stale].join('\n')) return;
    this.stale = stale;
    this.fireChangedRows();
    this._onDidChangeStale.fire();
  }

  /** Per skill, its accepted proof whose file is gone (as last checked). */
  staleProof(): Map<string, StoredProof[]> {
    const found = new Map<string, StoredProof[]>();
    for (const skill of this.progress.roadmap.skills) {
      const gone = this.progress.store.proof(skill.id).filter((proof) => this.stale.has(staleKey(proof)));
      if (gone.length > 0) found.set(skill.id, gone);
    }
    return found;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

const staleKey = (proof: StoredProof) => `${proof.folder}\0${proof.path}`;

function placeOf(item: ProofPlace): ProofPlace {
  return { folder: item.folder, path: item.path, line: item.line, ...(item.column === undefined ? {} : { column: item.column }), ...(item.length === undefined ? {} : { length: item.length }), ...(item.cell === undefined ? {} : { cell: item.cell }) };
}
