import { defineRule } from '../rules/define.js';
import { analyseCrossrefs, crossrefRule } from './analysis.js';
import { describeRef } from './refs.js';

export const tableFigureReference = defineRule({
  id: 'crossref/table-figure',
  title: 'Reference to a table or figure that is not in the report',
  defaultSeverity: 'warning',
  fixable: false,
  needsProfile: false,
  docs: {
    why: 'A reference to "Table 2" needs a table captioned "Table 2"; "the chart below" needs a chart (an image) or a table after it in the same section. Charts pasted from another document are often lost when the draft is converted, leaving the sentence that introduces them pointing at nothing. A caption is a paragraph or heading that starts with the name ("Table 2: Budget 2026/27") or an image whose alternative text does.',
    bad: '## 3. Detailed report\n\n3.1 The chart below shows the number of referrals each month.\n\n3.2 Referrals have fallen since April.',
    good: '## 3. Detailed report\n\n3.1 The chart below shows the number of referrals each month.\n\n![Figure 1: referrals each month, April 2025 to March 2026](referrals.png)\n\n3.2 Referrals have fallen since April.',
  },
  check(ctx) {
    crossrefRule(ctx, () => {
      const { model } = ctx;
      const a = analyseCrossrefs(model, ctx.match, ctx.appendixFiles);
      let captions: string | undefined;
      for (const r of a.refs) {
        if (r.ref.kind !== 'table' && r.ref.kind !== 'figure') continue;
        if (r.ref.direction) {
          if (r.hits[0]) continue;
          const where = r.section ? `the section "${r.section.heading.text.trim()}"` : 'the opening of the report';
          ctx.report({
            message: `"${model.text.slice(r.ref.start, r.ref.end)}": there is no image or table ${r.ref.direction === 'below' ? 'after' : 'before'} it in ${where}. Add the ${r.ref.noun}, or reword the sentence.`,
            range: model.index.range(r.ref.start, r.ref.end),
          });
          continue;
        }
        r.ref.labels.forEach((l, i) => {
          if (r.hits[i]) return;
          captions ??= [...a.captions.entries()].map(([k, t]) => `${k[0]!.toUpperCase()}${k.slice(1)} (line ${t.range.start.line + 1})`).join(', ');
          ctx.report({
            message: `Nothing in this report is captioned "${describeRef(r.ref, l)}"; ${captions ? `captions found: ${captions}` : 'the report has no captioned tables or figures'}.`,
            range: model.index.range(l.start, l.end),
          });
        });
      }
    });
  },
});
