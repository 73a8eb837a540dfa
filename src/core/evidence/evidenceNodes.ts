/**
 * The Roadmap tree's evidence nodes under a skill: an "Evidence" node listing the proof found in the workspace (per
 * file when there are many) and the proof accepted with the skill's progress (stale when its file is gone). Pure:
 * the adapter (src/evidence/evidenceTree.ts) turns these into TreeItems.
 */
import type { StoredProof } from '../progress/proof';
import type { EvidenceItem, SkillEvidence } from './confidence';
import { groupByFile, groupProofAbove } from './suggestions';

export type EvidenceNode =
  | { readonly kind: 'evidence'; readonly id: string; readonly parentId: string; readonly skillId: string; readonly found?: SkillEvidence; readonly accepted: readonly StoredProof[] }
  | { readonly kind: 'evidenceFile'; readonly id: string; readonly parentId: string; readonly folder: string; readonly path: string; readonly items: readonly EvidenceItem[] }
  | { readonly kind: 'proof'; readonly id: string; readonly parentId: string; readonly item: EvidenceItem; readonly inFile: boolean }
  | { readonly kind: 'acceptedProof'; readonly id: string; readonly parentId: string; readonly proof: StoredProof; readonly stale: boolean };

export const evidenceNodeKinds: ReadonlySet<string> = new Set<EvidenceNode['kind']>(['evidence', 'evidenceFile', 'proof', 'acceptedProof']);

export function isEvidenceNode(node: { readonly kind: string }): node is EvidenceNode {
  return evidenceNodeKinds.has(node.kind);
}

const place = (p: { folder: string; path: string; line: number; cell?: number | undefined }) => `${p.folder}/${p.path}:${p.cell ?? ''}:${p.line}`;

/** The Evidence node of a skill row (`skillNodeId`), or none when nothing was found or accepted. */
export function evidenceNodeFor(skillNodeId: string, skillId: string, found: SkillEvidence | undefined, accepted: readonly StoredProof[]): EvidenceNode | undefined {
  if (!found?.items.length && accepted.length === 0) return undefined;
  return { kind: 'evidence', id: `${skillNodeId}/evidence`, parentId: skillNodeId, skillId, ...(found ? { found } : {}), accepted };
}

/**
 * Children of an evidence node. `isStale(proof)` says whether an accepted proof's file is gone; accepted proof still
 * found in the workspace is listed once, as found.
 */
export function evidenceChildren(node: EvidenceNode, isStale: (proof: StoredProof) => boolean): EvidenceNode[] {
  switch (node.kind) {
    case 'evidence': {
      const items = node.found?.items ?? [];
      const foundPlaces = new Set(items.map((item) => place({ ...item, cell: item.cell === undefined ? undefined : item.cell + 1 })));
      const accepted = node.accepted
        .filter((proof) => !foundPlaces.has(place(proof)))
        .map((proof) => ({ kind: 'acceptedProof' as const, id: `${node.id}/accepted/${place(proof)}`, parentId: node.id, proof, stale: isStale(proof) }));
      const groups = groupByFile(items);
      const found: EvidenceNode[] =
        items.length > groupProofAbove && groups.length > 1
          ? groups.map((group) => ({ kind: 'evidenceFile' as const, id: `${node.id}/file/${group.folder}/${group.path}`, parentId: node.id, ...group }))
          : items.map((item) => proofNode(node.id, item, false));
      return [...found, ...accepted];
    }
    case 'evidenceFile':
      return node.items.map((item) => proofNode(node.id, item, true));
    case 'proof':
    case 'acceptedProof':
      return [];
  }
}

function proofNode(parentId: string, item: EvidenceItem, inFile: boolean): EvidenceNode {
  return { kind: 'proof', id: `${parentId}/proof/${place(item)}:${item.column}:${item.rule}`, parentId, item, inFile };
}
