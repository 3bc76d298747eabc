import { defineRule } from '../rules/define.js';

export const frontMatterSyntax = defineRule({
  id: 'metadata/front-matter-syntax',
  title: 'Front matter is not valid YAML',
  defaultSeverity: 'error',
  fixable: false,
  needsProfile: false,
  docs: {
    why: 'The report\'s details (committee, meeting date, authors) are read from the front matter. Broken YAML hides all of them, so it is reported at the exact position.',
    bad: '---\ntemplate: leicester-city/executive\ncommittee: [Children, Young People\n---',
    good: '---\ntemplate: leicester-city/executive\ncommittee: Children, Young People and Education Scrutiny Commission\n---',
  },
  check(ctx) {
    for (const p of ctx.model.frontMatter.problems) ctx.report({ message: p.message, range: p.range });
  },
});
