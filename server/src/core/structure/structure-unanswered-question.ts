import { defineRule } from '../rules/define.js';
import { answerOf, insertFix, readAnswer, sectionLabel } from '../rules/util.js';

export const unansweredQuestion = defineRule({
  id: 'structure/unanswered-question',
  title: 'Closing question is not answered Yes or No',
  defaultSeverity: 'error',
  fixable: true,
  docs: {
    why: 'The closing questions (private report, key decision) decide how the item is published and who may take the decision. An empty or unclear answer stops the report.',
    bad: '## 9. Is this a "key decision"? If so, why?\n\n## 10. ...',
    good: '## 9. Is this a "key decision"? If so, why?\n\nNo',
  },
  check(ctx) {
    const { match, profile, model } = ctx;
    if (!match || !profile) return;
    for (const m of match.matches) {
      if (m.spec.kind !== 'question') continue;
      const answer = answerOf(m.section);
      if (!answer) {
        const at = model.index.lineEnd(m.section.heading.range.end.line);
        ctx.report({
          message: `${sectionLabel(m.section, m.spec, profile)} is not answered; answer "No", or "Yes - " and the reason.`,
          range: m.section.heading.range,
          fixes: [insertFix('Answer "No"', model, at, '\n\nNo', false)],
        });
      } else if (readAnswer(answer.text) === 'unclear') {
        ctx.report({
          message: `The answer to ${sectionLabel(m.section, m.spec, profile)} should start with "Yes" or "No".`,
          range: answer.range,
        });
      }
    }
  },
});
