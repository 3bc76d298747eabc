import { defineRule } from '../rules/define.js';
import { blockLabel, implicationsBlocks, rangeOf } from './signoff-model.js';

export const signoffMissing = defineRule({
  id: 'signoff/missing',
  title: 'Implications block has no sign-off',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    why: 'Each financial, legal, equalities and climate implications block must be cleared by the responsible officer (Head of Finance, a solicitor, the Equalities Officer, the Sustainability Officer), who signs and dates it. A block without a sign-off has not been cleared, and the report should not go to the meeting until it is.',
    bad: '### 5.1 Financial implications\n\nThere are no direct financial implications arising from this report.\n\n### 5.2 Legal implications',
    good: '### 5.1 Financial implications\n\nThere are no direct financial implications arising from this report.\n\nSigned: Mohammed Irfan, Head of Finance\n\nDated: 3 February 2026\n\n### 5.2 Legal implications',
  },
  check(ctx) {
    const { model, match } = ctx;
    if (!match) return;
    for (const b of implicationsBlocks(model, match)) {
      if (!b.required) continue;
      if (b.entries.some((e) => e.signed || e.bare)) continue;
      const who = b.role ? `the ${b.role}` : 'the responsible officer';
      if (b.entries.length === 0) {
        // An empty block is reported by structure rules; the sign-off comes with its text.
        if (!b.hasText) continue;
        ctx.report({
          message: `"${blockLabel(b)}" has no sign-off: end the block with "Signed: Name, Role" and "Dated: d Month yyyy" from ${who}.`,
          range: b.section.heading.textRange,
        });
        continue;
      }
      const d = b.entries[0]!.dated!;
      ctx.report({
        message: `"${blockLabel(b)}" has a "Dated:" line but nobody signed it: add "Signed: Name, Role" (${who}) above it.`,
        range: rangeOf(model, d.labelStart, d.labelEnd),
      });
    }
  },
});
