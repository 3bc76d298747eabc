import { parse } from 'date-fns/parse';
import { isValid } from 'date-fns/isValid';
import { getDaysInMonth } from 'date-fns/getDaysInMonth';
import type { Candidate } from './scan.js';
import type { FoundDate, WeekdayPart } from './types.js';
import { makeDate } from './calendar.js';
import { keptFor } from '../text.js';

/**
 * The second pass: each candidate span becomes one or two `FoundDate`s. The parts the
 * scanner named give the date-fns pattern the text is written in (its style); date-fns
 * parses the text with that pattern and so decides whether it is a real date or time.
 */

/** What the reader needs from where the candidate was found; offsets are absolute. */
export type ReadDate = Omit<FoundDate, 'range' | 'context'>;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_BY_PREFIX = new Map(MONTH_NAMES.map((n, i) => [n.slice(0, 3).toLowerCase(), i + 1]));
const WEEKDAY_BY_PREFIX = new Map(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((n, i) => [n, i]));
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Reference for two-digit years: date-fns reads `yy` within 50 years of it (1950-2049). */
const REFERENCE = new Date(2000, 0, 1);
/** A leap year, to judge a day and month written without a year (29 February is real). */
const LEAP = 2024;

export function monthNumber(name: string): number {
  return MONTH_BY_PREFIX.get(name.slice(0, 3).toLowerCase()) ?? 0;
}

export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? '';
}

function dayProblem(day: number, month: number, year: number | undefined): string {
  if (month < 1 || month > 12) return `there is no month ${month}`;
  if (day < 1) return 'there is no day 0';
  const dim = getDaysInMonth(makeDate(year ?? LEAP, month, 1));
  if (month === 2 && day === 29 && year !== undefined) return `${year} is not a leap year, so February ${year} has 28 days`;
  return `${monthName(month)} has ${dim} days`;
}

/** Work counted for tests: texts date-fns parsed (a text read before is not parsed again). */
export const readWork = { parsed: 0 };

/**
 * What date-fns made of each text and pattern read so far: the time, or NaN when it is
 * not a real date. Reports repeat their dates (the meeting's, the year's quarters) and
 * a folder's reports each other's, and date-fns reads its pattern afresh on every call.
 * Bounded: emptied when full.
 */
const PARSED = new Map<string, number>();
const PARSED_MAX = 4096;

/** Parses `input` with `pattern`; undefined when date-fns finds it is not a real date. */
function parseWith(input: string, pattern: string): Date | undefined {
  // keptFor keeps a key of its own: not a slice holding on to the report's text.
  const time = keptFor(PARSED, `${pattern}|${input}`, PARSED_MAX, () => {
    readWork.parsed++;
    const d = parse(input, pattern, REFERENCE);
    return isValid(d) ? d.getTime() : NaN;
  });
  // A new Date each time: callers keep and may change theirs.
  return Number.isNaN(time) ? undefined : new Date(time);
}

function dayToken(day: string, ordinal: string | undefined): string {
  if (ordinal) return 'do';
  return day.length === 2 && day.startsWith('0') ? 'dd' : 'd';
}

const FULL_NAMES = new Set(MONTH_NAMES.map((n) => n.toLowerCase()));

function isFullMonthName(m: string): boolean {
  return FULL_NAMES.has(m.toLowerCase());
}

type Groups = Record<string, string | undefined>;

export function readCandidate(c: Candidate, base: number): ReadDate[] {
  const g = c.groups;
  const at = (name: string): [number, number] | undefined => {
    const p = c.at[name];
    return p ? [p[0] + base, p[1] + base] : undefined;
  };
  const start = c.start + base;
  const end = c.end + base;
  const slice = (s: number, e: number): string => c.text.slice(s - start, e - start);
  const out = readShape(c, g, at, start, end, slice);
  for (const r of out) r.text = slice(r.start, r.end);
  return out;
}

function readShape(
  c: Candidate,
  g: Groups,
  at: (n: string) => [number, number] | undefined,
  start: number,
  end: number,
  slice: (s: number, e: number) => string,
): ReadDate[] {
  switch (c.shape) {
    case 'day-month':
      return readDayMonth(g, at, start, end);
    case 'numeric':
      return [readNumeric(g, c.text, start, end)];
    case 'iso':
      return [readIso(g, c.text, start, end)];
    case 'financial-year': {
      const y = Number(g.fy);
      const sep = c.text.slice(4, 5);
      return [
        {
          kind: 'financial-year',
          text: c.text,
          start,
          end,
          partStart: start,
          partEnd: end,
          style: `yyyy${sep}${g.fy2!.length === 2 ? 'yy' : 'yyyy'}`,
          year: y,
          valid: true,
          value: makeDate(y, 4, 1),
          endValue: makeDate(y + 1, 3, 31),
          numericOnly: true,
        },
      ];
    }
    case 'time-range':
      return readTimeRange(g, at, start, end, slice);
    case 'time':
      return [readTime(g.th!, g.ts, g.tmi, g.ta, c.text, start, end)];
    case 'clock':
      return [readTime(g.ch!, ':', g.cmi, undefined, c.text, start, end)];
    case 'dotted-clock': {
      // "at 14.00", "from 09.30 to 16.00": the 24-hour clock written with a dot.
      const firstEnd = at('dmi')![1];
      const a = readTime(g.dh!, '.', g.dmi, undefined, slice(start, firstEnd), start, firstEnd);
      if (g.dh2 === undefined) return [a];
      const secondStart = at('dh2')![0];
      const b = readTime(g.dh2, '.', g.dmi2, undefined, slice(secondStart, end), secondStart, end);
      a.rangeRole = 'start';
      b.rangeRole = 'end';
      return [a, b];
    }
    case 'month-year': {
      const m = monthNumber(g.mm!);
      const short = g.my === undefined;
      const year = short ? 2000 + Number(g.my2) : Number(g.my);
      const style = `${isFullMonthName(g.mm!) ? 'MMMM' : 'MMM'} ${short ? (c.text.includes("'") ? "''yy" : 'yy') : 'yyyy'}`;
      return [
        {
          kind: 'month',
          text: c.text,
          start,
          end,
          partStart: start,
          partEnd: end,
          style: c.text.includes(',') ? style.replace(' ', ', ') : style,
          year,
          month: m,
          valid: true,
          value: makeDate(year, m, 1),
          endValue: makeDate(year, m, getDaysInMonth(makeDate(year, m, 1))),
          numericOnly: false,
        },
      ];
    }
  }
}

function readDayMonth(g: Groups, at: (n: string) => [number, number] | undefined, start: number, end: number): ReadDate[] {
  const month = monthNumber(g.m!);
  const year = g.y !== undefined ? Number(g.y) : undefined;
  const monthTok = isFullMonthName(g.m!) ? 'MMMM' : 'MMM';
  const monthInput = g.m!.toLowerCase() === 'sept' ? g.m!.slice(0, 3) : g.m!;
  const dot = g.mdot ? '.' : '';
  const yearSep = g.yc ? ', ' : ' ';
  const tail = ` ${monthTok}${dot}${year !== undefined ? `${yearSep}yyyy` : ''}`;
  const tailInput = ` ${monthInput}${dot}${year !== undefined ? `${yearSep}${g.y}` : ''}`;
  const of = g.of ? " 'of'" : '';
  const ofInput = g.of ? ' of' : '';

  const one = (dayText: string, ordinal: string | undefined, partStart: number, partEnd: number, textStart: number): ReadDate => {
    const day = Number(dayText);
    const style = `${dayToken(dayText, ordinal)}${of}${tail}`;
    // Without a year, judge the day against a leap year; the value waits for a year.
    const pattern = year !== undefined ? style : `${style} yyyy`;
    const input = `${dayText}${ordinal ?? ''}${ofInput}${tailInput}${year !== undefined ? '' : ` ${LEAP}`}`;
    const parsed = parseWith(input, pattern);
    const r: ReadDate = {
      kind: 'date',
      text: '',
      start: textStart,
      end: partEnd,
      partStart,
      partEnd,
      style,
      month,
      day,
      valid: parsed !== undefined,
      numericOnly: false,
    };
    if (year !== undefined) r.year = year;
    if (parsed && year !== undefined) r.value = parsed;
    if (!parsed) r.problem = dayProblem(day, month, year);
    return r;
  };

  const dayAt = at('d')!;
  const main = one(g.d!, g.o, dayAt[0], end, start);
  const wdAt = at('wd');
  if (g.wd !== undefined && wdAt) {
    const weekday: WeekdayPart = { text: g.wd, start: wdAt[0], end: wdAt[1], index: WEEKDAY_BY_PREFIX.get(g.wd.slice(0, 3).toLowerCase()) ?? -1 };
    main.weekday = weekday;
  }
  if (g.d0 === undefined) {
    main.start = main.weekday ? main.weekday.start : dayAt[0];
    return [main];
  }
  // "16-18 February 2026": the first day shares the month and year of the second.
  const d0At = at('d0')!;
  const o0At = at('o0');
  const first = one(g.d0, g.o0, d0At[0], o0At ? o0At[1] : d0At[1], main.weekday ? main.weekday.start : d0At[0]);
  first.style = dayToken(g.d0, g.o0);
  if (main.weekday) {
    first.weekday = main.weekday;
    delete main.weekday;
  }
  main.start = dayAt[0];
  if (year !== undefined) first.yearFromRange = true;
  first.rangeRole = 'start';
  main.rangeRole = 'end';
  return [first, main];
}

function readNumeric(g: Groups, text: string, start: number, end: number): ReadDate {
  const sep = g.ns!;
  const day = Number(g.nd);
  const month = Number(g.nm);
  const style = `${g.nd!.length === 2 ? 'dd' : 'd'}${sep}${g.nm!.length === 2 ? 'MM' : 'M'}${sep}${g.ny!.length === 4 ? 'yyyy' : 'yy'}`;
  const parsed = parseWith(text, style);
  const year = g.ny!.length === 4 ? Number(g.ny) : parsed?.getFullYear() ?? 2000 + Number(g.ny);
  const r: ReadDate = { kind: 'date', text, start, end, partStart: start, partEnd: end, style, year, month, day, valid: parsed !== undefined, numericOnly: true };
  if (parsed) r.value = parsed;
  else if (month > 12 && day <= 12) r.problem = `there is no month ${month} (dates are read day first: if this is ${monthName(day)} ${month}, write it as ${month} ${monthName(day)} ${year})`;
  else r.problem = dayProblem(day, month, year);
  return r;
}

function readIso(g: Groups, text: string, start: number, end: number): ReadDate {
  const year = Number(g.iy);
  const month = Number(g.im);
  const day = Number(g.id);
  const parsed = parseWith(text, 'yyyy-MM-dd');
  const r: ReadDate = { kind: 'date', text, start, end, partStart: start, partEnd: end, style: 'yyyy-MM-dd', year, month, day, valid: parsed !== undefined, numericOnly: true };
  if (parsed) r.value = parsed;
  else r.problem = dayProblem(day, month, year);
  return r;
}

function meridiemOf(a: string | undefined): 'am' | 'pm' | undefined {
  if (!a) return undefined;
  return a[0]!.toLowerCase() === 'a' ? 'am' : 'pm';
}

function readTime(hText: string, sep: string | undefined, miText: string | undefined, a: string | undefined, text: string, start: number, end: number, assumed?: 'am' | 'pm'): ReadDate {
  const hour = Number(hText);
  const minute = miText !== undefined ? Number(miText) : 0;
  const mer = meridiemOf(a) ?? assumed;
  const r: ReadDate = { kind: 'time', text, start, end, partStart: start, partEnd: end, style: '', hour, minute, valid: false, numericOnly: a === undefined };
  const minutesPart = miText !== undefined ? `${sep}mm` : '';
  if (mer) {
    r.style = `${hText.length === 2 && hText.startsWith('0') ? 'hh' : 'h'}${minutesPart}${a ? (/\s[ap]\.?m\.?$/i.test(text) ? ' a' : 'a') : ''}`;
    if (hour > 12) {
      r.problem = `"${text.trim()}" mixes the 24-hour clock with "${a ?? mer}": write ${pad(hour)}:${pad(minute)} or ${hour - 12}:${pad(minute)} ${mer}`;
      return r;
    }
    if (hour === 0) {
      r.problem = `the 12-hour clock has no hour 0: write 12${miText !== undefined ? `:${pad(minute)}` : ''} ${mer}`;
      return r;
    }
    const parsed = parseWith(`${hour}:${miText ?? '00'} ${mer}`, 'h:mm a');
    if (!parsed) {
      r.problem = 'an hour has 60 minutes';
      return r;
    }
    r.valid = true;
    r.hour = parsed.getHours();
    return r;
  }
  r.style = `${hText.length === 2 ? 'HH' : 'H'}${minutesPart}`;
  const parsed = parseWith(`${pad(hour)}:${pad(minute)}`, 'HH:mm');
  if (!parsed) {
    r.problem = hour > 23 ? `a day has no hour ${hour}` : 'an hour has 60 minutes';
    return r;
  }
  r.valid = true;
  return r;
}

function readTimeRange(g: Groups, at: (n: string) => [number, number] | undefined, start: number, end: number, slice: (s: number, e: number) => string): ReadDate[] {
  const endMer = meridiemOf(g.ra2)!;
  const h1 = Number(g.rh);
  const h2 = Number(g.rh2);
  // "11.00 - 1.00 pm": the first time is in the morning when its own am/pm is missing
  // and the afternoon would put it after the end.
  let assumed: 'am' | 'pm' = endMer;
  if (!g.ra && endMer === 'pm' && h2 !== 12 && (h1 === 12 ? false : h1 > h2)) assumed = 'am';
  const firstEnd = at('ra')?.[1] ?? at('rmi')?.[1] ?? at('rh')![1];
  const a = readTime(g.rh!, g.rs, g.rmi, g.ra, slice(start, firstEnd), start, firstEnd, g.ra ? undefined : assumed);
  if (!g.ra) a.style = a.style.replace(/ ?a$/, '');
  const secondStart = at('rh2')![0];
  const b = readTime(g.rh2!, g.rs2, g.rmi2, g.ra2, slice(secondStart, end), secondStart, end);
  a.rangeRole = 'start';
  b.rangeRole = 'end';
  return [a, b];
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
