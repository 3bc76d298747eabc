import { defineRule } from '../rules/define.js';
import { eachSegment, jsSpace, type ProseSegment } from './segments.js';

/**
 * List enumerators that close a bracket they never opened (`a)`, `ii)`, `2)` at the start
 * of a line or after a colon, semicolon, comma, "and" or "or"), and plural markers
 * (`Recommendation(s)`). A letter enumerator before a capital (`to c) Despite`) counts too.
 */
export const ENUMERATOR = /(^[ \t]*|[:;,][ \t]+|\b(?:and|or)[ \t]+)(?:[a-z]|[ivx]{1,4}|\d{1,2})\)(?=[ \t])|(?<=\s)(?:[a-h]|[ivx]{1,4})\)(?=[ \t]+[A-Z])|(?<=\p{L})\((?:s|es|ies)\)/gmu;

const PAIRS: Record<string, string> = { '(': ')', '[': ']', '“': '”' };
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '”': '“' };

/** The characters `unpaired` weighs: a text without any has none unpaired. */
const MARKS = /[()[\]“”"]/;
const MARK = /[()[\]“”"]/g;

/** Whether a character code is a letter `[a-z]` or a figure. */
const lowerOrFigure = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/**
 * Whether a text may hold an `ENUMERATOR`: a ")" closing a short run of small letters or
 * figures (one letter, up to four of "i", "v", "x", up to two figures, or the "es" and
 * "ies" of a plural marker) that starts the text or follows white space or "(". Every
 * match is such a ")"; most closing brackets end an aside of longer words, and the
 * pattern (tried at every character) need not run.
 */
export function mayEnumerate(text: string): boolean {
  for (let at = text.indexOf(')'); at >= 0; at = text.indexOf(')', at + 1)) {
    let i = at;
    while (i > 0 && lowerOrFigure(text.charCodeAt(i - 1))) i--;
    const n = at - i;
    if (n === 0 || n > 4) continue;
    const run = text.slice(i, at);
    if (!(n === 1 || /^(?:[ivx]+|\d\d|es|ies)$/.test(run))) continue;
    if (i === 0 || jsSpace(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === 0x28) return true;
  }
  return false;
}

/** Offsets (in `text`) of brackets and quotes that have no partner, in order. */
export function unpaired(text: string): { at: number; ch: string }[] {
  if (!MARKS.test(text)) return [];
  // Every enumerator ends in ")" after a short run of letters or figures: without one there is none to blank.
  const t = mayEnumerate(text) ? text.replace(ENUMERATOR, (m, lead: string | undefined) => (lead ?? '') + ' '.repeat(m.length - (lead ?? '').length)) : text;
  const out: { at: number; ch: string }[] = [];
  const stack: { at: number; ch: string }[] = [];
  let straight = -1;
  // Only ( ) [ ] " and the curly double quotes matter: the pattern finds them, passing over the rest faster than a loop.
  MARK.lastIndex = 0;
  for (let mark = MARK.exec(t); mark; mark = MARK.exec(t)) {
    const i = mark.index;
    const ch = mark[0];
    if (ch in PAIRS) stack.push({ at: i, ch });
    else if (ch in CLOSERS) {
      const open = CLOSERS[ch]!;
      let k = stack.length - 1;
      while (k >= 0 && stack[k]!.ch !== open) k--;
      if (k < 0) out.push({ at: i, ch });
      else stack.splice(k);
    } else if (ch === '"') {
      // Inches and feet after a figure (12") are not quotes, unless a quote is open: then
      // it closes a title that ends in a number ("Working Together 2023").
      if (straight === -1 && /\d/.test(t[i - 1] ?? '') && !/\w/.test(t[i + 1] ?? '')) continue;
      straight = straight === -1 ? i : -1;
    }
  }
  for (const s of stack) out.push(s);
  if (straight !== -1) out.push({ at: straight, ch: '"' });
  return out.sort((a, b) => a.at - b.at);
}

export const unbalanced = defineRule({
  id: 'prose/unbalanced',
  title: 'Bracket or quotation mark not closed',
  defaultSeverity: 'warning',
  fixable: false,
  needsProfile: false,
  docs: {
    why: 'A bracket or quotation mark opened and never closed (or closed and never opened) in a paragraph leaves the reader unsure where an aside or a quotation ends; it is usually a sign of an edit half made. List markers such as "a)" and apostrophes are not counted.',
    bad: '3.6 The board (chaired by the Director will meet quarterly to review "the plan.',
    good: '3.6 The board (chaired by the Director) will meet quarterly to review "the plan".',
  },
  check(ctx) {
    const { model } = ctx;
    eachSegment(ctx, check);
    function check(seg: ProseSegment): void {
      if (seg.kind === 'table') return;
      for (const u of unpaired(seg.text)) {
        const closing = u.ch in CLOSERS;
        ctx.report({
          message: closing ? `"${u.ch}" closes a bracket or quotation that was never opened in this paragraph.` : `"${u.ch}" is never closed in this paragraph.`,
          range: model.index.range(seg.start + u.at, seg.start + u.at + 1),
        });
      }
    }
  },
});
