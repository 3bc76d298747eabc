import { defineRule } from '../rules/define.js';
import { insertFix, replaceFix } from '../rules/util.js';
import { format } from 'date-fns/format';
import { findDates, inferDate, longDate, wholeValue } from './index.js';
import type { Fix } from '../types.js';

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

function likeCase(text: string, like: string): string {
  return /[a-z]/.test(like) || !/[A-Z]/.test(like) ? text : text.toUpperCase();
}

export const meetingDate = defineRule({
  id: 'date/meeting-date',
  title: 'Meeting date missing, malformed or contradicted by the text',
  defaultSeverity: 'error',
  fixable: true,
  docs: {
    why: 'Every date check hangs on the meeting date: sign-offs must precede it, deadlines are read against it, and the agenda is built from it. `meeting_date` must therefore be one complete day, and where the report also states the date of the meeting ("Date of meeting: ...", or a date alone in the header) the two must agree. When the front matter has no `meeting_date` but the text states one, the fix copies it up (on save and by `--fix` only when every date the text gives for the meeting is that day). A value that is no date at all is reported by metadata/value-type, a missing year by date/missing-year, an impossible day by date/impossible.',
    bad: '---\nmeeting_date: March 2026\n---\n\nDate of meeting: 10 March 2026',
    good: '---\nmeeting_date: 10 March 2026\n---\n\nDate of meeting: 10 March 2026',
  },
  check(ctx) {
    const { model } = ctx;
    const scan = findDates(model);
    const info = scan.meeting;
    const fm = model.frontMatter;
    const stated = info.stated.filter((s) => s.valid);
    if (!info.entry) {
      const s = stated.find((x) => x.value && !x.yearFromRange);
      if (!s || !fm.present || fm.problems.length > 0) return;
      // One right answer only when every date the text gives for the meeting is that day.
      const others = stated.filter((x) => x.value && !sameDay(x.value, s.value!));
      ctx.report({
        message: `The report gives the date of the meeting as ${longDate(s.value!)}${others.length ? ` (and as ${others.map((x) => longDate(x.value!)).join(', ')})` : ''}, but the front matter has no "meeting_date".`,
        range: model.index.range(s.partStart, s.partEnd),
        fixes: [insertFix(`Add "meeting_date: ${s.text.trim()}" to the front matter`, model, fm.contentEnd, `meeting_date: ${s.text.trim()}\n`, others.length === 0)],
      });
      return;
    }
    const entry = info.entry;
    if (!info.frontMatter) {
      const dates = info.frontMatterDates;
      if (dates.length === 0) return; // not a date at all: metadata/value-type
      const days = dates.filter((d) => d.kind === 'date');
      // No year or no such day: date/missing-year and date/impossible say so.
      if (days.length === 1 && (!days[0]!.valid || days[0]!.year === undefined) && dates.length === 1) return;
      let message: string;
      const fixes: Fix[] = [];
      if (days.length === 0) message = `"meeting_date" should be one day such as "3 March 2026", not ${dates[0]!.kind === 'month' ? 'a month' : dates[0]!.kind === 'time' ? 'a time' : 'a financial year'} ("${entry.source}").`;
      else if (days.length > 1) message = `"meeting_date" should be one day, not ${days[0]!.other ? 'a range' : 'several dates'} ("${entry.source}").`;
      else {
        const d = days[0]!;
        message = `"meeting_date" should hold only the date ("${d.text.trim()}"), not "${wholeValue(entry.source)}".`;
        if (d.valid && d.value) fixes.push(replaceFix(`Change to "${d.text.trim()}"`, entry.valueRange, d.text.trim(), false));
      }
      ctx.report({ message, range: entry.valueRange, fixes });
      return;
    }
    const meeting = info.frontMatter;
    for (const s of stated) {
      const day = inferDate(s, scan);
      if (!day) continue;
      const agrees = s.year === undefined ? s.month === meeting.month && s.day === meeting.day : sameDay(day.date, meeting.value!);
      if (agrees) continue;
      const fixes: Fix[] = [];
      const written = model.text.slice(s.partStart, s.partEnd);
      if (s.year !== undefined && s.style.includes('y')) {
        fixes.push(replaceFix(`Change the text to ${format(meeting.value!, 'd MMMM yyyy')} (as meeting_date)`, model.index.range(s.partStart, s.partEnd), likeCase(format(meeting.value!, s.style), written), false));
        fixes.push(replaceFix(`Change meeting_date to ${format(day.date, 'd MMMM yyyy')} (as the text)`, model.index.range(meeting.partStart, meeting.partEnd), likeCase(format(day.date, meeting.style), meeting.text), false));
      }
      ctx.report({
        message: `The report gives the date of the meeting as ${longDate(day.date)}, but "meeting_date" is ${longDate(meeting.value!)}.`,
        range: model.index.range(s.partStart, s.partEnd),
        fixes,
        related: [{ range: meeting.range, message: '"meeting_date" in the front matter' }],
      });
    }
  },
});
