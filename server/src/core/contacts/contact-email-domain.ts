import { distance } from 'fastest-levenshtein';
import { defineRule } from '../rules/define.js';
import { readContacts } from './contact-parse.js';
import { clip } from './contact-parse.js';
import { replaceFix } from '../rules/util.js';

export const emailDomain = defineRule({
  id: 'contact/email-domain',
  title: 'Contact e-mail outside the council\'s domains',
  defaultSeverity: 'info',
  fixable: true,
  docs: {
    why: 'The contact for a committee report is a council officer, so the address is on the council\'s own domain (the profile\'s contact.emailDomains, e.g. leicester.gov.uk or leics.gov.uk). A near miss ("leicester.gov.co.uk", "leics.gov") bounces; another council\'s domain or a personal mailbox is usually a copy-and-paste slip. Only the contact details are checked, not addresses quoted in the text.',
    bad: 'Lindsey Kirby\n0116 305 5976\nLindsey.Kirby@leicestershire.gov.uk',
    good: 'Lindsey Kirby\n0116 305 5976\nLindsey.Kirby@leics.gov.uk',
  },
  check(ctx) {
    const { model, profile } = ctx;
    if (!profile) return;
    const domains = profile.contact.emailDomains.map((d) => d.toLowerCase());
    if (domains.length === 0) return;
    for (const { email, entry } of readContacts(model, profile, ctx.match).emails) {
      if (!entry || !email.valid) continue;
      const domain = email.domain.toLowerCase();
      if (domains.some((d) => domain === d || domain.endsWith(`.${d}`))) continue;
      let best: string | undefined;
      let bestD = Infinity;
      for (const d of domains) {
        const dd = distance(domain, d);
        if (dd < bestD) {
          bestD = dd;
          best = d;
        }
      }
      const near = best !== undefined && bestD <= 2;
      const start = email.start + email.local.length + 1;
      const range = model.index.range(start, email.end);
      const list = domains.map((d) => `@${d}`).join(' or ');
      ctx.report({
        message: near
          ? `"${clip(email.raw)}": the domain "${clip(email.domain)}" looks like a misspelling of "${best}".`
          : `"${clip(email.raw)}" is not a ${profile.council} address (${list}); check it is the officer's council mailbox.`,
        range,
        fixes: near ? [replaceFix(`Write "@${best}"`, range, best!, false)] : [],
      });
    }
  },
});
