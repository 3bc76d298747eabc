import type { DateScan, FoundDate } from './types.js';
import { inferYear, makeDate, type YearPolicy } from './calendar.js';

export interface Inferred {
  date: Date;
  year: number;
  /** What the year was taken from, for messages and the hover. */
  basis: string;
  /** The year was taken from the meeting date. */
  fromMeeting: boolean;
  /** Not the year nearest the reference, but the nearest in which the written weekday fits. */
  byWeekday?: boolean;
}

/**
 * The day a date written without a year most likely means. A sign-off precedes the
 * meeting, so it takes the latest such day on or before the meeting; any other date
 * takes the one nearest the meeting. Without a meeting date, a sign-off takes the year
 * of the other sign-offs. A weekday written with the date picks the nearest year it fits.
 * Undefined when there is nothing to go on.
 */
export function inferDate(f: FoundDate, scan: DateScan): Inferred | undefined {
  if (f.kind !== 'date' || !f.valid || f.month === undefined || f.day === undefined) return undefined;
  if (f.year !== undefined) {
    const date = f.value ?? makeDate(f.year, f.month, f.day);
    return { date, year: f.year, basis: f.yearFromRange ? 'the other end of the range' : 'the text', fromMeeting: false };
  }
  const meeting = scan.meeting.date;
  let reference: Date | undefined = meeting;
  let policy: YearPolicy = f.context === 'signoff' ? 'on-or-before' : 'nearest';
  let basis = scan.meeting.frontMatter ? 'the meeting date' : 'the date of meeting given in the text';
  let fromMeeting = true;
  if (!reference && f.context === 'signoff') {
    if (scan.lastSignoff) {
      reference = scan.lastSignoff;
      policy = 'nearest';
      basis = 'the other sign-offs';
      fromMeeting = false;
    }
  }
  if (!reference) return undefined;
  const year = inferYear(f.month, f.day, reference, policy);
  if (year === undefined) return undefined;
  // A weekday written with it says which year: the one taken above if the day falls on
  // it there, else the nearest year in which it does ("Tuesday 6 October" in a report for
  // March 2026 is 2026, not 2025). When no year near enough fits, the weekday is wrong.
  const wd = f.weekday && f.weekday.index >= 0 ? f.weekday.index : undefined;
  if (wd !== undefined && makeDate(year, f.month, f.day).getDay() !== wd) {
    const fits = inferYear(f.month, f.day, reference, policy, wd);
    if (fits !== undefined) return { date: makeDate(fits, f.month, f.day), year: fits, basis: `${basis} and the weekday`, fromMeeting, byWeekday: true };
  }
  return { date: makeDate(year, f.month, f.day), year, basis, fromMeeting };
}
