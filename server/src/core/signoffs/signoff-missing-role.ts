import { defineRule } from '../rules/define.js';
import { nameOnly, rangeOf, signEntries } from './signoff-model.js';

export const signoffMissingRole = defineRule({
  id: 'signoff/missing-role',
  title: 'Sign-off gives a name but no role',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    why: 'The template sign-off is "Signed: Name, Role": the role shows that the right officer (Head of Finance, a solicitor, the Equalities Officer ...) cleared the block, which a name alone does not.',
    bad: 'Signed: Susan Holmes\n\nDated: 16 February 2026',
    good: 'Signed: Susan Holmes, Head of Law\n\nDated: 16 February 2026',
  },
  check(ctx) {
    const { model, match } = ctx;
    if (!match) return;
    for (const [b, e] of signEntries(model, match)) {
      const s = e.signed;
      // The legacy layout has the role on the line above: signoff/layout reports it.
      if (!s?.signed || e.legacy || !nameOnly(s.signed)) continue;
      const name = s.signed.parts[s.signed.name!]!;
      const example = b.role ? ` (the template expects the ${b.role})` : '';
      ctx.report({
        message: `Sign-off "${name.text}" has no role: write "Signed: ${name.text}, <role>"${example}.`,
        range: rangeOf(model, name.start, name.end),
      });
    }
  },
});
