/**
 * Reads a single date value as officers write it in front matter and sign-offs:
 * `2026-03-03`, `3 March 2026`, `3rd March 2026`, `03/03/2026` (UK day/month),
 * `Tuesday 3 March 2026`. Returns undefined when the text is not one date.
 */
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ALT: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, jun: 5, jul: 6, aug: 7, sep: 8, sept: 8, oct: 9, nov: 10, dec: 11 };

export interface SimpleDate {
  year?: number;
  month: number;
  day: number;
}

function monthIndex(name: string): number {
  const n = name.toLowerCase().replace(/\.$/, '');
  const i = MONTHS.indexOf(n);
  return i !== -1 ? i : (MONTH_ALT[n] ?? -1);
}

export function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 0 || m > 11 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m]!;
  return d <= days;
}

export function readSimpleDate(text: string): SimpleDate | undefined {
  const t = text.trim().replace(/^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+/i, '');
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return { year: +m[1]!, month: +m[2]! - 1, day: +m[3]! };
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return { year: +m[3]!, month: +m[2]! - 1, day: +m[1]! };
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+\.?),?(?:\s+(\d{4}))?$/.exec(t);
  if (m) {
    const month = monthIndex(m[2]!);
    if (month === -1) return undefined;
    const r: SimpleDate = { month, day: +m[1]! };
    if (m[3]) r.year = +m[3];
    return r;
  }
  return undefined;
}
