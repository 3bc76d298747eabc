import type { Block, ParagraphNumber, ReportModel, Section } from '../model.js';
import type { TemplateMatch } from '../templates/match.js';
import type { Profile } from '../templates/schema.js';
import type { Fix, Range, RelatedLocation, TextEdit } from '../types.js';
import { referenceRenumbering } from '../crossref/editor.js';

/**
 * Paragraph-number analysis shared by the `numbering/*` rules. One linear walk over the
 * report's sections and blocks (cached per check) classifies every numbered paragraph
 * once, so the rules never disagree and no paragraph is reported by two of them.
 *
 * - `by-section` (Leicester City): numbers restart in each `##` section (4.1, 4.2 ...),
 *   may go deeper (4.1.1, 4.1.4.1), and numbered sub-headings (`### 4.2 Legal ...`)
 *   reset the context (4.2.1 follows). Single-part numbers (`1.`) are ordinary lists
 *   there and are ignored.
 * - `continuous` (Leicestershire County): one sequence 1..N through the whole report;
 *   multi-part numbers are ignored.
 *
 * Only paragraphs before `model.appendixStart` are read. Unnumbered paragraphs never
 * break a sequence.
 */

export type NumberingMode = 'by-section' | 'continuous';

export type IssueKind = 'gap' | 'duplicate' | 'restart' | 'depth' | 'section-mismatch';

export interface NumEntry {
  block: Block;
  num: ParagraphNumber;
  parts: number[];
  section: Section;
  /** Index of the sequence (a `##` section in by-section mode, the report in continuous mode). */
  scope: number;
  /** Number of the nearest numbered heading (`[4]`, `[4, 2]`); empty when unknown. */
  context: number[];
  /** Accepted because it picks up the sequence that an earlier restart interrupted. */
  resumed?: boolean;
  issue?: NumberingIssue;
}

export interface NumberingIssue {
  kind: IssueKind;
  /** The reported paragraph; for grouped depth / mismatch runs, every paragraph of the run. */
  entries: NumEntry[];
  /** Corrected numbers, one per entry (gap: the expected number of the first). */
  expected: number[][];
  /** The paragraph this one is compared with (previous number, or the earlier duplicate). */
  previous?: NumEntry;
  /** Heading that sets the context, for messages. */
  contextLabel?: string;
  fix?: Fix;
}

export interface NumberingAnalysis {
  mode: NumberingMode;
  entries: NumEntry[];
  issues: NumberingIssue[];
}

/** Keyed by the template match (one per check), or by the model when there is none. */
const cache = new WeakMap<object, NumberingAnalysis>();

export function fmt(parts: readonly number[]): string {
  return parts.join('.');
}

export function hasTrailingDot(n: ParagraphNumber): boolean {
  return !n.listMarker && n.end - n.start > n.value.length;
}

function eq(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function startsWith(a: readonly number[], prefix: readonly number[]): boolean {
  return prefix.length <= a.length && prefix.every((x, i) => x === a[i]);
}

function cmp(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * Numbers of length `depth` that may follow `last`: the next sibling at any level from
 * `minLevel` down (4.1.3 → 4.1.4, 4.2, with implied `.1` below: 4.2.1), or a first child
 * (4.1 → 4.1.1). Ascending.
 */
export function continuations(last: readonly number[], depth: number, minLevel: number): number[][] {
  const out: number[][] = [];
  if (depth > last.length) out.push([...last, ...Array<number>(depth - last.length).fill(1)]);
  for (let j = Math.min(last.length, depth) - 1; j >= minLevel; j--) {
    out.push([...last.slice(0, j), last[j]! + 1, ...Array<number>(depth - j - 1).fill(1)]);
  }
  return out.sort(cmp);
}

/** Whether `n` is one of `continuations(last, n.length, minLevel)`, without building them. */
function isContinuation(n: readonly number[], last: readonly number[], minLevel: number): boolean {
  let p = 0;
  while (p < n.length && p < last.length && n[p] === last[p]) p++;
  let from: number;
  if (p === last.length && n.length > last.length) from = p;
  else if (p < last.length && p < n.length && p >= minLevel && n[p] === last[p]! + 1) from = p + 1;
  else return false;
  for (let i = from; i < n.length; i++) if (n[i] !== 1) return false;
  return true;
}

/** `5.11` under heading `5.1` meant `5.1.1`: the written number is the heading's with digits glued on. */
function depthSlip(n: readonly number[], context: readonly number[]): number[] | undefined {
  if (context.length < 2 || n.length !== context.length || eq(n, context)) return undefined;
  const written = fmt(n);
  const head = fmt(context);
  if (!written.startsWith(head)) return undefined;
  const rest = written.slice(head.length);
  if (!/^[1-9]\d{0,2}$/.test(rest)) return undefined;
  return [...context, Number(rest)];
}

/** Section kinds whose lists are not paragraph numbering (papers, contacts ...). */
const UNNUMBERED_KINDS = new Set(['papers', 'contact', 'appendices', 'glossary']);

export function analyseNumbering(model: ReportModel, profile: Profile, match: TemplateMatch | undefined): NumberingAnalysis {
  const key: object = match ?? model;
  const hit = cache.get(key);
  if (hit) return hit;
  const result = profile.numbering === 'continuous' ? analyseContinuous(model, match) : analyseBySection(model, profile, match);
  cache.set(key, result);
  return result;
}

/** Number of a heading: as written, or the matched template slot's when the heading has none. */
function headingNumber(section: Section, profile: Profile, match: TemplateMatch | undefined): number[] | undefined {
  const written = section.heading.number;
  if (written) return written.split('.').map(Number);
  if (!profile.numberedHeadings) return undefined;
  const spec = match?.bySection.get(section)?.spec;
  return spec?.number ? spec.number.split('.').map(Number) : undefined;
}

interface Walker {
  entries: NumEntry[];
  issues: NumberingIssue[];
  minLevel: number;
  last?: number[];
  lastEntry?: NumEntry;
  /** Sequence interrupted by a restart, and where it stood. */
  resume?: number[];
  seen: Map<string, NumEntry>;
}

function newWalker(minLevel: number): Walker {
  return { entries: [], issues: [], minLevel, seen: new Map() };
}

function issue(w: Walker, e: NumEntry, kind: IssueKind, expected: number[], extra: Partial<NumberingIssue> = {}): void {
  const is: NumberingIssue = { kind, entries: [e], expected: [expected] };
  if (extra.previous) is.previous = extra.previous;
  if (extra.contextLabel) is.contextLabel = extra.contextLabel;
  e.issue = is;
  w.issues.push(is);
}

/** Classifies one number against the running sequence. `scopeNo` is the section's number (by-section) or undefined. */
function step(w: Walker, e: NumEntry, scopeNo: number | undefined, contextLabel: string | undefined): void {
  const n = e.parts;
  const prev = w.lastEntry;
  w.entries.push(e);
  const accept = (value: number[]): void => {
    w.last = value;
    w.lastEntry = e;
    w.seen.set(fmt(value), e);
  };
  if (!w.last) return accept(n);
  if (isContinuation(n, w.last, w.minLevel)) return accept(n);
  if (w.resume && isContinuation(n, w.resume, w.minLevel)) {
    e.resumed = true;
    w.resume = undefined;
    return accept(n);
  }
  const ctx = e.context;
  const slip = depthSlip(n, ctx);
  if (slip) {
    issue(w, e, 'depth', slip, { contextLabel });
    return accept(slip);
  }
  const best = (depth: number): number[] => continuations(w.last!, depth, w.minLevel)[0] ?? n;
  if (scopeNo !== undefined && n[0] !== scopeNo) {
    const fixed = [scopeNo, ...n.slice(1)];
    const expected = isContinuation(fixed, w.last, w.minLevel) ? fixed : best(n.length);
    issue(w, e, 'section-mismatch', expected, { contextLabel });
    return accept(expected);
  }
  if (ctx.length >= 2 && n.length > ctx.length && !startsWith(n, ctx)) {
    const fixed = [...ctx, ...n.slice(ctx.length)];
    const expected = isContinuation(fixed, w.last, w.minLevel) ? fixed : best(n.length);
    issue(w, e, 'section-mismatch', expected, { contextLabel });
    return accept(expected);
  }
  // After a restart, a number beyond the interrupted sequence is a gap in that sequence.
  const base = w.resume ?? w.last;
  let below: number[] | undefined;
  for (const c of continuations(base, n.length, w.minLevel)) if (cmp(c, n) < 0) below = c;
  if (below) {
    const before = w.resume ? (w.seen.get(fmt(w.resume)) ?? prev) : prev;
    w.resume = undefined;
    issue(w, e, 'gap', below, before ? { previous: before, contextLabel } : { contextLabel });
    return accept(n);
  }
  const cands = continuations(w.last, n.length, w.minLevel);
  const same = n.length <= w.last.length && eq(n, w.last.slice(0, n.length));
  if (same && eq(n, ctx)) {
    // `5.1 text` under heading 5.1: the paragraph repeats its heading's number.
    // No renumbering fix: the paragraph goes one level down, and so may those after it.
    issue(w, e, 'duplicate', [...n, 1], contextLabel ? { contextLabel } : {});
  } else if (same) {
    const earlier = w.seen.get(fmt(n));
    issue(w, e, 'duplicate', cands[0] ?? n, earlier ? { previous: earlier, contextLabel } : contextLabel ? { contextLabel } : {});
  } else {
    issue(w, e, 'restart', cands[0] ?? n, prev ? { previous: prev, contextLabel } : { contextLabel });
    w.resume = w.last;
  }
  accept(n);
}

function analyseBySection(model: ReportModel, profile: Profile, match: TemplateMatch | undefined): NumberingAnalysis {
  const all: NumEntry[] = [];
  const issues: NumberingIssue[] = [];
  const contextOf = new Map<Section, { parts: number[]; label: string }>();
  let scope = -1;
  let top: Section | undefined;
  let w = newWalker(1);
  let scopeNo: number | undefined;
  const refs = referenceRenumbering(model, match);
  const flush = (): void => {
    finishScope(model, w, refs);
    all.push(...w.entries);
    issues.push(...w.issues);
  };
  for (const s of model.allSections) {
    if (s.start >= model.appendixStart || s.inAppendix) break;
    if (s.level < 2) continue;
    let t: Section = s;
    while (t.parent && t.parent.level >= 2) t = t.parent;
    if (t !== top) {
      if (top) flush();
      top = t;
      scope++;
      w = newWalker(1);
      const tn = headingNumber(t, profile, match);
      scopeNo = tn?.[0];
      contextOf.set(t, { parts: tn ?? [], label: t.heading.text.trim() });
      if (tn) w.last = tn;
    }
    if (s !== t) {
      const own = headingNumber(s, profile, match);
      const parentCtx = (s.parent && contextOf.get(s.parent)) ?? { parts: [], label: t.heading.text.trim() };
      if (own && (scopeNo === undefined || own[0] === scopeNo)) {
        contextOf.set(s, { parts: own, label: s.heading.text.trim() });
        w.last = own;
        w.resume = undefined;
      } else {
        contextOf.set(s, parentCtx);
      }
    }
    const ctx = contextOf.get(s) ?? { parts: [], label: s.heading.text.trim() };
    for (const b of s.blocks) {
      if (!b.number || b.number.parts.length < 2) continue;
      const e: NumEntry = { block: b, num: b.number, parts: b.number.parts, section: s, scope, context: ctx.parts };
      step(w, e, scopeNo, ctx.label);
    }
  }
  if (top) flush();
  return { mode: 'by-section', entries: all, issues };
}

function analyseContinuous(model: ReportModel, match: TemplateMatch | undefined): NumberingAnalysis {
  const w = newWalker(0);
  w.last = [0];
  for (const s of model.allSections) {
    if (s.start >= model.appendixStart || s.inAppendix) break;
    let kind: string | undefined;
    for (let t: Section | undefined = s; t && !kind; t = t.parent) kind = match?.bySection.get(t)?.spec.kind;
    const listsOnly = kind !== undefined && UNNUMBERED_KINDS.has(kind);
    for (const b of s.blocks) {
      if (!b.number || b.number.parts.length !== 1) continue;
      const e: NumEntry = { block: b, num: b.number, parts: b.number.parts, section: s, scope: 0, context: [] };
      // Papers and contacts may carry their own little lists: only a number that carries
      // on the main sequence counts there.
      if (listsOnly && !isContinuation(e.parts, w.last!, 0)) continue;
      step(w, e, undefined, undefined);
    }
  }
  finishScope(model, w, referenceRenumbering(model, match));
  return { mode: 'continuous', entries: w.entries, issues: w.issues };
}

/** Consecutive depth slips (or prefix mismatches) in one section are one finding with one fix. */
function groupRuns(w: Walker): void {
  const out: NumberingIssue[] = [];
  const index = new Map<NumEntry, number>();
  w.entries.forEach((e, i) => index.set(e, i));
  for (const is of w.issues) {
    const prev = out[out.length - 1];
    const a = prev?.entries[prev.entries.length - 1];
    const b = is.entries[0]!;
    if (
      prev &&
      a &&
      prev.kind === is.kind &&
      (is.kind === 'depth' || is.kind === 'section-mismatch') &&
      a.section === b.section &&
      index.get(a)! + 1 === index.get(b)
    ) {
      prev.entries.push(b);
      prev.expected.push(is.expected[0]!);
      b.issue = prev;
      continue;
    }
    out.push(is);
  }
  w.issues = out;
}

/** Text for a number in the written style: trailing dot kept, list delimiter kept. */
function numberText(model: ReportModel, n: ParagraphNumber, parts: readonly number[]): string {
  const written = model.text.slice(n.start, n.end);
  const suffix = written.slice(n.value.length);
  return fmt(parts) + suffix;
}

function numberEdit(model: ReportModel, e: NumEntry, parts: readonly number[]): TextEdit {
  return { range: e.num.range, newText: numberText(model, e.num, parts) };
}

/**
 * A list marker that gets wider (9. → 10.) needs its nested content indented one more
 * column, or that content leaves the item: only safe when the item has none.
 */
function widthRisk(e: NumEntry, parts: readonly number[]): boolean {
  return e.num.listMarker && fmt(parts).length > e.num.value.length && /\n[ \t]+\S/.test(e.block.source);
}

/**
 * Builds the fixes once all issues of a sequence are known. A renumbering also renumbers
 * the references to the paragraphs it moves ("see paragraph 4.3"), in the same fix.
 */
function finishScope(model: ReportModel, w: Walker, refs: (numberStart: number, value: string) => TextEdit[]): void {
  const edit = (model: ReportModel, e: NumEntry, parts: readonly number[]): TextEdit[] => [numberEdit(model, e, parts), ...refs(e.num.start, fmt(parts))];
  if (w.issues.length === 0) return;
  groupRuns(w);
  const values = new Map<string, number>();
  for (const e of w.entries) values.set(fmt(e.parts), (values.get(fmt(e.parts)) ?? 0) + 1);
  /** Whether a renumbering gives a paragraph a number that another one keeps or gets (O(changes)). */
  const collides = (changes: Map<NumEntry, number[]>): boolean => {
    const delta = new Map<string, number>();
    for (const [e, v] of changes) {
      delta.set(fmt(e.parts), (delta.get(fmt(e.parts)) ?? 0) - 1);
      delta.set(fmt(v), (delta.get(fmt(v)) ?? 0) + 1);
    }
    for (const v of changes.values()) if ((values.get(fmt(v)) ?? 0) + delta.get(fmt(v))! > 1) return true;
    return false;
  };
  /** A gap inside the run renumbered by an earlier gap's fix shares that fix (one renumbering, linear in size). */
  const covered = new Map<NumEntry, Fix>();
  const index = new Map<NumEntry, number>();
  w.entries.forEach((e, i) => index.set(e, i));
  for (const is of w.issues) {
    if (is.kind === 'depth' || is.kind === 'section-mismatch') {
      const changes = new Map<NumEntry, number[]>();
      is.entries.forEach((e, i) => changes.set(e, is.expected[i]!));
      if (collides(changes)) continue;
      const safe = ![...changes].some(([e, v]) => widthRisk(e, v));
      const list = [...changes.values()].map(fmt);
      is.fix = {
        title: list.length === 1 ? `Renumber to ${list[0]}` : `Renumber to ${list[0]} … ${list[list.length - 1]}`,
        edits: [...changes].flatMap(([e, v]) => edit(model, e, v)),
        safe,
      };
      continue;
    }
    // gap, duplicate, restart: renumber the run that starts here consecutively.
    const first = is.entries[0]!;
    const shared = covered.get(first);
    if (shared) {
      is.fix = shared;
      continue;
    }
    const start = is.expected[0]!;
    const d = first.parts.length;
    if (start.length !== d) continue;
    if (!eq(start.slice(0, d - 1), first.parts.slice(0, d - 1))) continue; // a different parent: not knowable
    const parent = first.parts.slice(0, d - 1);
    const changes = new Map<NumEntry, number[]>();
    let current = start[d - 1]!;
    for (let i = index.get(first)!; i < w.entries.length; i++) {
      const e = w.entries[i]!;
      if (e !== first) {
        if (e.resumed || fmt(e.context) !== fmt(first.context)) break;
        if (e.issue && !(is.kind === 'gap' && e.issue.kind === 'gap' && e.parts.length === d)) break;
        if (e.parts.length < d || !startsWith(e.parts, parent)) break;
        if (e.parts.length === d) current++;
      }
      const v = [...parent, current, ...e.parts.slice(d)];
      if (!eq(v, e.parts)) changes.set(e, v);
    }
    // A renumbering that would give two paragraphs one number helps nobody.
    if (changes.size === 0 || collides(changes)) continue;
    const safe = is.kind === 'gap' && ![...changes].some(([e, v]) => widthRisk(e, v));
    const edits = [...changes].flatMap(([e, v]) => edit(model, e, v));
    is.fix = {
      title: changes.size === 1 ? `Renumber to ${fmt(start)}` : `Renumber ${changes.size} paragraphs, from ${fmt(start)} on`,
      edits,
      safe,
    };
    if (is.kind === 'gap') for (const e of changes.keys()) if (e !== first) covered.set(e, is.fix);
  }
}

/** Related locations for a finding: the other paragraphs of a run, or the earlier one compared with. */
export function relatedOf(is: NumberingIssue, what: string): RelatedLocation[] {
  const out: RelatedLocation[] = is.entries.slice(1).map((e, i) => ({ range: e.num.range, message: `${e.num.value} (should be ${fmt(is.expected[i + 1]!)})` }));
  if (is.previous) out.push({ range: is.previous.num.range, message: `${what} ${is.previous.num.value}` });
  return out;
}

/** `4.2`, `4.2 to 4.6`: the numbers skipped between `expected` and the written one. */
export function skipped(expected: readonly number[], written: readonly number[]): string {
  const d = written.length;
  if (expected.length !== d || !eq(expected.slice(0, d - 1), written.slice(0, d - 1))) return fmt(expected);
  const lastMissing = [...written.slice(0, d - 1), written[d - 1]! - 1];
  return eq(lastMissing, expected) ? fmt(expected) : `${fmt(expected)} to ${fmt(lastMissing)}`;
}

/** Line (1-based) of an entry, for messages that name another paragraph. */
export function lineOf(e: NumEntry): number {
  return e.num.range.start.line + 1;
}

/** Range of a block's first line of text, without trailing HTML comments. */
export function firstLineRange(model: ReportModel, b: Block): Range {
  const text = model.text;
  let end = text.indexOf('\n', b.start);
  if (end === -1 || end > b.end) end = b.end;
  let line = text.slice(b.start, end).trimEnd();
  while (line.endsWith('-->')) {
    const open = line.lastIndexOf('<!--');
    if (open < 0) break;
    line = line.slice(0, open).trimEnd();
  }
  return model.index.range(b.start, b.start + line.length);
}
