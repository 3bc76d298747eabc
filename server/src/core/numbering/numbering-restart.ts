import { defineRule } from '../rules/define.js';
import { analyseNumbering, fmt, relatedOf } from './numbering-model.js';

export const numberingRestart = defineRule({
  id: 'numbering/restart',
  title: 'Paragraph numbering goes back',
  defaultSeverity: 'error',
  fixable: true,
  docs: {
    why: 'A sequence that jumps back (County "1." again half-way through, or 4.2 after 4.7) usually comes from pasting text from another report or from a sub-list typed as a new numbered list. Readers can no longer find a paragraph by its number. When the paragraphs after the jump are a sub-list, indent them under their paragraph or letter them a), b); otherwise the suggested fix continues the numbering.',
    bad: '14. The service has three aims:\n\n15. Reduce waiting times.\n\n1. The next phase starts in May.\n\n2. It will be reviewed in September.',
    good: '14. The service has three aims:\n\n15. Reduce waiting times.\n\n16. The next phase starts in May.\n\n17. It will be reviewed in September.',
  },
  check(ctx) {
    const { model, profile, match } = ctx;
    if (!profile) return;
    const a = analyseNumbering(model, profile, match);
    for (const is of a.issues) {
      if (is.kind !== 'restart') continue;
      const e = is.entries[0]!;
      const after = is.previous ? ` after ${is.previous.num.value}` : '';
      const hint = a.mode === 'continuous' ? ' County paragraphs run 1..N through the whole report; a sub-list belongs indented under its paragraph.' : '';
      ctx.report({
        message: `Paragraph numbering goes back: ${e.num.value}${after} (expected ${fmt(is.expected[0]!)}).${hint}`,
        range: e.num.range,
        fixes: is.fix ? [is.fix] : [],
        related: relatedOf(is, 'previous paragraph'),
      });
    }
  },
});
