import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import type { ReportModel } from '../model.js';
import { findDates } from './find.js';
import { inferDate } from './infer.js';
import { clearWorkingDaysBetween, fromIso, longDate } from './calendar.js';
import { WEEKDAY_NAMES } from './read.js';
import type { DateScan, FoundDate } from './types.js';

export interface DateHoverOptions {
  /** `yyyy-mm-dd`; defaults to the current date. */
  today?: string;
}

/** The recognised date, month, time or financial year under `offset`, if any. */
export function dateAt(model: ReportModel, offset: number): FoundDate | undefined {
  const { dates } = findDates(model);
  // Binary search: dates are in document order (front matter first).
  let lo = 0;
  let hi = dates.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = dates[mid]!;
    if (d.end <= offset) lo = mid + 1;
    else if (d.start > offset) hi = mid - 1;
    else return d;
  }
  return undefined;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * Markdown for a hover on a date: the full date with its weekday, and where it falls
 * against the meeting (days and clear working days before it). Undefined when there is
 * no recognised date at `offset`.
 */
export function dateHover(model: ReportModel, offset: number, options: DateHoverOptions = {}): string | undefined {
  const f = dateAt(model, offset);
  if (!f) return undefined;
  const scan = findDates(model);
  const lines: string[] = [];
  switch (f.kind) {
    case 'date':
      lines.push(...dateLines(f, scan, options));
      break;
    case 'month': {
      lines.push(`**${format(f.value!, 'MMMM yyyy')}**: ${format(f.value!, 'd')} to ${format(f.endValue!, 'd MMMM yyyy')}`);
      const m = scan.meeting.date;
      if (m && m >= f.value! && m <= f.endValue!) lines.push('The meeting falls in this month.');
      break;
    }
    case 'financial-year': {
      const y = f.year!;
      lines.push(`**Financial year ${y}/${String((y + 1) % 100).padStart(2, '0')}**: ${longDate(f.value!)} to ${longDate(f.endValue!)}`);
      const m = scan.meeting.date;
      if (m && m >= f.value! && m <= f.endValue!) lines.push('The meeting falls in this financial year.');
      break;
    }
    case 'time':
      lines.push(timeLine(f));
      if (f.other) {
        const [a, b] = f.rangeRole === 'start' ? [f, f.other] : [f.other, f];
        if (a.valid && b.valid) {
          const mins = b.hour! * 60 + b.minute! - (a.hour! * 60 + a.minute!);
          lines.push(`From ${clock(a)} to ${clock(b)}${mins > 0 ? ` (${Math.floor(mins / 60) ? `${Math.floor(mins / 60)} h ` : ''}${mins % 60} min)` : ''}.`);
        }
      }
      break;
  }
  return lines.join('\n\n');
}

function clock(f: FoundDate): string {
  return `${String(f.hour).padStart(2, '0')}:${String(f.minute).padStart(2, '0')}`;
}

function timeLine(f: FoundDate): string {
  if (!f.valid) return `**Not a real time**: ${f.problem}.`;
  const h = f.hour!;
  const twelve = `${h % 12 === 0 ? 12 : h % 12}:${String(f.minute).padStart(2, '0')} ${h < 12 ? 'am' : 'pm'}`;
  return `**${clock(f)}** (${twelve})`;
}

function dateLines(f: FoundDate, scan: DateScan, options: DateHoverOptions): string[] {
  if (!f.valid) return [`**Not a real date**: ${f.problem}.`];
  const inferred = inferDate(f, scan);
  if (!inferred) return [`**${f.day} ${format(new Date(2024, f.month! - 1, 1), 'MMMM')}**, year not written (no meeting date to infer it from).`];
  const lines: string[] = [];
  let head = `**${longDate(inferred.date)}**`;
  if (f.year === undefined) head += ` (year not written: ${inferred.year} taken from ${inferred.basis})`;
  else if (f.yearFromRange) head += ` (year from the end of the range)`;
  lines.push(head);
  if (f.weekday && f.weekday.index !== inferred.date.getDay()) lines.push(`Written as ${WEEKDAY_NAMES[f.weekday.index]}, but it is a ${WEEKDAY_NAMES[inferred.date.getDay()]}.`);
  const meeting = scan.meeting.date;
  if (meeting && scan.meeting.source !== f) {
    const days = differenceInCalendarDays(meeting, inferred.date);
    const when = longDate(meeting);
    if (days > 0) lines.push(`${plural(days, 'day')} before the meeting (${when}): ${plural(clearWorkingDaysBetween(inferred.date, meeting), 'clear working day')}.`);
    else if (days === 0) lines.push('The day of the meeting.');
    else lines.push(`${plural(-days, 'day')} after the meeting (${when}).`);
  } else if (meeting) {
    lines.push('The meeting date.');
  } else {
    lines.push('No meeting date to compare with: add `meeting_date` to the front matter.');
  }
  const today = options.today ? fromIso(options.today) : undefined;
  if (today) {
    const d = differenceInCalendarDays(inferred.date, today);
    lines.push(d === 0 ? 'Today.' : d > 0 ? `In ${plural(d, 'day')}.` : `${plural(-d, 'day')} ago.`);
  }
  if (f.other && f.other.kind === 'date') {
    const other = inferDate(f.other, scan);
    if (other) {
      const [a, b] = f.rangeRole === 'start' ? [inferred.date, other.date] : [other.date, inferred.date];
      lines.push(`Range: ${longDate(a)} to ${longDate(b)} (${plural(differenceInCalendarDays(b, a) + 1, 'day')}).`);
    }
  }
  if (lines.some((l) => l.includes('clear working day'))) lines.push('_Clear working days: Monday to Friday except bank holidays in England, counting neither this day nor the meeting day._');
  return lines;
}
