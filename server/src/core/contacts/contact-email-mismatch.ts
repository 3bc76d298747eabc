import { z } from 'zod';
import { defineRule } from '../rules/define.js';
import { readContacts, fitEmailToName, isSharedMailbox, oneEdit, SHARED_MAILBOX_WORDS, type NameRef } from './contact-parse.js';
import { clip } from './contact-parse.js';
import { replaceFix } from '../rules/util.js';
import type { Fix } from '../types.js';

/**
 * Does each contact e-mail belong to the officer it is given for? The address's name
 * part ("helen.sheppard", "h.sheppard", "hsheppard", "emma.j.jones") must be made of
 * the officer's names, initials or a short form ("ed" for "Edmund"). For the City form
 * the officer is any of the report authors (`report_author`, several allowed); for the
 * County form it is the officer named in the same "Officer(s) to Contact" entry.
 *
 * A shared (team) mailbox such as "cype.scrutiny@" or "governance@" is accepted
 * next to a named officer: it is a real way to reach the author, and it is not a
 * different person's address. It is recognised by a word such as "scrutiny", "team",
 * "enquiries" in its name part (option `sharedMailboxWords`).
 *
 * When the address and the name differ by a letter or two ("Jane More" /
 * "Jane.Moore@", "John Smyth" / "john.smith@", "pwallcae@" for Peter Wallace), one of
 * them is misspelt: it is the officer's own address with a slip, not another officer's.
 * The finding is on the name, with two unsafe fixes: the name spelt as the address, and
 * the address spelt as the name (with a mailto link's target).
 */
export const emailMismatch = defineRule({
  id: 'contact/email-mismatch',
  title: 'Contact e-mail does not belong to the named officer',
  defaultSeverity: 'warning',
  fixable: true,
  options: z
    .object({
      sharedMailboxWords: z.array(z.string()).default([...SHARED_MAILBOX_WORDS]),
    })
    .strict(),
  docs: {
    why: 'The contact e-mail should reach the officer named beside it. An address that belongs to someone else (copied from an earlier report) or a name that is misspelt against the address sends enquiries to the wrong person or makes the published report look careless. Team mailboxes such as "cype.scrutiny@" are accepted.',
    bad: 'Jane More\nDirector of Children and Family Services\n0116 305 2649\n[Jane.Moore@leics.gov.uk](mailto:Jane.Moore@leics.gov.uk)',
    good: 'Jane Moore\nDirector of Children and Family Services\n0116 305 2649\n[Jane.Moore@leics.gov.uk](mailto:Jane.Moore@leics.gov.uk)',
  },
  check(ctx) {
    const { model, profile } = ctx;
    const entries = readContacts(model, profile, ctx.match).entries;
    const others = entries.filter((e) => e.where === 'section');
    for (const entry of entries) {
      if (entry.names.length === 0) continue;
      for (const email of entry.emails) {
        if (!email.local) continue;
        const fits = entry.names.map((n) => ({ name: n, r: fitEmailToName(email.local, n.text) }));
        if (fits.some((f) => f.r.fit === 'match' || f.r.fit === 'initials')) continue;
        if (isSharedMailbox(email.local, ctx.options.sharedMailboxWords)) continue;
        const emailRange = model.index.range(email.start, email.end);
        const near = fits.find((f) => f.r.fit === 'near');
        if (near) {
          const { name, r } = near;
          const nameRange = model.index.range(name.start, name.end);
          const fixed = respell(name, r.token!, r.piece!);
          const fixes: Fix[] = fixed ? [replaceFix(`Spell the name "${fixed}", as in the e-mail address`, nameRange, fixed, false)] : [];
          const address = respellAddress(email.raw, r.whole!, r.respelt!);
          if (address) {
            const edits = [email, ...(email.mirror ? [email.mirror] : [])].map((at) => ({ range: model.index.range(at.start, at.end), newText: address }));
            fixes.push({ title: `Spell the address "${address}", as the officer's name`, edits, safe: false });
          }
          const oneLetter = oneEdit(r.piece!, r.token!);
          ctx.report({
            message: oneLetter
              ? `"${name.text}" and the e-mail address "${clip(email.raw)}" are one letter apart ("${r.token}" / "${r.piece}"): a slip in the officer's name or in the address.`
              : `"${name.text}" is spelt differently in the e-mail address "${clip(email.raw)}" ("${r.token}" / "${r.piece}"): one of them is misspelt.`,
            range: nameRange,
            fixes,
            related: [{ range: emailRange, message: 'The e-mail address' }],
          });
          continue;
        }
        const named = entry.names.map((n) => n.text).join(', ');
        const elsewhere = entry.where === 'section' ? others.find((o) => o !== entry && o.names.some((n) => belongsTo(email.local, n.text))) : undefined;
        ctx.report({
          message:
            entry.where === 'section'
              ? `The e-mail address "${clip(email.raw)}" does not match the officer's name (${named})${elsewhere ? `; it is ${elsewhere.names[0]!.text}'s, listed separately.` : ': is it another officer\'s address?'}`
              : `The e-mail address "${clip(email.raw)}" does not match the report author's name (${named}): is it another officer's address?`,
          range: emailRange,
          related: entry.names.map((n) => ({ range: model.index.range(n.start, n.end), message: 'Named officer' })),
        });
      }
    }
  },
});

/** The address with its name part spelt as the officer's name ("john.smith@x" → "john.smyth@x"), keeping a capital. */
function respellAddress(raw: string, whole: string, respelt: string): string | undefined {
  const at = raw.indexOf('@');
  const local = raw.slice(0, at);
  const m = new RegExp(`(?<![A-Za-z])${whole}(?![A-Za-z])`, 'i').exec(local);
  if (!m || whole === respelt) return undefined;
  const written = m[0];
  const repl = written === written.toUpperCase() && /[A-Z]/.test(written) ? respelt.toUpperCase() : /^[A-Z]/.test(written) ? respelt[0]!.toUpperCase() + respelt.slice(1) : respelt;
  return local.slice(0, m.index) + repl + local.slice(m.index + written.length) + raw.slice(at);
}

function belongsTo(local: string, name: string): boolean {
  const f = fitEmailToName(local, name).fit;
  return f === 'match';
}

/** "Jane More" with token "more" and address part "moore" → "Jane Moore". */
function respell(name: NameRef, token: string, piece: string): string | undefined {
  const lower = name.text.toLowerCase();
  const re = new RegExp(`(?<![a-z])${token}(?![a-z])`);
  const m = re.exec(lower);
  if (!m) return undefined;
  const written = name.text.slice(m.index, m.index + token.length);
  let repl = piece;
  if (written === written.toUpperCase()) repl = piece.toUpperCase();
  else if (written[0] === written[0]!.toUpperCase()) repl = piece[0]!.toUpperCase() + piece.slice(1);
  return name.text.slice(0, m.index) + repl + name.text.slice(m.index + token.length);
}
