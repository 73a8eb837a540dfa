// The statistics and the table of `npm run bench`. Pure (no file system, no clock) so the unit tests import it
// directly. A figure is our samples beside a floor's samples taken in the same runs, and a target that says how
// the two compare; every sample is kept (min, median and max, none left out).

/**
 * @typedef {{ kind: 'ratio', max: number }
 *   | { kind: 'atMost', max: number }
 *   | { kind: 'withinFloorSpread', resolution: number }
 *   | { kind: 'none' }} Target
 *   ratio: median(ours) / median(floor) ≤ max. atMost: median(ours) ≤ max (a size budget; no floor needed).
 *   withinFloorSpread: "indistinguishable": median(ours) exceeds median(floor) by no more than the floor's own
 *   run-to-run spread (max − min), or than the measurement's resolution when the floor never varied.
 *   none: reported, not judged.
 * @typedef {{ name: string, unit: string, ours: number[], floorName?: string, floor?: number[], target: Target }} Figure
 * @typedef {{ n: number, min: number, median: number, max: number }} Summary
 */

/** Min, median (mean of the middle two for an even count) and max of `samples`. */
export function summarize(samples, what = 'samples') {
  if (samples.length === 0) throw new Error(`${what}: no samples`);
  const bad = samples.find((x) => typeof x !== 'number' || !Number.isFinite(x));
  if (bad !== undefined) throw new Error(`${what}: ${String(bad)} is not a finite number`);
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { n: sorted.length, min: sorted[0], median, max: sorted.at(-1) };
}

/**
 * How a figure fares against its target.
 * @param {Figure} figure
 * @returns {{ ours: Summary, floor?: Summary, ratio?: number, pass?: boolean, rule: string }}
 *   `pass` is undefined for figures that are only reported.
 */
export function judge(figure) {
  const ours = summarize(figure.ours, `${figure.name} (ours)`);
  const floor = figure.floor ? summarize(figure.floor, `${figure.name} (${figure.floorName ?? 'floor'})`) : undefined;
  const ratio = floor && floor.median > 0 ? ours.median / floor.median : undefined;
  const { target } = figure;
  const needFloor = () => {
    if (!floor) throw new Error(`${figure.name}: the target "${target.kind}" needs a floor`);
    return floor;
  };
  switch (target.kind) {
    case 'ratio': {
      needFloor();
      if (ratio === undefined) throw new Error(`${figure.name}: the floor's median is 0, so no ratio can be judged`);
      return { ours, floor, ratio, pass: ratio <= target.max, rule: `≤ ${target.max.toFixed(2)}×` };
    }
    case 'atMost':
      return { ours, floor, ratio, pass: ours.median <= target.max, rule: `≤ ${formatValue(target.max, figure.unit)} ${figure.unit}` };
    case 'withinFloorSpread': {
      const f = needFloor();
      const allowance = Math.max(f.max - f.min, target.resolution);
      return { ours, floor, ratio, pass: ours.median - f.median <= allowance, rule: `within floor spread (+${formatValue(allowance, figure.unit)} ${figure.unit})` };
    }
    case 'none':
      return { ours, floor, ratio, pass: undefined, rule: '—' };
    default:
      throw new Error(`${figure.name}: unknown target kind ${JSON.stringify(target)}`);
  }
}

/** Decimals per unit: whole milliseconds, sizes to a tenth. */
export function formatValue(value, unit) {
  return value.toFixed(unit === 'ms' ? 0 : 1);
}

const triple = (s, unit) => (s ? [s.min, s.median, s.max].map((v) => formatValue(v, unit)).join(' / ') : '—');
const verdict = (pass) => (pass === undefined ? 'info' : pass ? 'pass' : 'FAIL');

/** The table's cells, one array per figure, after the header. */
export function tableRows(figures) {
  const header = ['Figure', 'Ours min / med / max', 'Floor', 'Floor min / med / max', 'Ratio', 'Target', 'Result'];
  const rows = figures.map((figure) => {
    const j = judge(figure);
    return [
      `${figure.name} (${figure.unit}, n=${j.ours.n}${j.floor && j.floor.n !== j.ours.n ? `/${j.floor.n}` : ''})`,
      triple(j.ours, figure.unit),
      figure.floor ? (figure.floorName ?? 'floor') : '—',
      triple(j.floor, figure.unit),
      j.ratio === undefined ? '—' : `${j.ratio.toFixed(2)}×`,
      j.rule,
      verdict(j.pass),
    ];
  });
  return [header, ...rows];
}

/** A GitHub-flavoured Markdown table (pipes in cells escaped). */
export function markdownTable(figures) {
  const [header, ...rows] = tableRows(figures);
  const line = (cells) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The same table for a terminal: columns padded to their widest cell. */
export function textTable(figures) {
  const rows = tableRows(figures);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

/** Whether any judged figure failed its target. */
export function anyFailed(figures) {
  return figures.some((f) => judge(f).pass === false);
}
