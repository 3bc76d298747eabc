import { defineRule } from '../rules/define.js';

export const missingTitle = defineRule({
  id: 'structure/missing-title',
  title: 'Report has no title',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    why: 'The report title (the first `#` heading) is printed on the agenda and at the top of the report; without it the item cannot be listed.',
    bad: '---\ntemplate: leicester-city/executive\n---\n\n## 1. Summary',
    good: '---\ntemplate: leicester-city/executive\n---\n\n# Families First Partnership Programme\n\n## 1. Summary',
  },
  check(ctx) {
    const { model } = ctx;
    if (model.title && model.title.text.trim() !== '' && !/^appendix\b/i.test(model.title.text)) return;
    const first = model.headings[0];
    ctx.report({
      message: 'The report has no title: start the body with a `# Title` heading.',
      range: first ? first.range : model.frontMatter.present ? model.frontMatter.range : model.index.range(0, 0),
    });
  },
});
