import { defineRule } from '../rules/define.js';
import { analyseNumbering, fmt, relatedOf } from './numbering-model.js';

export const numberingDepth = defineRule({
  id: 'numbering/depth',
  title: 'Paragraph number at the wrong level',
  defaultSeverity: 'error',
  fixable: true,
  docs: {
    why: 'Paragraphs under a numbered sub-heading take one more level: under "5.1 Financial implications" they are 5.1.1, 5.1.2 ... Writing 5.11, 5.12 drops a dot, and 5.11 then reads as the eleventh paragraph of section 5. The fix restores the missing level.',
    bad: '### 5.1 Financial implications\n\n5.11 The council holds a deficit of £9.6m.\n\n5.12 Funding rose by 3%.',
    good: '### 5.1 Financial implications\n\n5.1.1 The council holds a deficit of £9.6m.\n\n5.1.2 Funding rose by 3%.',
  },
  check(ctx) {
    const { model, profile, match } = ctx;
    if (!profile) return;
    const a = analyseNumbering(model, profile, match);
    for (const is of a.issues) {
      if (is.kind !== 'depth') continue;
      const first = is.entries[0]!;
      const last = is.entries[is.entries.length - 1]!;
      const under = is.contextLabel ? ` under "${is.contextLabel}"` : '';
      const message =
        is.entries.length === 1
          ? `Paragraph ${first.num.value}${under} should be ${fmt(is.expected[0]!)}: paragraphs of a numbered sub-block take one more level.`
          : `Paragraphs ${first.num.value} … ${last.num.value}${under} should be ${fmt(is.expected[0]!)} … ${fmt(is.expected[is.expected.length - 1]!)}: paragraphs of a numbered sub-block take one more level.`;
      ctx.report({ message, range: first.num.range, fixes: is.fix ? [is.fix] : [], related: relatedOf(is, 'compared with') });
    }
  },
});
