/**
 * How findings add up to a skill. Each finding weighs `rule.weight × kindWeights[kind]`, halved in test code. Per
 * rule and kind ("signal"), each file counts once, and more files add less and less (the n-th file counts
 * 1/2^(n-1), test files after the others), so a thousand files importing torch weigh about as much as two. The
 * skill's confidence is the noisy-OR of all contributions: 1 − Π(1 − w). A skill is suggested when its confidence
 * reaches `suggestionThreshold` AND at least one finding is a usage or config-content signal (api, import, config,
 * file-kind): a dependency line alone never suggests.
 *
 * `SkillTally` keeps, per signal, only how many files have it at full and at test weight, so adding or removing a
 * file and recomputing the confidence cost O(signals), whatever the tree's size. `combineEvidence(items, rules)` is
 * the same computation over a list of proof items.
 */
import type { Finding } from './analyze';
import type { CompiledRules } from './rules';
import type { SignalKind } from './vocabulary';

export const kindWeights: Readonly<Record<SignalKind, number>> = {
  api: 1,
  config: 1,
  import: 0.8,
  'file-kind': 0.7,
  dependency: 0.35,
};

export const testCodeFactor = 0.5;
export const suggestionThreshold = 0.6;
/** Proof items listed per skill (the strongest first); the confidence counts every finding. */
export const maxItemsPerSkill = 200;
const usageKinds: ReadonlySet<SignalKind> = new Set(['api', 'import', 'config', 'file-kind']);
/** Beyond this many files a signal's next file adds less than 2^-30: nothing. */
const maxCountedFiles = 30;

/** One proof item: a finding at a place in a workspace folder. */
export interface EvidenceItem extends Finding {
  /** The workspace folder's name (multi-root workspaces name the folder of each proof). */
  folder: string;
  /** Path relative to the folder, "/"-separated. */
  path: string;
  /** The rule's explanation, e.g. "imports PyTorch" (for a dependency: "declares it as a dependency (…)"). */
  explanation: string;
}

export interface SkillSummary {
  skillId: string;
  /** In [0, 1]. */
  confidence: number;
  suggested: boolean;
  /** Kinds of signal found (for "dismissed unless new kinds of evidence appear"). */
  kinds: SignalKind[];
  /** Files with findings for the skill ("evidence in 3 files") and all findings. */
  files: number;
  findings: number;
}

export interface SkillEvidence extends SkillSummary {
  /** The strongest `maxItemsPerSkill` proof items, then by folder, path, cell and line. */
  items: EvidenceItem[];
}

export function explanationOf(finding: Finding, rules: CompiledRules): string {
  const rule = rules.byId.get(finding.rule);
  const explanation = rule?.explanation ?? finding.rule;
  return finding.kind === 'dependency' && rule?.kind === 'import' ? `declares it as a dependency (${explanation})` : explanation;
}

interface Signal {
  weight: number;
  full: number;
  test: number;
  /** The `count` call that last counted this signal: each file counts once per signal. */
  counted: number;
}

/** The evidence of one skill as counts (see the module comment). */
export class SkillTally {
  /** Per rule, per kind: one signal (nested maps: no key string built per finding). */
  private readonly signals = new Map<string, Map<SignalKind, Signal>>();
  private readonly kindFiles = new Map<SignalKind, number>();
  private fileCount = 0;
  private findingCount = 0;
  private calls = 0;

  constructor(
    readonly skillId: string,
    private readonly rules: CompiledRules,
  ) {}

  /**
   * Adds (`sign` 1) or removes (−1) one file's findings for this skill (those of other skills among them are passed
   * over); all of a file's findings share `test`.
   */
  count(findings: readonly Finding[], sign: 1 | -1): void {
    const call = ++this.calls;
    const kinds: SignalKind[] = [];
    let counted = 0;
    for (const finding of findings) {
      if (finding.skill !== this.skillId) continue;
      counted++;
      if (!kinds.includes(finding.kind)) kinds.push(finding.kind);
      let byKind = this.signals.get(finding.rule);
      if (!byKind) {
        byKind = new Map();
        this.signals.set(finding.rule, byKind);
      }
      let signal = byKind.get(finding.kind);
      if (!signal) {
        signal = { weight: (this.rules.byId.get(finding.rule)?.weight ?? 0) * kindWeights[finding.kind], full: 0, test: 0, counted: 0 };
        byKind.set(finding.kind, signal);
      }
      if (signal.counted === call) continue;
      signal.counted = call;
      if (finding.test) signal.test += sign;
      else signal.full += sign;
      if (signal.full + signal.test > 0) continue;
      byKind.delete(finding.kind);
      if (byKind.size === 0) this.signals.delete(finding.rule);
    }
    if (counted === 0) return;
    this.fileCount += sign;
    this.findingCount += sign * counted;
    for (const kind of kinds) {
      const files = (this.kindFiles.get(kind) ?? 0) + sign;
      if (files > 0) this.kindFiles.set(kind, files);
      else this.kindFiles.delete(kind);
    }
  }

  get empty(): boolean {
    return this.fileCount === 0;
  }

  /** The greatest weight of any finding counted (full weight, or halved in test code): `topItems`' `strongest`. */
  strongest(): number {
    let strongest = 0;
    for (const byKind of this.signals.values()) {
      for (const { weight, full, test } of byKind.values()) strongest = Math.max(strongest, full > 0 ? weight : test > 0 ? weight * testCodeFactor : 0);
    }
    return strongest;
  }

  summary(): SkillSummary {
    let miss = 1;
    for (const { weight, full, test } of [...this.signals.values()].flatMap((byKind) => [...byKind.values()])) {
      const counted = Math.min(full + test, maxCountedFiles);
      for (let i = 0; i < counted; i++) miss *= 1 - (i < full ? weight : weight * testCodeFactor) / 2 ** i;
    }
    const confidence = Math.round((1 - miss) * 1000) / 1000;
    const kinds = [...this.kindFiles.keys()].sort();
    return {
      skillId: this.skillId,
      confidence,
      suggested: confidence >= suggestionThreshold && kinds.some((k) => usageKinds.has(k)),
      kinds,
      files: this.fileCount,
      findings: this.findingCount,
    };
  }
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A file's findings, before they become `EvidenceItem`s. */
export interface FileFindings {
  folder: string;
  path: string;
  findings: readonly Finding[];
}

/**
 * The `max` strongest findings of one skill among the files' findings (others are passed over), then by folder,
 * path, cell and line (code-unit order: fast and stable), as proof items. Selection keeps at most 2 × max candidates
 * and skips anything worse than the worst kept one, so a skill with 100,000 findings costs about one comparison per
 * finding, and only the kept ones become items. `strongest`, the greatest weight of any of the skill's findings
 * (`SkillTally.strongest`), lets it pass over whole files once no finding can beat the worst kept one.
 */
export function topItems(files: Iterable<FileFindings>, skillId: string, rules: CompiledRules, max = maxItemsPerSkill, strongest = Number.POSITIVE_INFINITY): EvidenceItem[] {
  type Candidate = { folder: string; path: string; finding: Finding; weight: number };
  const order = (a: Candidate, b: Candidate) =>
    b.weight - a.weight ||
    compareText(a.folder, b.folder) ||
    compareText(a.path, b.path) ||
    (a.finding.cell ?? -1) - (b.finding.cell ?? -1) ||
    a.finding.line - b.finding.line;
  // Rule weights by id, looked up in the rules once per rule rather than once per finding.
  const ruleWeights = new Map<string, number>();
  let kept: Candidate[] = [];
  let worst: Candidate | undefined;
  for (const file of files) {
    const { folder, path } = file;
    // Cheap rejections first, once per file: most files of a large skill come after the worst kept one, and then only
    // a heavier finding can be kept.
    const isAfterWorst = () => worst !== undefined && (folder > worst.folder || (folder === worst.folder && path > worst.path));
    let afterWorst = isAfterWorst();
    // Once the worst kept finding is as heavy as any can be, a file after it has nothing to add: not even read.
    if (afterWorst && worst !== undefined && worst.weight >= strongest) continue;
    for (const finding of file.findings) {
      if (finding.skill !== skillId) continue;
      let ruleWeight = ruleWeights.get(finding.rule);
      if (ruleWeight === undefined) ruleWeights.set(finding.rule, (ruleWeight = rules.byId.get(finding.rule)?.weight ?? 0));
      const weight = ruleWeight * kindWeights[finding.kind] * (finding.test ? testCodeFactor : 1);
      if (worst && (weight < worst.weight || (afterWorst && weight === worst.weight))) continue;
      const candidate = { folder, path, finding, weight };
      if (worst && order(candidate, worst) >= 0) continue;
      kept.push(candidate);
      if (kept.length >= 2 * max) {
        kept = kept.sort(order).slice(0, max);
        worst = kept.at(-1);
        afterWorst = isAfterWorst();
      }
    }
  }
  return kept
    .sort(order)
    .slice(0, max)
    .map(({ folder, path, finding }) => ({ ...finding, folder, path, explanation: explanationOf(finding, rules) }));
}

/** Combines proof items into per-skill evidence, most confident first; skills without code evidence are dropped. */
export function combineEvidence(items: Iterable<EvidenceItem>, rules: CompiledRules, max = maxItemsPerSkill): SkillEvidence[] {
  const bySkill = new Map<string, Map<string, EvidenceItem[]>>();
  for (const item of items) {
    if (!rules.evidenceApplies(item.skill)) continue;
    const files = bySkill.get(item.skill) ?? new Map<string, EvidenceItem[]>();
    bySkill.set(item.skill, files);
    const key = `${item.folder}\0${item.path}`;
    files.set(key, [...(files.get(key) ?? []), item]);
  }
  return [...bySkill]
    .map(([skillId, files]) => {
      const tally = new SkillTally(skillId, rules);
      for (const fileItems of files.values()) tally.count(fileItems, 1);
      const placed = [...files.values()].map((fileItems) => ({ folder: fileItems[0]?.folder ?? '', path: fileItems[0]?.path ?? '', findings: fileItems }));
      return { ...tally.summary(), items: topItems(placed, skillId, rules, max) };
    })
    .sort(bySummary);
}

export function bySummary(a: SkillSummary, b: SkillSummary): number {
  return b.confidence - a.confidence || compareText(a.skillId, b.skillId);
}
