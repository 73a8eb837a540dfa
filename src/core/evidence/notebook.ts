/**
 * Jupyter notebooks: `notebookCodeCells(text)` returns the source of each code cell with its index among all cells
 * (VS Code's `NotebookCell.index`); markdown cells and every output are left out, so an import printed in an output
 * or quoted in prose is never evidence. Notebooks of a non-Python kernel yield no cells. Never throws.
 */

export interface NotebookCell {
  /** 0-based index among all cells. */
  index: number;
  source: string;
}

export function notebookCodeCells(text: string): NotebookCell[] {
  let notebook: unknown;
  try {
    notebook = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof notebook !== 'object' || notebook === null) return [];
  const { cells, metadata } = notebook as { cells?: unknown; metadata?: { language_info?: { name?: unknown }; kernelspec?: { language?: unknown } } };
  const language = metadata?.language_info?.name ?? metadata?.kernelspec?.language;
  if ((typeof language === 'string' && language.toLowerCase() !== 'python') || !Array.isArray(cells)) return [];
  return cells.flatMap((cell: unknown, index) => {
    if (typeof cell !== 'object' || cell === null) return [];
    const { cell_type: type, source } = cell as { cell_type?: unknown; source?: unknown };
    if (type !== 'code') return [];
    const text = typeof source === 'string' ? source : Array.isArray(source) && source.every((s) => typeof s === 'string') ? source.join('') : undefined;
    return text === undefined ? [] : [{ index, source: text }];
  });
}
