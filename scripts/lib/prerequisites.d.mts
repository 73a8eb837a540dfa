// Types for prerequisites.mjs, which the unit tests import.
export type Purpose = 'start' | 'test';
export interface Prerequisite {
  apt: string;
  command?: string[];
  module?: string;
  dpkg?: string;
  for: Purpose[];
}
export interface Checks {
  commandExists(name: string): boolean;
  missingModules(names: string[]): string[];
  installedPackages(names: string[]): string[];
}
export interface Machine {
  hasAptGet: boolean;
  isRoot: boolean;
  hasPasswordlessSudo: boolean;
}
export type Plan = { action: 'none' } | { action: 'install'; commands: string[][] } | { action: 'stop'; reason: string; command: string };
export const prerequisites: Prerequisite[];
export function describeCheck(p: Prerequisite): string;
export function findMissing(purpose: Purpose, checks: Checks, list?: Prerequisite[]): Prerequisite[];
export function planInstall(missing: Prerequisite[], machine: Machine): Plan;
