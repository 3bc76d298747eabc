import { defineRule } from '../rules/define.js';
import { analyseAcronyms, unchangedGroups, firstCovering, exempt, expansionFor, inGlossary } from './analyse.js';
import { edit, fix, lineOf, quoteDefinition, rangeOf, related } from './report.js';

export const acronymUsedBeforeDefinition = defineRule({
  id: 'acronym/used-before-definition',
  title: 'Acronym used before it is spelt out',
  defaultSeverity: 'info',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'The full name belongs at the first use: a reader meets the acronym there, not paragraphs later where the author happened to spell it out. Headings do not count as the first use, nor does an acronym inside another name (SEND in "Transforming SEND and Inclusion in Leicestershire").',
    bad: '1.1 Funding for SEND has not kept pace with demand.\n\n1.4 ... children with Special Educational Needs and Disabilities (SEND).',
    good: '1.1 Funding for Special Educational Needs and Disabilities (SEND) has not kept pace with demand.\n\n1.4 ... children with SEND.',
  },
  check(ctx) {
    const { model } = ctx;
    const a = analyseAcronyms(model, ctx.config);
    const unchanged = unchangedGroups(a);
    for (const info of a.acronyms.values()) {
      ctx.keyed(info.id, unchanged, () => {
        if (exempt(info) || inGlossary(info)) return;
        for (const u of info.uses) {
          if (u.heading || u.inExpansion) continue;
          const d = firstCovering(info, u.scope);
          if (!d) break;
          if (d.start < u.start) break;
          const where = d.scope !== u.scope ? ' (in an appendix)' : '';
          const newText = `${expansionFor(info, d.expansion, u.plural)} (${u.written})`;
          ctx.report({
            message: `"${u.written}" is used before it is spelt out at line ${lineOf(model, d.start)}${where}: spell it out here, at its first use.`,
            range: rangeOf(model, u),
            related: [related(model, d, `Spelt out here: "${quoteDefinition(d)}"`)],
            fixes: [
              fix(
                `Move the definition here: "${newText}"`,
                [edit(model, u.start, u.end, newText), edit(model, d.spanStart, d.spanEnd, d.form === 'glossary' ? d.plain : d.short)],
                true,
              ),
            ],
          });
          break;
        }
      });
    }
  },
});
