import type { ResolvedConfig } from '../config.js';
import { compareFindings, ruleErrorFinding, ruleSetting, toFinding } from '../check.js';
import { RULES } from '../rules/index.js';
import type { RuleDefinition } from '../rules/define.js';
import { unsilenced } from '../suppress.js';
import type { Finding } from '../types.js';
import { isManifestRule, isPackRule } from './define.js';
import type { PackFacts } from './facts.js';
import type { PackContext, PackInfo } from './types.js';
import { defaultConfig } from '../config.js';

/** The rules a check without the pack leaves out (they run here, once the pack is known). */
export function withoutPackRules(rules: readonly RuleDefinition[] = RULES): RuleDefinition[] {
  return rules.filter((r) => !isPackRule(r));
}

/**
 * Runs the pack rules on a report's facts, as `checkReport` with the pack would: with the
 * configured severities, silenced by the report's own comments, in document order, a rule
 * that throws reported as such.
 */
export function runPackRules(facts: PackFacts, pack: PackContext, config: ResolvedConfig, rules: readonly RuleDefinition[] = RULES): { findings: Finding[]; ruleErrors: { ruleId: string; error: string }[] } {
  const findings: Finding[] = [];
  const ruleErrors: { ruleId: string; error: string }[] = [];
  for (const rule of rules) {
    if (!isPackRule(rule)) continue;
    const setting = ruleSetting(rule, config, facts.hasProfile);
    if (!setting) continue;
    try {
      rule.packCheck(facts, pack, (f) => findings.push(toFinding(rule.id, setting.severity, f)));
    } catch (e) {
      ruleErrors.push({ ruleId: rule.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  }
  const kept = facts.directives.length === 0 ? findings : unsilenced(facts.directives, findings);
  for (const e of ruleErrors) kept.push(ruleErrorFinding(e));
  return { findings: kept, ruleErrors };
}

/** Findings of one report from two checks, in the order one check of both would give. */
export function mergeFindings(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  return b.length === 0 ? [...a] : [...a, ...b].sort(compareFindings);
}

let defaults: ResolvedConfig | undefined;

/**
 * Findings on a pack's manifest file (the `pack/manifest` and `pack/missing-item` rules),
 * with the severities of `config` (the manifest's folder's); none without a manifest.
 */
export function checkManifest(info: PackInfo, config: ResolvedConfig = (defaults ??= defaultConfig(RULES)), rules: readonly RuleDefinition[] = RULES): Finding[] {
  const manifest = info.manifest;
  if (!manifest) return [];
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (!isManifestRule(rule)) continue;
    const setting = ruleSetting(rule, config, false);
    if (!setting) continue;
    try {
      rule.manifestCheck({ ...info, manifest }, (f) => findings.push(toFinding(rule.id, setting.severity, f)));
    } catch (e) {
      findings.push(ruleErrorFinding({ ruleId: rule.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
    }
  }
  return findings.sort(compareFindings);
}
