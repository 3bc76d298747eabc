import { defineRule } from '../rules/define.js';
import { insertFix, questionAnswer } from '../rules/util.js';

export const conditionalKey = defineRule({
  id: 'metadata/conditional-key',
  title: 'Front-matter key required by an answer is missing',
  defaultSeverity: 'error',
  fixable: true,
  docs: {
    why: 'Some header fields depend on the report\'s answers: a key decision must name who takes it ("Decision to be taken by"). The finding sits on the answer that requires the field.',
    bad: '---\ntemplate: leicester-city/executive\n---\n...\n## 9. Is this a "key decision"? If so, why?\n\nYes - affects all wards',
    good: '---\ntemplate: leicester-city/executive\ndecision_maker: Cllr Elaine Pantling, Assistant City Mayor for Education\n---\n...\n## 9. Is this a "key decision"? If so, why?\n\nYes - affects all wards',
  },
  check(ctx) {
    const { model, profile, match } = ctx;
    if (!profile || !model.frontMatter.present) return;
    for (const f of profile.frontMatter) {
      if (!f.requiredWhen || model.frontMatter.byKey.has(f.key)) continue;
      const q = questionAnswer(match, f.requiredWhen.question);
      if (!q || q.answer !== f.requiredWhen.answer) continue;
      const answerBlock = q.m.section.blocks.find((b) => b.kind !== 'html');
      ctx.report({
        message: `"${f.key}" (${f.label}) is required because "${q.m.section.heading.title}" is answered ${f.requiredWhen.answer === 'yes' ? 'Yes' : 'No'}.`,
        range: answerBlock ? answerBlock.range : q.m.section.heading.range,
        related: [{ range: model.frontMatter.range, message: `add "${f.key}" here` }],
        fixes: [insertFix(`Add "${f.key}:"`, model, model.frontMatter.contentEnd, `${f.key}: \n`, false)],
      });
    }
  },
});
