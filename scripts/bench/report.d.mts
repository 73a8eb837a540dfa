// Types for report.mjs, which the TypeScript unit tests import.
export type Target = { kind: 'ratio'; max: number } | { kind: 'atMost'; max: number } | { kind: 'withinFloorSpread'; resolution: number } | { kind: 'none' };
export interface Figure {
  name: string;
  unit: string;
  ours: number[];
  floorName?: string;
  floor?: number[];
  target: Target;
}
export interface Summary {
  n: number;
  min: number;
  median: number;
  max: number;
}
export function summarize(samples: number[], what?: string): Summary;
export function judge(figure: Figure): { ours: Summary; floor?: Summary; ratio?: number; pass?: boolean; rule: string };
export function formatValue(value: number, unit: string): string;
export function tableRows(figures: Figure[]): string[][];
export function markdownTable(figures: Figure[]): string;
export function textTable(figures: Figure[]): string;
export function anyFailed(figures: Figure[]): boolean;
