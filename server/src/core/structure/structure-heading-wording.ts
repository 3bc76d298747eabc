import { defineRule } from '../rules/define.js';
import { replaceFix } from '../rules/util.js';
import { canonicalHeading } from '../templates/loader.js';

export const headingWording = defineRule({
  id: 'structure/heading-wording',
  title: 'Section heading is not the template wording',
  defaultSeverity: 'warning',
  fixable: true,
  docs: {
    why: 'Each template section has fixed wording and numbering that governance staff check word for word (e.g. "Climate Emergency", not "Climate Change"). Near misses are corrected to the exact wording, and so is a shortened heading ("Circulation" for "Circulation under the Local Issues Alert Procedure") that stands where the template section belongs.',
    bad: '### 4.3 Climate Change implications',
    good: '### 4.4 Climate Emergency implications',
  },
  check(ctx) {
    const { match, profile } = ctx;
    if (!match || !profile) return;
    for (const m of match.matches) {
      const h = m.section.heading;
      const expected = canonicalHeading(m.spec, profile);
      const numberWrong = profile.numberedHeadings && m.spec.number !== undefined && h.number !== m.spec.number;
      const misworded = m.wording === 'near' || m.wording === 'shortened';
      if (!misworded && !(numberWrong && (m.wording === 'style' || m.wording === 'exact' || m.wording === 'alias'))) continue;
      const newText = m.wording === 'alias' ? (m.spec.number && profile.numberedHeadings ? `${m.spec.number}${m.spec.level <= 2 ? '.' : ''} ${h.title}` : h.title) : expected;
      const what =
        m.wording === 'shortened'
          ? `stands where the template's "${expected}" belongs and is part of its wording: write the template's heading`
          : misworded
            ? `should read "${expected}"`
            : `should be numbered ${m.spec.number}`;
      ctx.report({
        message: `Heading "${h.text.trim()}" ${what} (template ${profile.id}).`,
        range: h.textRange,
        fixes: [replaceFix(`Change heading to "${newText}"`, h.textRange, newText)],
      });
    }
  },
});
