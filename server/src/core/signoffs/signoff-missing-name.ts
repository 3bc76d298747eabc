import { defineRule } from '../rules/define.js';
import { blockLabel, rangeOf, roleOnly, signEntries } from './signoff-model.js';

export const signoffMissingName = defineRule({
  id: 'signoff/missing-name',
  title: 'Sign-off line names nobody',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    why: 'A "Signed:" line with no name (or only a job title) does not say who cleared the block, so nobody can be asked about it and the clearance cannot be checked.',
    bad: 'Signed:\n\nDated: 9 February 2026',
    good: 'Signed: Sonali Unka, Principal Solicitor\n\nDated: 9 February 2026',
  },
  check(ctx) {
    const { model, match } = ctx;
    if (!match) return;
    for (const [b, e] of signEntries(model, match)) {
      const s = e.signed;
      if (!s) continue;
      if (!s.value) {
        ctx.report({
          message: `"Signed:" in "${blockLabel(b)}" is empty: write the name and role of the officer who cleared the block${b.role ? ` (the ${b.role})` : ''}.`,
          range: rangeOf(model, s.labelStart, s.labelEnd),
        });
      } else if (s.signed && roleOnly(s.signed)) {
        ctx.report({
          message: `"Signed: ${s.value}" gives a role but no name: write "Signed: Name, ${s.value}".`,
          range: rangeOf(model, s.valueStart, s.valueEnd),
        });
      }
    }
  },
});
