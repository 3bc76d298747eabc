import { defineRule } from '../rules/define.js';
import { analyseAcronyms, unchangedGroups, groupId } from './analyse.js';
import { edit, fix, lineOf, rangeOf } from './report.js';

export const acronymInconsistentCase = defineRule({
  id: 'acronym/inconsistent-case',
  title: 'Acronym written in a different case',
  defaultSeverity: 'info',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'An acronym should look the same every time: a reader who met "LSCPb" may not recognise "LSCPB", and searching the report for one misses the other. The form is the one the report spells out, else the glossary\'s; the fix is applied on save and by `--fix` only then (when neither gives it, the first spelling in the report is a guess, offered as a quick fix).',
    bad: '1.1 The Leicester Safeguarding Children Partnership Board (LSCPb) ...\n\n4.1 ... the LSCPB budget.',
    good: '1.1 The Leicester Safeguarding Children Partnership Board (LSCPb) ...\n\n4.1 ... the LSCPb budget.',
  },
  check(ctx) {
    const { model } = ctx;
    const a = analyseAcronyms(model, ctx.config);
    const unchanged = unchangedGroups(a);
    for (const info of a.acronyms.values()) {
      ctx.keyed(info.id, unchanged, () => {
        const def = info.definitions[0];
        const ref =
          def?.key ?? info.workspace?.key ?? (info.builtin && groupId(info.builtin.key) === info.id ? info.builtin.key : undefined) ?? info.occurrences[0]?.key;
        if (!ref) return;
        const where = def ? `"${def.key}", as spelt out at line ${lineOf(model, def.start)}` : info.workspace ? `"${ref}" in the workspace glossary` : info.builtin ? `"${ref}" in the council glossary` : `"${ref}" elsewhere in the report`;
        // The form is certain when the report spells the acronym out or a glossary has it;
        // when it is only the first of the report's own spellings, picking it is a guess.
        const certain = def !== undefined || ref === info.workspace?.key || ref === info.builtin?.key;
        for (const o of info.occurrences) {
          if (o.key === ref || o.shouted || o.key.includes('-')) continue;
          const text = ref + (o.plural ? 's' : '');
          ctx.report({
            message: `"${o.written}" is written differently from ${where}.`,
            range: rangeOf(model, o),
            fixes: [fix(`Write "${text}"`, [edit(model, o.start, o.end, text)], certain)],
          });
        }
      });
    }
  },
});
