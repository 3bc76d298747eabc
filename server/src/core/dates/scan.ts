/**
 * The cheap first pass: one regular expression finds the spans of text that look like
 * a date, a month, a time, a time range or a financial year, and names their parts.
 * It decides nothing about validity: `read.ts` hands each span to date-fns, which
 * parses it with the pattern the parts imply and says whether it is a real date.
 */

const MONTH = 'January|February|March|April|May|June|July|August|September|October|November|December|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
const WEEKDAY = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Tues|Weds|Thurs|Thur|Mon|Tue|Wed|Thu|Fri|Sat|Sun';
/** Not inside a word, a number (`4.1 March`), a path or a ratio. */
const NB = '(?<![\\w.,:/\\-–£$€%])';
const SP = '\\s{1,3}';
const DASH = '(?:-|–|—|to|until|till)';
const ABBR_DOT = '(?<=\\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec))\\.';
const MERIDIEM = '(?:[ap]\\.m\\.|[ap]m)';
/** What ends a dotted time: not more digits or letters, and no unit of a figure after it (14.50 per cent, 14.00m). */
const NOT_A_FIGURE = '(?![\\w%]|[.,]\\d|\\s{0,2}(?:per\\s?cent|percent|pence|million|billion|bn\\b|[mk]\\b|p\\b|years?|months?|weeks?|days?|points?|miles?|km\\b|kg\\b))';

const SOURCE = [
  // 1. [Weekday[,]] [d-] d[st] [of] Month [[,] yyyy]
  `(?:\\b(?<wd>${WEEKDAY})\\b\\.?,?${SP}(?:the${SP})?)?` +
    `(?:${NB}(?<d0>\\d{1,2})(?<o0>st|nd|rd|th)?\\s{0,2}${DASH}\\s{0,2}|${NB})` +
    `(?<d>\\d{1,2})(?<o>st|nd|rd|th)?(?<of>${SP}of)?${SP}(?<m>${MONTH})\\b(?<mdot>${ABBR_DOT})?` +
    `(?:(?<yc>,)?${SP}(?<y>\\d{4})(?![\\w/]|[.,]\\d))?`,
  // 2. d/m/yyyy, d/m/yy, d.m.yyyy, d-m-yyyy (UK order)
  `${NB}(?<nd>\\d{1,2})(?<ns>[/.\\-])(?<nm>\\d{1,2})\\k<ns>(?<ny>\\d{4}|\\d{2})(?![\\w/]|[.\\-]\\d)`,
  // 3. yyyy-mm-dd
  `${NB}(?<iy>\\d{4})-(?<im>\\d{2})-(?<id>\\d{2})(?![\\w/]|[.\\-]\\d)`,
  // 4. financial year 2026/27, 2024-25, 2024/2025
  `${NB}(?<fy>(?:19|20)\\d{2})[/\\-–](?<fy2>(?:19|20)\\d{2}|\\d{2})(?![\\w/%]|[.,\\-]\\d)`,
  // 5. time range whose end carries am/pm: 2.00 - 3.51 pm, 2-3pm
  `${NB}(?<rh>\\d{1,2})(?:(?<rs>[:.])(?<rmi>\\d{2}))?\\s{0,2}(?<ra>${MERIDIEM})?\\s{0,2}${DASH}\\s{0,2}` +
    `(?<rh2>\\d{1,2})(?:(?<rs2>[:.])(?<rmi2>\\d{2}))?\\s{0,2}(?<ra2>${MERIDIEM})(?![\\w])`,
  // 6. time with am/pm: 5:30 pm, 7.55pm, 5pm, 14:00pm
  `${NB}(?<th>\\d{1,2})(?:(?<ts>[:.])(?<tmi>\\d{2}))?\\s{0,2}(?<ta>${MERIDIEM})(?![\\w])`,
  // 7. 24-hour time: 14:00, 19:29
  `${NB}(?<ch>\\d{1,2}):(?<cmi>\\d{2})(?![\\w:]|[.,]\\d)`,
  // 9. 24-hour time with a dot after a word that says a time follows: at 14.00, from 09.30 to 16.00
  `(?<=\\b(?:at|from|until|till|between|starts?|begins?|commences?|time)\\s{0,2}:?\\s{1,3})(?<dh>[01]\\d|2\\d)\\.(?<dmi>\\d{2})` +
    `(?:\\s{0,2}(?:-|–|to|until|till|and)\\s{0,2}(?<dh2>[01]\\d|2\\d)\\.(?<dmi2>\\d{2}))?${NOT_A_FIGURE}`,
  // 8. Month yyyy, Month 'yy (the short year only at the end of a phrase)
  `\\b(?<mm>${MONTH})\\b(?:${ABBR_DOT})?,?${SP}(?:(?<my>\\d{4})(?![\\w/]|[.,]\\d)|'?(?<my2>\\d{2})(?=\\s*(?:[,;:)\\]]|\\.(?!\\w)|$)))`,
].join('|');

/** Where a candidate can start: a number, a weekday or a month name. */
const ANCHOR = new RegExp(`${NB}\\d|\\b(?:${WEEKDAY}|${MONTH})\\b`, 'gi');
/** The full pattern, tried only at anchors (sticky). No `u` flag: with `i` it makes matching about six times slower. */
const RE = new RegExp(SOURCE, 'iy');
/** The same with match indices, run again only where `RE` matched (indices slow every attempt). */
const RE_AT = new RegExp(SOURCE, 'iyd');

export type CandidateShape = 'day-month' | 'numeric' | 'iso' | 'financial-year' | 'time-range' | 'time' | 'clock' | 'dotted-clock' | 'month-year';

export interface Candidate {
  shape: CandidateShape;
  /** Offsets in the scanned string (add the segment's base). */
  start: number;
  end: number;
  text: string;
  groups: Record<string, string | undefined>;
  /** Where each named part is, as offsets in the scanned string. */
  at: Record<string, [number, number] | undefined>;
}

function shapeOf(g: Record<string, string | undefined>): CandidateShape {
  if (g.m !== undefined) return 'day-month';
  if (g.nd !== undefined) return 'numeric';
  if (g.iy !== undefined) return 'iso';
  if (g.fy !== undefined) return 'financial-year';
  if (g.rh !== undefined) return 'time-range';
  if (g.th !== undefined) return 'time';
  if (g.ch !== undefined) return 'clock';
  if (g.dh !== undefined) return 'dotted-clock';
  return 'month-year';
}

function isCapitalised(word: string): boolean {
  const c = word.charCodeAt(0);
  return c >= 65 && c <= 90;
}

/** Every candidate in `text`, in order: a cheap anchor pass, the full pattern at each anchor, a filter. */
export function scanCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  // Most segments (short lines, table cells of words) hold no digit at all.
  if (!/\d/.test(text)) return out;
  ANCHOR.lastIndex = 0;
  for (let a = ANCHOR.exec(text); a !== null; a = ANCHOR.exec(text)) {
    RE.lastIndex = a.index;
    if (!RE.test(text)) continue;
    RE_AT.lastIndex = a.index;
    const m = RE_AT.exec(text)!;
    const g = { ...(m.groups as Record<string, string | undefined>) };
    const at = { ...(m.indices!.groups as Record<string, [number, number] | undefined>) };
    const shape = shapeOf(g);
    let start = m.index;
    const end = start + m[0].length;
    let reject = false;
    switch (shape) {
      case 'day-month':
        // A month name without a capital is a word ("aged 3 may"), unless a year follows.
        if (!isCapitalised(g.m!) && g.y === undefined) reject = true;
        else if (g.wd !== undefined && !isCapitalised(g.wd)) {
          // "sun 3 March": not a weekday; keep the date alone.
          start = at.d0?.[0] ?? at.d![0];
          g.wd = undefined;
          at.wd = undefined;
        }
        break;
      case 'numeric':
        // Dotted and dashed forms only with a four-digit year (4.1.25 is a paragraph number).
        if (g.ns !== '/' && g.ny!.length !== 4) reject = true;
        break;
      case 'financial-year': {
        const a = Number(g.fy);
        const b = Number(g.fy2);
        reject = g.fy2!.length === 2 ? b !== (a + 1) % 100 : b !== a + 1;
        break;
      }
      case 'month-year':
        if (!isCapitalised(g.mm!)) reject = true;
        break;
      case 'clock':
        // "1:60" is a ratio, not a time: a one-digit hour needs real minutes.
        if (g.ch!.length === 1 && Number(g.cmi) > 59) reject = true;
        break;
      default:
        break;
    }
    if (reject) continue;
    out.push({ shape, start, end, text: text.slice(start, end), groups: g, at });
    ANCHOR.lastIndex = end;
  }
  return out;
}
