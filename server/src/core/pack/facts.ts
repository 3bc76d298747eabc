import type { ReportModel } from '../model.js';
import type { Profile } from '../templates/schema.js';
import type { TemplateMatch } from '../templates/match.js';
import type { Range } from '../types.js';
import { entryText } from '../frontmatter.js';
import { reportDirectives, type Directive } from '../suppress.js';
import { meetingDateOf, officersOf } from './members.js';
import type { PackMember } from './types.js';

/** A value the report writes, and where. */
export interface Written {
  value: string;
  range: Range;
}

/** One detail of an officer: its value as compared, the words as written, and where. */
export interface OfficerDetail extends Written {
  shown: string;
}

export interface OfficerFacts {
  name: string;
  phone?: OfficerDetail;
  email?: OfficerDetail;
  role?: OfficerDetail;
}

/**
 * What the pack rules read from one report, as plain data: a worker thread, or a cache
 * file, hands it to the thread that knows the whole pack, which runs the pack rules on
 * it without the report's model (see pack/run.ts). Rules that compare a report with its
 * pack read only this, in the editor too, so both ways give the same findings.
 */
export interface PackFacts {
  /** The title heading (its wording as compared) and where it is. */
  title?: Written;
  /** Where a finding about the report as a whole goes: the title, else the start. */
  at: Range;
  committee?: Written;
  meetingDate?: Written;
  /**
   * The meeting date as `yyyy-mm-dd` when it reads as a date, worked out where the report
   * is checked (a worker thread of the command line, whose date reader is warm), not where
   * the packs are put together.
   */
  meetingIso?: string;
  officers: OfficerFacts[];
  /** The report's suppression comments (`<!-- committee-report-disable ... -->`). */
  directives: Directive[];
  /** Whether the report has a template profile (rules that need one are skipped without). */
  hasProfile: boolean;
}

const DETAILS = ['phone', 'email', 'role'] as const;

const byModel = new WeakMap<ReportModel, PackFacts>();

/** The pack facts of an analysed report (made once per model). */
export function packFactsOf(model: ReportModel, profile: Profile | undefined, match: TemplateMatch | undefined): PackFacts {
  let facts = byModel.get(model);
  if (facts) return facts;
  const fm = model.frontMatter.byKey;
  facts = { at: model.title?.textRange ?? model.index.range(0, 0), officers: [], directives: reportDirectives(model), hasProfile: profile !== undefined };
  if (model.title) facts.title = { value: model.title.title || model.title.text, range: model.title.textRange };
  for (const [key, into] of [['committee', 'committee'], ['meeting_date', 'meetingDate']] as const) {
    const e = fm.get(key);
    const value = entryText(e);
    if (e && value) facts[into] = { value, range: e.valueRange };
  }
  const iso = facts.meetingDate && meetingDateOf(facts.meetingDate.value);
  if (iso) facts.meetingIso = iso;
  for (const o of officersOf(model, profile, match)) {
    const officer: OfficerFacts = { name: o.name };
    for (const kind of DETAILS) {
      const value = o[kind];
      const at = o[`${kind}At`];
      if (value && at) officer[kind] = { value, shown: model.text.slice(at[0], at[1]), range: model.index.range(at[0], at[1]) };
    }
    facts.officers.push(officer);
  }
  byModel.set(model, facts);
  return facts;
}

/** The summary of one report that the other reports of its pack are checked against. */
export function memberOf(file: string, facts: PackFacts): PackMember {
  const member: PackMember = { file, officers: facts.officers.map((o) => ({ name: o.name, ...(o.role ? { role: o.role.value } : {}), ...(o.phone ? { phone: o.phone.value } : {}), ...(o.email ? { email: o.email.value } : {}) })) };
  const title = facts.title?.value.trim();
  if (title) member.title = title;
  if (facts.committee) member.committee = facts.committee.value;
  if (facts.meetingDate) {
    member.meetingDateText = facts.meetingDate.value;
    // Facts kept in a cache file by an earlier version have no meetingIso.
    const iso = facts.meetingIso ?? meetingDateOf(facts.meetingDate.value);
    if (iso) member.meetingDate = iso;
  }
  return member;
}

/** The summary of an analysed report for its pack (see `memberOf`). */
export function packMember(file: string, model: ReportModel, profile: Profile | undefined, match: TemplateMatch | undefined): PackMember {
  return memberOf(file, packFactsOf(model, profile, match));
}
