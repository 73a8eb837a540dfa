/** The evidence rules shipped with the extension (data/evidence/*.yaml, validated and cross-checked by esbuild.mjs). */
import distributions from '../../../data/evidence/distributions.yaml';
import practice from '../../../data/evidence/practice.yaml';
import rising from '../../../data/evidence/rising.yaml';
import technical from '../../../data/evidence/technical.yaml';
import roadmap from '../../../data/roadmap.yaml';
import type { Roadmap } from '../roadmap/schema';
import { compileRules, type CompiledRules } from './rules';
import type { DistributionTable, EvidenceRuleFile } from './ruleSchema';

export const bundledRuleFiles: readonly EvidenceRuleFile[] = [technical, rising, practice] as EvidenceRuleFile[];

export const bundledRules: CompiledRules = compileRules(bundledRuleFiles, distributions as DistributionTable, roadmap as Roadmap);

/** Whether a roadmap skill can have code evidence (false for soft skills and break-in steps: the UI says so). */
export const evidenceApplies = (skillId: string): boolean => bundledRules.evidenceApplies(skillId);
