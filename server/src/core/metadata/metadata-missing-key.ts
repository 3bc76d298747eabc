import { defineRule } from '../rules/define.js';
import { insertFix } from '../rules/util.js';

export const missingKey = defineRule({
  id: 'metadata/missing-key',
  title: 'Required front-matter key is missing',
  defaultSeverity: 'error',
  fixable: true,
  docs: {
    why: 'The header block of the published report (lead director, wards affected, author, contact, version...) is built from the front matter. A missing field leaves a gap governance staff send back.',
    bad: '---\ntemplate: leicester-city/executive\ncommittee: Children, Young People and Education Scrutiny Commission\nmeeting_date: 3 March 2026\n---',
    good: '---\ntemplate: leicester-city/executive\ncommittee: Children, Young People and Education Scrutiny Commission\nmeeting_date: 3 March 2026\nlead_director: Damian Elcock, Director of Children\'s Social Work and Early Help\nwards_affected: All\nreport_author: Helen Sheppard\nauthor_contact: helen.sheppard@leicester.gov.uk, 0116 454 1170\nversion: v1\n---',
  },
  check(ctx) {
    const { model, profile } = ctx;
    const fm = model.frontMatter;
    if (!profile || !fm.present || fm.problems.length > 0) return;
    const missing = profile.frontMatter.filter((f) => f.required && !fm.byKey.has(f.key));
    for (const f of missing) {
      const example = f.examples[0] ? ` (e.g. ${f.examples[0]})` : '';
      ctx.report({
        message: `Front matter is missing "${f.key}" (${f.label})${example}, required by ${profile.id}.`,
        range: model.index.range(0, 3),
        fixes: [insertFix(`Add "${f.key}:"`, model, fm.contentEnd, `${f.key}: \n`, false)],
      });
    }
  },
});
