import { defineRule } from '../rules/define.js';
import { readContacts, checkUkNumber, formatNational, clip } from './contact-parse.js';
import { replaceFix } from '../rules/util.js';

export const phoneStyle = defineRule({
  id: 'contact/phone-style',
  title: 'Phone number not spaced in house style',
  defaultSeverity: 'info',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'Reports write phone numbers in the standard UK groups, "0116 454 1170" (4-3-4 for Leicester and Leicestershire numbers), so that readers can read them out and check them at a glance. Numbers run together, hyphenated or with the code in brackets are respaced; the digits are not touched, and a number whose digits are wrong is left to contact/phone-format.',
    bad: 'Tel: 0116 4543833',
    good: 'Tel: 0116 454 3833',
  },
  check(ctx) {
    const { model } = ctx;
    for (const { phone } of readContacts(model, ctx.profile, ctx.match).phones) {
      if (phone.kind !== 'national') continue;
      const r = checkUkNumber(phone);
      if (!r.ok || !r.national) continue;
      const styled = formatNational(r.national);
      if (!styled || styled === phone.raw) continue;
      const range = model.index.range(phone.start, phone.end);
      ctx.report({
        message: `Write the phone number as "${styled}" (house spacing), not "${clip(phone.raw)}".`,
        range,
        fixes: [replaceFix(`Write "${styled}"`, range, styled, true)],
      });
    }
  },
});
