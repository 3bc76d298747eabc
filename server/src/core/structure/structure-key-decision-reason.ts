import { defineRule } from '../rules/define.js';
import { checkYesHasReason } from './question-reason.js';

export const keyDecisionReason = defineRule({
  id: 'structure/key-decision-reason',
  title: 'Key decision answered Yes without a reason',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    why: 'A key decision must be published in the forward plan with the reason it is key (significant spending, or effect on two or more wards). "Yes" alone cannot be published.',
    bad: '## 9. Is this a "key decision"? If so, why?\n\nYes',
    good: '## 9. Is this a "key decision"? If so, why?\n\nYes - affects all wards and relates to significant budgets',
  },
  check(ctx) {
    checkYesHasReason(ctx, 'key-decision', 'saying why it is a key decision');
  },
});
