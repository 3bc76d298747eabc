import { defineRule } from '../rules/define.js';
import { crossrefRule } from './analysis.js';
import { reportMissingNumbers } from './paragraph.js';

export const sectionReference = defineRule({
  id: 'crossref/section',
  title: 'Reference to a section that is not in the report',
  defaultSeverity: 'warning',
  fixable: false,
  needsProfile: false,
  docs: {
    why: 'A reference such as "see section 5" must lead to a numbered section of this report. After sections are moved or merged such references point at the wrong part. Only references that clearly mean this report are read ("see section 5", "section 5 above", "section 5 of this report"): "Section 114 notice" or "section 66 of the Act" name legislation.',
    bad: '## 2. Recommendations\n\n2.1 Members are asked to note the plan (see section 7).\n\n## 3. Detailed report\n\n3.1 The plan has three aims.',
    good: '## 2. Recommendations\n\n2.1 Members are asked to note the plan (see section 3).\n\n## 3. Detailed report\n\n3.1 The plan has three aims.',
  },
  check(ctx) {
    crossrefRule(ctx, () => reportMissingNumbers(ctx, 'section'));
  },
});
