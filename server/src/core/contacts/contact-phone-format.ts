import { defineRule } from '../rules/define.js';
import { readContacts, checkUkNumber } from './contact-parse.js';
import { replaceFix } from '../rules/util.js';

export const phoneFormat = defineRule({
  id: 'contact/phone-format',
  title: 'Phone number with the wrong number of digits',
  defaultSeverity: 'warning',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'A UK phone number has 11 digits starting with 0 (0116 454 1170), or +44 and 10 digits. A digit too many or too few, a missing dialling code or a 0 kept after +44 gives readers a number that does not connect. Only contact details and numbers introduced as phone numbers ("Tel", "call") are checked: figures, dates, sums and internal extensions ("Ext 37 4148") are not phone numbers.',
    bad: 'Alison Bradley\nAssistant Director Education, SEND and Commissioning\nTel: 0116 305 58825\nAlison.Bradley@leics.gov.uk',
    good: 'Alison Bradley\nAssistant Director Education, SEND and Commissioning\nTel: 0116 305 8825\nAlison.Bradley@leics.gov.uk',
  },
  check(ctx) {
    const { model } = ctx;
    for (const { phone } of readContacts(model, ctx.profile, ctx.match).phones) {
      const r = checkUkNumber(phone);
      if (r.ok || !r.problem) continue;
      const range = model.index.range(phone.start, phone.end);
      ctx.report({ message: r.problem, range, fixes: r.fix ? [replaceFix(r.fix.title, range, r.fix.text, r.fix.safe)] : [] });
    }
  },
});
