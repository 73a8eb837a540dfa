import { childNodes, rootNodes, type TreeInput, type TreeNode } from './treeModel';

/** The parent key of the top-level rows. */
export const rootKey = '';

/** What VS Code holds of the tree, as the provider handed it out. */
export interface ShownTree {
  /** Per parent id (`rootKey` for the top level), the ids of the children VS Code fetched last, in order. */
  readonly children: ReadonlyMap<string, readonly string[]>;
  /** Per row id, the key of what the row showed when VS Code last asked for it (see `RowKey`). */
  readonly keys: ReadonlyMap<string, string>;
}

/** Everything a row shows, as one comparable string: two rows with the same key look the same. */
export type RowKey = (node: TreeNode) => string;

/** `all`: the top level changed, refresh everything. Otherwise the rows to refresh (none when nothing shows differently). */
export type TreeRefresh = 'all' | readonly string[];

/**
 * The rows to refresh so that VS Code shows what a full refresh would, and no more: every row that reads differently
 * now, and every parent whose children changed (rows appeared, went or moved), with nothing under it then (VS Code
 * fetches a refreshed row's children again: expanded ones at once, collapsed ones when expanded). Rows under a
 * refreshed row that read differently are listed too, so they can be drawn first (VS Code skips them when their
 * parent is refreshed with them). Only what VS Code fetched is compared: a row it never asked for is drawn fresh.
 */
export function planRefresh(shown: ShownTree, input: TreeInput, keyOf: RowKey): TreeRefresh {
  const rows: string[] = [];
  const compare = (parentId: string, children: readonly TreeNode[]): boolean => {
    if (!sameIds(shown.children.get(parentId), children)) return false;
    for (const child of children) {
      // A row VS Code has not drawn yet is drawn from the store as it is now.
      const shownKey = shown.keys.get(child.id);
      const reads = shownKey === undefined || shownKey === keyOf(child);
      const sameChildren = !shown.children.has(child.id) || compare(child.id, childNodes(child, input));
      if (!reads || !sameChildren) rows.push(child.id);
    }
    return true;
  };
  if (!shown.children.has(rootKey)) return [];
  return compare(rootKey, rootNodes(input)) ? rows : 'all';
}

function sameIds(ids: readonly string[] | undefined, nodes: readonly TreeNode[]): boolean {
  return ids !== undefined && ids.length === nodes.length && nodes.every((node, index) => node.id === ids[index]);
}
