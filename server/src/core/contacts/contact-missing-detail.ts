import { defineRule } from '../rules/define.js';
import { readContacts, isPhoneClaim, clip } from './contact-parse.js';

export const missingDetail = defineRule({
  id: 'contact/missing-detail',
  title: 'Contact details without an e-mail or a phone number',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    why: 'Members and the public use the contact details to ask about a report before the meeting. The template asks for both an e-mail address and a phone number: for the report author (City "Author contact details") and for every officer listed under "Officer(s) to Contact" (County). An internal extension is not enough, because people outside the council cannot dial it.',
    bad: '---\nreport_author: Laurence Mackie-Jones\nauthor_contact: laurence.jones@leicester.gov.uk\n---',
    good: '---\nreport_author: Laurence Mackie-Jones\nauthor_contact: laurence.jones@leicester.gov.uk, 0116 454 1170\n---',
  },
  check(ctx) {
    const { model, profile } = ctx;
    if (!profile) return;
    const { requireEmail, requirePhone } = profile.contact;
    if (!requireEmail && !requirePhone) return;
    for (const entry of readContacts(model, profile, ctx.match).entries) {
      const hasEmail = entry.emails.length > 0;
      const phones = entry.phones.filter((p) => isPhoneClaim(p, true));
      const hasPhone = phones.length > 0;
      const extension = entry.phones.find((p) => p.kind === 'extension');
      const noEmail = requireEmail && !hasEmail;
      const noPhone = requirePhone && !hasPhone;
      if (!noEmail && !noPhone) continue;
      const phoneWord = extension ? `a full phone number (the internal extension ${clip(extension.raw)} cannot be dialled from outside)` : 'a phone number';
      const subject = entry.where === 'section' ? `${entry.names[0] ? `"${entry.names[0].text}"` : 'An officer'} (${entry.label}) has` : `${entry.label} give`;
      let what: string;
      if (noEmail && noPhone) what = `neither an e-mail address nor ${phoneWord}`;
      else if (noEmail) what = `${hasPhone ? 'a phone number but ' : ''}no e-mail address`;
      else what = `${hasEmail ? 'an e-mail address but ' : ''}not ${phoneWord}`;
      const both = requireEmail && requirePhone ? `; the ${profile.council} template asks for both` : '';
      ctx.report({
        message: `${subject} ${what}${both}.`,
        range: entry.anchor,
      });
    }
  },
});
