/**
 * Arrow-key movement across the board's chips: up/down within a level, left/right to the neighbouring level
 * (same position, or its last chip), Home/End within a level. One chip holds tabindex 0 (roving tabindex), so
 * Tab leaves the board instead of walking through every skill.
 */
export function moveFocus(board: HTMLElement, from: HTMLElement, key: string): HTMLElement | undefined {
  const columns = [...board.querySelectorAll<HTMLElement>('.level')]
    .map((level) => [...level.querySelectorAll<HTMLElement>('[data-nav]')])
    .filter((chips) => chips.length > 0);
  const col = columns.findIndex((chips) => chips.includes(from));
  const column = columns[col];
  if (!column) return undefined;
  const row = column.indexOf(from);
  let target: HTMLElement | undefined;
  switch (key) {
    case 'ArrowDown':
      target = column[row + 1];
      break;
    case 'ArrowUp':
      target = column[row - 1];
      break;
    case 'Home':
      target = column[0];
      break;
    case 'End':
      target = column[column.length - 1];
      break;
    case 'ArrowRight':
    case 'ArrowLeft': {
      const other = columns[col + (key === 'ArrowRight' ? 1 : -1)];
      target = other ? other[Math.min(row, other.length - 1)] : undefined;
      break;
    }
    default:
      return undefined;
  }
  if (!target) return undefined;
  from.tabIndex = -1;
  target.tabIndex = 0;
  target.focus();
  target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  return target;
}
