import { defineUnitMemo, joinUnitMemos, unchangedUnitItems, unitMemo, type Block, type BlockKind, type ReportModel, type Unit } from '../model.js';
import type { Unchanged } from '../types.js';
import type { RuleContext } from '../rules/define.js';
import { maskSegment } from '../acronyms/scan.js';
import { lastAtOrBefore } from '../text.js';

/**
 * The prose of a report, as the prose rules read it: each heading and block of running
 * text with everything that is not prose blanked (code, HTML, link targets, addresses,
 * Markdown markers, paragraph and list numbers), so that offsets in `text` are offsets in
 * the report. Computed per top-level node and kept while an edit leaves the node alone.
 */
export interface ProseSegment {
  /** Absolute offsets of the segment in the report. */
  start: number;
  end: number;
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

/** Markdown markers that are not words: emphasis, escapes, quote markers, list markers, numbers. */
export function maskMarkdown(source: string, number?: { start: number; end: number }, base = 0): string {
  let out = maskSegment(source);
  if (number && number.start >= base && number.end <= base + out.length) {
    out = out.slice(0, number.start - base) + ' '.repeat(number.end - number.start) + out.slice(number.end - base);
  }
  // List markers (`- `, `1. `, `a) `) at the start of a line, quote markers, emphasis, escapes.
  out = out.replace(/^([ \t>]*)(?:[-*+]|\d{1,3}[.)])(?=[ \t])/gm, (m) => blank(m));
  out = out.replace(/^[ \t]*>/gm, (m) => blank(m));
  out = out.replace(/[*_~\\]+/g, (m) => blank(m));
  return out;
}

function shoutedText(text: string): boolean {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
  }
  return upper >= 4 && upper > lower * 2;
}

const PROSE = defineUnitMemo<ProseSegment[]>({
  compute(unit: Unit, model: ReportModel) {
    const out: ProseSegment[] = [];
    const text = model.text;
    if (unit.heading) {
      const h = unit.heading;
      const raw = text.slice(h.textStart, h.textEnd);
      // The heading's number is not prose.
      const n = /^\s*\d+(?:\.\d+)*\.?\s+/.exec(raw);
      const masked = maskMarkdown(raw, n ? { start: h.textStart, end: h.textStart + n[0].length } : undefined, h.textStart);
      out.push({ start: h.textStart, end: h.textEnd, kind: 'heading', text: masked, shouted: shoutedText(masked) });
    }
    for (const b of unit.blocks ?? []) {
      if (!PROSE_KINDS.has(b.kind)) continue;
      const masked = maskMarkdown(b.source, b.number, b.start);
      out.push({ start: b.start, end: b.end, kind: b.kind, text: masked, block: b, shouted: shoutedText(masked) });
    }
    return out;
  },
  shift(segments, d) {
    for (const s of segments) {
      s.start += d;
      s.end += d;
    }
  },
});

/** Every prose segment of the report in document order (joined from units, kept across edits). */
export function proseSegments(model: ReportModel): ProseSegment[] {
  return joinUnitMemos(model, PROSE);
}

/** The segments an edit left as they were (for `RuleContext.keyed`). */
export function unchangedSegments(model: ReportModel): Unchanged | undefined {
  return unchangedUnitItems(model, PROSE);
}

/**
 * Runs a prose rule's `check` on every segment, each filed under the segment (see
 * `RuleContext.keyed`): what it reported is kept for the segments an edit left as they were
 * (`unchanged`: by default the segments of the units the edit did not touch).
 */
export function eachSegment<O>(ctx: RuleContext<O>, check: (seg: ProseSegment) => void, unchanged: Unchanged | undefined = unchangedSegments(ctx.model)): void {
  for (const seg of proseSegments(ctx.model)) ctx.keyed(seg, unchanged, check);
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

/** Whether a word is not to be spelt or compared at all: short, figures, codes, acronyms and capitals, mixed case. */
export function notAWord(w: string): boolean {
  return w.length < 3 || /[0-9_]/.test(w) || /^[A-Z][A-Z'’s-]*$/.test(w) || /[a-z][A-Z]/.test(w);
}

/** Words of a segment (letters, inner apostrophes and hyphens), absolute offsets. */
export function wordsOf(seg: ProseSegment): Word[] {
  const out: Word[] = [];
  const re = /[A-Za-z\u00C0-\u024F](?:[A-Za-z\u00C0-\u024F'’-]*[A-Za-z\u00C0-\u024F])?/g;
  for (let m = re.exec(seg.text); m; m = re.exec(seg.text)) out.push({ text: m[0], start: seg.start + m.index, end: seg.start + m.index + m[0].length });
  return out;
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

/** Sentences of a segment's text: split after `.`, `!`, `?` followed by a space and a capital, not after an abbreviation. */
export function sentencesOf(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const re = /[.!?]["'”’)\]]*(?=\s+["“‘(]?[A-Z0-9])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (ABBREV.test(text.slice(Math.max(start, end - 8), m.index + 1))) continue;
    out.push({ start, end });
    start = end;
  }
  if (text.slice(start).trim()) out.push({ start, end: text.length });
  return out;
}
