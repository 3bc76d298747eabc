import { defineRule } from '../rules/define.js';
import { analyseAcronyms, unchangedGroups, expansionFor, nonstandardAgainst, preferredDefinition, sameAs } from './analyse.js';
import { edit, fix, rangeOf } from './report.js';

export const acronymNonstandardExpansion = defineRule({
  id: 'acronym/nonstandard-expansion',
  title: "Expansion differs from the council's glossary",
  defaultSeverity: 'warning',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'Many acronyms have an official name: an Education, Health and Care Plan is a statutory document, and "Education and Health Care Plan" is not its name. When a report spells an acronym out close to, but not as, the workspace or council glossary does, it is usually a slip. An unrelated meaning (ASD for a local board) is not reported.',
    bad: '21. ... the number of Education and Health Care Plans (EHCPs) issued.',
    good: '21. ... the number of Education, Health and Care Plans (EHCPs) issued.',
  },
  check(ctx) {
    const { model } = ctx;
    const a = analyseAcronyms(model, ctx.config);
    const unchanged = unchangedGroups(a);
    for (const info of a.acronyms.values()) {
      ctx.keyed(info.id, unchanged, () => {
        const pref = preferredDefinition(info);
        // Spellings that disagree with the report's own preferred one are conflicting-expansion's.
        const defs = pref ? info.definitions.filter((d) => sameAs(d, pref)) : info.definitions;
        const d = defs[0];
        if (!d) return;
        const want = nonstandardAgainst(info, d);
        if (!want) return;
        const source = want.source === 'workspace' ? 'the workspace glossary' : "the council's glossary";
        const edits = defs.map((x) => edit(model, x.expStart, x.expEnd, expansionFor(info, want.expansion, x.plural)));
        ctx.report({
          message: `"${d.expansion}" is not how ${source} spells out ${d.key}: it has "${want.expansion}".`,
          range: rangeOf(model, d),
          fixes: [fix(`Use "${expansionFor(info, want.expansion, d.plural)}"${defs.length > 1 ? ` (${defs.length} places)` : ''}`, edits, false)],
        });
      });
    }
  },
});
