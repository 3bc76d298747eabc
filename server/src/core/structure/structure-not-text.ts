import { defineRule } from '../rules/define.js';

export const notText = defineRule({
  id: 'structure/not-text',
  title: 'File is not a text document',
  defaultSeverity: 'error',
  fixable: false,
  needsProfile: false,
  docs: {
    why: 'A binary file (a Word document or PDF renamed to .report.md, say) cannot be checked. The checker reports it once instead of reading it.',
    bad: 'PK\\u0003\\u0004 ... (a .docx saved as draft.report.md)',
    good: '---\ntemplate: leicester-city/executive\n...',
  },
  // Reported by the checker before parsing; nothing to do on a text document.
  check() {},
});
