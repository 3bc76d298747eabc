import type { Nodes, PhrasingContent } from 'mdast';
import { walkTree } from '../walk.js';
import { phrasingText, defineUnitMemo, joinUnitMemos, joinUnits, unitMemo, type Block, type ReportModel, type Section, type Unit } from '../model.js';
import { beforeFirst, firstAtOrAfter } from '../text.js';
import type { Profile } from '../templates/schema.js';
import { normaliseHeading, type TemplateMatch } from '../templates/match.js';
import type { Range } from '../types.js';

/**
 * Contact details as the contact rules read them: e-mail addresses, phone numbers and
 * the officer names they belong to. Everything here is computed from the report model
 * (no change to model.ts) once per model and profile, in time linear in the text.
 *
 * Two kinds of "contact context" are read:
 * - front-matter fields of type `contact` (City `author_contact`), whose officer names
 *   come from the `people`/`person` field about the author (City `report_author`);
 * - sections of kind `contact` (County "Officer(s) to Contact"), split into one entry
 *   per officer: a name line, job title, phone and e-mail lines.
 * E-mails and phone numbers elsewhere in the body are also collected (for the format
 * rules), but only with stricter evidence that a number is a phone number.
 */

// ---------------------------------------------------------------------------
// Masked text: inline/blocks of HTML and code blanked out, offsets unchanged.

/** One top-level node's source with its HTML and code blanked (offsets relative to the node). */
const UNIT_MASK = defineUnitMemo<string>({
  compute(unit, model) {
    contactWork.masked++;
    const spans: [number, number][] = [];
    const walk = (n: Nodes): boolean => {
      if (n.type === 'html' || n.type === 'inlineCode' || n.type === 'code' || n.type === 'yaml') {
        const s = n.position?.start.offset;
        const e = n.position?.end.offset;
        if (s !== undefined && e !== undefined) spans.push([s, e]);
        return false;
      }
      return true;
    };
    walkTree(unit.node, true, walk);
    const text = model.text;
    let out = '';
    let cursor = unit.start;
    for (const [s, e] of spans) {
      if (s < cursor) continue;
      out += text.slice(cursor, s) + blank(text.slice(s, e));
      cursor = e;
    }
    return out + text.slice(cursor, unit.end);
  },
});

/** Work counted for tests: units masked, units walked for `mailto:` links, numbers read whole (their kind and cue). */
export const contactWork = { masked: 0, mailtoWalks: 0, numbersRead: 0 };

/** A top-level node's masked source, offsets relative to `unit.start`. */
export function maskedUnit(model: ReportModel, unit: Unit): string {
  return unitMemo(model, unit, UNIT_MASK);
}

function blank(s: string): string {
  return s.replace(/[^\n]/g, ' ');
}

/**
 * The text and masked text (see `maskedUnit`) of a section, from its heading to its end:
 * what a contact section is read from (offsets relative to `base`, the section's start).
 */
function sectionSource(model: ReportModel, section: ContactSection): { base: number; text: string; masked: string } {
  const text = model.text;
  const units = model.units;
  const base = section.start;
  let masked = '';
  let cursor = base;
  for (let i = firstAtOrAfter(units, base); i < units.length && units[i]!.start < section.end; i++) {
    const unit = units[i]!;
    masked += text.slice(cursor, unit.start) + maskedUnit(model, unit);
    cursor = unit.end;
  }
  if (cursor < section.end) masked += text.slice(cursor, section.end);
  return { base, text: text.slice(base, base + masked.length), masked };
}

/** Quoted text in messages, cut to a readable length. */
export function clip(s: string, max = 70): string {
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

// ---------------------------------------------------------------------------
// E-mail addresses.

export interface EmailMatch {
  /** Offsets of the address in the document. */
  start: number;
  end: number;
  /** The address as written. */
  raw: string;
  local: string;
  domain: string;
  valid: boolean;
  /** The address is a `mailto:` link target (not the visible text). */
  inMailtoTarget: boolean;
  /** `[a@b.c](mailto:a@b.c)`: the same address again as the link target (fixed together). */
  mirror?: { start: number; end: number };
}

/** RFC 5322 dot-atom local part (what the HTML e-mail input accepts, without leading, trailing or double dots). */
const LOCAL_RE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
/** Host name labels (HTML spec) with at least two labels and an alphabetic top-level domain. */
const DOMAIN_RE = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export function isValidEmail(address: string): boolean {
  const at = address.indexOf('@');
  if (at <= 0 || at !== address.lastIndexOf('@')) return false;
  return LOCAL_RE.test(address.slice(0, at)) && DOMAIN_RE.test(address.slice(at + 1)) && address.length <= 254;
}

/** Characters that end an address candidate (anything else around an `@` is taken, so that malformed addresses are caught too). */
const EMAIL_STOP = new Set([...' \t\n\r\u00a0<>()[]"\',;:/\\|?#']);

/** E-mail addresses (well formed or not) in `text[from, to)`, in one left-to-right pass. */
export function scanEmails(text: string, masked: string, from: number, to: number): EmailMatch[] {
  const out: EmailMatch[] = [];
  let at = masked.indexOf('@', from);
  let done = from;
  while (at !== -1 && at < to) {
    let s = at;
    while (s > done && !EMAIL_STOP.has(masked[s - 1]!)) s--;
    let e = at + 1;
    while (e < to && !EMAIL_STOP.has(masked[e]!)) e++;
    done = e;
    const next = masked.indexOf('@', e);
    // Markdown emphasis and sentence punctuation around the address.
    while (s < e && (text[s] === '*' || text[s] === '_')) s++;
    while (e > s && /[*_.\-!]/.test(text[e - 1]!)) e--;
    const raw = text.slice(s, e);
    const i = raw.indexOf('@');
    const local = i > 0 ? raw.slice(0, i) : '';
    // "@handle", a lone "@"; part of a web address ("https://medium.com/@x", "https://user@host"), which the link rules check.
    if (local && /[A-Za-z]/.test(local) && !insideUrl(masked, s)) {
      const inMailtoTarget = /mailto:$/i.test(masked.slice(Math.max(0, s - 7), s));
      out.push({ start: s, end: e, raw, local, domain: raw.slice(i + 1), valid: isValidEmail(raw), inMailtoTarget });
    }
    at = next;
  }
  return out;
}

/**
 * `[jane@x.gov.uk](mailto:jane@x.gov.uk)` holds one address, not two: drops the target
 * when the visible text right before it is an address (`onlySame`: only when both are
 * the same address, so that a differing target is still checked).
 */
export function withoutMirroredTargets(text: string, emails: EmailMatch[], onlySame: boolean): EmailMatch[] {
  return emails.filter((em, i) => {
    if (!em.inMailtoTarget || i === 0) return true;
    const prev = emails[i - 1]!;
    if (!/^\]\(\s*<?mailto:$/i.test(text.slice(prev.end, em.start))) return true;
    const same = prev.raw.toLowerCase() === em.raw.toLowerCase();
    if (same) prev.mirror = { start: em.start, end: em.end };
    return onlySame ? !same : false;
  });
}

function insideUrl(text: string, start: number): boolean {
  let i = start;
  const stop = Math.max(0, start - 300);
  while (i > stop && !/[\s<>()[\]"']/.test(text[i - 1]!)) i--;
  const word = text.slice(i, start);
  return /:\/\/|^www\./i.test(word);
}

// ---------------------------------------------------------------------------
// Phone numbers.

export type PhoneKind =
  /** Starts with 0: a UK national number. */
  | 'national'
  /** +44 / 0044. */
  | 'international'
  /** Another country code. */
  | 'foreign'
  /** An internal extension ("Ext 37 4148", "372246"). */
  | 'extension'
  /** Digits with no leading 0 or +. */
  | 'bare';

export interface PhoneMatch {
  start: number;
  end: number;
  raw: string;
  /** All digits as written (for +44 numbers, including the 44 and any "(0)"). */
  digits: string;
  kind: PhoneKind;
  /** Preceded by "Tel", "Phone", "call"... */
  cue: boolean;
  /** Digit groups as written. */
  groups: number;
  /** Length of the first digit group. */
  firstGroup: number;
  /** For +44 numbers: whether "(0)" was written after the country code. */
  trunkZero: boolean;
}

const SPACE = new Set([' ', '\u00a0', '\u202f', '\t']);
const CUE_RE = /\b(?:tel(?:ephone)?|phone|mobile|mob|call(?:\s+us)?|ring|direct\s+dial|dd|fax)\b\.?(?:\s*(?:no\.?|number))?(?:\s*[:\-\u2013])?(?:\s*on(?=\s))?\s*\(?$/i;
const EXT_RE = /\b(?:ext|extn|extension|x)\.?\s*(?::\s*)?$/i;

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Runs of digits that could be phone numbers in `text[from, to)`, with what precedes them. */
const NUMBER_START = /[0-9+(]/g;

/**
 * `minDigits`: numbers with fewer digits are passed over unread (what a caller would
 * drop: in running text a phone number has at least six, see `isPhoneClaim`).
 */
export function scanNumbers(masked: string, from: number, to: number, minDigits = 1): PhoneMatch[] {
  const out: PhoneMatch[] = [];
  let i = from;
  while (i < to) {
    const c = masked[i]!;
    const prev = i > 0 ? masked[i - 1] : undefined;
    const plus = c === '+' && isDigit(masked[i + 1]) && !isWordish(prev);
    // "(0116) 454 1170": a dialling code in brackets.
    const areaParen = c === '(' && /^\(0\d{2,4}\)[ \u00a0]?\d/.test(masked.slice(i, i + 9)) && !isWordish(prev);
    if (!plus && !areaParen && (!isDigit(c) || isWordish(prev) || (prev !== undefined && '/-+.,'.includes(prev)))) {
      // Only a digit, "+" or "(" can start a number: jump to the next one.
      NUMBER_START.lastIndex = i + 1;
      const next = NUMBER_START.exec(masked);
      i = next && next.index < to ? next.index : to;
      continue;
    }
    const start = i;
    let j = plus || areaParen ? i + 1 : i;
    let digits = '';
    let groups = 0;
    let firstGroup = 0;
    let inGroup = false;
    let trunkZero = false;
    while (j < to) {
      const d = masked[j]!;
      if (isDigit(d)) {
        if (!inGroup) {
          groups++;
          inGroup = true;
        }
        digits += d;
        if (groups === 1) firstGroup++;
        j++;
        continue;
      }
      inGroup = false;
      if ((SPACE.has(d) || d === '-') && isDigit(masked[j + 1])) {
        j++;
        continue;
      }
      // "+44 (0)116 ...": the trunk 0 in brackets after the country code.
      if (plus && groups === 1 && masked.startsWith('(0)', SPACE.has(d) ? j + 1 : j)) {
        j += SPACE.has(d) ? 4 : 3;
        trunkZero = true;
        digits += '0';
        if (SPACE.has(masked[j]!) && isDigit(masked[j + 1])) j++;
        continue;
      }
      if (d === ')' && areaParen && groups === 1) {
        j++;
        if (SPACE.has(masked[j]!) && isDigit(masked[j + 1])) j++;
        continue;
      }
      break;
    }
    // Followed by a letter or a decimal part: a figure ("3.5m", "2024th"), not a number to dial.
    const next = masked[j];
    const decimal = (next === '.' || next === ',' || next === ':') && isDigit(masked[j + 1]);
    const glued = next !== undefined && /[\p{L}%£$€]/u.test(next);
    if (digits.length >= minDigits && digits.length > 0 && !decimal && !glued) {
      contactWork.numbersRead++;
      const before = masked.slice(Math.max(0, start - 30), start);
      const lineBefore = before.slice(before.lastIndexOf('\n') + 1);
      let kind: PhoneKind;
      if (EXT_RE.test(lineBefore)) kind = 'extension';
      else if (plus || digits.startsWith('00')) kind = digits.startsWith('44') || digits.startsWith('0044') ? 'international' : 'foreign';
      else if (digits[0] === '0') kind = 'national';
      else kind = digits.length === 6 ? 'extension' : 'bare';
      out.push({ start, end: j, raw: masked.slice(start, j), digits, kind, cue: CUE_RE.test(lineBefore), groups, firstGroup, trunkZero });
    }
    i = Math.max(j, i + 1);
  }
  return out;
}

function isWordish(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}_£$€#@]/u.test(c);
}

/** The fewest digits a phone number has (an extension may have fewer). */
const PHONE_DIGITS = 6;

/**
 * Whether a number is a phone number rather than a figure, date or code:
 * in a contact field any run of 7+ digits (or a 0/+ start) is; in running text only a
 * number after "Tel", "Phone", "call"... or one shaped like a dialling code and groups
 * ("0116 454 1170", "+44 116 454 1170").
 */
export function isPhoneClaim(p: PhoneMatch, inContact: boolean): boolean {
  if (p.kind === 'extension' || p.digits.length < PHONE_DIGITS) return false;
  if (inContact) return p.kind !== 'bare' || p.digits.length >= 7;
  if (p.cue) return p.kind !== 'bare' || p.digits.length >= 7;
  if (p.kind === 'international') return p.digits.length >= 9 && p.groups >= 2;
  if (p.kind !== 'national') return false;
  return p.groups >= 2 && p.firstGroup >= 3 && p.firstGroup <= 6 && p.digits.length >= 9 && p.digits.length <= 13 && p.digits[1] !== '0';
}

export interface PhoneCheck {
  ok: boolean;
  /** What is wrong, for messages. */
  problem?: string;
  /** The number as 11 national digits ("01164541170"), when it is right. */
  national?: string;
  /** A corrected writing when the correction is certain. */
  fix?: { text: string; title: string; safe: boolean };
}

/** 10-digit national numbers that exist (freephone and a few small exchanges). */
const TEN_DIGIT_PREFIXES = ['0800', '0500', '016977'];

export function checkUkNumber(p: PhoneMatch): PhoneCheck {
  const n = p.digits;
  switch (p.kind) {
    case 'national': {
      if (n.length === 11 || (n.length === 10 && TEN_DIGIT_PREFIXES.some((x) => n.startsWith(x)))) {
        if (n[1] === '0') return { ok: false, problem: `"${clip(p.raw)}" is not a UK number: UK numbers start 01, 02, 03, 07, 08 or 09.` };
        return { ok: true, national: n };
      }
      return { ok: false, problem: `"${clip(p.raw)}" has ${n.length} digits; a UK phone number has 11, starting with 0 (e.g. 0116 454 1170).` };
    }
    case 'international': {
      const rest = n.startsWith('0044') ? n.slice(4) : n.slice(2);
      const national = p.trunkZero ? rest.slice(1) : rest;
      if (!p.trunkZero && national.startsWith('0') && national.length === 11) {
        const fixed = `+44 ${formatNational(national)?.slice(1) ?? national.slice(1)}`;
        return {
          ok: false,
          problem: `"${clip(p.raw)}" keeps the leading 0 after +44; dialled from abroad it fails.`,
          fix: { text: fixed, title: `Drop the 0 after +44: "${fixed}"`, safe: true },
        };
      }
      if (national.length === 10 && national[0] !== '0') return { ok: true, national: `0${national}` };
      return { ok: false, problem: `"${clip(p.raw)}" has ${national.length} digits after +44; a UK number has 10 there (e.g. +44 116 454 1170).` };
    }
    case 'bare': {
      if (n.length === 10 && /^[1-37-9]/.test(n)) {
        const national = `0${n}`;
        const fixed = formatNational(national) ?? national;
        return { ok: false, problem: `"${clip(p.raw)}" is missing its leading 0.`, fix: { text: fixed, title: `Write "${fixed}"`, safe: false } };
      }
      if (n.length <= 8) return { ok: false, problem: `"${clip(p.raw)}" has no dialling code: write the full number (e.g. 0116 454 1170).` };
      return { ok: false, problem: `"${clip(p.raw)}" is not a UK phone number: it should start with 0 and have 11 digits (e.g. 0116 454 1170).` };
    }
    default:
      return { ok: true };
  }
}

/**
 * House spacing of a UK national number (Ofcom groups): 02x xxxx xxxx; 011x, 01x1,
 * 03, 08, 09 as 4-3-4; other 01 and 07 as 5-6. Mixed-length exchanges are left alone.
 */
export function formatNational(n: string): string | undefined {
  if (n.length === 10) {
    if (n.startsWith('0800') || n.startsWith('0500')) return `${n.slice(0, 4)} ${n.slice(4)}`;
    return undefined;
  }
  if (n.length !== 11) return undefined;
  if (n.startsWith('02')) return `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
  if (/^01(1\d|\d1)/.test(n) || /^0[389]/.test(n)) return `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`;
  if (/^01(3873|5242|539[456]|697[347]|768[347]|9467)/.test(n)) return undefined;
  if (/^0[17]/.test(n)) return `${n.slice(0, 5)} ${n.slice(5)}`;
  return undefined;
}

// ---------------------------------------------------------------------------
// Contact entries.

export interface NameRef {
  text: string;
  start: number;
  end: number;
}

export interface ContactEntry {
  where: 'front-matter' | 'section';
  /** "Author contact details", "Officer to Contact". */
  label: string;
  /** Where a missing detail is reported: the field value, or the officer's name. */
  anchor: Range;
  /** Names the e-mail may belong to (County: the one officer; City: every author). */
  names: NameRef[];
  emails: EmailMatch[];
  phones: PhoneMatch[];
  /** Range of the whole entry, for related locations. */
  start: number;
  end: number;
}

export interface Contacts {
  entries: ContactEntry[];
  /** Every e-mail in the report (contact entries and body text), in order. */
  emails: { email: EmailMatch; entry?: ContactEntry }[];
  /** Every number judged to be a phone number, in order, with its entry. */
  phones: { phone: PhoneMatch; entry?: ContactEntry }[];
  /** `mailto:` links: the visible address and the target address. */
  mailtos: MailtoLink[];
}

export interface MailtoLink {
  /** Visible text, when it is an e-mail address. */
  label?: EmailMatch;
  labelText: string;
  labelStart: number;
  labelEnd: number;
  /** The address in the target, after `mailto:` (without any `?subject=`). */
  target: string;
  targetStart: number;
  targetEnd: number;
  entry?: ContactEntry;
}

const cache = new WeakMap<ReportModel, Map<string, Contacts>>();

export function readContacts(model: ReportModel, profile: Profile | undefined, match: TemplateMatch | undefined): Contacts {
  let byProfile = cache.get(model);
  if (!byProfile) {
    byProfile = new Map();
    cache.set(model, byProfile);
  }
  const key = profile?.id ?? '';
  const hit = byProfile.get(key);
  if (hit) return hit;
  const result = buildContacts(model, profile, match);
  byProfile.set(key, result);
  return result;
}

function buildContacts(model: ReportModel, profile: Profile | undefined, match: TemplateMatch | undefined): Contacts {
  const text = model.text;
  const entries: ContactEntry[] = [];
  const covered: [number, number][] = [];

  // Front-matter contact fields (City author_contact), named by the author field.
  if (profile && model.frontMatter.present) {
    const fields = profile.frontMatter;
    const authorField =
      fields.find((f) => (f.type === 'people' || f.type === 'person') && /author/i.test(f.key + ' ' + f.label)) ?? undefined;
    const authorEntry = authorField ? model.frontMatter.byKey.get(authorField.key) : undefined;
    const names = authorEntry ? splitPeople(text, authorEntry.valueStart, authorEntry.valueEnd) : [];
    for (const f of fields) {
      if (f.type !== 'contact') continue;
      const e = model.frontMatter.byKey.get(f.key);
      if (!e || e.source === '') continue;
      const emails = scanEmails(text, text, e.valueStart, e.valueEnd);
      const phones = scanNumbers(text, e.valueStart, e.valueEnd);
      entries.push({ where: 'front-matter', label: f.label, anchor: e.valueRange, names, emails, phones, start: e.valueStart, end: e.valueEnd });
    }
  }

  // Contact sections (County "Officer(s) to Contact").
  const contactSections = contactSectionsOf(model, profile, match);
  for (const s of contactSections) {
    covered.push([s.start, s.end]);
    entries.push(...sectionEntries(model, s));
  }

  // Every e-mail and phone number, with the entry it belongs to.
  const emails: Contacts['emails'] = [];
  const phones: Contacts['phones'] = [];
  for (const entry of entries) {
    if (entry.where === 'front-matter') for (const em of entry.emails) emails.push({ email: em, entry });
    for (const p of entry.phones) if (isPhoneClaim(p, true)) phones.push({ phone: p, entry });
  }
  const officerEntries = entries.filter((e) => e.where === 'section');
  const inContact = (b: Block): boolean => covered.some(([s, e]) => b.start >= s && b.end <= e);
  // The body's addresses and numbers, from lists joined across edits (see `joinUnits`).
  const bodyEmails = joinUnits(model, BODY_EMAILS, (unit) => unitMemo(model, unit, UNIT_CONTACTS).flatMap((b) => b.emails.map((email) => ({ email, block: b.block }))));
  for (let i = 0; i < bodyEmails.length; i++) {
    const { email, block } = bodyEmails[i]!;
    const entry = inContact(block) ? entryAt(officerEntries, email.start) : undefined;
    emails.push(entry ? { email, entry } : { email });
  }
  const bodyPhones = joinUnits(model, BODY_PHONES, (unit) => unitMemo(model, unit, UNIT_CONTACTS).flatMap((b) => b.numbers.map((phone) => ({ phone, block: b.block }))));
  for (let i = 0; i < bodyPhones.length; i++) if (!inContact(bodyPhones[i]!.block)) phones.push({ phone: bodyPhones[i]!.phone });
  emails.sort((a, b) => a.email.start - b.email.start);
  phones.sort((a, b) => a.phone.start - b.phone.start);

  return { entries, emails, phones, mailtos: readMailtos(model, entries) };
}

/** Keys of the lists joined from units. */
const BODY_EMAILS = {};
const BODY_PHONES = {};

/** Per block of a top-level node that has any: every address (link targets too, unless they repeat the text) and every phone number. */
interface BlockContacts {
  /** The model's block (moved with its unit). */
  block: Block;
  emails: EmailMatch[];
  numbers: PhoneMatch[];
}

const UNIT_CONTACTS = defineUnitMemo<BlockContacts[]>({
  compute(unit, model) {
    const out: BlockContacts[] = [];
    const u0 = unit.start;
    const text = model.text;
    let source: string | undefined;
    let masked: string | undefined;
    for (const b of unit.blocks ?? []) {
      if (b.kind === 'code' || b.kind === 'html' || b.kind === 'rule') continue;
      // Masking only blanks text (two characters or more, never inside a number): a block
      // without an "@" has no address, and one without six digits close together no phone
      // number; most blocks have neither, and their unit is not masked.
      const hasAt = b.source.includes('@');
      const hasDigits = PHONE_RUN.test(b.source);
      if (!hasAt && !hasDigits) continue;
      source ??= text.slice(u0, unit.end);
      masked ??= maskedUnit(model, unit);
      const emails = hasAt ? withoutMirroredTargets(source, scanEmails(source, masked, b.start - u0, b.end - u0), true) : [];
      // In running text only a number that claims to be a phone number counts (figures are most numbers).
      const numbers = hasDigits ? scanNumbers(masked, b.start - u0, b.end - u0, PHONE_DIGITS).filter((n) => isPhoneClaim(n, false)) : [];
      if (emails.length === 0 && numbers.length === 0) continue;
      shiftEmails(emails, u0);
      shiftNumbers(numbers, u0);
      out.push({ block: b, emails, numbers });
    }
    return out;
  },
  shift(blocks, d) {
    for (const b of blocks) {
      shiftEmails(b.emails, d);
      shiftNumbers(b.numbers, d);
    }
  },
});

/**
 * Six digits, each at most three characters from the next, which can only be spaces,
 * brackets, "+" or dashes: what any phone number of `PHONE_DIGITS` digits holds (between
 * two of its digits `scanNumbers` takes at most two: a space or dash, " (" before the
 * "0" of "(0)", or ") ").
 */
const PHONE_RUN = new RegExp(`\\d(?:[\\s()+\\-]{0,3}\\d){${PHONE_DIGITS - 1}}`);

function shiftEmails(emails: EmailMatch[], d: number): void {
  for (const e of emails) {
    e.start += d;
    e.end += d;
    if (e.mirror) {
      e.mirror.start += d;
      e.mirror.end += d;
    }
  }
}

function shiftNumbers(numbers: PhoneMatch[], d: number): void {
  for (const p of numbers) {
    p.start += d;
    p.end += d;
  }
}

type ContactSection = Pick<Section, 'start' | 'end' | 'heading' | 'blocks'>;

/** Sections of kind `contact` as matched to the template (County "Officer(s) to Contact"). */
function contactSectionsOf(model: ReportModel, profile: Profile | undefined, match: TemplateMatch | undefined): ContactSection[] {
  if (!profile) return [];
  if (match) return match.matches.filter((m) => m.spec.kind === 'contact' && !m.section.inAppendix).map((m) => m.section);
  // Without a heading match, read headings that are exactly a contact section's wording.
  const titles = new Set<string>();
  const walk = (list: Profile['sections']): void => {
    for (const s of list) {
      if (s.kind === 'contact') for (const t of [s.title, ...s.aliases]) titles.add(normaliseHeading(t));
      walk(s.children);
    }
  };
  walk(profile.sections);
  return model.allSections.filter((s) => !s.inAppendix && titles.has(normaliseHeading(s.heading.title)));
}

/** Lines that hold a contact detail rather than a name or job title. */
const DETAIL_LABEL_RE = /^(?:tel(?:ephone)?|phone|mobile|mob|fax|e-?mail|email address|direct dial|dd)\b\.?\s*(?:no\.?|number)?\s*[:\-\u2013]?\s*/i;

interface Line {
  start: number;
  end: number;
  text: string;
}

function blockLines(masked: string, start: number, end: number): Line[] {
  const out: Line[] = [];
  let s = start;
  while (s <= end) {
    let e = masked.indexOf('\n', s);
    if (e === -1 || e > end) e = end;
    let ls = s;
    let le = e;
    // List markers, block quotes, hard breaks, surrounding spaces.
    const lead = /^[ \t]*(?:>[ \t]*)*(?:(?:[-*+\u25a0\u2022]|\d+[.)])[ \t]+)?/.exec(masked.slice(ls, le));
    if (lead) ls += lead[0].length;
    while (le > ls && /[\s\\]/.test(masked[le - 1]!)) le--;
    if (le > ls) out.push({ start: ls, end: le, text: masked.slice(ls, le) });
    s = e + 1;
    if (e === end) break;
  }
  return out;
}

function sectionEntries(model: ReportModel, section: ContactSection): ContactEntry[] {
  // Read on the section's own text; offsets are moved to the document's as entries are made.
  const { base, text, masked } = sectionSource(model, section);
  const label = section.heading.title.replace(/[*_]/g, '').trim();
  const entries: ContactEntry[] = [];
  let cur: { lines: Line[]; name?: NameRef; emails: EmailMatch[]; phones: PhoneMatch[]; details: boolean } | undefined;
  const flush = (): void => {
    if (!cur || cur.lines.length === 0) return;
    const first = cur.lines[0]!;
    const last = cur.lines[cur.lines.length - 1]!;
    const name = cur.name ? { text: cur.name.text, start: base + cur.name.start, end: base + cur.name.end } : undefined;
    const anchor = name ? model.index.range(name.start, name.end) : model.index.range(base + first.start, base + first.end);
    shiftEmails(cur.emails, base);
    shiftNumbers(cur.phones, base);
    entries.push({
      where: 'section',
      label,
      anchor,
      names: name ? [name] : [],
      emails: cur.emails,
      phones: cur.phones,
      start: base + first.start,
      end: base + last.end,
    });
    cur = undefined;
  };
  for (const b of section.blocks) {
    if (b.kind === 'code' || b.kind === 'html' || b.kind === 'rule' || b.kind === 'table') continue;
    // A blank line ends an officer's entry once it has a detail.
    if (cur?.details) flush();
    for (const line of blockLines(masked, b.start - base, b.end - base)) {
      const emails = withoutMirroredTargets(text, scanEmails(text, masked, line.start, line.end), false);
      const numbers = scanNumbers(masked, line.start, line.end);
      const phones = numbers.filter((p) => isPhoneClaim(p, true) || p.kind === 'extension');
      const isDetail = emails.length > 0 || phones.length > 0 || DETAIL_LABEL_RE.test(line.text);
      if (!isDetail && cur?.details) flush();
      cur ??= { lines: [], emails: [], phones: [], details: false };
      cur.lines.push(line);
      if (isDetail) {
        cur.details = true;
        cur.emails.push(...emails);
        cur.phones.push(...phones);
      } else if (!cur.name) {
        const n = nameOfLine(text, masked, line);
        if (n) cur.name = n;
      }
    }
  }
  flush();
  return entries;
}

/** "Jane Moore, Director of ..." → "Jane Moore"; "**Name:** Jane Moore" → "Jane Moore". */
function nameOfLine(text: string, masked: string, line: Line): NameRef | undefined {
  let s = line.start;
  let e = line.end;
  const raw = masked.slice(s, e);
  const label = /^\**\s*(?:name|contact|officer)\s*:\s*\**\s*/i.exec(raw);
  if (label) s += label[0].length;
  let cut = e;
  for (let i = s; i < e; i++) {
    const c = masked[i]!;
    if (c === ',' || c === ';' || c === '(' || c === '|' || ((c === '\u2013' || c === '\u2014' || c === '-') && masked[i - 1] === ' ') || (c === ' ' && masked[i + 1] === ' ')) {
      cut = i;
      break;
    }
  }
  e = cut;
  while (s < e && /[\s*_]/.test(masked[s]!)) s++;
  while (e > s && /[\s*_:]/.test(masked[e - 1]!)) e--;
  if (e <= s || !/\p{L}/u.test(masked.slice(s, e))) return undefined;
  return { text: text.slice(s, e), start: s, end: e };
}

/** "Sophie Maltby/Shelley Piercy/ Martin Judson", "David Thrussell, Head of Service" → names with ranges. */
export function splitPeople(text: string, from: number, to: number): NameRef[] {
  const out: NameRef[] = [];
  let s = from;
  const push = (a: number, b: number): void => {
    while (a < b && /[\s"'[\]\-*_]/.test(text[a]!)) a++;
    while (b > a && /[\s"'[\],*_]/.test(text[b - 1]!)) b--;
    if (b > a && /\p{L}/u.test(text.slice(a, b))) out.push({ text: text.slice(a, b), start: a, end: b });
  };
  for (let i = from; i <= to; i++) {
    const c = i < to ? text[i]! : '/';
    const and = i < to && /^\s(?:and|&)\s/i.test(text.slice(i, i + 5));
    if (c === '/' || c === ';' || c === ',' || c === '\n' || c === '&' || and) {
      push(s, i);
      if (and) i += text.slice(i, i + 5).match(/^\s(?:and|&)\s/i)![0].length - 1;
      s = i + 1;
    }
  }
  return out;
}

/** The entry (sorted by offset, not overlapping) that holds `offset`, by binary search. */
export function entryAt(entries: ContactEntry[], offset: number): ContactEntry | undefined {
  let lo = 0;
  let hi = entries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = entries[mid]!;
    if (offset < e.start) hi = mid - 1;
    else if (offset > e.end) lo = mid + 1;
    else return e;
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Does an e-mail belong to a name?

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'cllr', 'councillor', 'prof', 'professor', 'sir', 'dame', 'rev']);

export function nameTokens(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .split(/[^a-z]+/)
    .filter((t) => t && !HONORIFICS.has(t));
}

export function localPieces(local: string): string[] {
  return beforeFirst(local, '+')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .split(/[^a-z]+/)
    .filter(Boolean);
}

export type NameFit =
  /** The address is made of the name's parts (or initials). */
  | 'match'
  /** Only initials: cannot tell. */
  | 'initials'
  /** One part differs by a letter or two from the name: a misspelling on one side. */
  | 'near'
  | 'none';

export interface FitResult {
  fit: NameFit;
  /** For 'near': the address part and the name part that differ. */
  piece?: string;
  token?: string;
  /** For 'near': the address piece the slip is in ("jsmtih" of "jsmtih@"), and that piece spelt as the name is ("jsmith"). */
  whole?: string;
  respelt?: string;
}

/** Whether `piece` splits into name parts, initials of name parts or nicknames ("ed" → "edmund"). */
function explains(piece: string, tokens: string[]): { ok: boolean; full: boolean; nickname?: boolean } {
  // best[i]: can piece[0, i) be explained; full[i]: using at least one whole name part.
  const n = piece.length;
  const ok: boolean[] = new Array(n + 1).fill(false);
  const full: boolean[] = new Array(n + 1).fill(false);
  ok[0] = true;
  for (let i = 0; i < n; i++) {
    if (!ok[i]) continue;
    for (const t of tokens) {
      if (piece.startsWith(t, i)) {
        ok[i + t.length] = true;
        full[i + t.length] ||= full[i] || t.length >= 2;
      }
      if (t[0] === piece[i]) {
        ok[i + 1] = true;
        full[i + 1] ||= full[i];
      }
    }
  }
  // A whole piece that is a nickname of a name part ("ed" / "edmund", "sam" / "samantha").
  if (!ok[n] && n >= 2) {
    for (const t of tokens) if ((t.length >= 2 && piece.startsWith(t)) || (n >= 3 && t.startsWith(piece))) return { ok: true, full: true, nickname: true };
  }
  return { ok: ok[n]!, full: full[n]! };
}

export function fitEmailToName(local: string, name: string): FitResult {
  if (local.length > 64 || name.length > 200) return { fit: 'initials' }; // not an address or a name: nothing to judge
  const tokens = nameTokens(name);
  const pieces = localPieces(local);
  if (tokens.length === 0 || pieces.length === 0) return { fit: 'initials' };
  let anyFull = false;
  let near: FitResult | undefined;
  let unexplained = 0;
  for (const p of pieces) {
    const r = explains(p, tokens);
    // A long form of a name part ("edmund" for "Ed") unless it is the name with a slip ("johnsmyth" for "John Smith").
    const slip = r.nickname ? oneSlip(p, tokens) : undefined;
    if (slip) {
      unexplained++;
      near ??= slip;
      continue;
    }
    if (r.ok) {
      anyFull ||= r.full;
      continue;
    }
    unexplained++;
    for (const t of tokens) {
      if (p.length >= 3 && t.length >= 3 && editDistanceAtMost(p, t, p.length >= 7 ? 2 : 1)) near ??= { fit: 'near', piece: p, token: t, whole: p, respelt: t };
    }
    near ??= oneSlip(p, tokens);
  }
  if (unexplained === 0) return { fit: anyFull ? 'match' : 'initials' };
  if (near && unexplained === 1) return near;
  return { fit: 'none' };
}

/**
 * A slip of one letter (one added, dropped, changed, or two swapped) in one name part
 * inside an address piece the name otherwise explains: "jsmtih" or "johnsmyth" for
 * "John Smith". Only name parts of four letters or more (a slip in an initial or a
 * three-letter name is as likely another person), and only pieces of a name's length.
 */
function oneSlip(piece: string, tokens: string[]): FitResult | undefined {
  if (piece.length > 40) return undefined;
  for (const t of tokens) {
    if (t.length < 4) continue;
    for (let len = t.length - 1; len <= t.length + 1; len++) {
      for (let i = 0; i + len <= piece.length; i++) {
        const window = piece.slice(i, i + len);
        if (window === t || !oneEdit(window, t)) continue;
        const respelt = piece.slice(0, i) + t + piece.slice(i + len);
        const r = explains(respelt, tokens);
        if (r.ok && r.full && !r.nickname) return { fit: 'near', piece: window, token: t, whole: piece, respelt };
      }
    }
  }
  return undefined;
}

/** Damerau distance exactly one: one letter added, dropped, changed, or two neighbours swapped. */
export function oneEdit(a: string, b: string): boolean {
  if (a.length === b.length) {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (i === a.length) return false;
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length !== 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

/** Levenshtein distance ≤ k, for short strings. */
function editDistanceAtMost(a: string, b: string, k: number): boolean {
  if (Math.abs(a.length - b.length) > k) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]! <= k;
}

/** Words that mark a team or service mailbox rather than a person's address. */
export const SHARED_MAILBOX_WORDS = [
  'admin', 'admissions', 'board', 'business', 'care', 'children', 'childrens', 'committee', 'committees', 'communications', 'comms',
  'complaints', 'contact', 'contactus', 'council', 'cype', 'data', 'democratic', 'democracy', 'duty', 'early', 'education', 'enquiries',
  'enquiry', 'families', 'family', 'feedback', 'finance', 'foi', 'governance', 'help', 'helpdesk', 'hub', 'inclusion', 'info', 'information',
  'intelligence', 'legal', 'lscpb', 'mailbox', 'media', 'members', 'noreply', 'office', 'panel', 'partnership', 'performance', 'press',
  'programme', 'project', 'reception', 'safeguarding', 'scrutiny', 'secretariat', 'send', 'sendiass', 'service', 'services', 'social',
  'support', 'team', 'transformation', 'unit',
];

export function isSharedMailbox(local: string, words: readonly string[]): boolean {
  const pieces = localPieces(local);
  const set = new Set(words.map((w) => w.toLowerCase()));
  return pieces.some((p) => set.has(p) || [...set].some((w) => w.length >= 4 && p.length > w.length && (p.startsWith(w) || p.endsWith(w))));
}

// ---------------------------------------------------------------------------
// mailto: links.

function readMailtos(model: ReportModel, entries: ContactEntry[]): MailtoLink[] {
  const officers = entries.filter((e) => e.where === 'section');
  const out: MailtoLink[] = [];
  const all = joinUnitMemos(model, UNIT_MAILTOS);
  for (let i = 0; i < all.length; i++) {
    const found = all[i]!;
    const link: MailtoLink = { ...found.link };
    const entry = entryAt(officers, found.start);
    if (entry) link.entry = entry;
    out.push(link);
  }
  return out;
}

/** The `mailto:` links of one top-level node, with where each starts (for its contact entry). */
const UNIT_MAILTOS = defineUnitMemo<{ start: number; link: MailtoLink }[]>({
  compute(unit, model) {
    const text = model.text;
    const out: { start: number; link: MailtoLink }[] = [];
    // A link is read only when its source says "mailto:" (below): most units have none, and are not walked.
    if (!hasMailto(text, unit.start, unit.end)) return out;
    contactWork.mailtoWalks++;
    const walk = (n: Nodes): boolean => {
      if (n.type === 'link' && /^mailto:/i.test(n.url)) {
        const s = n.position?.start.offset;
        const e = n.position?.end.offset;
        if (s !== undefined && e !== undefined && text[s] === '[' && n.children.length > 0) {
          const ls = n.children[0]!.position?.start.offset;
          const le = n.children[n.children.length - 1]!.position?.end.offset;
          if (ls !== undefined && le !== undefined && text.startsWith('](', le)) {
            let ts = le + 2;
            while (ts < e && /\s/.test(text[ts]!)) ts++;
            if (text[ts] === '<') ts++;
            const destStart = ts;
            if (text.slice(destStart, destStart + 7).toLowerCase() === 'mailto:') {
              const as = destStart + 7;
              let ae = as;
              while (ae < e && !/[\s)>?]/.test(text[ae]!)) ae++;
              const labelText = phrasingText(n.children as PhrasingContent[]).trim();
              const labels = scanEmails(text, text, ls, le);
              const link: MailtoLink = { labelText, labelStart: ls, labelEnd: le, target: text.slice(as, ae), targetStart: as, targetEnd: ae };
              if (labels.length === 1) link.label = labels[0]!;
              out.push({ start: s, link });
            }
          }
        }
      }
      return true;
    };
    walkTree(unit.node, true, walk);
    return out;
  },
  shift(found, d) {
    for (const f of found) {
      f.start += d;
      f.link.labelStart += d;
      f.link.labelEnd += d;
      f.link.targetStart += d;
      f.link.targetEnd += d;
      if (f.link.label) shiftEmails([f.link.label], d);
    }
  },
});

/** Whether `text[start, end)` holds "mailto:" in any case. */
function hasMailto(text: string, start: number, end: number): boolean {
  return MAILTO.test(text.slice(start, end));
}

const MAILTO = /mailto:/i;
