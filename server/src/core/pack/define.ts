import { defineRule, type ReportInput, type RuleDefinition } from '../rules/define.js';
import { packFactsOf, type PackFacts } from './facts.js';
import type { PackContext, PackInfo } from './types.js';

/** A rule that compares a report with the rest of its agenda pack. */
export interface PackRuleDefinition extends RuleDefinition {
  /**
   * Checks a report against its pack from the report's facts alone (no model), so a
   * check over many reports can run it where the whole pack is known (pack/run.ts).
   */
  packCheck(self: PackFacts, pack: PackContext, report: (finding: ReportInput) => void): void;
}

/** Defines a pack rule: in a report's check it runs on the report's facts, when the report is in a pack. */
export function definePackRule(rule: Omit<Parameters<typeof defineRule>[0], 'check' | 'needsProfile' | 'options'> & Pick<PackRuleDefinition, 'packCheck'>): PackRuleDefinition {
  const { packCheck, ...rest } = rule;
  const def = defineRule({
    ...rest,
    needsProfile: false,
    check(ctx) {
      if (ctx.pack) packCheck(packFactsOf(ctx.model, ctx.profile, ctx.match), ctx.pack, ctx.report);
    },
  });
  return { ...(def as RuleDefinition), packCheck };
}

export function isPackRule(rule: RuleDefinition): rule is PackRuleDefinition {
  return typeof (rule as Partial<PackRuleDefinition>).packCheck === 'function';
}

/**
 * A rule on the pack manifest itself (`pack.yaml`): it reports on the manifest file, once
 * per pack, not on a report; in a report's check it does nothing. Registered, documented
 * and configured like every rule.
 */
export interface ManifestRuleDefinition extends RuleDefinition {
  manifestCheck(info: PackInfo & { manifest: NonNullable<PackInfo['manifest']> }, report: (finding: ReportInput) => void): void;
}

export function defineManifestRule(rule: Omit<Parameters<typeof defineRule>[0], 'check' | 'needsProfile' | 'options'> & Pick<ManifestRuleDefinition, 'manifestCheck'>): ManifestRuleDefinition {
  const { manifestCheck, ...rest } = rule;
  const def = defineRule({ ...rest, needsProfile: false, check() {} });
  return { ...(def as RuleDefinition), manifestCheck };
}

export function isManifestRule(rule: RuleDefinition): rule is ManifestRuleDefinition {
  return typeof (rule as Partial<ManifestRuleDefinition>).manifestCheck === 'function';
}
