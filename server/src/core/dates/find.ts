import type { Nodes } from 'mdast';
import { walkTree } from '../walk.js';
import { defineUnitMemo, joinUnitMemos, type ReportModel } from '../model.js';
import { firstAtOrAfter } from '../text.js';
import { scanCandidates } from './scan.js';
import { readCandidate, type ReadDate } from './read.js';
import { makeDate } from './calendar.js';
import type { DateContext, DateScan, FoundDate, MeetingInfo } from './types.js';
import type { Unchanged } from '../types.js';

/**
 * Finds every date, month, time and financial year of a report: in the front matter, in
 * the body's text (headings, paragraphs, lists, tables, link text), never in code, HTML,
 * comments or URLs. One scan per model, shared by all date rules and the hover.
 */

const cache = new WeakMap<ReportModel, DateScan>();

/** Work counted for tests: dates read for the meeting's date (the front matter's). */
export const dateWork = { meetingRead: 0 };

export function findDates(model: ReportModel): DateScan {
  let scan = cache.get(model);
  if (!scan) {
    scan = scanModel(model);
    cache.set(model, scan);
  }
  return scan;
}

/**
 * A date of one top-level node, and what its own lines say of it (the words before it,
 * whether it stands alone on its line). Kept while the node is reused.
 */
interface UnitDate {
  date: FoundDate;
  /** Context where written ('text', 'heading' or 'table'), before the document-level pass. */
  base: DateContext;
  /** The cue words before it (MEETING, DEADLINE), ALONE on its line, after a DATED label. */
  flags: number;
  /** The model whose scan last read it, and what that scan made of it (see `readingOf`). */
  readAt?: number;
  reading?: number;
}

const MEETING = 1;
const DEADLINE = 2;
const ALONE = 4;
const DATED = 8;

const UNIT_DATES = defineUnitMemo<UnitDate[]>({
  compute(unit, model) {
    const dates: FoundDate[] = [];
    walk(unit.node, 'text', model, (s, e, context) => readSegment(model, s, e, context, dates));
    for (const f of dates) if (f.kind === 'date' && f.year === undefined && inRecurringSentence(model.text, f)) f.recurring = true;
    return dates.map((f) => ({ date: f, base: f.context, flags: lineFlags(model.text, f) }));
  },
  shift(v, d, dLine) {
    for (const { date: f } of v) {
      f.start += d;
      f.end += d;
      f.partStart += d;
      f.partEnd += d;
      if (f.weekday) {
        f.weekday.start += d;
        f.weekday.end += d;
      }
      f.range.start.line += dLine;
      f.range.end.line += dLine;
    }
  },
});

/** The dates of text[segStart, segEnd), added to `out`. */
function readSegment(model: ReportModel, segStart: number, segEnd: number, context: DateContext, out: FoundDate[], frontMatterKey?: string): void {
  const candidates = scanCandidates(model.text.slice(segStart, segEnd));
  if (candidates.length === 0) return;
  const local: FoundDate[] = [];
  for (const c of candidates) {
    for (const r of readCandidate(c, segStart)) {
      const f = r as FoundDate;
      f.context = context;
      f.range = model.index.range(f.start, f.end);
      if (frontMatterKey !== undefined) f.frontMatterKey = frontMatterKey;
      local.push(f);
    }
  }
  linkRanges(local, model.text);
  for (const f of local) out.push(f);
}

/** The scan without the cache, for the benchmark. */
export function scanModel(model: ReportModel): DateScan {
  const found: FoundDate[] = [];
  for (const e of model.frontMatter.entries) {
    if (e.valueEnd > e.valueStart) readSegment(model, e.valueStart, e.valueEnd, 'front-matter', found, e.key);
  }
  // Front-matter dates carry no line flags.
  const flags: number[] = found.map(() => 0);
  // The body: per top-level node, reused across edits (one list joined across edits, see
  // `joinUnitMemos`); the document-level reading below starts again from each node's own findings.
  const body = joinUnitMemos(model, UNIT_DATES);
  for (let i = 0; i < body.length; i++) {
    const { date: f, base, flags: fl } = body[i]!;
    f.context = base;
    // Cleared by assignment, not `delete`: deleting turns an object into a slow dictionary.
    f.signoff = undefined;
    f.cue = undefined;
    found.push(f);
    flags.push(fl);
  }

  // Sign-off dates: what the `Dated:` value holds (the dates are in document order).
  for (const so of model.signoffs) {
    const d = so.dated;
    if (!d || d.valueEnd <= d.valueStart) continue;
    for (let i = firstAtOrAfter(found, d.valueStart); i < found.length && found[i]!.start < d.valueEnd; i++) {
      const f = found[i]!;
      // The date must open the value: "Date of meeting: 3 March" is not a sign-off.
      if ((f.context === 'text' || f.signoff) && f.start >= d.valueStart && f.end <= d.valueEnd && /^[\s*_]*$/.test(model.text.slice(d.valueStart, f.start))) {
        f.context = 'signoff';
        f.signoff = so;
      }
    }
  }

  // A second sign-off in one section, or one the model did not pair: a "Dated:" line
  // (before the appendices, like the model's own sign-offs).
  const headerEnd = firstSectionStart(model);
  // The dates read as the meeting's, in document order (gathered here, not by another pass over every date).
  const stated: FoundDate[] = [];
  for (let i = 0; i < found.length; i++) {
    const f = found[i]!;
    const fl = flags[i]!;
    if (f.context === 'text' && f.start < model.appendixStart && fl & DATED) f.context = 'signoff';
    if (f.kind !== 'date' || (f.context !== 'text' && f.context !== 'heading')) continue;
    // The words before the date say what it is: the meeting's date, or a deadline. A date
    // standing alone on a line of the header block is the meeting's (county reports print
    // the meeting date under the committee's name).
    if (fl & MEETING || (fl & ALONE && f.start < headerEnd && f.context !== 'heading')) {
      f.cue = 'meeting';
      stated.push(f);
    } else if (fl & DEADLINE) f.cue = 'deadline';
  }
  const scan: DateScan = { dates: found, meeting: meetingInfo(model, found, stated) };
  for (const f of found) if (f.context === 'signoff' && f.value && f.year !== undefined && !f.yearFromRange) scan.lastSignoff = f.value;
  if (model.session && model.serial !== undefined) noteChanges(model, scan, body);
  return scan;
}

const CONTEXTS: readonly DateContext[] = ['front-matter', 'signoff', 'heading', 'table', 'text'];

/** What the document-level pass made of a date, as a number: its context, its cue, whether a sign-off holds it. */
function readingOf(f: FoundDate): number {
  return CONTEXTS.indexOf(f.context) * 8 + (f.cue === 'meeting' ? 1 : f.cue === 'deadline' ? 2 : 0) * 2 + (f.signoff ? 1 : 0);
}

/** What the last scan of a session's model took from the whole report, for the next scan's `delta`. */
interface Basis {
  serial: number;
  meeting: MeetingInfo;
  /** `DateScan.lastSignoff`, as a number. */
  lastSignoff: number | undefined;
}

const lastBasis = new WeakMap<object, Basis>();

/**
 * Sets `scan.delta` when the previous scan in the session was of the model this one's
 * edit started from and the meeting date and the sign-offs' year are what they were:
 * then a date of a unit kept, read the same way, gives the same findings (moved with its
 * lines when the edit moved lines: no date finding names a line).
 */
function noteChanges(model: ReportModel, scan: DateScan, body: readonly UnitDate[]): void {
  const serial = model.serial!;
  const since = model.splice?.prevSerial;
  const changed = new Set<FoundDate>();
  for (const f of scan.dates) if (f.context === 'front-matter') changed.add(f);
  for (let i = 0; i < body.length; i++) {
    const item = body[i]!;
    const reading = readingOf(item.date);
    if (item.readAt !== since || item.reading !== reading) changed.add(item.date);
    item.readAt = serial;
    item.reading = reading;
  }
  const lastSignoff = scan.lastSignoff?.getTime();
  const before = lastBasis.get(model.session!);
  lastBasis.set(model.session!, { serial, meeting: scan.meeting, lastSignoff });
  if (!before || since === undefined || before.serial !== since) return;
  if (before.lastSignoff !== lastSignoff || !sameMeeting(before.meeting, scan.meeting)) return;
  scan.delta = { since, changed };
}

function sameMeeting(a: MeetingInfo, b: MeetingInfo): boolean {
  if (a.date?.getTime() !== b.date?.getTime() || (a.frontMatter === undefined) !== (b.frontMatter === undefined)) return false;
  const x = a.source;
  const y = b.source;
  // A front-matter date is read again on each scan; a body date is kept with its unit.
  return x === y || (x !== undefined && y !== undefined && x.context === 'front-matter' && y.context === 'front-matter' && x.start === y.start && x.text === y.text);
}

/**
 * Which dates an edit left as they were, for rules that keep their findings by date
 * (see `RuleContext.keyed`; the key is the date itself): those of the units kept, read
 * as before. Unset when anything the dates are read by changed (see `noteChanges`).
 */
export function unchangedDates(scan: DateScan): Unchanged | undefined {
  const delta = scan.delta;
  if (!delta) return undefined;
  return { since: delta.since, has: (f) => !delta.changed.has(f as FoundDate) };
}

type Add = (start: number, end: number, context: DateContext) => void;

function walk(root: Nodes, rootContext: DateContext, model: ReportModel, add: Add): void {
  walkTree<DateContext>(root, rootContext, (node, context) => {
    switch (node.type) {
      case 'yaml':
      case 'code':
      case 'inlineCode':
      case 'html':
      case 'image':
      case 'imageReference':
      case 'definition':
        return false;
      case 'text': {
        const s = node.position?.start.offset;
        const e = node.position?.end.offset;
        if (s !== undefined && e !== undefined && e > s) add(s, e, context);
        return false;
      }
      case 'link': {
        // A bare or <angle> URL shows its address as its text: not a date.
        const s = node.position?.start.offset;
        if (s === undefined || model.text[s] !== '[') return false;
        return context;
      }
      case 'table':
        return 'table';
      case 'heading':
        return 'heading';
      default:
        return context;
    }
  });
}

const DATED_LINE = /^\s*(?:[-*+]\s+)?[*_]{0,2}Dated\b[*_]{0,2}(?:\s*:[*_]{0,2}|\s*[*_]{1,2}|)\s*$/i;
const RANGE_SEP = /^\s*(?:-|–|—|to|until|till)\s*$/i;

/** Two dates (or times, or months) joined by "to" or a dash are the ends of one range. */
function linkRanges(local: FoundDate[], text: string): void {
  for (let i = 0; i < local.length; i++) {
    const a = local[i]!;
    if (a.rangeRole === 'start' && a.other === undefined) {
      // A range the scanner already saw whole ("16-18 February", "2.00 - 3.51 pm").
      const b = local[i + 1];
      if (b && b.rangeRole === 'end') {
        a.other = b;
        b.other = a;
        fillYear(a, b);
      }
      continue;
    }
    const b = local[i + 1];
    if (!b || a.rangeRole || b.rangeRole || a.kind !== b.kind || a.kind === 'financial-year') continue;
    if (b.start - a.end > 12 || !RANGE_SEP.test(text.slice(a.end, b.start))) continue;
    a.rangeRole = 'start';
    b.rangeRole = 'end';
    a.other = b;
    b.other = a;
    fillYear(a, b);
  }
}

/** "1 April to 31 March 2025": the start takes its year from the end, a year earlier if need be. */
function fillYear(a: FoundDate, b: FoundDate): void {
  if (a.kind !== 'date' || b.kind !== 'date' || a.year !== undefined || b.year === undefined || !a.valid) return;
  if (a.month === undefined || a.day === undefined || b.month === undefined || b.day === undefined) return;
  let y = b.year;
  if (a.month > b.month || (a.month === b.month && a.day > b.day)) y--;
  const d = makeDate(y, a.month, a.day);
  if (d.getMonth() !== a.month - 1) {
    a.valid = false;
    a.problem = `${y} is not a leap year, so February ${y} has 28 days`;
    return;
  }
  a.year = y;
  a.yearFromRange = true;
  a.value = d;
}

function firstSectionStart(model: ReportModel): number {
  for (const s of model.allSections) if (s.level >= 2) return s.start;
  return model.text.length;
}

const MEETING_CUE = /(?:^|[\s(|])(?:date of (?:the )?(?:(?:commission|committee|scrutiny commission|board|panel) )?meeting|meeting date)(?:\s*[:\-–])?\s*$/i;
const DEADLINE_CUE = /\b(?:by|before|no later than|deadline(?: date)?(?: of| is)?:?|due(?: by| on| date(?: of| is)?:?)?|closing date(?: of| is)?:?)\s+(?:the\s+)?$/i;

const RECURRING = /\b(?:each|every|per|a) year\b|\bannually\b|\byearly\b/i;

/**
 * A day and month said of every year ("from 1 January each year", "due on 31 March
 * annually"): the sentence holding the date speaks of recurrence.
 * Reads at most 300 characters either side, within the line.
 */
function inRecurringSentence(text: string, f: FoundDate): boolean {
  const lo = Math.max(0, f.start - 300);
  const hi = Math.min(text.length, f.end + 300);
  let a = f.start;
  while (a > lo && text[a - 1] !== '\n' && !(/[.!?]/.test(text[a - 1]!) && /\s/.test(text[a] ?? ''))) a--;
  let b = f.end;
  while (b < hi && text[b] !== '\n' && !(/[.!?]/.test(text[b]!) && /\s|$/.test(text[b + 1] ?? ''))) b++;
  return RECURRING.test(text.slice(a, b));
}

/** What a date's own line says of it (see `UnitDate.flags`). */
function lineFlags(text: string, f: FoundDate): number {
  const lineStart = text.lastIndexOf('\n', f.start - 1) + 1;
  let flags = 0;
  if (f.start - lineStart < 24 && DATED_LINE.test(text.slice(lineStart, f.start))) flags |= DATED;
  if (f.kind !== 'date') return flags;
  const before = text.slice(Math.max(lineStart, f.start - 80), f.start).replace(/[*_]/g, '');
  if (MEETING_CUE.test(before)) flags |= MEETING;
  if (DEADLINE_CUE.test(before)) flags |= DEADLINE;
  const lineEnd = text.indexOf('\n', f.end);
  const line = text
    .slice(lineStart, lineEnd === -1 ? text.length : lineEnd)
    .replace(/<!--.*?-->/g, '')
    .replace(/[*_]/g, '')
    .trim();
  if (line === f.text.replace(/[*_]/g, '').trim()) flags |= ALONE;
  return flags;
}

/** `stated`: the dates cued as the meeting's. The front matter's dates open `found`. */
function meetingInfo(model: ReportModel, found: FoundDate[], stated: FoundDate[]): MeetingInfo {
  const entry = model.frontMatter.byKey.get('meeting_date');
  const info: MeetingInfo = { frontMatterDates: [], stated };
  if (entry) {
    info.entry = entry;
    for (let i = 0; i < found.length && found[i]!.frontMatterKey !== undefined; i++) {
      const f = found[i]!;
      dateWork.meetingRead++;
      if (f.frontMatterKey === 'meeting_date' && f.start >= entry.valueStart && f.end <= entry.valueEnd) info.frontMatterDates.push(f);
    }
    const only = info.frontMatterDates.length === 1 ? info.frontMatterDates[0]! : undefined;
    if (only && only.kind === 'date' && only.valid && only.value && !only.yearFromRange && wholeValue(entry.source) === only.text) info.frontMatter = only;
  }
  if (info.frontMatter) {
    info.date = info.frontMatter.value!;
    info.source = info.frontMatter;
  } else {
    const s = info.stated.find((f) => f.valid && f.value);
    if (s) {
      info.date = s.value!;
      info.source = s;
    }
  }
  return info;
}

/** A front-matter value without its quotes. */
export function wholeValue(source: string): string {
  const t = source.trim();
  return /^(['"]).*\1$/.test(t) ? t.slice(1, -1).trim() : t;
}

export type { ReadDate };
