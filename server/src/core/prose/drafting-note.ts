import { defineRule } from '../rules/define.js';
import { eachSegment, type ProseSegment } from './segments.js';

/** Notes to a colleague that are drafting notes wherever they stand. */
export const ANYWHERE = /(?<![\p{L}\p{N}])(?:DN|TODO|FIXME|NTS)(?:[ \t]*[:–-]|(?=[ \t]+[a-z]))|\bnote (?:to|for) (?:self|the author|author|editor|the editor|reviewers?|colleagues?)\b|\?{2,}/giu;
/** In brackets: "(figures to be confirmed)", "[check with finance]". */
const BRACKETED = /[([]([^()[\]\n]{0,120}?\b(?:to be (?:checked|confirmed|verified|updated|inserted|added|agreed|finalised|completed)|check (?:with|figures|this|wording|the)|figures? to follow|to follow|awaiting|update (?:before|when|with|once)|needs? (?:checking|updating|confirming|to be)|delete (?:as appropriate|this))\b[^()[\]\n]{0,120})[)\]]/gi;

/**
 * Whether a text may hold a note of ANYWHERE that is reported: a short note in capitals
 * (one read in any case is reported only when its letters are the capitals, or a long
 * "s" that only `/iu` reads as "s"), the start of a phrase in ANYWHERE's case folding, or
 * two question marks. Most paragraphs have none, and ANYWHERE (tried at every letter)
 * need not run.
 */
const NOTE_MARKS = /DN|TODO|FIXME|NTS|\u017f|\?\?/;
const NOTE_PHRASE = /note (?:to|for) /iu;
export function mayHoldNote(text: string): boolean {
  return NOTE_MARKS.test(text) || NOTE_PHRASE.test(text);
}

export const draftingNote = defineRule({
  id: 'prose/drafting-note',
  title: 'Drafting note left in the report',
  defaultSeverity: 'error',
  fixable: false,
  needsProfile: false,
  docs: {
    why: 'A note to a colleague ("DN: update", "Note to self: check", "(figures to be confirmed)", "[check with finance]") tells the reader the report is not finished, and may say what was not meant for publication. Settle the point and take the note out before the report goes to the clerk.',
    bad: '3.1 Demand rose by 12% (figures to be confirmed). DN: add the Q4 data.',
    good: '3.1 Demand rose by 12% in the year to March 2026.',
  },
  check(ctx) {
    const { model } = ctx;
    eachSegment(ctx, check);
    function check(seg: ProseSegment): void {
      const spans: [number, number][] = [];
      ANYWHERE.lastIndex = 0;
      for (let m = mayHoldNote(seg.text) ? ANYWHERE.exec(seg.text) : null; m; m = ANYWHERE.exec(seg.text)) {
        // Case matters for the short notes ("dn" is not one); the phrases are any case.
        if (/^(?:dn|todo|fixme|nts)/i.test(m[0]) && !/^(?:DN|TODO|FIXME|NTS)/.test(m[0])) continue;
        spans.push([m.index, m.index + m[0].length]);
      }
      BRACKETED.lastIndex = 0;
      // A bracketed note needs a bracket.
      for (let m = seg.text.includes('(') || seg.text.includes('[') ? BRACKETED.exec(seg.text) : null; m; m = BRACKETED.exec(seg.text)) {
        if (!spans.some(([a, b]) => m!.index < b && m!.index + m![0].length > a)) spans.push([m.index, m.index + m[0].length]);
      }
      for (const [a, b] of spans) {
        ctx.report({
          message: `Drafting note "${seg.text.slice(a, b).trim()}" left in the report; settle the point and take the note out.`,
          range: model.index.range(seg.start + a, seg.start + b),
        });
      }
    }
  },
});
