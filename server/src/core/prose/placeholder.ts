import { defineRule } from '../rules/define.js';
import { PLACEHOLDER as TEMPLATE_PLACEHOLDER } from '../structure/structure-template-prompt.js';
import { eachSegment, type ProseSegment } from './segments.js';

/** Two X in a row: every match of the pattern for X standing for a figure without a pound sign has them. */
const TWO_X = /[Xx]{2}/;
const LOREM = /lorem ipsum/i;

/**
 * Placeholders: Word content-control prompts, runs of X standing for a figure or a date,
 * `[insert ...]`, TBC/TBA, Lorem ipsum and the snippets' own placeholder text. `may` is a
 * cheap test of what every match holds (a mark or a word), so that a pattern need not
 * scan a paragraph it cannot match; `raw` patterns read the source as written.
 */
export const PATTERNS: { re: RegExp; what: string; raw?: boolean; may?: (text: string) => boolean }[] = [
  { re: /\b(?:Click or tap (?:here )?to enter (?:text|a date)|Click here to enter (?:text|a date)|Choose an item)\.?/gi, what: 'a Word prompt' },
  {
    re: /£\s?[Xx]+(?:[.,][Xx]+)*(?:\s?(?:k|m|bn|million|billion)\b)?|\b[Xx]{2,}(?:[.,][Xx]+)*\s?%|\b[Xx]{1,2}\/[Xx]{1,2}\/[Xx]{2,4}\b|\b(?:19|20)[Xx]{2}\b|(?<![\p{L}\p{N}-])X{2,}(?![\p{L}\p{N}-])/gu,
    what: 'X standing for a figure',
    may: (t) => t.includes('£') || TWO_X.test(t),
  },
  { re: /\[(?:insert|add|enter|include|name|date|tbc|tba|tbd|todo|details?|x+|\?+)\b[^\]\n]{0,80}\]/gi, what: 'a bracketed prompt', may: (t) => t.includes('[') },
  { re: /<<[^>\n]{1,80}>>|<(?:insert|add|enter)\b[^>\n]{0,80}>/gi, what: 'a bracketed prompt', raw: true, may: (t) => t.includes('<') },
  { re: /(?<![\p{L}\p{N}/-])(?:TBC|TBA|TBD|tbc|tba)(?![\p{L}\p{N}/-])/gu, what: 'TBC' },
  { re: /\blorem ipsum\b/gi, what: 'Lorem ipsum', may: (t) => LOREM.test(t) },
  { re: /\bfirst\.last@|\b0116 (?:454|305) 0000\b/g, what: "the snippet's placeholder", raw: true, may: (t) => t.includes('first.last@') || t.includes('0116 ') },
];

/** Whole lines the snippets fill in ("Report title", "Full name"). */
export const SNIPPET_LINE = /^[ \t]*(?:Report title|Full name|Name, Role|Role)[ \t]*$/gm;
/** Whether a text may hold a `SNIPPET_LINE` (each of its words holds one of these). */
export const maySnippetLine = (t: string): boolean => t.includes('Role') || t.includes('Report title') || t.includes('Full name');

/** Work counted for tests: patterns run over a segment, and passed over by their first test. */
export const placeholderWork = { scanned: 0, skipped: 0 };

/** Where a `Dated:` value is not a date the sign-off rule says so; not reported twice. */
function inDatedValue(seg: ProseSegment, offset: number): boolean {
  for (const l of seg.block?.signLines ?? []) if (/^dated?$/i.test(l.label) && offset >= l.valueStart && offset < l.valueEnd) return true;
  return false;
}

export const placeholder = defineRule({
  id: 'prose/placeholder',
  title: 'Placeholder left in the report',
  defaultSeverity: 'error',
  fixable: false,
  needsProfile: false,
  docs: {
    why: 'A report holding "Click or tap here to enter text.", "£XXk", "[insert date]", "TBC" or "Lorem ipsum" is not finished: the reader meets a gap where a fact should be. Fill in the fact (or say plainly that it is not yet known and when it will be). A `Dated:` line that reads "TBC" is reported by the sign-off rules instead.',
    bad: '4.1 The cost of the pilot is £XXk, starting on [insert date]. Venue: TBC.',
    good: '4.1 The cost of the pilot is £45k, starting on 1 April 2026. Venue: City Hall.',
  },
  check(ctx) {
    const { model } = ctx;
    const templateReports = ctx.profile !== undefined;
    // What the segment being checked has reported: a place is reported once.
    const seen: number[] = [];
    let seg: ProseSegment;
    eachSegment(ctx, check);
    function check(s: ProseSegment): void {
      seg = s;
      seen.length = 0;
      let raw: string | undefined;
      for (const p of PATTERNS) {
        const on = p.raw ? (raw ??= model.text.slice(s.start, s.end)) : s.text;
        if (p.may && !p.may(on)) {
          placeholderWork.skipped++;
          continue;
        }
        placeholderWork.scanned++;
        p.re.lastIndex = 0;
        for (let m = p.re.exec(on); m; m = p.re.exec(on)) found(m.index, m.index + m[0].length, p.what);
      }
      if (!maySnippetLine(s.text)) return;
      SNIPPET_LINE.lastIndex = 0;
      for (let m = SNIPPET_LINE.exec(s.text); m; m = SNIPPET_LINE.exec(s.text)) {
        const lead = m[0].length - m[0].trimStart().length;
        found(m.index + lead, m.index + m[0].trimEnd().length, "the snippet's placeholder");
      }
    }
    function found(start: number, end: number, what: string): void {
      for (let i = 0; i < seen.length; i += 2) if (start < seen[i + 1]! && end > seen[i]!) return;
      seen.push(start, end);
      if (inDatedValue(seg, seg.start + start)) return;
      const text = model.text.slice(seg.start + start, seg.start + end);
      // structure/template-prompt reports these in a report on a known template (outside appendices).
      if (templateReports && seg.kind !== 'heading' && seg.start < model.appendixStart && new RegExp(TEMPLATE_PLACEHOLDER.source, 'i').test(text)) return;
      ctx.report({
        message: `Placeholder "${text.trim()}" (${what}) left in the report; write the fact it stands for.`,
        range: model.index.range(seg.start + start, seg.start + end),
      });
    }
  },
});
