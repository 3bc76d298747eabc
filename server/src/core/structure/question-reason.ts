import type { RuleContext } from '../rules/define.js';
import { answerOf, readAnswer, sectionLabel } from '../rules/util.js';

/** "Yes" alone (or "Yes -") gives no reason. */
const BARE_YES = /^\**\s*yes(?:\s*\*+)?[\s\-\u2013\u2014:.,;]*$/i;

/** Shared check for closing questions whose "Yes" must give a reason. */
export function checkYesHasReason(ctx: RuleContext<unknown>, specId: string, what: string): void {
  const m = ctx.match?.bySpec.get(specId);
  if (!m || !ctx.profile || m.spec.question?.reasonOnYes === false) return;
  const a = answerOf(m.section);
  if (!a || readAnswer(a.text) !== 'yes') return;
  if (!BARE_YES.test(a.text)) return;
  ctx.report({
    message: `${sectionLabel(m.section, m.spec, ctx.profile)} is answered Yes without ${what}; write "Yes - " and the reason.`,
    range: a.range,
  });
}
