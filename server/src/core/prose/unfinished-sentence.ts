import { defineRule } from '../rules/define.js';
import { listAfter, perSegment, segmentsWith, unitIndexOf } from './follows.js';

/** Words a sentence cannot end on. */
const CANNOT_END = new Set(
  'the a an and or but nor that which who whom whose to of for with by from in into on onto at as than if whether because although though while whilst when where such this these those their its our your my his her is are was were be been being has have had will would shall should can could may might must also very including include includes e.g i.e'.split(
    ' ',
  ),
);

/** Where a paragraph ends on a word that cannot end a sentence, without a full stop: the word's relative offsets. */
const candidate = perSegment((seg) => {
  if (seg.kind !== 'paragraph' && seg.kind !== 'item' && seg.kind !== 'quote') return undefined;
  const t = seg.text;
  let end = t.length;
  while (end > 0 && /\s/.test(t[end - 1]!)) end--;
  let start = end;
  while (start > 0 && /[\p{L}.]/u.test(t[start - 1]!)) start--;
  const word = t.slice(start, end);
  if (!word || !CANNOT_END.has(word.toLowerCase())) return undefined;
  // The paragraph goes on past the word in what the prose text blanks (a web address,
  // code, a link): "... and https://www.gov.uk/send." is finished. Comments do not count.
  const source = seg.block?.source;
  if (source !== undefined && !onlyComments(source.slice(end))) return undefined;
  // "...; and" / ", or" closing a list item is how legal lists are written.
  const before = t.slice(Math.max(0, start - 3), start);
  if (/[;,]\s*$/.test(before)) return undefined;
  // A whole short line (a label such as "The" alone) is not a sentence.
  if (t.slice(0, start).trim().split(/\s+/).length < 3) return undefined;
  return { start, end, word };
});

/** Whether a text is only white space and HTML comments (scanned once, left to right). */
function onlyComments(text: string): boolean {
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) i++;
    else if (text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close === -1) return true;
      i = close + 3;
    } else return false;
  }
  return true;
}

/** Key of the list of segments with a candidate (see `segmentsWith`). */
const UNFINISHED = {};

export const unfinishedSentence = defineRule({
  id: 'prose/unfinished-sentence',
  title: 'Sentence stops mid-way',
  defaultSeverity: 'warning',
  fixable: false,
  needsProfile: false,
  docs: {
    why: 'A paragraph that ends on "the", "that", "and" or "to" with no full stop was cut off in editing: the rest of the sentence, often the point of it, is missing. A paragraph that leads into a list ("The aims are to" followed by the list) is fine.',
    bad: '3.3 The pilot showed that families were more likely to engage, which means that\n\n3.4 The next phase starts in April.',
    good: '3.3 The pilot showed that families were more likely to engage, which means that fewer cases escalate.\n\n3.4 The next phase starts in April.',
  },
  check(ctx) {
    // Cheap per edit: the segments with a candidate are a list kept across edits (each segment's candidate kept with it); what follows it is looked up only for the few candidates.
    const { model } = ctx;
    for (const seg of segmentsWith(model, UNFINISHED, candidate)) {
      const c = candidate(seg)!;
      if (seg.kind === 'paragraph' && listAfter(model, unitIndexOf(model, seg), 1)) continue;
      ctx.report({
        message: `The paragraph stops on "${c.word}" with no full stop: the sentence is unfinished.`,
        range: model.index.range(seg.start + c.start, seg.start + c.end),
      });
    }
  },
});
