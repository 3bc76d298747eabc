import { defineRule } from '../rules/define.js';
import { findDates, unchangedDates, monthName, type FoundDate } from './index.js';

const QUARTER_BEFORE = /\b(?:quarter|qtr|Q)\s?([1-4])\s*\(\s*(?:(?:to|ending|end of)\s+)?$/i;

/** Financial-year quarter (April start) and calendar quarter of a month 1-12. */
function quarters(month: number): { financial: number; calendar: number } {
  return { financial: Math.floor(((month + 8) % 12) / 3) + 1, calendar: Math.floor((month - 1) / 3) + 1 };
}

export const quarterMismatch = defineRule({
  id: 'date/quarter-mismatch',
  title: 'Quarter does not contain the month given for it',
  defaultSeverity: 'warning',
  fixable: false,
  needsProfile: false,
  docs: {
    why: 'Performance reports label periods both ways, "quarter 3 (December 2022)", and a slip in either half misreports which figures are meant. A month is accepted for a quarter when it falls in that quarter of the financial year (April to March) or of the calendar year. Only a month written in brackets right after the quarter is checked.',
    bad: 'At the end of quarter 2 (December 2022) 0.7% of young people were not in education, employment or training.',
    good: 'At the end of quarter 3 (December 2022) 0.7% of young people were not in education, employment or training.',
  },
  check(ctx) {
    const { model } = ctx;
    const scan = findDates(model);
    const unchanged = unchangedDates(scan);
    for (const f of scan.dates) {
      if ((f.kind !== 'month' && f.kind !== 'date') || f.month === undefined || f.context === 'front-matter') continue;
      // The words before a date are on its own line, so in its own unit: kept with it.
      ctx.keyed(f, unchanged, check);
    }
    function check(f: FoundDate): void {
      const month = f.month!;
      const lineStart = model.text.lastIndexOf('\n', f.start - 1) + 1;
      const from = Math.max(lineStart, f.start - 24);
      const m = QUARTER_BEFORE.exec(model.text.slice(from, f.start));
      if (!m) return;
      const q = Number(m[1]);
      const { financial, calendar } = quarters(month);
      if (q === financial || q === calendar) return;
      ctx.report({
        message: `${monthName(month)} is in quarter ${financial} of the financial year (quarter ${calendar} of the calendar year), not quarter ${q}.`,
        range: model.index.range(from + m.index, f.end),
      });
    }
  },
});
