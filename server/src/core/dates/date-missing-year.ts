import { defineRule } from '../rules/define.js';
import { insertFix } from '../rules/util.js';
import { findDates, unchangedDates, inferDate, longDate, type FoundDate } from './index.js';

function what(f: FoundDate): string | undefined {
  if (f.context === 'signoff') return 'Sign-off date';
  if (f.frontMatterKey === 'meeting_date') return '"meeting_date" value';
  if (f.cue === 'meeting') return 'Meeting date';
  // A day said of every year ("due on 31 March annually") has no year to give.
  if (f.recurring) return undefined;
  if (f.cue === 'deadline') return 'Deadline';
  if (f.context === 'text' || f.context === 'heading') return 'Date';
  return undefined;
}

export const missingYear = defineRule({
  id: 'date/missing-year',
  title: 'Date without a year where the year matters',
  defaultSeverity: 'warning',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'Reports are reused from year to year, and a sign-off, meeting date or deadline without a year cannot show which year it belongs to: a legal or finance comment dated "19th September" may be last year\'s. The same goes for a date in running text or a heading ("a visit on 29 September"), unless its sentence says it recurs ("from 1 January each year"); tables, which often list dates of one year under a heading that gives it, are left alone. A weekday written with the date picks the year near the meeting in which the day falls on it ("Tuesday 6 October" in a report for March 2026 is 2026). The quick fix adds the year the meeting date implies (a sign-off takes the latest such day on or before the meeting); it is never applied on save or by `--fix`, since the year is inferred, not written by the officer.',
    bad: 'Signed: Sukhi Biring, Equalities Officer\n\nDated: 19th September',
    good: 'Signed: Sukhi Biring, Equalities Officer\n\nDated: 19th September 2024',
  },
  check(ctx) {
    const { model } = ctx;
    const scan = findDates(model);
    const unchanged = unchangedDates(scan);
    for (const f of scan.dates) {
      if (f.kind !== 'date' || !f.valid || f.year !== undefined || f.rangeRole === 'start') continue;
      if (!what(f)) continue;
      ctx.keyed(f, unchanged, check);
    }
    function check(f: FoundDate): void {
      const label = what(f)!;
      const inferred = inferDate(f, scan);
      const written = f.text.slice(f.partStart - f.start).trim();
      let message = `${label} "${written}" has no year.`;
      const fixes = [];
      if (inferred) {
        message += ` Going by ${inferred.basis}, it is ${longDate(inferred.date)}.`;
        // Never safe: the year is inferred, not written by the officer (a sign-off may be
        // last year's, which is what the finding is about), so the officer confirms it.
        fixes.push(insertFix(`Add the year: ${written} ${inferred.year}`, model, f.partEnd, ` ${inferred.year}`, false));
      }
      ctx.report({ message, range: model.index.range(f.partStart, f.partEnd), fixes });
    }
  },
});
