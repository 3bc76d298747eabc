import { defineRule } from '../rules/define.js';
import { analyseAcronyms, unchangedGroups, expansionFor, preferredDefinition, sameAs } from './analyse.js';
import { edit, fix, lineOf, rangeOf, related } from './report.js';

export const acronymConflictingExpansion = defineRule({
  id: 'acronym/conflicting-expansion',
  title: 'Acronym spelt out in two different ways',
  defaultSeverity: 'warning',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'One acronym, one meaning: when a report spells DSG out as "Dedicated Schools Grant" in one place and "Designated Schools Grant" in another, at least one is wrong, and a reader cannot tell which. The finding is on the odd one out (the spelling that disagrees with the glossary, or else with the first definition), with the other place shown.',
    bad: '3. ... the Dedicated Schools Grant (DSG).\n\n14. ... the Designated Schools Grant (DSG) deficit.',
    good: '3. ... the Dedicated Schools Grant (DSG).\n\n14. ... the DSG deficit.',
  },
  check(ctx) {
    const { model } = ctx;
    const a = analyseAcronyms(model, ctx.config);
    const unchanged = unchangedGroups(a);
    for (const info of a.acronyms.values()) {
      ctx.keyed(info.id, unchanged, () => {
        const pref = preferredDefinition(info);
        if (!pref) return;
        for (const d of info.definitions) {
          if (sameAs(d, pref)) continue;
          const line = lineOf(model, pref.start);
          const expansion = expansionFor(info, pref.plural ? d.expansion : pref.expansion, d.plural && !pref.plural);
          ctx.report({
            message: `"${d.written}" is spelt out as "${d.expansion}" here but as "${pref.expansion}" at line ${line}: use one expansion throughout.`,
            range: rangeOf(model, d),
            related: [related(model, pref, `Spelt out as "${pref.expansion}" here`)],
            fixes: [fix(`Use "${expansion}", as at line ${line}`, [edit(model, d.expStart, d.expEnd, pref.plural === d.plural ? pref.expansion : expansion)], false)],
          });
        }
      });
    }
  },
});
