import { format } from 'date-fns/format';
import type { FoundDate } from './types.js';
import { stripEnd } from '../text.js';

/**
 * House style: the profile names a date-fns pattern (`d MMMM yyyy`). A date is in house
 * style when it was written with that pattern; a month ("March 2026") when it was
 * written with the pattern's month-and-year part. Letter case does not count (county
 * headers print dates in capitals).
 */

/** The pattern a found date should be written with, or undefined when house style says nothing about it. */
export function expectedStyle(f: FoundDate, dateStyle: string): string | undefined {
  const base = withoutWeekday(dateStyle);
  if (f.kind === 'date') return base;
  if (f.kind === 'month') {
    const m = withoutDay(base);
    return /M/.test(m) && /y/.test(m) ? m : undefined;
  }
  return undefined;
}

/** Drops weekday tokens (`EEEE, `) from a pattern: a weekday before a date is allowed either way. */
function withoutWeekday(pattern: string): string {
  return pattern.replace(/E+[,.]?\s*/g, '').trim();
}

/** `d MMMM yyyy` → `MMMM yyyy`; `dd/MM/yyyy` → `MM/yyyy`. */
function withoutDay(pattern: string): string {
  return stripEnd(pattern.replace(/d+o?[\s,./-]*/g, ''), /[\s,./-]/).trim();
}

export function inHouseStyle(f: FoundDate, dateStyle: string): boolean {
  const want = expectedStyle(f, dateStyle);
  return want === undefined || want === f.style;
}

/** The date proper rewritten in house style, keeping capitals when it was written in capitals. */
export function rewriteInStyle(f: FoundDate, text: string, dateStyle: string): string | undefined {
  const want = expectedStyle(f, dateStyle);
  if (!want || !f.value) return undefined;
  const out = format(f.value, want);
  const written = text.slice(f.partStart, f.partEnd);
  return /[a-z]/.test(written) || !/[A-Z]/.test(written) ? out : out.toUpperCase();
}
