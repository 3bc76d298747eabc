/**
 * Reads a single date value as officers write it in front matter and sign-offs:
 * `2026-03-03`, `3 March 2026`, `3rd March 2026`, `03/03/2026` (UK day/month),
 * `Tuesday 3 March 2026`. Returns undefined when the text is not one date.
 * Kept for callers of the first version; built on the date scanner (`readDates`).
 */
import { scanCandidates } from './scan.js';
import { readCandidate } from './read.js';
import { makeDate } from './calendar.js';

export interface SimpleDate {
  year?: number;
  /** 0-based month, as in `Date`. */
  month: number;
  day: number;
}

export function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 0 || m > 11 || d < 1) return false;
  const date = makeDate(y, m + 1, d);
  return date.getMonth() === m && date.getDate() === d;
}

export function readSimpleDate(text: string): SimpleDate | undefined {
  const t = text.trim();
  const candidates = scanCandidates(t);
  if (candidates.length !== 1) return undefined;
  const c = candidates[0]!;
  if (c.start !== 0 || c.end !== t.length) return undefined;
  const dates = readCandidate(c, 0);
  const d = dates.length === 1 ? dates[0]! : undefined;
  if (!d || d.kind !== 'date' || d.month === undefined || d.day === undefined) return undefined;
  const r: SimpleDate = { month: d.month - 1, day: d.day };
  if (d.year !== undefined) r.year = d.year;
  return r;
}
