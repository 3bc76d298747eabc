import { defineRule } from '../rules/define.js';
import { analyseAcronyms, unchangedGroups, expansionFor, knownExpansions } from './analyse.js';
import { expansionSimilarity, fitAcronym, splitWords } from './expansion.js';
import { edit, fix, rangeOf } from './report.js';
import type { Fix } from '../types.js';

export const acronymInitialsMismatch = defineRule({
  id: 'acronym/initials-mismatch',
  title: 'Expansion does not fit the acronym',
  defaultSeverity: 'warning',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'When the initials of the full name do not spell the acronym, a word is usually missing from the name ("High Needs (HNB)") or a letter is wrong in the acronym ("General Certificate of Education (GCSE)"). Small words may be skipped or give a letter (DfE, IMPACT), and a couple of descriptive words may follow the name.',
    bad: '1.1 Funding for High Needs (HNB) is under pressure.',
    good: '1.1 Funding for the High Needs Block (HNB) is under pressure.',
  },
  check(ctx) {
    const { model } = ctx;
    const a = analyseAcronyms(model, ctx.config);
    const unchanged = unchangedGroups(a);
    for (const info of a.acronyms.values()) {
      ctx.keyed(info.id, unchanged, () => {
        for (const d of info.definitions) {
          if (d.fits) continue;
          const fixes: Fix[] = [];
          for (const k of knownExpansions(info)) {
            if (!fitAcronym(d.key, splitWords(k.expansion).map((w) => w.text)).fits || expansionSimilarity(k.expansion, d.expansion) < 0.3) continue;
            const text = expansionFor(info, k.expansion, d.plural);
            fixes.push(fix(`Use "${text}" (${k.source === 'workspace' ? 'workspace' : 'council'} glossary)`, [edit(model, d.expStart, d.expEnd, text)], false));
          }
          ctx.report({
            message: `"${d.expansion}" does not spell ${d.written}: is a word missing from the name, or a letter wrong in the acronym?`,
            range: rangeOf(model, d),
            fixes,
          });
        }
      });
    }
  },
});
