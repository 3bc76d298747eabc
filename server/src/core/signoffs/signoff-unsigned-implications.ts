import { defineRule } from '../rules/define.js';
import { blockLabel, implicationsBlocks } from './signoff-model.js';

export const signoffUnsignedImplications = defineRule({
  id: 'signoff/unsigned-implications',
  title: 'Optional block states implications without a sign-off',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    why: 'The "Other implications" block needs no sign-off when there is nothing to report ("None."). When it does state implications, whoever is responsible for them should clear and sign them like any other implications block, so that the statement is not the author\'s alone.',
    bad: '### 4.5 Other Implications\n\nThe report must be published on the partnership website within four weeks.',
    good: '### 4.5 Other Implications\n\nThe report must be published on the partnership website within four weeks.\n\nSigned: Kamal Adatia, City Barrister\n\nDated: 18 October 2024',
  },
  check(ctx) {
    const { model, match } = ctx;
    if (!match) return;
    for (const b of implicationsBlocks(model, match)) {
      if (b.required || !b.substantive || b.entries.length > 0) continue;
      ctx.report({
        message: `"${blockLabel(b)}" states implications but nobody has signed them; add "Signed: Name, Role" and "Dated: d Month yyyy", or write "None." if there are none.`,
        range: b.section.heading.textRange,
      });
    }
  },
});
