import { defineRule } from '../rules/define.js';
import { replaceFix } from '../rules/util.js';
import { eachSegment, type ProseSegment } from './segments.js';

/** Doubles that English allows ("had had", "that that", "is is" in "what it is is"). */
const LEGITIMATE = new Set(['had', 'that', 'is', 'do', 'did', 'bye', 'so', 'very', 'no', 'ha', 'tut', 'chop', 'pom', 'can', 'dum']);

/** The same word twice, separated only by spaces or one line break. */
const REPEAT = /(?<![\p{L}\p{N}'’-])(\p{L}+)([ \t]+(?:\r?\n[ \t]*)?|\r?\n[ \t]*)(\1)(?![\p{L}\p{N}'’-])/giu;

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
      if (seg.kind === 'table') return;
      REPEAT.lastIndex = 0;
      for (let m = REPEAT.exec(seg.text); m; m = REPEAT.exec(seg.text)) {
        const w = m[1]!;
        if (LEGITIMATE.has(w.toLowerCase())) continue;
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
