/**
 * How findings add up to a skill. Each finding weighs `rule.weight × kindWeights[kind]`, halved in test code. Per
 * rule and kind, repeated findings in more files add less and less (the n-th file counts 1/2^(n-1)), so a thousand
 * files importing torch weigh about as much as two. The skill's confidence is the noisy-OR of all contributions:
 * 1 − Π(1 − w). A skill is suggested when its confidence reaches `suggestionThreshold` AND at least one finding is a
 * usage or config-content signal (api, import, config, file-kind): a dependency line alone never suggests.
 * `combineEvidence(findingsByFile, rules)` returns one `SkillEvidence` per skill with findings, strongest first.
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
const usageKinds: ReadonlySet<SignalKind> = new Set(['api', 'import', 'config', 'file-kind']);

/** One proof item: a finding at a place in a workspace folder. */
export interface EvidenceItem extends Finding {
  /** The workspace folder's name (multi-root workspaces name the folder of each proof). */
  folder: string;
  /** Path relative to the folder, "/"-separated. */
  path: string;
  /** The rule's explanation, e.g. "imports PyTorch" (for a dependency: "declares it as a dependency"). */
  explanation: string;
}

export interface SkillEvidence {
  skillId: string;
  /** In [0, 1]. */
  confidence: number;
  suggested: boolean;
  /** Kinds of signal found (for "dismissed unless new kinds of evidence appear"). */
  kinds: SignalKind[];
  /** Proof items, strongest first, then by folder, path and line. */
  items: EvidenceItem[];
}

export function findingWeight(finding: Finding, rules: CompiledRules): number {
  const rule = rules.byId.get(finding.rule);
  return (rule?.weight ?? 0) * kindWeights[finding.kind] * (finding.test ? testCodeFactor : 1);
}

export function explanationOf(finding: Finding, rules: CompiledRules): string {
  const explanation = rules.byId.get(finding.rule)?.explanation ?? finding.rule;
  return finding.kind === 'dependency' && rules.byId.get(finding.rule)?.kind === 'import' ? `declares it as a dependency (${explanation})` : explanation;
}

/** Combines the proof items of all files into per-skill evidence (see the module comment). */
export function combineEvidence(items: Iterable<EvidenceItem>, rules: CompiledRules): SkillEvidence[] {
  const bySkill = new Map<string, EvidenceItem[]>();
  for (const item of items) {
    if (!rules.evidenceApplies(item.skill)) continue;
    const list = bySkill.get(item.skill);
    if (list) list.push(item);
    else bySkill.set(item.skill, [item]);
  }
  const result: SkillEvidence[] = [];
  for (const [skillId, skillItems] of bySkill) {
    // The strongest finding per file for each rule and kind, then decaying by file.
    const perSignal = new Map<string, Map<string, number>>();
    for (const item of skillItems) {
      const signal = `${item.rule}\0${item.kind}`;
      const files = perSignal.get(signal) ?? new Map<string, number>();
      perSignal.set(signal, files);
      const file = `${item.folder}\0${item.path}`;
      files.set(file, Math.max(files.get(file) ?? 0, findingWeight(item, rules)));
    }
    let miss = 1;
    for (const files of perSignal.values()) {
      [...files.values()].sort((a, b) => b - a).forEach((weight, i) => (miss *= 1 - weight / 2 ** i));
    }
    const confidence = Math.round((1 - miss) * 1000) / 1000;
    const kinds = [...new Set(skillItems.map((i) => i.kind))].sort();
    const suggested = confidence >= suggestionThreshold && kinds.some((k) => usageKinds.has(k));
    const sorted = skillItems.sort(
      (a, b) => findingWeight(b, rules) - findingWeight(a, rules) || a.folder.localeCompare(b.folder) || a.path.localeCompare(b.path) || a.line - b.line || (a.cell ?? 0) - (b.cell ?? 0),
    );
    result.push({ skillId, confidence, suggested, kinds, items: sorted });
  }
  return result.sort((a, b) => b.confidence - a.confidence || a.skillId.localeCompare(b.skillId));
}
