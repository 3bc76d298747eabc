import { defineRule } from '../rules/define.js';
import { analyseAcronyms, displayDefinition, reorderedNames, unchangedReordered } from './analyse.js';
import { edit, fix, lineOf, rangeOf, related } from './report.js';

export const acronymReorderedExpansion = defineRule({
  id: 'acronym/reordered-expansion',
  title: 'Name written with its words in another order',
  defaultSeverity: 'info',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'A programme or body has one name. When the report spells it out as "Change Partnership Programme (CPP)" and elsewhere writes "Change Programme Partnership", a reader wonders whether they are two things, and one of the two is wrong. The finding is on the name written in another order than its definition, with the definition shown; the fix writes it as defined (it asks first: the definition may be the slip).',
    bad: '14. ... the DfE Change Programme Partnership.\n\n17. ... the Change Partnership Programme (CPP).',
    good: '14. ... the DfE Change Partnership Programme.\n\n17. ... the Change Partnership Programme (CPP).',
  },
  check(ctx) {
    const { model } = ctx;
    const a = analyseAcronyms(model, ctx.config);
    // Kept per acronym across edits unless the edit touched its definitions or a phrase
    // whose initials are its name's in some order (a name typed in another order need not
    // share the acronym's initials in order).
    const unchanged = unchangedReordered(a);
    for (const info of a.acronyms.values()) {
      ctx.keyed(info.id, unchanged, () => {
        const d = displayDefinition(info);
        if (!d) return;
        for (const p of reorderedNames(a, d.expansion)) {
          const line = lineOf(model, d.start);
          ctx.report({
            message: `"${p.text}" has the words of "${d.expansion}" (${d.written}, line ${line}) in another order: one name written two ways.`,
            range: rangeOf(model, p),
            related: [related(model, d, `Spelt out as "${d.expansion}" here`)],
            fixes: [fix(`Write "${d.expansion}", as at line ${line}`, [edit(model, p.start, p.start + p.text.length, d.expansion)], false)],
          });
        }
      });
    }
  },
});
