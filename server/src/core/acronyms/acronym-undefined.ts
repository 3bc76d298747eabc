import { z } from 'zod';
import { defineRule } from '../rules/define.js';
import { analyseAcronyms, unchangedGroups, firstCovering, exempt, expansionFor, knownExpansions, untiedPhrase } from './analyse.js';
import { edit, enclosure, enclosureNote, fix, lineOf, rangeOf, related, snippetEscape } from './report.js';
import { sameExpansion } from './expansion.js';
import type { Fix, RelatedLocation } from '../types.js';

export const acronymUndefined = defineRule({
  id: 'acronym/undefined',
  title: 'Acronym never spelt out',
  defaultSeverity: 'warning',
  fixable: true,
  needsProfile: false,
  options: z
    .object({
      headings: z.boolean().default(true).describe('Count acronyms used only in headings (the title included).'),
    })
    .strict(),
  docs: {
    why: 'Committee papers are read by councillors and the public, not only by officers who know the jargon. The house rule is to write the full name at the first use, `Full Name (ACR)`, unless the acronym is in the workspace glossary or is common knowledge (UK, NHS). An acronym that is never spelt out leaves a reader guessing; the council glossary usually knows what it stands for.',
    bad: '1.2 The FFP programme will be delivered with the DfE and local partners.',
    good: '1.2 The Families First Partnership (FFP) programme will be delivered with the Department for Education (DfE) and local partners.',
  },
  check(ctx) {
    const { model } = ctx;
    const a = analyseAcronyms(model, ctx.config);
    const unchanged = unchangedGroups(a);
    for (const info of a.acronyms.values()) {
      ctx.keyed(info.id, unchanged, () => {
        if (exempt(info)) return;
        const covered = new Map<number, boolean>();
        const isCovered = (scope: number): boolean => {
          let c = covered.get(scope);
          if (c === undefined) covered.set(scope, (c = firstCovering(info, scope) !== undefined));
          return c;
        };
        const uses = info.uses.filter((u) => !isCovered(u.scope) && (ctx.options.headings || !u.heading));
        if (uses.length === 0) return;
        // Report at the first use in the text (not a heading, not inside another name) when there is one.
        const target = uses.find((u) => !u.heading && !u.inExpansion) ?? uses[0]!;
        const notes: string[] = [];
        const rel: RelatedLocation[] = [];
        const elsewhere = info.definitions.find((d) => d.scope !== target.scope);
        if (elsewhere) {
          notes.push(`it is spelt out only in an appendix (line ${lineOf(model, elsewhere.start)})`);
          rel.push(related(model, elsewhere, `${info.form} is spelt out here, in an appendix`));
        }
        const fixes: Fix[] = [];
        // Already enclosed (in brackets after other words, in a bracket, in a quotation):
        // spelling it out in place would nest one name in another, so no fix; the message says why.
        const enc = enclosure(model, target);
        if (enc) notes.push(enclosureNote(enc, target.written));
        const phrase = untiedPhrase(a, info, target);
        if (phrase) {
          notes.push(`"${phrase.text}" (line ${lineOf(model, phrase.start)}) is not tied to it`);
          rel.push({ range: model.index.range(phrase.start, phrase.end), message: `"${phrase.text}" is written here without the acronym` });
          // The glossary's spelling when it is the same name.
          const known = knownExpansions(info).find((k) => sameExpansion(k.expansion, phrase.text, true));
          const text = `${expansionFor(info, known?.expansion ?? phrase.text, target.plural)} (${target.written})`;
          fixes.push(fix(`Spell out as "${text}"`, [edit(model, target.start, target.end, text)], false));
        }
        for (const k of knownExpansions(info)) {
          const text = `${expansionFor(info, k.expansion, target.plural)} (${target.written})`;
          if (fixes.some((f) => f.edits[0]!.newText === text)) continue;
          fixes.push(fix(`Spell out as "${text}" (${k.source === 'workspace' ? 'workspace' : 'council'} glossary)`, [edit(model, target.start, target.end, text)], false));
        }
        if (enc) fixes.length = 0;
        else if (fixes.length === 0) {
          fixes.push(fix(`Spell out ${target.written} here`, [edit(model, target.start, target.end, `\${1:Full name} (${snippetEscape(target.written)})`)], false, true));
        }
        const finding: Parameters<typeof ctx.report>[0] = {
          message: `"${target.written}" is never spelt out${notes.length ? `: ${notes.join('; ')}` : ''}. Write the full name at its first use, "Full Name (${target.written})", or add it to the workspace glossary.`,
          range: rangeOf(model, target),
          fixes,
        };
        if (rel.length) finding.related = rel;
        ctx.report(finding);
      });
    }
  },
});
