import { defineRule } from '../rules/define.js';
import { checkYesHasReason } from './question-reason.js';

export const privateReportReason = defineRule({
  id: 'structure/private-report-reason',
  title: 'Private report answered Yes without a reason',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    why: 'A report is taken in private only for a stated reason (the exempt-information category) and why it is not in the public interest to publish it. "Yes" alone cannot be accepted.',
    bad: '## 8. Is this a private report (If so, please indicate the reasons and state why it is not in the public interest to be dealt with publicly)?\n\nYes',
    good: '## 8. Is this a private report (If so, please indicate the reasons and state why it is not in the public interest to be dealt with publicly)?\n\nYes - it contains commercially sensitive information (paragraph 3, Schedule 12A), and disclosure would prejudice the tender.',
  },
  check(ctx) {
    checkYesHasReason(ctx, 'private', 'the reason and why it is not in the public interest');
  },
});
