import { defineRule } from '../rules/define.js';
import { replaceFix } from '../rules/util.js';
import { findDates, unchangedDates, expectedStyle, rewriteInStyle, type FoundDate } from './index.js';

export const houseStyle = defineRule({
  id: 'date/house-style',
  title: 'Date not written in the template\'s house style',
  defaultSeverity: 'info',
  fixable: true,
  docs: {
    why: 'A council writes dates one way (the profile\'s `dateStyle`, "3 February 2026" for both Leicester councils), and a report that mixes "03 October 2025", "18th February 2026" and "03/03/2026" looks unchecked. Complete dates and months with their year are checked, in the front matter (where `2026-03-03` is also accepted), sign-offs and text; tables, which often use compact dates, are not. The fix rewrites the date, keeping capitals where the date is in capitals.',
    bad: 'Dated: 18th February 2026\n\nThe plan was agreed on 03/03/2026.',
    good: 'Dated: 18 February 2026\n\nThe plan was agreed on 3 March 2026.',
  },
  check(ctx) {
    const { model, profile } = ctx;
    if (!profile) return;
    const style = profile.dateStyle;
    const scan = findDates(model);
    const unchanged = unchangedDates(scan);
    for (const f of scan.dates) {
      if ((f.kind !== 'date' && f.kind !== 'month') || !f.valid || !f.value || f.year === undefined || f.yearFromRange) continue;
      if (f.context === 'table') continue;
      if (f.context === 'front-matter' && f.style === 'yyyy-MM-dd') continue;
      ctx.keyed(f, unchanged, check);
    }
    function check(f: FoundDate): void {
      const want = expectedStyle(f, style);
      if (!want || want === f.style) return;
      const text = rewriteInStyle(f, model.text, style);
      if (!text) return;
      const written = model.text.slice(f.partStart, f.partEnd).replace(/\s+/g, ' ');
      const range = model.index.range(f.partStart, f.partEnd);
      ctx.report({
        message: `"${written}" is not in the house style (${want}): write "${text}".`,
        range,
        // A two-digit year ("March 23") could also be a day written American style: ask first.
        fixes: [replaceFix(`Write "${text}"`, range, text, !/(^|[^y])yy([^y]|$)/.test(f.style))],
      });
    }
  },
});
