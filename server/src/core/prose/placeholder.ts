import { defineRule } from '../rules/define.js';
import { PLACEHOLDER as TEMPLATE_PLACEHOLDER } from '../structure/structure-template-prompt.js';
import { eachSegment, type ProseSegment } from './segments.js';

/**
 * Placeholders: Word content-control prompts, runs of X standing for a figure or a date,
 * `[insert ...]`, TBC/TBA, Lorem ipsum and the snippets' own placeholder text.
 */
const PATTERNS: { re: RegExp; what: string; raw?: boolean }[] = [
  { re: /\b(?:Click or tap (?:here )?to enter (?:text|a date)|Click here to enter (?:text|a date)|Choose an item)\.?/gi, what: 'a Word prompt' },
  { re: /£\s?[Xx]+(?:[.,][Xx]+)*(?:\s?(?:k|m|bn|million|billion)\b)?|\b[Xx]{2,}(?:[.,][Xx]+)*\s?%|\b[Xx]{1,2}\/[Xx]{1,2}\/[Xx]{2,4}\b|\b(?:19|20)[Xx]{2}\b|(?<![\p{L}\p{N}-])X{2,}(?![\p{L}\p{N}-])/gu, what: 'X standing for a figure' },
  { re: /\[(?:insert|add|enter|include|name|date|tbc|tba|tbd|todo|details?|x+|\?+)\b[^\]\n]{0,80}\]/gi, what: 'a bracketed prompt' },
  { re: /<<[^>\n]{1,80}>>|<(?:insert|add|enter)\b[^>\n]{0,80}>/gi, what: 'a bracketed prompt', raw: true },
  { re: /(?<![\p{L}\p{N}/-])(?:TBC|TBA|TBD|tbc|tba)(?![\p{L}\p{N}/-])/gu, what: 'TBC' },
  { re: /\blorem ipsum\b/gi, what: 'Lorem ipsum' },
  { re: /\bfirst\.last@|\b0116 (?:454|305) 0000\b/g, what: "the snippet's placeholder", raw: true },
];

/** Whole lines the snippets fill in ("Report title", "Full name"). */
const SNIPPET_LINE = /^[ \t]*(?:Report title|Full name|Name, Role|Role)[ \t]*$/gm;

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
    eachSegment(ctx, check);
    function check(seg: ProseSegment): void {
      const raw = model.text.slice(seg.start, seg.end);
      const seen: [number, number][] = [];
      const found = (start: number, end: number, what: string): void => {
        if (seen.some(([a, b]) => start < b && end > a)) return;
        seen.push([start, end]);
        if (inDatedValue(seg, seg.start + start)) return;
        const text = raw.slice(start, end);
        // structure/template-prompt reports these in a report on a known template (outside appendices).
        if (templateReports && seg.kind !== 'heading' && seg.start < model.appendixStart && new RegExp(TEMPLATE_PLACEHOLDER.source, 'i').test(text)) return;
        ctx.report({
          message: `Placeholder "${text.trim()}" (${what}) left in the report; write the fact it stands for.`,
          range: model.index.range(seg.start + start, seg.start + end),
        });
      };
      for (const p of PATTERNS) {
        const on = p.raw ? raw : seg.text;
        p.re.lastIndex = 0;
        for (let m = p.re.exec(on); m; m = p.re.exec(on)) found(m.index, m.index + m[0].length, p.what);
      }
      SNIPPET_LINE.lastIndex = 0;
      for (let m = SNIPPET_LINE.exec(seg.text); m; m = SNIPPET_LINE.exec(seg.text)) {
        const lead = m[0].length - m[0].trimStart().length;
        found(m.index + lead, m.index + m[0].trimEnd().length, "the snippet's placeholder");
      }
    }
  },
});
