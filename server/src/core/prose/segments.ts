import { defineUnitMemo, joinUnitMemos, unitMemo, type Block, type BlockKind, type Heading, type ReportModel, type Unit } from '../model.js';
import type { RuleContext } from '../rules/define.js';
import { maskSegment, unitTokensIfAny, type UnitTokens } from '../acronyms/scan.js';
import { lastAtOrBefore, ownString } from '../text.js';

/**
 * The prose of a report, as the prose rules read it: each heading and block of running
 * text with everything that is not prose blanked (code, HTML, link targets, addresses,
 * Markdown markers, paragraph and list numbers), so that offsets in `text` are offsets in
 * the report. Computed per top-level node and kept while an edit leaves the node alone.
 */
export interface ProseSegment {
  /** Absolute offsets of the segment in the report. */
  readonly start: number;
  readonly end: number;
  kind: 'heading' | BlockKind;
  /** The segment's source with what is not prose replaced by spaces (same length). */
  text: string;
  /** For blocks: the model's block. */
  block?: Block;
  /** Whether the segment is written mostly in capitals (a shouted title or banner). */
  shouted: boolean;
}

const PROSE_KINDS = new Set<BlockKind>(['paragraph', 'item', 'quote', 'table', 'other']);

const blank = (s: string): string => s.replace(/[^\n]/g, ' ');

/** Whether a text has a mark of emphasis or an escape (`[*_~\\]`): searched for one by one, faster than a class. */
const hasEmphasis = (t: string): boolean => t.includes('*') || t.includes('_') || t.includes('~') || t.includes('\\');

/** Markdown markers that are not words: emphasis, escapes, quote markers, list markers, numbers. */
export function maskMarkdown(source: string, number?: { start: number; end: number }, base = 0): string {
  return maskMarks(maskSegment(source), number, base);
}

/** A list marker (`- `, `1. `, `a) `) and the spaces and quote markers before it, at the start of a line. */
const LIST_MARKER = /^([ \t>]*)(?:[-*+]|\d{1,3}[.)])(?=[ \t])/gm;
/** `LIST_MARKER` tried at one place (a line's start). */
const LIST_MARKER_AT = /[ \t>]*(?:[-*+]|\d{1,3}[.)])(?=[ \t])/y;
/** Whether a text has a line terminator other than `\n` (after which `^` also matches in a multi-line pattern). */
const otherLineEnds = (t: string): boolean => t.includes('\r') || t.includes('\u2028') || t.includes('\u2029');

/**
 * `text` with `LIST_MARKER`'s matches blanked, trying it only where a line starts (after
 * each `\n`) rather than at every character; a text with another line terminator is
 * left to the pattern itself.
 */
function blankListMarkers(text: string): string {
  if (otherLineEnds(text)) return text.replace(LIST_MARKER, blank);
  let out: string | undefined;
  let last = 0;
  for (let p = 0; p >= 0; ) {
    LIST_MARKER_AT.lastIndex = p;
    if (LIST_MARKER_AT.exec(text)) {
      const end = LIST_MARKER_AT.lastIndex;
      // The marker has no line break: all of it is blanked.
      out = (out ?? '') + text.slice(last, p) + ' '.repeat(end - p);
      last = end;
    }
    const nl = text.indexOf('\n', p);
    p = nl < 0 ? -1 : nl + 1;
  }
  return out === undefined ? text : out + text.slice(last);
}

/** `maskMarkdown` of a text whose code, links and addresses `maskSegment` has blanked. */
function maskMarks(masked: string, number: { start: number; end: number } | undefined, base: number): string {
  let out = masked;
  if (number && number.start >= base && number.end <= base + out.length) {
    out = out.slice(0, number.start - base) + ' '.repeat(number.end - number.start) + out.slice(number.end - base);
  }
  // List markers (`- `, `1. `, `a) `) at the start of a line, quote markers, emphasis, escapes.
  out = blankListMarkers(out);
  // (Each pattern below needs its mark: a text without one is left as it is.)
  if (out.includes('>')) out = out.replace(/^[ \t]*>/gm, blank);
  if (hasEmphasis(out)) out = out.replace(/[*_~\\]+/g, blank);
  return out;
}

/** Whether a text is written mostly in capitals: four or more, and more than twice its small letters. */
export function shoutedText(text: string): boolean {
  let upper = 0;
  let lower = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) {
      lower++;
      // Capitals in all the rest would not be twice the small letters: not shouted.
      if (upper + (n - 1 - i) <= lower * 2) return false;
    }
  }
  return upper >= 4 && upper > lower * 2;
}

/**
 * A segment's offsets are its heading's text or its block's, read from them: those move
 * with their unit after an edit before it, so a segment kept across edits has nothing of
 * its own to move (on a long report, moving every segment was a pass over every unit).
 */
class Segment implements ProseSegment {
  constructor(
    private readonly heading: Heading | undefined,
    readonly block: Block | undefined,
    readonly kind: ProseSegment['kind'],
    readonly text: string,
    readonly shouted: boolean,
  ) {}
  /** Per-segment answers of the rules (see `segmentAnswers`), by slot. */
  answers: unknown[] | undefined = undefined;
  /** In a check outside an editing session: the segment's words as offsets and numbers (see `numberedWords`), the model's token and numbering epoch they are of. */
  numbered: Int32Array | undefined = undefined;
  numberedFor: object | undefined = undefined;
  numberedEpoch = -1;
  get start(): number {
    const b = this.block;
    return b !== undefined ? b.start : this.heading!.textStart;
  }
  get end(): number {
    const b = this.block;
    return b !== undefined ? b.end : this.heading!.textEnd;
  }
}

/** Stands for `ownString` where the memo is not kept across edits. */
const same = (s: string): string => s;

/**
 * The text of segment `k` of a unit as the acronym scan blanked it (code, links, addresses
 * and HTML: see `maskSegment`), when it scanned the same heading or block (its list
 * `scanned`, which runs before the prose rules), else blanked here.
 */
function codeMasked(unit: Unit, scanned: UnitTokens['segments'] | undefined, k: number, start: number, end: number, source: string): string {
  const s = scanned?.[k];
  if (s !== undefined && s.from === start - unit.start && s.to === end - unit.start) return s.masked;
  proseWork.masked++;
  return maskSegment(source);
}

const PROSE = defineUnitMemo<ProseSegment[]>({
  compute(unit: Unit, model: ReportModel) {
    const out: ProseSegment[] = [];
    const text = model.text;
    // A memo kept across edits keeps no slice of this version of the text (see `unitMemo`,
    // which does not look inside class instances).
    const own = model.session ? ownString : same;
    const scanned = unitTokensIfAny(unit)?.segments;
    let k = 0;
    if (unit.heading) {
      const h = unit.heading;
      const raw = text.slice(h.textStart, h.textEnd);
      // The heading's number is not prose.
      const n = /^\s*\d+(?:\.\d+)*\.?\s+/.exec(raw);
      const masked = maskMarks(codeMasked(unit, scanned, k++, h.textStart, h.textEnd, raw), n ? { start: h.textStart, end: h.textStart + n[0].length } : undefined, h.textStart);
      out.push(new Segment(h, undefined, 'heading', own(masked), shoutedText(masked)));
    }
    for (const b of unit.blocks ?? []) {
      if (!PROSE_KINDS.has(b.kind)) continue;
      const masked = maskMarks(codeMasked(unit, scanned, k++, b.start, b.end, b.source), b.number, b.start);
      out.push(new Segment(undefined, b, b.kind, own(masked), shoutedText(masked)));
    }
    return out;
  },
});

/**
 * The per-segment answers kept on a segment made here (see `perSegment`), or undefined
 * for another object that stands for a segment.
 */
export function segmentAnswers(seg: ProseSegment): unknown[] | undefined {
  return seg instanceof Segment ? (seg.answers ??= []) : undefined;
}

/** Every prose segment of the report in document order (joined from units, kept across edits). */
export function proseSegments(model: ReportModel): ProseSegment[] {
  return joinUnitMemos(model, PROSE);
}

/**
 * Runs a prose rule's `check` on every segment, unit by unit (see `RuleContext.eachUnit`):
 * what it reported is kept for the units an edit did not touch, unless `reuse` is false
 * (something document-wide the rule reads changed).
 */
export function eachSegment<O>(ctx: RuleContext<O>, check: (seg: ProseSegment) => void, reuse = true): void {
  const model = ctx.model;
  ctx.eachUnit(reuse, (unit) => {
    const segs = unitMemo(model, unit, PROSE);
    for (let i = 0; i < segs.length; i++) check(segs[i]!);
  });
}

/** The segments of one unit. */
export function unitSegments(model: ReportModel, unit: Unit): ProseSegment[] {
  return unitMemo(model, unit, PROSE);
}

/** The segment holding `offset`, if any. */
export function segmentAt(model: ReportModel, offset: number): ProseSegment | undefined {
  const segs = proseSegments(model);
  const s = segs[lastAtOrBefore(segs, offset, (x) => x.start)];
  return s && offset <= s.end ? s : undefined;
}

export interface Word {
  text: string;
  start: number;
  end: number;
}

/**
 * Whether a word is not to be spelt or compared at all: short, figures, codes, acronyms and
 * capitals, mixed case. In one pass with character tests: what
 * `w.length < 3 || /[0-9_]/.test(w) || /^[A-Z][A-Z'’s-]*$/.test(w) || /[a-z][A-Z]/.test(w)` says.
 */
export function notAWord(w: string): boolean {
  const n = w.length;
  if (n < 3) return true;
  const first = w.charCodeAt(0);
  // Capitals from the start, with only capitals, apostrophes, "s" and hyphens after.
  let capitals = first >= 65 && first <= 90;
  let lower = false;
  for (let i = 0; i < n; i++) {
    const c = w.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 95) return true;
    const upper = c >= 65 && c <= 90;
    if (upper && lower) return true;
    lower = c >= 97 && c <= 122;
    if (capitals && i > 0 && !upper && c !== 0x27 && c !== 0x2019 && c !== 0x73 && c !== 0x2d) capitals = false;
  }
  return capitals;
}

/** Whether a character code is a letter of a word (`[A-Za-z\u00C0-\u024F]`). */
export function wordLetter(c: number): boolean {
  return ((c | 32) >= 97 && (c | 32) <= 122) || (c >= 0xc0 && c <= 0x24f);
}

/**
 * Work counted for tests: segments split into words, per-segment answers asked for (see
 * `perSegment`), segments whose code and links were blanked here (not taken from the
 * acronym scan).
 */
export const proseWork = { tokenised: 0, answers: 0, masked: 0, listsAside: 0, wordLists: 0 };

/**
 * The words of each segment in an editing session, split once per check and shared by the
 * rules that read them (through `numberedWords`; a one-off check keeps its words on the
 * segment instead). Kept for one model only: a segment
 * kept by a later model may have moved, and the lists of a whole report are not worth
 * keeping between checks.
 */
let wordLists: { token: object; lists: WeakMap<ProseSegment, Word[]> } | undefined;
/**
 * A token of each model the lists were made for: the lists keep neither the model nor a
 * segment alive. (Not a WeakRef: that keeps its model alive to the end of the job, and a
 * loop of checks in one job would keep every version of the text.)
 */
const tokens = new WeakMap<ReportModel, object>();

/** A token of `model`, the same object for the same model, keeping it not alive. */
export function modelToken(model: ReportModel): object {
  let token = tokens.get(model);
  if (!token) tokens.set(model, (token = {}));
  return token;
}

/** Words of a segment (letters, inner apostrophes and hyphens), absolute offsets; the same array for the same segment within a check of `model`. */
export function segmentWords(model: ReportModel, seg: ProseSegment): Word[] {
  const token = modelToken(model);
  // (A one-off check's rules read `numberedWords`, kept on the segment, and not these.)
  proseWork.listsAside++;
  if (wordLists?.token !== token) wordLists = { token, lists: new WeakMap() };
  let words = wordLists.lists.get(seg);
  if (!words) wordLists.lists.set(seg, (words = wordsOf(seg)));
  return words;
}

/**
 * Words of a segment (letters, inner apostrophes and hyphens), absolute offsets: the
 * matches of `/[A-Za-z\u00C0-\u024F](?:[A-Za-z\u00C0-\u024F'’-]*[A-Za-z\u00C0-\u024F])?/g`,
 * found with character tests. (Rules read them through `segmentWords`.)
 */
export function wordsOf(seg: ProseSegment): Word[] {
  proseWork.tokenised++;
  proseWork.wordLists++;
  const out: Word[] = [];
  const t = seg.text;
  for (let i = wordStart(t, 0); i < t.length; ) {
    const end = wordEnd(t, i);
    out.push({ text: t.slice(i, end), start: seg.start + i, end: seg.start + end });
    i = wordStart(t, end);
  }
  return out;
}

/** Where the next word starts at or after `i` (its first letter: `wordLetter`), or the text's length. */
export function wordStart(t: string, i: number): number {
  while (i < t.length && !wordLetter(t.charCodeAt(i))) i++;
  return i;
}

/**
 * Where the word that starts at `i` (a letter: `wordLetter`) ends, exclusive: a word runs
 * over letters, apostrophes and hyphens, and ends on its last letter.
 */
export function wordEnd(t: string, i: number): number {
  let last = i;
  for (let j = i + 1; j < t.length; j++) {
    const c = t.charCodeAt(j);
    if (wordLetter(c)) last = j;
    else if (c !== 0x27 && c !== 0x2019 && c !== 0x2d) break;
  }
  return last + 1;
}

/** Where `numberedWords` keeps a segment's words: on a segment of a one-off check, else nowhere (undefined). */
export interface WordSlot {
  numbered: Int32Array | undefined;
  numberedFor: object | undefined;
  numberedEpoch: number;
}

/** The slot of a segment of a one-off check, which keeps its numbered words (see `WordSlot`). */
export function wordSlot(model: ReportModel, seg: ProseSegment): WordSlot | undefined {
  return !model.session && seg instanceof Segment ? seg : undefined;
}

/** Whether a character code is white space as `\s` has it. */
export function jsSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether `text.slice(from, to)` ends a sentence or a lead-in: what `/[.!?:]\s*$/` says of it, without the slice. */
export function endsStop(text: string, from: number, to: number): boolean {
  let i = to - 1;
  while (i >= from && jsSpace(text.charCodeAt(i))) i--;
  if (i < from) return false;
  const c = text.charCodeAt(i);
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3a;
}

/**
 * Spans of a segment in double quotes (straight or curly), relative to the segment: a
 * quoted title of a document or a quotation is the author's only as far as the quotes.
 */
export function quotedSpans(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /“[^”\n]{1,200}”|"[^"\n]{1,200}"/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** Whether `[start, end)` (relative) lies inside one of `spans`. */
export function inSpans(spans: readonly { start: number; end: number }[], start: number, end: number): boolean {
  for (const s of spans) if (start >= s.start && end <= s.end) return true;
  return false;
}

/** A sentence of a segment (relative offsets). */
export interface Sentence {
  start: number;
  end: number;
}

const ABBREV = /\b(?:e\.g|i\.e|etc|No|Nos|Cllr|Mr|Mrs|Ms|Dr|St|vs|approx|para|paras|incl|Fig|cf)\.$/i;

/**
 * A blank line, or a line break before a clause's letter or number ("a)", "(ii)", "3.") or
 * a bullet: a recommendation's clauses, each on its own line, are not one long sentence.
 */
const CLAUSE_BREAK = /\n[ \t]*(?:\n|(?=\(?(?:[a-z]|[ivx]{1,4}|\d{1,3})[.)][ \t]|[-*+\u2022\u25a0\u25aa][ \t]))/g;

/**
 * Sentences of a segment's text: split after `.`, `!`, `?` followed by a space and a
 * capital, not after an abbreviation, and at a paragraph break or a new clause's line
 * (`CLAUSE_BREAK`, looked for in `source`: the segment as written, or a function that gives
 * it, read only for a segment of more than one line). Sentences of nothing but white space are left out.
 */
export function sentencesOf(text: string, source: string | (() => string) = text): Sentence[] {
  const ends: number[] = [];
  const re = /[.!?]["'”’)\]]*(?=\s+["“‘(]?[A-Z0-9])/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (ABBREV.test(text.slice(Math.max(last, end - 8), m.index + 1))) continue;
    ends.push(end);
    last = end;
  }
  if (text.includes('\n')) {
    // In the source as written (same offsets): the masked text has its list markers blanked.
    const written = typeof source === 'string' ? source : source();
    CLAUSE_BREAK.lastIndex = 0;
    for (let m = CLAUSE_BREAK.exec(written); m; m = CLAUSE_BREAK.exec(written)) ends.push(m.index);
    ends.sort((x, y) => x - y);
  }
  ends.push(text.length);
  const out: Sentence[] = [];
  let start = 0;
  for (const end of ends) {
    if (end <= start) continue;
    let k = start;
    while (k < end && jsSpace(text.charCodeAt(k))) k++;
    if (k < end) out.push({ start, end });
    start = end;
  }
  return out;
}
