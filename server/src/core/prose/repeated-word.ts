import { defineRule } from '../rules/define.js';
import { replaceFix } from '../rules/util.js';
import { eachSegment, type ProseSegment } from './segments.js';

/** Doubles that English allows ("had had", "that that", "bye bye"). */
const LEGITIMATE = new Set(['had', 'that', 'bye', 'so', 'very', 'no', 'ha', 'tut', 'chop', 'pom', 'can', 'dum']);

/**
 * Doubles English allows only after a clause that opens with "what" or "all" and ends on
 * the first of them ("what it is is a plan", "all they did did help"); elsewhere ("it is
 * is clear") they are slips.
 */
const AFTER_WHAT = new Set(['is', 'do', 'did', 'does', 'was']);
/** "what", "whatever" or "all" among the four words before `at`. */
const WHAT_BEFORE = /(?:^|[^\p{L}])(?:what|whatever|all)(?:[^\p{L}]+\p{L}+){0,3}[^\p{L}]*$/iu;

/** The same word twice, separated only by spaces or one line break. */
export const REPEAT = /(?<![\p{L}\p{N}'’-])(\p{L}+)([ \t]+(?:\r?\n[ \t]*)?|\r?\n[ \t]*)(\1)(?![\p{L}\p{N}'’-])/giu;

const LETTER = /\p{L}/u;

/**
 * Whether a text may hold a repeated word: two runs of letters one after the other with
 * only white space between, the same in ASCII letters whatever their case (or either
 * with other letters, left to `REPEAT` to decide). One pass over the text with character
 * tests: most paragraphs have none, and `REPEAT` (a back-reference tried at every letter)
 * then need not run. Every match of `REPEAT` is such a pair.
 */
export function mayRepeat(text: string): boolean {
  const n = text.length;
  let prevStart = -1;
  let prevEnd = -1;
  let prevOther = false;
  let spaceSince = true;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const ascii = ((c | 32) - 97) >>> 0 < 26;
    let size = 1;
    if (!ascii) {
      if (c < 128) {
        if (c !== 32 && c !== 9 && c !== 10 && c !== 13) spaceSince = false;
        i++;
        continue;
      }
      const cp = text.codePointAt(i)!;
      size = cp > 0xffff ? 2 : 1;
      if (!LETTER.test(String.fromCodePoint(cp))) {
        spaceSince = false;
        i += size;
        continue;
      }
    }
    // A run of letters from i.
    const start = i;
    let other = !ascii;
    i += size;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (((d | 32) - 97) >>> 0 < 26) {
        i++;
        continue;
      }
      if (d < 128) break;
      const cp = text.codePointAt(i)!;
      if (!LETTER.test(String.fromCodePoint(cp))) break;
      other = true;
      i += cp > 0xffff ? 2 : 1;
    }
    if (prevEnd >= 0 && spaceSince && (other || prevOther || sameAscii(text, prevStart, prevEnd, start, i))) return true;
    prevStart = start;
    prevEnd = i;
    prevOther = other;
    spaceSince = true;
  }
  return false;
}

/** Whether two runs of ASCII letters are the same word in any case. */
function sameAscii(text: string, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (let k = 0; k < aEnd - a; k++) if ((text.charCodeAt(a + k) | 32) !== (text.charCodeAt(b + k) | 32)) return false;
  return true;
}

export const repeatedWord = defineRule({
  id: 'prose/repeated-word',
  title: 'The same word twice in a row',
  defaultSeverity: 'error',
  fixable: true,
  needsProfile: false,
  docs: {
    why: '"and and" or "the the", often across a line break where the eye misses it, is the commonest slip a clerk sends back. Doubles that English allows ("had had", "that that") are left alone. The fix deletes the second word.',
    bad: '3.2 The service will work with schools and and families.',
    good: '3.2 The service will work with schools and families.',
  },
  check(ctx) {
    const { model } = ctx;
    eachSegment(ctx, check);
    function check(seg: ProseSegment): void {
      if (seg.kind === 'table' || !mayRepeat(seg.text)) return;
      REPEAT.lastIndex = 0;
      for (let m = REPEAT.exec(seg.text); m; m = REPEAT.exec(seg.text)) {
        const w = m[1]!;
        const lower = w.toLowerCase();
        if (LEGITIMATE.has(lower)) continue;
        // At most 80 characters back: a bounded look, whatever the paragraph's length.
        if (AFTER_WHAT.has(lower) && WHAT_BEFORE.test(seg.text.slice(Math.max(0, m.index - 80), m.index))) continue;
        // Not the same case pattern beyond the first letter (a name after a word): "Will will".
        if (w.slice(1) !== m[3]!.slice(1)) continue;
        if (w !== m[3] && w[0] === w[0]!.toUpperCase() && m[3]![0] === m[3]![0]!.toUpperCase()) continue;
        const second = seg.start + m.index + w.length + m[2]!.length;
        const to = seg.start + m.index + m[0].length;
        // The second word and the space before it, as written (markup around the first stays).
        let from = second;
        while (from > 0 && /[ \t\r\n]/.test(model.text[from - 1]!)) from--;
        const range = model.index.range(second, to);
        ctx.report({
          message: `"${w}" is repeated.`,
          range,
          fixes: [replaceFix(`Delete the second "${m[3]}"`, model.index.range(from, to), '')],
        });
        REPEAT.lastIndex = m.index + w.length;
      }
    }
  },
});
