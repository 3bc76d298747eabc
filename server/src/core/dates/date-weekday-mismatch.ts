import { defineRule } from '../rules/define.js';
import { replaceFix } from '../rules/util.js';
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { findDates, inferDate, unchangedDates, WEEKDAY_NAMES, type FoundDate } from './index.js';

/** A weekday name written like `like`: capitals, lower case or title case, full or short. */
function likeWritten(name: string, like: string): string {
  const full = /^(mon|tues|wednes|thurs|fri|satur|sun)day$/i.test(like);
  const word = full ? name : name.slice(0, 3);
  if (like === like.toUpperCase()) return word.toUpperCase();
  if (like === like.toLowerCase()) return word.toLowerCase();
  return word;
}

function likeCase(text: string, like: string): string {
  return /[a-z]/.test(like) || !/[A-Z]/.test(like) ? text : text.toUpperCase();
}

export const weekdayMismatch = defineRule({
  id: 'date/weekday-mismatch',
  title: 'Weekday does not match the date',
  defaultSeverity: 'error',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'When a weekday and a date disagree, at least one of them is wrong, and people turn up on the wrong day. Which one is wrong cannot be known from the text, so the quick fixes offer both: the right weekday for the date, or the date of that weekday in the same week. A date written without a year is checked against the years near the meeting date: it is reported only when the day falls on that weekday in none of them (when it does, date/missing-year names that year).',
    bad: 'The next meeting is on Monday 3 March 2026.',
    good: 'The next meeting is on Tuesday 3 March 2026.',
  },
  check(ctx) {
    const { model } = ctx;
    const scan = findDates(model);
    const unchanged = unchangedDates(scan);
    for (const f of scan.dates) {
      if (f.kind !== 'date' || !f.weekday || f.weekday.index < 0 || !f.valid) continue;
      ctx.keyed(f, unchanged, check);
    }
    function check(f: FoundDate): void {
      const weekday = f.weekday!;
      const inferred = inferDate(f, scan);
      if (!inferred) return;
      const actual = inferred.date.getDay();
      if (actual === weekday.index) return;
      const written = WEEKDAY_NAMES[weekday.index]!;
      const right = WEEKDAY_NAMES[actual]!;
      const wdRange = model.index.range(weekday.start, weekday.end);
      const fixes = [replaceFix(`Change the weekday to ${right}`, wdRange, likeWritten(right, weekday.text), false)];
      if (f.year !== undefined && !f.yearFromRange && f.style.includes('yyyy')) {
        // The day of the written weekday in the same Monday-to-Sunday week.
        const offset = ((weekday.index + 6) % 7) - ((actual + 6) % 7);
        const other = addDays(inferred.date, offset);
        const text = likeCase(format(other, f.style), model.text.slice(f.partStart, f.partEnd));
        fixes.push(replaceFix(`Change the date to ${written} ${format(other, 'd MMMM yyyy')}`, model.index.range(f.partStart, f.partEnd), text, false));
      }
      const dayMonth = format(inferred.date, 'd MMMM');
      ctx.report({
        message:
          f.year === undefined
            ? `${dayMonth} is not a ${written} in any year near ${inferred.basis}: ${dayMonth} ${inferred.year} is a ${right}. The weekday or the date is wrong.`
            : `${format(inferred.date, 'd MMMM yyyy')} is a ${right}, not a ${written}.`,
        range: wdRange,
        fixes,
      });
    }
  },
});
