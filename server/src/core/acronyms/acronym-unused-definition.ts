import { z } from 'zod';
import { defineRule } from '../rules/define.js';
import { analyseAcronyms, unchangedGroups, inlineDefinitions } from './analyse.js';
import { edit, fix, inImplications, rangeOf } from './report.js';

export const acronymUnusedDefinition = defineRule({
  id: 'acronym/unused-definition',
  title: 'Acronym spelt out but never used',
  defaultSeverity: 'info',
  fixable: true,
  needsProfile: false,
  options: z
    .object({
      glossaryEntries: z.boolean().default(false).describe("Also report entries of the report's glossary section that the report never uses."),
      glossaryAcronyms: z
        .boolean()
        .default(false)
        .describe('Also report acronyms the workspace or council glossary knows (DfE, PSED), which readers meet elsewhere in the agenda pack.'),
    })
    .strict(),
  docs: {
    why: 'An acronym coined in brackets and never used again is one more thing for the reader to remember for nothing: write the full name alone. By default only acronyms no glossary knows are reported: pairing a council acronym such as DfE with its name still helps a reader who meets it in the presentation or the other papers of the pack. Implication blocks are left alone: each is a signed statement read on its own.',
    bad: '4.3 The new Quality Inclusion Team (QIT) advises schools on inclusion.',
    good: '4.3 The new Quality Inclusion Team advises schools on inclusion.',
  },
  check(ctx) {
    const { model } = ctx;
    const a = analyseAcronyms(model, ctx.config);
    const unchanged = unchangedGroups(a);
    for (const info of a.acronyms.values()) {
      ctx.keyed(info.id, unchanged, () => {
        if (info.uses.length > 0) return;
        if (!ctx.options.glossaryAcronyms && (info.builtin || info.workspace)) return;
        // Implication blocks are signed statements by other officers, each read on its own:
        // "Public Sector Equality Duty (PSED)" there is house boilerplate.
        const inline = inlineDefinitions(info).filter((x) => !inImplications(model, x.start));
        const d = inline[0];
        if (d) {
          ctx.report({
            message: `"${d.written}" is spelt out but never used: write "${d.plain}" alone.`,
            range: rangeOf(model, d),
            fixes: [fix(`Drop "(${d.short})"`, [edit(model, d.spanStart, d.spanEnd, d.plain)], true)],
          });
        } else if (ctx.options.glossaryEntries) {
          for (const g of info.definitions) {
            ctx.report({ message: `"${g.written}" is in the glossary but the report never uses it.`, range: rangeOf(model, g) });
          }
        }
      });
    }
  },
});
