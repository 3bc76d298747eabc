import { defineRule } from '../rules/define.js';
import { analyseNumbering, fmt, lineOf, relatedOf } from './numbering-model.js';

export const numberingDuplicate = defineRule({
  id: 'numbering/duplicate',
  title: 'Paragraph number used twice',
  defaultSeverity: 'error',
  fixable: true,
  docs: {
    why: 'Two paragraphs with the same number make every reference to that number ambiguous, in the meeting and in the minutes. Usually a paragraph was split or pasted in without renumbering. The suggested fix renumbers from the repeated paragraph on; check cross-references before accepting it.',
    bad: '3.4 Demand rose by 12%.\n\n3.4 Capacity stayed the same.\n\n3.5 The gap will widen.',
    good: '3.4 Demand rose by 12%.\n\n3.5 Capacity stayed the same.\n\n3.6 The gap will widen.',
  },
  check(ctx) {
    const { model, profile, match } = ctx;
    if (!profile) return;
    const a = analyseNumbering(model, profile, match);
    for (const is of a.issues) {
      if (is.kind !== 'duplicate') continue;
      const e = is.entries[0]!;
      const message = is.previous
        ? `Paragraph number ${e.num.value} is used twice (also on line ${lineOf(is.previous)}); the next number here would be ${fmt(is.expected[0]!)}.`
        : `Paragraph ${e.num.value} repeats the number of its heading "${is.contextLabel ?? ''}"; paragraphs under it are numbered ${fmt(is.expected[0]!)}, ${fmt([...is.expected[0]!.slice(0, -1), 2])} and so on.`;
      ctx.report({ message, range: e.num.range, fixes: is.fix ? [is.fix] : [], related: relatedOf(is, 'first use of') });
    }
  },
});
