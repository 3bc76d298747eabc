import type { ReportModel } from '../model.js';
import type { Profile } from '../templates/schema.js';
import type { TemplateMatch } from '../templates/match.js';
import { readDates } from '../dates/index.js';
import { toIso } from '../dates/index.js';
import { readContacts } from '../contacts/contact-parse.js';
import type { PackOfficer } from './types.js';
import { stripEnd } from '../text.js';

/** An officer as the report writes them, with where each detail is. */
export interface OfficerAt extends PackOfficer {
  nameStart: number;
  nameEnd: number;
  phoneAt?: [number, number];
  emailAt?: [number, number];
  roleAt?: [number, number];
}

/** `Jane Moore, Director – Children and Families Service` → the role after the name on its line. */
function roleAfter(text: string, end: number): { role: string; start: number; end: number } | undefined {
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = text.length;
  // Up to a comment or a hard break (two spaces or a backslash at the end of the line).
  let rest = text.slice(end, lineEnd).replace(/\r$/, '').replace(/<!--.*$/, '');
  if (rest.endsWith('\\')) rest = rest.slice(0, -1);
  else if (rest.endsWith('  ')) rest = stripEnd(rest, / /);
  const m = /^\s*[,–—-]\s*/.exec(rest);
  const role = m ? rest.slice(m[0].length).trimEnd() : '';
  if (!role || role.includes('\n') || /@|\d{4}/.test(role)) return undefined;
  const start = end + rest.indexOf(role);
  return { role, start, end: start + role.length };
}

/** Work counted for tests: a member's name, title or file compared with the others' (linear in the pack, not quadratic). */
export const packWork = { compared: 0 };

export function normaliseName(name: string): string {
  packWork.compared++;
  return name.toLowerCase().replace(/[^a-z]+/g, ' ').trim();
}

/** The officers a report names in its contact details (front matter and contact sections). */
export function officersOf(model: ReportModel, profile: Profile | undefined, match: TemplateMatch | undefined): OfficerAt[] {
  const out: OfficerAt[] = [];
  const text = model.text;
  for (const e of readContacts(model, profile, match).entries) {
    // One officer per entry with one name: a shared entry for three authors says nothing per person.
    if (e.names.length !== 1) continue;
    const n = e.names[0]!;
    const o: OfficerAt = { name: n.text.trim(), nameStart: n.start, nameEnd: n.end };
    const phone = e.phones.find((p) => p.kind === 'national' || p.kind === 'international');
    if (phone) {
      o.phone = phone.raw.trim();
      o.phoneAt = [phone.start, phone.end];
    }
    const email = e.emails.find((x) => x.valid && !x.inMailtoTarget);
    if (email) {
      o.email = email.raw.toLowerCase();
      o.emailAt = [email.start, email.end];
    }
    if (e.where === 'section') {
      const r = roleAfter(text, n.end);
      if (r) {
        o.role = r.role;
        o.roleAt = [r.start, r.end];
      }
    }
    out.push(o);
  }
  return out;
}

const meetingDates = new Map<string, string | undefined>();

/** A meeting date as `yyyy-mm-dd`, when it reads as one (remembered: a pack asks for each member's, for each member). */
export function meetingDateOf(value: string): string | undefined {
  if (meetingDates.has(value)) return meetingDates.get(value);
  const d = readDates(value).find((x) => x.valid && x.value && x.year !== undefined);
  const iso = d?.value ? toIso(d.value) : undefined;
  if (meetingDates.size > 1000) meetingDates.clear();
  meetingDates.set(value, iso);
  return iso;
}
