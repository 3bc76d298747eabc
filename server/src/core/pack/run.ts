import type { ResolvedConfig } from '../config.js';
import { compareFindings, ruleErrorFinding, ruleSetting } from '../check.js';
import { RULES } from '../rules/index.js';
import type { RuleDefinition } from '../rules/define.js';
import { unsilenced } from '../suppress.js';
import type { Finding } from '../types.js';
import { isPackRule } from './define.js';
import type { PackFacts } from './facts.js';
import type { PackContext } from './types.js';

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
      rule.packCheck(facts, pack, (f) => {
        const finding: Finding = { ruleId: rule.id, severity: setting.severity, message: f.message, range: f.range, fixes: f.fixes ?? [] };
        if (f.related) finding.related = f.related;
        findings.push(finding);
      });
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
