import { defineRule } from '../rules/define.js';
import { hasSignature, looksLikeDate, rangeOf, signEntries } from './signoff-model.js';

export const signoffMissingDate = defineRule({
  id: 'signoff/missing-date',
  title: 'Sign-off has no date',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    why: 'The date shows when the officer cleared the block, and so whether the clearance predates later changes to the report. A sign-off without a "Dated:" line, or with an empty one, cannot show that, and neither can one that reads "TBC" or "N/A".',
    bad: 'Signed: Phil Ball, Sustainability Officer, Ext 37 2246\n\n### 5.5 Other implications',
    good: 'Signed: Phil Ball, Sustainability Officer, Ext 37 2246\n\nDated: 4 February 2026\n\n### 5.5 Other implications',
  },
  check(ctx) {
    const { model, match } = ctx;
    if (!match) return;
    for (const [b, e] of signEntries(model, match)) {
      const who = e.bare ?? e.signed;
      if (!who) continue;
      if (!e.dated) {
        if (!hasSignature(e) && !b.required) continue;
        const [start, end] = e.bare ? [e.bare.start, e.bare.end] : [e.signed!.labelStart, Math.max(e.signed!.valueEnd, e.signed!.labelEnd)];
        const name = e.bare ? e.bare.text : e.signed!.value;
        ctx.report({
          message: `Sign-off${name ? ` "${name}"` : ''} has no "Dated:" line; add "Dated: d Month yyyy" after it.`,
          range: rangeOf(model, start, end),
        });
      } else if (!e.dated.value) {
        ctx.report({
          message: 'The "Dated:" line is empty; write the date the officer cleared this block (d Month yyyy).',
          range: rangeOf(model, e.dated.labelStart, e.dated.labelEnd),
        });
      } else if (!looksLikeDate(e.dated.value)) {
        // "Dated: TBC", "Dated: N/A": a note where the date should be.
        ctx.report({
          message: `The "Dated:" line reads "${e.dated.value}", which is not a date: write the date the officer cleared this block (d Month yyyy).`,
          range: rangeOf(model, e.dated.valueStart, e.dated.valueEnd),
        });
      }
    }
  },
});
