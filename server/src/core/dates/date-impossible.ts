import { defineRule } from '../rules/define.js';
import { replaceFix } from '../rules/util.js';
import { findDates, unchangedDates, longDate, type FoundDate } from './index.js';
import type { Fix } from '../types.js';
import type { ReportModel } from '../model.js';

/** "14:00pm": offer both readings, the 24-hour one first. */
function clockFixes(f: FoundDate, model: ReportModel): Fix[] {
  if (f.kind !== 'time' || f.hour === undefined || f.minute === undefined) return [];
  if (!/[ap]\.?m/i.test(f.text) || f.hour <= 12 || f.hour > 23 || f.minute > 59) return [];
  const mm = String(f.minute).padStart(2, '0');
  const pm = /p\.?m/i.test(f.text) ? 'pm' : 'am';
  const range = model.index.range(f.start, f.end);
  return [
    replaceFix(`Change to ${String(f.hour).padStart(2, '0')}:${mm} (24-hour clock)`, range, `${String(f.hour).padStart(2, '0')}:${mm}`, false),
    replaceFix(`Change to ${f.hour - 12}:${mm} ${pm}`, range, `${f.hour - 12}:${mm} ${pm}`, false),
  ];
}

export const impossibleDate = defineRule({
  id: 'date/impossible',
  title: 'Date or time that cannot exist',
  defaultSeverity: 'error',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'A day that is not in the calendar (31 September, 29 February in a common year), an hour past 23 or a 24-hour time with "pm" cannot be acted on: a reader cannot tell which day or time was meant, and a notice or sign-off that names it is open to challenge. Ranges that end before they start are reported too. A 24-hour time written with a dot and no am/pm ("at 14.00", "from 09.30 to 16.00") is read as a time after a word that says one follows (at, from, until, between, starts, time:), never when a unit of a figure follows (per cent, pence, million). Figures in tables (2024/25, 12/24, 3.5) are never read as dates.',
    bad: 'Dated: 31 September 2025\n\nThe panel meets at 14:00pm.',
    good: 'Dated: 30 September 2025\n\nThe panel meets at 2:00 pm.',
  },
  check(ctx) {
    const { model } = ctx;
    const scan = findDates(model);
    const unchanged = unchangedDates(scan);
    for (const f of scan.dates) {
      // In a table, a bare number pair such as 25:30 or 31/13/2024 may be a figure.
      if (f.context === 'table' && f.numericOnly) continue;
      if (f.valid && (f.kind !== 'date' || f.rangeRole !== 'end')) continue;
      ctx.keyed(f, unchanged, check);
    }
    function check(f: FoundDate): void {
      if (!f.valid) {
        ctx.report({
          message: `"${f.text.trim()}" is not a real ${f.kind === 'time' ? 'time' : 'date'}: ${f.problem}.`,
          range: f.range,
          fixes: clockFixes(f, model),
        });
        return;
      }
      if (f.other?.value && f.value && f.other.value > f.value && !f.other.yearFromRange) {
        ctx.report({
          message: `This range ends (${longDate(f.value)}) before it starts (${longDate(f.other.value)}).`,
          range: model.index.range(f.other.start, f.end),
        });
      }
    }
  },
});
