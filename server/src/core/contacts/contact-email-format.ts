import { defineRule } from '../rules/define.js';
import { readContacts, isValidEmail, type EmailMatch } from './contact-parse.js';
import { clip } from './contact-parse.js';
import type { Profile } from '../templates/schema.js';
import { stripEnd, stripStart } from '../text.js';

export const emailFormat = defineRule({
  id: 'contact/email-format',
  title: 'Malformed e-mail address',
  defaultSeverity: 'warning',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'An e-mail address with a doubled "@", a doubled or trailing dot, a space or no domain ending (".gov.uk") bounces, so questions about the report never reach the officer. Addresses are checked against the form mail systems accept (a dot-atom name, "@", a domain with at least two parts).',
    bad: 'Email: sharon.cooke@@leics.gov.uk',
    good: 'Email: sharon.cooke@leics.gov.uk',
  },
  check(ctx) {
    const { model, profile } = ctx;
    for (const { email } of readContacts(model, profile, ctx.match).emails) {
      if (email.valid) continue;
      const range = model.index.range(email.start, email.end);
      const repaired = repair(email, profile);
      ctx.report({
        message: `"${clip(email.raw)}" is not a valid e-mail address${reason(email)}.${repaired ? ` Did you mean "${clip(repaired)}"?` : ''}`,
        range,
        fixes: repaired
          ? [
              {
                title: `Write "${clip(repaired)}"`,
                // The same address as the link target is corrected with it.
                edits: [{ range, newText: repaired }, ...(email.mirror ? [{ range: model.index.range(email.mirror.start, email.mirror.end), newText: repaired }] : [])],
                safe: false,
              },
            ]
          : [],
      });
    }
  },
});

function reason(e: EmailMatch): string {
  if (e.raw.split('@').length > 2) return ': it has more than one "@"';
  if (e.domain === '') return ': nothing follows the "@"';
  if (!e.domain.includes('.')) return `: the domain "${clip(e.domain)}" has no ending such as ".gov.uk"`;
  if (/\.\./.test(e.raw)) return ': it has two dots in a row';
  if (/^\.|\.$/.test(e.local)) return ': the name before "@" starts or ends with a dot';
  if (/[^A-Za-z0-9.-]/.test(e.domain)) return `: the domain "${clip(e.domain)}" has a character domains cannot have`;
  const tld = e.domain.slice(e.domain.lastIndexOf('.') + 1);
  if (!/^[A-Za-z]{2,}$/.test(tld)) return `: the domain ending ".${tld}" is not a real one`;
  return '';
}

/** `s` without leading and trailing dots. */
function stripDots(s: string): string {
  return stripStart(stripEnd(s, /\./), /\./);
}

/** The usual slips, repaired only when the result is valid. */
function repair(e: EmailMatch, profile: Profile | undefined): string | undefined {
  let local = stripDots(e.local.replace(/\.{2,}/g, '.'));
  let domain = stripDots(e.domain.replace(/@+/g, '').replace(/\.{2,}/g, '.')).replace(/,/g, '.');
  // "jane.moore@leics" → the council's own domain when it starts with that name.
  if (!domain.includes('.') && profile) {
    const d = profile.contact.emailDomains.find((x) => x.toLowerCase().startsWith(`${domain.toLowerCase()}.`));
    if (d) domain = d;
  }
  local = local.replace(/\s+/g, '');
  const out = `${local}@${domain}`;
  return out !== e.raw && isValidEmail(out) ? out : undefined;
}
