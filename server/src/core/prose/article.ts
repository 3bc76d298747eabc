import { defineRule } from '../rules/define.js';
import { replaceFix } from '../rules/util.js';
import { eachSegment, type ProseSegment } from './segments.js';
import { soundIsGuess, vowelSound } from './sound.js';
import { stripEnd } from '../text.js';

/** Latin and French phrases that keep "a" ("a priori", "a la carte"). */
const FIXED = new Set(['priori', 'posteriori', 'fortiori', 'la', 'propos']);

/**
 * Words after a letter that show it is a name, not an article ("A and B", "a to c"), in
 * small letters: as `/^(?:and|...)$/i` tells them (a capital that lowers to one of these
 * letters is an ASCII capital, or the Kelvin sign, which lowers to a "k" none of them has).
 */
const NOT_A_NOUN = new Set(['and', 'or', 'to', 'of', 'in', 'is', 'are', 'was', 'on', 'at', 'as', 'if', 'up']);

/** An article and the token after it (a word, a number, an acronym). */
const ARTICLE = /(?<![\p{L}\p{N}'’&/-])(a|an|A|An|AN)[ \t]+(?:\r?\n[ \t]*)?([“"‘(]?[\p{L}\p{N}][\p{L}\p{N}&%'’.,/-]*)/gu;

export const article = defineRule({
  id: 'prose/article',
  title: '"a" where "an" is needed, or the reverse',
  defaultSeverity: 'warning',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'The article goes by the sound of the next word, not its first letter: "an hour", "an honour", "an 8% rise", "an 11-year-old", "an HMO" (letters), but "a one-off", "a European", "a UK-wide", "a unique". Getting it wrong reads as a slip. The fix swaps the article; before a short acronym the council\'s list does not know and that could be said as a word ("SEN", "LAC"), the reading is a guess, so the fix is offered but not applied on save or by `--fix`.',
    bad: '3.4 This is a 8% rise on last year, and an unique opportunity to open a HMO register.',
    good: '3.4 This is an 8% rise on last year, and a unique opportunity to open an HMO register.',
  },
  check(ctx) {
    const { model } = ctx;
    eachSegment(ctx, check);
    function check(seg: ProseSegment): void {
      if (seg.shouted || seg.kind === 'table') return;
      ARTICLE.lastIndex = 0;
      for (let m = ARTICLE.exec(seg.text); m; m = ARTICLE.exec(seg.text)) {
        const art = m[1]!;
        const next = stripEnd(m[2]!, /[.,]/);
        ARTICLE.lastIndex = m.index + art.length;
        // A capital "A" mid-sentence is a letter ("Appendix A", "grade A"), not an article.
        if (art === 'A' || art === 'AN') {
          const before = seg.text.slice(0, m.index).trimEnd();
          if (before && !/[.!?:;"“(]$/.test(before)) continue;
        }
        // "A and B", "a)": letters as names, not articles.
        // The phrases are in lower case: "a LA school" is the acronym (a local authority).
        const lower = next.toLowerCase();
        if (NOT_A_NOUN.has(lower) || (FIXED.has(lower) && next !== next.toUpperCase())) continue;
        if (art.toLowerCase() === 'a' && /^[\p{L}]$/u.test(next)) continue;
        const vowel = vowelSound(next);
        if (vowel === undefined) continue;
        const isAn = art.toLowerCase() === 'an';
        if (vowel === isAn) continue;
        const want = vowel ? (art === 'A' ? 'An' : art === 'AN' ? 'AN' : 'an') : art === 'An' || art === 'AN' ? 'A' : 'a';
        const start = seg.start + m.index;
        const range = model.index.range(start, start + art.length);
        ctx.report({
          message: `Use "${want}" before "${next}" (it is read with a ${vowel ? 'vowel' : 'consonant'} sound).`,
          range,
          // A short acronym that may be said as a word ("a SEN plan"): offered, not applied on save.
          fixes: [replaceFix(`Change "${art}" to "${want}"`, range, want, !soundIsGuess(next))],
        });
      }
    }
  },
});
