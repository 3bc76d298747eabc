import { defineRule } from '../rules/define.js';
import { listAfter, perSegment, segmentsWith, unitIndexOf } from './follows.js';
import { jsSpace } from './segments.js';

const NUMBERS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
const N = '(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[2-9]|1[0-2])';
/** "the following four priorities:", "five aims identified below", "three options:". */
export const LEAD_IN = new RegExp(
  `\\b(?:the following|these|following)\\s+${N}\\s+((?:[a-z-]+\\s+){0,2}[a-z-]+s)\\b|\\b${N}\\s+((?:[a-z-]+\\s+){0,2}[a-z-]+s)\\s+(?:(?:are|is|were)\\s+)?(?:identified\\s+|set out\\s+|listed\\s+|outlined\\s+|described\\s+|shown\\s+)?(?:below|as follows)\\b|\\b${N}\\s+((?:[a-z-]+\\s+){0,2}[a-z-]+s)\\s*(?:\\([^)]{0,40}\\)\\s*)?:\\s*$`,
  'gi',
);

/** Words one of LEAD_IN's three forms needs ("the following", "these"; "below", "as follows"), in its case folding. */
const LEAD_IN_WORDS = /following|these|below|as follows/i;

/**
 * Whether a text may hold a LEAD_IN: one of its words, or a colon ending the text (the
 * third form's). Most paragraphs have neither, and LEAD_IN need not run.
 */
export function mayLeadIn(text: string): boolean {
  let end = text.length;
  while (end > 0 && jsSpace(text.charCodeAt(end - 1))) end--;
  return (end > 0 && text.charCodeAt(end - 1) === 0x3a) || LEAD_IN_WORDS.test(text);
}

const candidate = perSegment((seg) => {
  if (seg.kind !== 'paragraph' && seg.kind !== 'item') return undefined;
  if (!mayLeadIn(seg.text)) return undefined;
  LEAD_IN.lastIndex = 0;
  let found: { start: number; end: number; count: number; noun: string; colon: boolean } | undefined;
  for (let m = LEAD_IN.exec(seg.text); m; m = LEAD_IN.exec(seg.text)) {
    const word = (m[1] ?? m[3] ?? m[5])!.toLowerCase();
    const noun = (m[2] ?? m[4] ?? m[6])!;
    found = { start: m.index, end: m.index + m[0].trimEnd().replace(/:$/, '').length, count: NUMBERS[word] ?? Number(word), noun, colon: m[5] !== undefined || /:\s*$/.test(seg.text) };
  }
  return found;
});

/** Key of the list of segments with a candidate (see `segmentsWith`). */
const LEAD_INS = {};

export const statedCount = defineRule({
  id: 'prose/stated-count',
  title: 'Stated count differs from the list',
  defaultSeverity: 'warning',
  fixable: false,
  needsProfile: false,
  docs: {
    why: '"The following four priorities:" followed by five, or "five aims identified below" and a list of six, is a slip the reader notices at once: an item was added or dropped and the lead-in not changed. It makes the reader wonder which is right.',
    bad: '2.1 The plan has the following three priorities:\n\n- Early help\n- School readiness\n- Safe homes\n- Work and skills',
    good: '2.1 The plan has the following four priorities:\n\n- Early help\n- School readiness\n- Safe homes\n- Work and skills',
  },
  check(ctx) {
    // Cheap per edit: the segments with a lead-in are a list kept across edits (each segment's lead-in kept with it); the list after it is counted only for the few lead-ins.
    const { model } = ctx;
    for (const seg of segmentsWith(model, LEAD_INS, candidate)) {
      const c = candidate(seg)!;
      const list = listAfter(model, unitIndexOf(model, seg), c.colon ? 1 : 2);
      if (!list || list.items === c.count || list.items < 2) continue;
      ctx.report({
        message: `"${seg.text.slice(c.start, c.end)}" says ${c.count} ${c.noun}, but the list that follows has ${list.items} items.`,
        range: model.index.range(seg.start + c.start, seg.start + c.end),
        related: [{ range: model.index.range(list.unit.start, list.unit.end), message: `The list: ${list.items} items` }],
      });
    }
  },
});
