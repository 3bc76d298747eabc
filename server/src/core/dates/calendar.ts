import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { getDay } from 'date-fns/getDay';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';

/**
 * Calendar facts a clerk counts with: ISO day strings, England and Wales bank holidays,
 * clear working days, and which year a date written without one most likely means.
 * Dates are plain local-midnight `Date`s; nothing here depends on a time zone.
 */

export function makeDate(year: number, month: number, day: number): Date {
  const d = new Date(year, month - 1, day);
  d.setFullYear(year); // years below 100 would otherwise be read as 19xx
  return d;
}

/** Work counted for tests: ISO days parsed by date-fns, long dates written. */
export const calendarWork = { isoParsed: 0, longDates: 0 };

/** The last ISO day read, and its time (NaN: not a real day): a run reads the same "today" for every report. */
let lastIso: string | undefined;
let lastIsoTime = NaN;

/** `yyyy-mm-dd` → Date, or undefined when it is not a real day. */
export function fromIso(iso: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  if (iso !== lastIso) {
    calendarWork.isoParsed++;
    const d = parse(iso, 'yyyy-MM-dd', new Date(2000, 0, 1));
    lastIsoTime = isValid(d) ? d.getTime() : NaN;
    lastIso = iso;
  }
  // A new Date each time: callers keep and may change theirs.
  return Number.isNaN(lastIsoTime) ? undefined : new Date(lastIsoTime);
}

export function toIso(d: Date): string {
  return format(d, 'yyyy-MM-dd');
}

/** `Tuesday 3 March 2026`. */
export function longDate(d: Date): string {
  calendarWork.longDates++;
  return format(d, 'EEEE d MMMM yyyy');
}

/** Easter Sunday (Gregorian; anonymous algorithm as published by Nature, 1876). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return makeDate(year, month, day);
}

/** Moved or extra bank holidays announced by proclamation (England and Wales). */
const MOVED: Record<number, { drop?: string[]; add?: string[] }> = {
  2012: { drop: ['2012-05-28'], add: ['2012-06-04', '2012-06-05'] },
  2020: { drop: ['2020-05-04'], add: ['2020-05-08'] },
  2022: { drop: ['2022-05-30'], add: ['2022-06-02', '2022-06-03', '2022-09-19'] },
  2023: { add: ['2023-05-08'] },
};

const holidayCache = new Map<number, Set<string>>();

/** Bank holidays in England and Wales for one year, as ISO day strings. */
export function bankHolidays(year: number): Set<string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const days: Date[] = [];
  const weekdayOnOrAfter = (d: Date): Date => {
    const w = getDay(d);
    return w === 6 ? addDays(d, 2) : w === 0 ? addDays(d, 1) : d;
  };
  const firstMonday = (month: number): Date => {
    const d = makeDate(year, month, 1);
    return addDays(d, (8 - getDay(d)) % 7);
  };
  const lastMonday = (month: number): Date => {
    const d = makeDate(year, month + 1, 0);
    return addDays(d, -((getDay(d) + 6) % 7));
  };
  days.push(weekdayOnOrAfter(makeDate(year, 1, 1)));
  const easter = easterSunday(year);
  days.push(addDays(easter, -2), addDays(easter, 1));
  days.push(firstMonday(5), lastMonday(5), lastMonday(8));
  const christmas = makeDate(year, 12, 25);
  switch (getDay(christmas)) {
    case 5: // Friday: Boxing Day on Saturday moves to Monday 28
      days.push(christmas, makeDate(year, 12, 28));
      break;
    case 6: // Saturday: both move, to Monday 27 and Tuesday 28
      days.push(makeDate(year, 12, 27), makeDate(year, 12, 28));
      break;
    case 0: // Sunday: Boxing Day Monday 26, substitute Christmas Tuesday 27
      days.push(makeDate(year, 12, 26), makeDate(year, 12, 27));
      break;
    default:
      days.push(christmas, makeDate(year, 12, 26));
  }
  const set = new Set(days.map(toIso));
  const moved = MOVED[year];
  for (const d of moved?.drop ?? []) set.delete(d);
  for (const d of moved?.add ?? []) set.add(d);
  holidayCache.set(year, set);
  return set;
}

export function isWorkingDay(d: Date): boolean {
  const w = getDay(d);
  if (w === 0 || w === 6) return false;
  return !bankHolidays(d.getFullYear()).has(toIso(d));
}

/**
 * Clear working days between two dates: Monday to Friday, not bank holidays, counting
 * neither end (the way notice periods before a meeting are counted).
 */
export function clearWorkingDaysBetween(a: Date, b: Date): number {
  const [from, to] = a <= b ? [a, b] : [b, a];
  const span = differenceInCalendarDays(to, from);
  if (span <= 1) return 0;
  // Whole weeks have five weekdays each; walk only the remainder, then take out holidays.
  let count = 0;
  const inner = span - 1;
  const weeks = Math.floor(inner / 7);
  count += weeks * 5;
  let d = addDays(from, 1 + weeks * 7);
  for (let i = weeks * 7; i < inner; i++, d = addDays(d, 1)) {
    const w = getDay(d);
    if (w !== 0 && w !== 6) count++;
  }
  const fromIsoDay = toIso(from);
  const toIsoDay = toIso(to);
  for (let y = from.getFullYear(); y <= to.getFullYear(); y++) {
    for (const h of bankHolidays(y)) if (h > fromIsoDay && h < toIsoDay) count--;
  }
  return count;
}

export type YearPolicy =
  /** The latest occurrence on or before the reference (sign-offs precede the meeting). */
  | 'on-or-before'
  /** The first occurrence on or after the reference. */
  | 'on-or-after'
  /** The occurrence nearest the reference. */
  | 'nearest';

/**
 * Which year a date written without one (month 1-12, day) most likely means, given a
 * reference date. Undefined when no year makes it a real day near the reference
 * (29 February far from a leap year).
 */
/** How far from the reference a weekday may take a date without a year: a year and a month either way. */
export const WEEKDAY_REACH = 396;

export function inferYear(month: number, day: number, reference: Date, policy: YearPolicy, weekday?: number): number | undefined {
  const ry = reference.getFullYear();
  const candidates: Date[] = [];
  for (let y = ry - 4; y <= ry + 4; y++) {
    const d = makeDate(y, month, day);
    if (d.getMonth() === month - 1 && d.getDate() === day) candidates.push(d);
  }
  let best: Date | undefined;
  for (const d of candidates) {
    const diff = differenceInCalendarDays(d, reference);
    if (policy === 'on-or-before' && diff > 0) continue;
    if (policy === 'on-or-after' && diff < 0) continue;
    // With a weekday: only a year in which the day falls on it, within about a year of the reference.
    if (weekday !== undefined && (d.getDay() !== weekday || Math.abs(diff) > WEEKDAY_REACH)) continue;
    if (!best || Math.abs(diff) < Math.abs(differenceInCalendarDays(best, reference))) best = d;
  }
  return best?.getFullYear();
}
