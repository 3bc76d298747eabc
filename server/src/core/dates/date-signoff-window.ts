import { z } from 'zod';
import { defineRule } from '../rules/define.js';
import { subMonths } from 'date-fns/subMonths';
import { findDates, fromIso, longDate } from './index.js';
import type { RelatedLocation } from '../types.js';

export const signoffWindow = defineRule({
  id: 'date/signoff-window',
  title: 'Sign-off dated after the meeting or too long before it',
  defaultSeverity: 'error',
  fixable: false,
  needsProfile: false,
  options: z
    .object({
      /** How long before the meeting a sign-off may be dated (calendar months). */
      maxMonthsBefore: z.number().int().min(0).default(6),
    })
    .strict(),
  docs: {
    why: 'Finance, legal, equalities and climate officers sign off the report they read, shortly before the meeting (one to seven weeks in the seed packs). A sign-off dated after the meeting cannot have been seen by the decision-maker; one dated many months earlier was probably given on an older draft or carried over from last year\'s report. Once the meeting has passed, a sign-off dated in the future is also called out. The window (6 months by default) is the rule\'s `maxMonthsBefore` option.',
    bad: '---\nmeeting_date: 3 March 2026\n---\n...\nSigned: Mohammed Irfan, Head of Finance\n\nDated: 4 March 2026',
    good: '---\nmeeting_date: 3 March 2026\n---\n...\nSigned: Mohammed Irfan, Head of Finance\n\nDated: 3 February 2026',
  },
  check(ctx) {
    const { model } = ctx;
    const scan = findDates(model);
    const meeting = scan.meeting.date;
    if (!meeting) return;
    const today = fromIso(ctx.today);
    const earliest = subMonths(meeting, ctx.options.maxMonthsBefore);
    // Written for the first finding only: most reports' sign-offs are in the window.
    let related: RelatedLocation[] | undefined;
    const relatedOnce = (): RelatedLocation[] => (related ??= scan.meeting.source ? [{ range: scan.meeting.source.range, message: `Meeting date: ${longDate(meeting)}` }] : []);
    const seen = new Set<object | number>();
    for (const f of scan.dates) {
      if (f.context !== 'signoff' || f.kind !== 'date' || !f.value || f.year === undefined || f.yearFromRange) continue;
      // One finding per sign-off: its first date.
      const key = f.signoff ?? model.index.positionAt(f.start).line;
      if (seen.has(key)) continue;
      seen.add(key);
      const range = model.index.range(f.partStart, f.partEnd);
      if (f.value > meeting) {
        let message = `Sign-off dated ${longDate(f.value)}, after the meeting on ${longDate(meeting)}.`;
        if (today && meeting < today && f.value > today) message = `Sign-off dated ${longDate(f.value)}, in the future, though the meeting on ${longDate(meeting)} has already taken place.`;
        ctx.report({ message, range, related: relatedOnce() });
      } else if (f.value < earliest) {
        const n = ctx.options.maxMonthsBefore;
        ctx.report({
          message: `Sign-off dated ${longDate(f.value)}, more than ${n} month${n === 1 ? '' : 's'} before the meeting on ${longDate(meeting)} (the earliest expected is ${longDate(earliest)}): was it given on an earlier draft?`,
          range,
          related: relatedOnce(),
        });
      }
    }
  },
});
