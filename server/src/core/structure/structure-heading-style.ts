import { defineRule } from '../rules/define.js';
import { replaceFix } from '../rules/util.js';
import { canonicalHeading } from '../templates/loader.js';

export const headingStyle = defineRule({
  id: 'structure/heading-style',
  title: 'Section heading differs from the template in case or punctuation',
  defaultSeverity: 'info',
  fixable: true,
  docs: {
    why: 'Agenda packs look consistent when every report uses the template\'s exact capitalisation and punctuation. The words are right, so this is only a style note. What the council\'s forms print is never reported: a heading with or without the colon the forms put after most headings ("7. Summary of appendices:"), and the wordings a form prints ("4.1 Financial Implications" on the scrutiny form).',
    bad: '## 6. Background Information and other papers',
    good: '## 6. Background information and other papers:',
  },
  check(ctx) {
    const { match, profile } = ctx;
    if (!match || !profile) return;
    for (const m of match.matches) {
      if (m.wording !== 'style') continue;
      const h = m.section.heading;
      if (profile.numberedHeadings && m.spec.number !== undefined && h.number !== m.spec.number) continue;
      const expected = canonicalHeading(m.spec, profile);
      // Curly and straight quotes are both the template's.
      if (h.text.trim().replace(/[\u201c\u201d]/g, '"').replace(/[\u2018\u2019]/g, "'") === expected) continue;
      ctx.report({
        message: `Heading "${h.text.trim()}" differs from the template's "${expected}" in case or punctuation.`,
        range: h.textRange,
        fixes: [replaceFix(`Change heading to "${expected}"`, h.textRange, expected)],
      });
    }
  },
});
