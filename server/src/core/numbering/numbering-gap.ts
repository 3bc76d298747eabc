import { defineRule } from '../rules/define.js';
import { analyseNumbering, fmt, relatedOf, skipped } from './numbering-model.js';

const missing = (s: string): string => (s.includes(' to ') ? `${s} are missing` : `${s} is missing`);

export const numberingGap = defineRule({
  id: 'numbering/gap',
  title: 'Paragraph numbers skip a number',
  defaultSeverity: 'error',
  fixable: true,
  docs: {
    why: 'Members and officers refer to paragraphs by number in debate and in the minutes ("see paragraph 4.12"). A skipped number makes readers look for a paragraph that was deleted or never written. The fix renumbers the paragraphs that follow so the sequence runs on without a hole.',
    bad: '## 4. Background and options with supporting evidence\n\n4.1 The programme started in April.\n\n4.3 Three pilots are running.',
    good: '## 4. Background and options with supporting evidence\n\n4.1 The programme started in April.\n\n4.2 Three pilots are running.',
  },
  check(ctx) {
    const { model, profile, match } = ctx;
    if (!profile) return;
    const a = analyseNumbering(model, profile, match);
    for (const is of a.issues) {
      if (is.kind !== 'gap') continue;
      const e = is.entries[0]!;
      const want = is.expected[0]!;
      const message = is.previous
        ? `Paragraph ${e.num.value} follows ${is.previous.num.value}: ${missing(skipped(want, e.parts))}.`
        : a.mode === 'continuous'
          ? `Paragraph numbering starts at ${e.num.value}; County paragraphs run from 1 (expected ${fmt(want)}).`
          : `The first numbered paragraph of "${is.contextLabel ?? 'this section'}" is ${e.num.value}; expected ${fmt(want)}.`;
      ctx.report({ message, range: e.num.range, fixes: is.fix ? [is.fix] : [], related: relatedOf(is, 'previous paragraph') });
    }
  },
});
