import { defineRule } from '../rules/define.js';
import { analyseAcronyms, unchangedGroups, firstCovering, exempt, expansionFor, inGlossary } from './analyse.js';
import { edit, enclosure, enclosureNote, fix, lineOf, quoteDefinition, rangeOf, related } from './report.js';

export const acronymUsedBeforeDefinition = defineRule({
  id: 'acronym/used-before-definition',
  title: 'Acronym used before it is spelt out',
  defaultSeverity: 'info',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'The full name belongs at the first use: a reader meets the acronym there, not paragraphs later where the author happened to spell it out. Headings do not count as the first use, nor does an acronym inside another name (SEND in "Transforming SEND and Inclusion in Leicestershire"). The fix moves the definition to the first use; it is offered only when the name there fits the acronym\'s letters (a name with a word missing is settled first, see acronym/initials-mismatch). Where the first use already stands in brackets after other words ("Youth Justice Team (CYPJS)"), inside a longer bracket or inside quotation marks, spelling it out there would nest one name in another, so the finding says so and offers no fix.',
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
          // Already in brackets after other words, inside a bracket or a quotation: spelling
          // it out there would nest one name in another ("Youth Justice Team (Children and
          // Young Peoples Justice Service (CYPJS))"). Said, not fixed.
          const enc = enclosure(model, u);
          if (enc) {
            ctx.report({
              message: `${enclosureNote(enc, u.written)}; it is spelt out as "${d.expansion}" at line ${lineOf(model, d.start)}${where}. Write the full name at its first use, "${d.expansion} (${u.written})", ${enc.kind === 'quote' ? 'outside the quotation' : 'without nesting brackets'}.`,
              range: rangeOf(model, u),
              related: [related(model, d, `Spelt out here: "${quoteDefinition(d)}"`)],
              fixes: [],
            });
            break;
          }
          const newText = `${expansionFor(info, d.expansion, u.plural)} (${u.written})`;
          // Moved only when the definition's name fits the acronym: a name with a word
          // missing or in another order ("Justice Service for Children and Young People
          // (CYPJS)") is acronym/initials-mismatch's to settle first, and moving its part
          // would leave the rest behind ("Justice Service for CYPJS").
          ctx.report({
            message: `"${u.written}" is used before it is spelt out at line ${lineOf(model, d.start)}${where}: spell it out here, at its first use.${d.fits ? '' : ` The name there, "${d.expansion}", does not fit the letters of ${d.written}: settle it first.`}`,
            range: rangeOf(model, u),
            related: [related(model, d, `Spelt out here: "${quoteDefinition(d)}"`)],
            fixes: d.fits
              ? [fix(`Move the definition here: "${newText}"`, [edit(model, u.start, u.end, newText), edit(model, d.spanStart, d.spanEnd, d.form === 'glossary' ? d.plain : d.short)], true)]
              : [],
          });
          break;
        }
      });
    }
  },
});
