import { defineRule } from '../rules/define.js';
import { analyseNumbering, firstLineRange, type NumEntry } from './numbering-model.js';
import type { Section } from '../model.js';

/** Section kinds that are lists, not numbered paragraphs. */
const LIST_KINDS = new Set(['papers', 'contact', 'appendices', 'glossary']);

export const numberingUnnumbered = defineRule({
  id: 'numbering/unnumbered',
  title: 'Unnumbered paragraph in a County report',
  defaultSeverity: 'info',
  fixable: false,
  docs: {
    why: 'County reports number every paragraph of the body 1..N, including the one-line answers under Circulation, Equalities and Human Rights; only headings, Background Papers and Officer to Contact are unnumbered. A paragraph without a number usually lost it when text was pasted, or is a continuation that should be indented under the paragraph above.',
    bad: '34. The Committee is asked to note the report.\n\n## Circulation under the Local Issues Alert Procedure\n\nNone.',
    good: '34. The Committee is asked to note the report.\n\n## Circulation under the Local Issues Alert Procedure\n\n35. None.',
  },
  check(ctx) {
    const { model, profile, match } = ctx;
    if (!profile || profile.numbering !== 'continuous') return;
    const a = analyseNumbering(model, profile, match);
    if (a.entries.length === 0) return;
    const kindOf = (s: Section): string | undefined => {
      for (let t: Section | undefined = s; t; t = t.parent) {
        const k = match?.bySection.get(t)?.spec.kind;
        if (k) return k;
      }
      return undefined;
    };
    let i = 0;
    let previous: NumEntry | undefined;
    for (const s of model.allSections) {
      if (s.start >= model.appendixStart || s.inAppendix) break;
      const skip = s.level < 2 || LIST_KINDS.has(kindOf(s) ?? '');
      for (const b of s.blocks) {
        while (i < a.entries.length && a.entries[i]!.block.start <= b.start) previous = a.entries[i++];
        if (skip || b.number || b.kind !== 'paragraph') continue;
        const text = b.source.trim();
        // Images, and bold lines standing in for headings, are not paragraphs of text.
        if (/^!\[/.test(text) || /^(\*\*|__)[^*_\n]+(\*\*|__):?$/.test(text)) continue;
        const after = previous ? ` (the previous numbered paragraph is ${previous.num.value})` : '';
        ctx.report({
          message: `This paragraph has no number; County reports number every body paragraph 1..N${after}.`,
          range: firstLineRange(model, b),
        });
      }
    }
  },
});
