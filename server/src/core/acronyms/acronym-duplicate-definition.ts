import { defineRule } from '../rules/define.js';
import { analyseAcronyms, unchangedGroups, inlineDefinitions, sameAs } from './analyse.js';
import { edit, fix, lineOf, rangeOf, related } from './report.js';
import type { Definition } from './scan.js';

export const acronymDuplicateDefinition = defineRule({
  id: 'acronym/duplicate-definition',
  title: 'Acronym spelt out more than once',
  defaultSeverity: 'info',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'Once an acronym has been spelt out, the acronym alone is enough; spelling it out again and again lengthens the report and makes the reader wonder whether it means something new. The title and a glossary section do not count, and an appendix (often a document of its own) may spell it out again.',
    bad: '1.1 ... the High Needs Block (HNB).\n\n4.16 ... spend within the High Needs Block (HNB).',
    good: '1.1 ... the High Needs Block (HNB).\n\n4.16 ... spend within the HNB.',
  },
  check(ctx) {
    const { model } = ctx;
    const a = analyseAcronyms(model, ctx.config);
    const unchanged = unchangedGroups(a);
    for (const info of a.acronyms.values()) {
      ctx.keyed(info.id, unchanged, () => {
        const firstInScope = new Map<number, Definition>();
        for (const d of inlineDefinitions(info)) {
          if (d.heading) continue;
          const first = firstInScope.get(d.scope);
          if (!first) {
            firstInScope.set(d.scope, d);
            continue;
          }
          if (!sameAs(d, first)) continue;
          ctx.report({
            message: `"${d.written}" is already spelt out at line ${lineOf(model, first.start)}: write the acronym alone here.`,
            range: rangeOf(model, d),
            related: [related(model, first, 'First spelt out here')],
            fixes: [fix(`Write "${d.short}" alone`, [edit(model, d.spanStart, d.spanEnd, d.short)], true)],
          });
        }
      });
    }
  },
});
