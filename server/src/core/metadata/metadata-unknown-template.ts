import { closest } from 'fastest-levenshtein';
import { defineRule } from '../rules/define.js';
import { entryText } from '../frontmatter.js';
import { insertFix, replaceFix } from '../rules/util.js';

export const unknownTemplate = defineRule({
  id: 'metadata/unknown-template',
  title: 'Report names no known template',
  defaultSeverity: 'error',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'The `template:` key says which council template the report follows; every template check depends on it. A missing or unknown id is reported with the ids that are known.',
    bad: '---\ntemplate: leicester/executive\n---',
    good: '---\ntemplate: leicester-city/executive\n---',
  },
  check(ctx) {
    const { model, profiles, config } = ctx;
    const fm = model.frontMatter;
    if (fm.problems.length > 0) return;
    const ids = profiles.ids();
    const list = ids.map((i) => `"${i}"`).join(', ');
    const entry = fm.byKey.get('template');
    const id = entryText(entry);
    if (!entry || id === '') {
      if (config.defaultTemplate && profiles.get(config.defaultTemplate)) return;
      const range = entry ? entry.keyRange : fm.present ? model.index.range(0, 3) : model.index.range(0, 0);
      const fixes = !fm.present
        ? ids.map((i) => insertFix(`Add front matter for "${i}"`, model, 0, `---\ntemplate: ${i}\n---\n\n`, false))
        : entry
          ? ids.map((i) => replaceFix(`Use template "${i}"`, entry.valueRange, ` ${i}`.trimStart(), false))
          : ids.map((i) => insertFix(`Add "template: ${i}"`, model, fm.contentStart, `template: ${i}\n`, false));
      ctx.report({
        message: fm.present ? `The front matter has no \`template:\`; known templates: ${list}.` : `This report has no front matter naming its template; known templates: ${list}.`,
        range,
        fixes,
      });
      return;
    }
    if (profiles.get(id)) return;
    const near = closest(id, ids);
    ctx.report({
      message: `Unknown template "${id}"; known templates: ${list}.`,
      range: entry.valueRange,
      fixes: [replaceFix(`Use template "${near}"`, entry.valueRange, near, false)],
    });
  },
});
