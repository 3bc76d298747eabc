import { defineRule } from '../rules/define.js';
import { entryText } from '../frontmatter.js';
import { replaceFix } from '../rules/util.js';
import { meetingDateOf } from './members.js';
import { packSource } from './committee.js';

export const packMeetingDate = defineRule({
  id: 'pack/meeting-date',
  title: 'Report gives another meeting date than its agenda pack',
  defaultSeverity: 'error',
  fixable: false,
  needsProfile: false,
  docs: {
    why: 'The reports of one agenda pack are for one meeting. A report dated for another meeting was moved between agendas without its front matter being updated, and every deadline worked out from the date (sign-offs, publication) is then wrong. The pack\'s date is the manifest\'s, or else the one most reports give.',
    bad: '# pack.yaml: meeting_date: 29 October 2024\n---\nmeeting_date: 10 October 2024\n---',
    good: '# pack.yaml: meeting_date: 29 October 2024\n---\nmeeting_date: 29 October 2024\n---',
  },
  check(ctx) {
    const pack = ctx.pack?.info;
    if (!pack?.meetingDate) return;
    const e = ctx.model.frontMatter.byKey.get('meeting_date');
    const value = entryText(e);
    if (!e || !value) return;
    const iso = meetingDateOf(value);
    if (!iso || iso === pack.meetingDate) return;
    ctx.report({
      message: `This report is for the meeting of ${value}, but the pack is for ${pack.meetingDateText} (from ${packSource(pack)}).`,
      range: e.valueRange,
      fixes: [replaceFix(`Change to "${pack.meetingDateText}"`, e.valueRange, pack.meetingDateText!, false)],
    });
  },
});
