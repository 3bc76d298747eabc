import { defineRule } from '../rules/define.js';
import { sameAsLastCheck } from '../model.js';
import { findDates, longDate, fromIso, toIso } from '../dates/index.js';
import { eachSegment, type ProseSegment } from './segments.js';
import { outdatedBodies, anyOutdatedOf, historical } from './bodies.js';

const dayOf = (iso: string): string => {
  const d = fromIso(iso);
  return d ? longDate(d).replace(/^\S+ /, '') : iso;
};

/** `toIso` of the meeting dates met so far, by time value: reports of one meeting share it (a folder holds a few hundred). */
const isoByTime = new Map<number, string>();
/** Work counted for tests: meeting dates written out as `yyyy-mm-dd`. */
export const outdatedWork = { isoMade: 0 };
function isoOf(d: Date): string {
  const t = d.getTime();
  let iso = isoByTime.get(t);
  if (iso === undefined) {
    outdatedWork.isoMade++;
    if (isoByTime.size >= 256) isoByTime.clear();
    isoByTime.set(t, (iso = toIso(d)));
  }
  return iso;
}

/** The day each session's last check went by (a new meeting date checks every segment again). */
const lastDay = new WeakMap<object, string>();

export const outdatedReference = defineRule({
  id: 'prose/outdated-reference',
  title: 'Body or guidance replaced before the meeting',
  defaultSeverity: 'warning',
  fixable: false,
  needsProfile: false,
  docs: {
    why: 'A report that cites a body abolished or guidance replaced before the meeting tells councillors about a world that no longer exists: Clinical Commissioning Groups became Integrated Care Boards on 1 July 2022, Working Together to Safeguard Children 2018 was replaced by the 2023 edition. A mention written as history ("the former CCGs", "was replaced by") is fine. The dates and successors are data (`prose/data/bodies.json`); the meeting date comes from the front matter (else today).',
    bad: '---\nmeeting_date: 3 March 2026\n---\n\n3.2 The CCG will fund the service under Working Together to Safeguard Children 2018.',
    good: '---\nmeeting_date: 3 March 2026\n---\n\n3.2 The Integrated Care Board (which replaced the CCG) will fund the service under Working Together to Safeguard Children 2023.',
  },
  check(ctx) {
    const { model } = ctx;
    const meeting = findDates(model).meeting.date;
    const iso = meeting ? isoOf(meeting) : ctx.today;
    const reuse = sameAsLastCheck(lastDay, model, iso);
    const live = outdatedBodies().filter((o) => o.since <= iso);
    if (live.length === 0) return;
    const any = anyOutdatedOf(live);
    eachSegment(ctx, check, reuse);
    function check(seg: ProseSegment): void {
      if (!any.test(seg.text)) return;
      for (const o of live) {
        o.re.lastIndex = 0;
        for (let m = o.re.exec(seg.text); m; m = o.re.exec(seg.text)) {
          const before = seg.text.slice(Math.max(0, m.index - 80), m.index);
          const after = seg.text.slice(m.index + m[0].length, m.index + m[0].length + 60);
          if (historical(before, after)) continue;
          const day = meeting ? `the meeting, ${longDate(meeting)}` : 'today';
          ctx.report({
            message: `"${m[0]}" was replaced on ${dayOf(o.since)} by ${o.by}, before ${day}. Name the current body or guidance, or write the mention as history ("the former ...").`,
            range: model.index.range(seg.start + m.index, seg.start + m.index + m[0].length),
          });
        }
      }
    }
  },
});
