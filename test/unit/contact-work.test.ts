import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../../server/src/core/model.js';
import { contactWork, isPhoneClaim, maskedUnit, readContacts, scanEmails, scanNumbers, withoutMirroredTargets } from '../../server/src/core/contacts/contact-parse.js';

const root = join(import.meta.dirname, '..', '..');

/** Paragraphs full of figures, dates and references, none of them an address or a phone number. */
function figures(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`${i + 1}.1. In 2024/25 the council spent £1,234,567 on ${i + 50} projects (para 3.${i}), as agreed on 12 March 2026 at 14:00; see ref 0116/2024 and \`the 2024 code\`.`);
  }
  return out.join('\n\n');
}

test('the body is masked and its numbers read only in blocks with an "@", six digits close together or a "mailto:"', () => {
  const text = [
    '# Report',
    figures(60),
    'Call 0116 454 1170 or write to jane.doe@leicester.gov.uk for details.',
    figures(20),
    'Or e-mail [Jane Doe](mailto:jane.doe@leicester.gov.uk).',
    'A comment <!-- 0116 454 1170 --> and `0116 454 1170` in code are not read.',
    '',
  ].join('\n\n');
  const model = buildModel(text);
  const before = { ...contactWork };
  const contacts = readContacts(model, undefined, undefined);
  const work = { masked: contactWork.masked - before.masked, numbersRead: contactWork.numbersRead - before.numbersRead, mailtoWalks: contactWork.mailtoWalks - before.mailtoWalks };
  // The three paragraphs with an address or a phone number's digits (the last only in a comment and code).
  assert.equal(work.masked, 3, `${work.masked} units masked of ${model.units.length}`);
  // Only numbers of six digits or more are read whole: the one phone number (the masked ones are blanks).
  assert.equal(work.numbersRead, 1, `${work.numbersRead} numbers read`);
  assert.equal(work.mailtoWalks, 1, `${work.mailtoWalks} units walked for mailto: links`);
  assert.deepEqual(
    contacts.phones.map((p) => p.phone.raw),
    ['0116 454 1170'],
  );
  assert.deepEqual(
    contacts.emails.map((e) => e.email.raw),
    ['jane.doe@leicester.gov.uk', 'jane.doe@leicester.gov.uk'],
  );
  assert.deepEqual(
    contacts.mailtos.map((m) => [m.labelText, m.target]),
    [['Jane Doe', 'jane.doe@leicester.gov.uk']],
  );
});

/** Phone numbers written every way `scanNumbers` reads them, and addresses, in running text: one a paragraph. */
const WAYS = [
  'Tel: 0116 454 1170.',
  'Tel: +44 (0)116 454 1170.',
  'Tel: +4 (0) 12 34.',
  'Tel: (012) 345.',
  'Tel: (0116)454 1170.',
  'Tel: 0116-454-1170.',
  'Call 0116\u00a0454\u00a01170.',
  'Call 0116\u202f454\u202f1170.',
  'Call 0116\t454 1170.',
  'Call 0044 116 454 1170.',
  'Call +1 212 555 0100.',
  'Ring 454 1170.',
  'Direct dial: 07700 900123; mobile 07700900123; fax 0116 2541 117.',
  'E-mail **j.smith@leicester.gov.uk** or [a@b.gov.uk](mailto:a@b.gov.uk).',
];

test('the body\'s addresses and phone numbers are those a scan of every block finds', () => {
  const texts = [WAYS.join('\n\n')];
  const visit = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) visit(join(dir, e.name));
      else if (e.name.endsWith('.md')) texts.push(readFileSync(join(dir, e.name), 'utf8'));
    }
  };
  for (const d of ['test/seeds', 'examples', 'test/fixtures']) visit(join(root, d));
  let phones = 0;
  let emails = 0;
  for (const text of texts) {
    const model = buildModel(text);
    const contacts = readContacts(model, undefined, undefined);
    // Every block scanned, as before the pre-tests (without a profile there are no contact entries).
    const wantPhones: string[] = [];
    const wantEmails: string[] = [];
    for (const unit of model.units) {
      const source = text.slice(unit.start, unit.end);
      const masked = maskedUnit(model, unit);
      for (const b of unit.blocks ?? []) {
        if (b.kind === 'code' || b.kind === 'html' || b.kind === 'rule') continue;
        const from = b.start - unit.start;
        const to = b.end - unit.start;
        for (const e of withoutMirroredTargets(source, scanEmails(source, masked, from, to), true)) wantEmails.push(`${e.raw}@${e.start + unit.start}`);
        for (const p of scanNumbers(masked, from, to)) if (isPhoneClaim(p, false)) wantPhones.push(`${p.raw}@${p.start + unit.start}`);
      }
    }
    const frontEmails = contacts.emails.filter((e) => e.entry?.where === 'front-matter').length;
    assert.equal(frontEmails, 0);
    assert.deepEqual(contacts.emails.map((e) => `${e.email.raw}@${e.email.start}`).sort(), wantEmails.sort());
    assert.deepEqual(contacts.phones.map((p) => `${p.phone.raw}@${p.phone.start}`).sort(), wantPhones.sort());
    phones += wantPhones.length;
    emails += wantEmails.length;
  }
  assert.ok(phones >= 15 && emails >= 10, `${phones} phone numbers, ${emails} addresses`);
});
