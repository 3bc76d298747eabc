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

const ALTERNATIVES = [
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
];

/** The whole pattern, with named groups: what the candidates' parts are named after. */
export const SOURCE = ALTERNATIVES.join('|');

/** Where a candidate can start: a number, a weekday or a month name. */
const ANCHOR = new RegExp(`${NB}\\d|\\b(?:${WEEKDAY}|${MONTH})\\b`, 'gi');

export type CandidateShape = 'day-month' | 'numeric' | 'iso' | 'financial-year' | 'time-range' | 'time' | 'clock' | 'dotted-clock' | 'month-year';

/** The shape each alternative of `ALTERNATIVES` reads, in the same order. */
const SHAPES: readonly CandidateShape[] = ['day-month', 'numeric', 'iso', 'financial-year', 'time-range', 'time', 'clock', 'dotted-clock', 'month-year'];
/** Per alternative, the part it always captures: which of them matched. */
const KEYS = ['m', 'nd', 'iy', 'fy', 'rh', 'th', 'ch', 'dh', 'mm'];

const NAMED_GROUP = /\(\?<([A-Za-z]\w*)>/g;

/**
 * The pattern is run with plain numbered groups: with named groups V8 builds a `groups`
 * object of all 57 names on every match, and with match indices (`d`) a pair for each
 * group as well, which cost more than the match itself. Each alternative's names map to
 * their numbers here, and the few offsets the reader needs are found from the parts'
 * texts (see `partsAt`).
 */
interface Alternative {
  shape: CandidateShape;
  /** Group number of the part this alternative always captures. */
  key: number;
  names: readonly string[];
  numbers: readonly number[];
}

const ALTS: Alternative[] = [];
let plain = '';
{
  const numberOf = new Map<string, number>();
  let n = 0;
  ALTERNATIVES.forEach((source, i) => {
    const names: string[] = [];
    const numbers: number[] = [];
    // Named groups become numbered ones, in the same order (a named group has its number too).
    const body = source.replace(NAMED_GROUP, (_, name: string) => {
      numberOf.set(name, ++n);
      names.push(name);
      numbers.push(n);
      return '(';
    });
    ALTS.push({ shape: SHAPES[i]!, key: numberOf.get(KEYS[i]!)!, names, numbers });
    plain += (i > 0 ? '|' : '') + body.replace(/\\k<(\w+)>/g, (_, name: string) => `\\${numberOf.get(name)!}`);
  });
}

/** The full pattern, tried only at anchors (sticky). No `u` flag: with `i` it makes matching about six times slower. */
const RE = new RegExp(plain, 'iy');

export interface Candidate {
  shape: CandidateShape;
  /** Offsets in the scanned string (add the segment's base). */
  start: number;
  end: number;
  text: string;
  /** The parts of the candidate's alternative, by name (undefined when not written). */
  groups: Record<string, string | undefined>;
  /**
   * Where the parts the reader places are, as offsets in the scanned string: the day,
   * first day and its ordinal, and weekday of a day and month; the hours, minutes and
   * am/pm of a time range; the first minutes and second hour of a dotted clock.
   */
  at: Record<string, [number, number] | undefined>;
}

/** Work counted for tests: matches of the full pattern at anchors, and candidates returned. */
export const scanWork = { matched: 0, candidates: 0 };

function isCapitalised(word: string): boolean {
  const c = word.charCodeAt(0);
  return c >= 65 && c <= 90;
}

/** The first ASCII digit at or after `from` (the regex's `\d` without the `u` flag). */
function digitFrom(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return i;
  }
  return -1;
}

/**
 * Offsets of the parts the reader places, from where the match starts and the texts of
 * its parts. Each is the next digit (or am/pm letter) after the part before it: what
 * lies between (a weekday, spaces, a dash or "to", a dot) holds neither.
 */
function partsAt(shape: CandidateShape, g: Record<string, string | undefined>, start: number, text: string): Record<string, [number, number] | undefined> {
  switch (shape) {
    case 'day-month': {
      const at: Record<string, [number, number] | undefined> = { wd: undefined, d0: undefined, o0: undefined, d: undefined };
      if (g.wd !== undefined) at.wd = [start, start + g.wd.length];
      let from = start;
      if (g.d0 !== undefined) {
        const s = digitFrom(text, start);
        at.d0 = [s, s + g.d0.length];
        from = s + g.d0.length;
        if (g.o0 !== undefined) {
          at.o0 = [from, from + g.o0.length];
          from += g.o0.length;
        }
      }
      const d = digitFrom(text, from);
      at.d = [d, d + g.d!.length];
      return at;
    }
    case 'time-range': {
      const at: Record<string, [number, number] | undefined> = { rh: undefined, rmi: undefined, ra: undefined, rh2: undefined };
      let from = start + g.rh!.length;
      at.rh = [start, from];
      if (g.rmi !== undefined) {
        at.rmi = [from + 1, from + 3];
        from += 3;
      }
      if (g.ra !== undefined) {
        let a = from;
        while (a < text.length && !isMeridiemLetter(text.charCodeAt(a))) a++;
        at.ra = [a, a + g.ra.length];
        from = a + g.ra.length;
      }
      const h2 = digitFrom(text, from);
      at.rh2 = [h2, h2 + g.rh2!.length];
      return at;
    }
    case 'dotted-clock': {
      const at: Record<string, [number, number] | undefined> = { dmi: [start + 3, start + 5], dh2: undefined };
      if (g.dh2 !== undefined) {
        const h2 = digitFrom(text, start + 5);
        at.dh2 = [h2, h2 + g.dh2.length];
      }
      return at;
    }
    default:
      return {};
  }
}

/** a, p, A or P: how am/pm starts (only spaces come between the time and it). */
function isMeridiemLetter(c: number): boolean {
  return c === 97 || c === 112 || c === 65 || c === 80;
}

/** Every candidate in `text`, in order: a cheap anchor pass, the full pattern at each anchor, a filter. */
export function scanCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  // Most segments (short lines, table cells of words) hold no digit at all.
  if (!/\d/.test(text)) return out;
  ANCHOR.lastIndex = 0;
  for (let a = ANCHOR.exec(text); a !== null; a = ANCHOR.exec(text)) {
    RE.lastIndex = a.index;
    const m = RE.exec(text);
    if (m === null) continue;
    scanWork.matched++;
    let alt = ALTS[ALTS.length - 1]!;
    for (const x of ALTS) {
      if (m[x.key] !== undefined) {
        alt = x;
        break;
      }
    }
    const g: Record<string, string | undefined> = {};
    for (let i = 0; i < alt.names.length; i++) g[alt.names[i]!] = m[alt.numbers[i]!];
    const shape = alt.shape;
    let start = m.index;
    const end = start + m[0].length;
    const at = partsAt(shape, g, start, text);
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
    scanWork.candidates++;
    out.push({ shape, start, end, text: text.slice(start, end), groups: g, at });
    ANCHOR.lastIndex = end;
  }
  return out;
}
