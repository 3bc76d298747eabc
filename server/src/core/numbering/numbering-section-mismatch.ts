import { defineRule } from '../rules/define.js';
import { analyseNumbering, fmt, relatedOf } from './numbering-model.js';

export const numberingSectionMismatch = defineRule({
  id: 'numbering/section-mismatch',
  title: 'Paragraph number does not match its section',
  defaultSeverity: 'error',
  fixable: true,
  docs: {
    why: 'In the City template a paragraph number starts with its section number (4.2 lives in section 4, 4.2.1 under heading 4.2). A paragraph numbered for another section is usually text moved or pasted from elsewhere, and references to it will point to the wrong place. The fix gives it the number it should have here.',
    bad: '## 4. Background and options with supporting evidence\n\n4.1 The review began in June.\n\n3.2 It reported in December.',
    good: '## 4. Background and options with supporting evidence\n\n4.1 The review began in June.\n\n4.2 It reported in December.',
  },
  check(ctx) {
    const { model, profile, match } = ctx;
    if (!profile) return;
    const a = analyseNumbering(model, profile, match);
    for (const is of a.issues) {
      if (is.kind !== 'section-mismatch') continue;
      const first = is.entries[0]!;
      const last = is.entries[is.entries.length - 1]!;
      const where = is.contextLabel ? `"${is.contextLabel}"` : 'this section';
      const message =
        is.entries.length === 1
          ? `Paragraph ${first.num.value} is in ${where}; it should be numbered ${fmt(is.expected[0]!)}.`
          : `Paragraphs ${first.num.value} … ${last.num.value} are in ${where}; they should be numbered ${fmt(is.expected[0]!)} … ${fmt(is.expected[is.expected.length - 1]!)}.`;
      ctx.report({ message, range: first.num.range, fixes: is.fix ? [is.fix] : [], related: relatedOf(is, 'compared with') });
    }
  },
});
