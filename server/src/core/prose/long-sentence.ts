import { z } from 'zod';
import { defineRule } from '../rules/define.js';
import { eachSegment, sentencesOf, type ProseSegment } from './segments.js';

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const WORD_PART = /['’.,%-]/;

/**
 * The words of `text[start, end)` as `/[\p{L}\p{N}][\p{L}\p{N}'’.,%-]*\/gu` counts them (the
 * runs of letters, figures and those marks that hold a letter or figure), counted in
 * one pass with character tests instead of an array of every word.
 */
export function countWords(text: string, start: number, end: number): number {
  let count = 0;
  // Whether the run of word characters at i has been counted.
  let counted = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    let core: boolean;
    let part: boolean;
    if (c < 128) {
      core = (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
      part = core || c === 39 || c === 46 || c === 44 || c === 37 || c === 45;
    } else {
      let cp = text.codePointAt(i)!;
      // A pair cut by the end is a lone half, as in the slice.
      if (cp > 0xffff && i + 1 >= end) cp = c;
      const ch = String.fromCodePoint(cp);
      if (cp > 0xffff) i++;
      core = LETTER_OR_DIGIT.test(ch);
      part = core || WORD_PART.test(ch);
    }
    if (!part) {
      counted = false;
      continue;
    }
    if (core && !counted) {
      count++;
      counted = true;
    }
  }
  return count;
}

/** Work counted for tests: sentences whose words were counted. */
export const longSentenceWork = { counted: 0 };

export const longSentence = defineRule({
  id: 'prose/long-sentence',
  title: 'Long sentence',
  defaultSeverity: 'info',
  fixable: false,
  needsProfile: false,
  options: z
    .object({
      maxWords: z.number().int().min(10).default(40).describe('Sentences with more words than this are reported.'),
    })
    .strict(),
  docs: {
    why: 'Reports are read by councillors and the public. Plain English guidance keeps sentences to 15-20 words on average; one of more than 40 words is hard to follow on first reading and is usually two or three sentences.',
    bad: '3.1 The service, which was established in 2019 following a review of early help provision across the city that found gaps in support for families with children under five, will now be extended to cover families with children of all ages, subject to the outcome of the consultation that will run until the end of March.',
    good: '3.1 The service began in 2019, after a review found gaps in support for families with children under five. It will now be extended to families with children of all ages, subject to the consultation, which runs until the end of March.',
  },
  check(ctx) {
    const { model } = ctx;
    const max = ctx.options.maxWords;
    eachSegment(ctx, check);
    function check(seg: ProseSegment): void {
      if (seg.kind === 'table' || seg.kind === 'heading') return;
      // More than `max` words take at least 2 * max + 1 characters (a word is a letter or
      // figure and the next one is after a space or mark): a shorter paragraph or sentence
      // has no more.
      if (seg.text.length <= 2 * max) return;
      for (const s of sentencesOf(seg.text, seg.block?.source ?? model.text.slice(seg.start, seg.end))) {
        if (s.end - s.start <= 2 * max) continue;
        longSentenceWork.counted++;
        const words = countWords(seg.text, s.start, s.end);
        if (words <= max) continue;
        let a = s.start;
        while (a < s.end && /\s/.test(seg.text[a]!)) a++;
        let b = s.end;
        while (b > a && /\s/.test(seg.text[b - 1]!)) b--;
        ctx.report({
          message: `Sentence of ${words} words (more than ${max}); consider splitting it.`,
          range: model.index.range(seg.start + a, seg.start + b),
        });
      }
    }
  },
});
