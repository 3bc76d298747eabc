/**
 * Dates in a report: finding them (a regex scan for candidates, date-fns to parse and
 * validate each), the meeting they hang on, house style, and the hover text.
 */
import type { ReportModel } from '../model.js';
import { scanCandidates } from './scan.js';
import { readCandidate, type ReadDate } from './read.js';
import { scanModel } from './find.js';

export type { DateKind, DateContext, DateCue, FoundDate, MeetingInfo, DateScan, WeekdayPart } from './types.js';
export { findDates, unchangedDates, wholeValue } from './find.js';
export { dateHover, dateAt, type DateHoverOptions } from './hover.js';
export { inferDate, type Inferred } from './infer.js';
export { expectedStyle, inHouseStyle, rewriteInStyle } from './style.js';
export { bankHolidays, clearWorkingDaysBetween, isWorkingDay, inferYear, fromIso, toIso, longDate, makeDate } from './calendar.js';
export { WEEKDAY_NAMES, monthName } from './read.js';

/** Dates in a standalone string (a front-matter value, a config entry), offsets from 0. */
export function readDates(text: string): ReadDate[] {
  const out: ReadDate[] = [];
  for (const c of scanCandidates(text)) for (const r of readCandidate(c, 0)) out.push(r);
  return out;
}

/**
 * The date scan alone, uncached, for the benchmark: returns how many dates it found so
 * the work cannot be optimised away.
 */
export function benchDates(model: ReportModel): number {
  return scanModel(model).dates.length;
}
