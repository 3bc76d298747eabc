import { definePackRule } from './define.js';
import { replaceFix } from '../rules/util.js';
import { meetingDateOf } from './members.js';
import { packSource } from './committee.js';

export const packMeetingDate = definePackRule({
  id: 'pack/meeting-date',
  title: 'Report gives another meeting date than its agenda pack',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    why: 'The reports of one agenda pack are for one meeting. A report dated for another meeting was moved between agendas without its front matter being updated, and every deadline worked out from the date (sign-offs, publication) is then wrong. The pack\'s date is the manifest\'s, or else the one most reports give.',
    bad: '# pack.yaml: meeting_date: 29 October 2024\n---\nmeeting_date: 10 October 2024\n---',
    good: '# pack.yaml: meeting_date: 29 October 2024\n---\nmeeting_date: 29 October 2024\n---',
  },
  packCheck(self, { info: pack }, report) {
    const e = self.meetingDate;
    if (!pack.meetingDate || !e) return;
    const value = e.value;
    // Read where the report was checked (a worker thread's warm date reader), not here.
    const iso = self.meetingIso ?? meetingDateOf(value);
    if (!iso || iso === pack.meetingDate) return;
    report({
      message: `This report is for the meeting of ${value}, but the pack is for ${pack.meetingDateText} (from ${packSource(pack)}).`,
      range: e.range,
      fixes: [replaceFix(`Change to "${pack.meetingDateText}"`, e.range, pack.meetingDateText!, false)],
    });
  },
});
