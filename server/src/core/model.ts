import type { Root, RootContent, Heading as MdHeading, List, PhrasingContent } from 'mdast';
import { parseReport } from './incremental.js';
import { LineIndex, ownString, trimEnd, type TextChange } from './text.js';
import { emptyFrontMatter, readFrontMatter, type FrontMatter } from './frontmatter.js';
import type { Range } from './types.js';

/**
 * The report model: what a governance officer reads in a draft. Built once per
 * document from the remark tree; every rule works on this, not on raw text.
 */

export interface Heading {
  depth: number;
  /** Heading text as written, without the `#` marker. */
  text: string;
  /** Range of `text` (exact, for replacing the wording). */
  textRange: Range;
  textStart: number;
  textEnd: number;
  /** Whole heading line. */
  range: Range;
  /** Leading number such as `5`, `5.1`, when present. */
  number?: string;
  /** Text without the leading number and its punctuation. */
  title: string;
}

export type BlockKind = 'paragraph' | 'item' | 'table' | 'code' | 'html' | 'quote' | 'rule' | 'other';

export interface ParagraphNumber {
  /** As written, without trailing dot: `4.1`, `9`. */
  value: string;
  parts: number[];
  /** Range of the number as written (including any trailing dot). */
  range: Range;
  start: number;
  end: number;
  /** Whether it is a Markdown ordered-list marker (`9. `) rather than literal text. */
  listMarker: boolean;
}

export interface Block {
  kind: BlockKind;
  range: Range;
  start: number;
  end: number;
  /** Source text of the block. */
  source: string;
  number?: ParagraphNumber;
  /** `Signed:` / `Dated:` lines in a paragraph (computed once per block). */
  signLines?: SignLine[];
}

export interface Section {
  heading: Heading;
  level: number;
  /** From the heading line to just before the next heading of the same or a higher level. */
  range: Range;
  start: number;
  end: number;
  /** Blocks directly under this heading, before any sub-heading. */
  blocks: Block[];
  children: Section[];
  parent?: Section;
  /** True from the first `# Appendix` heading on. */
  inAppendix: boolean;
}

export interface SignLine {
  /** `Signed`, `Dated`, `Date`... as written. */
  label: string;
  /** Whether the label is followed by a colon. */
  colon: boolean;
  labelRange: Range;
  /** Value after the label ('' when empty). */
  value: string;
  valueRange: Range;
  valueStart: number;
  valueEnd: number;
  lineRange: Range;
  lineStart: number;
  lineEnd: number;
}

export interface SignOff {
  section: Section;
  signed?: SignLine;
  dated?: SignLine;
}

export interface ReportModel {
  text: string;
  index: LineIndex;
  tree: Root;
  frontMatter: FrontMatter;
  title?: Heading;
  /** Every heading of the body, in order (top level only). */
  headings: Heading[];
  /** Top-level sections (tree by heading depth); `#` headings are roots. */
  sections: Section[];
  /** All sections, flattened in document order. */
  allSections: Section[];
  /** All blocks in document order. */
  blocks: Block[];
  /** Top-level nodes of the body in document order, with their memoised scans. */
  units: Unit[];
  /** The editing session's cache, when the model was built incrementally (an identity for session-wide indexes). */
  session?: ModelCache;
  /** Offset of the first `# Appendix` heading, or text length. */
  appendixStart: number;
  signoffs: SignOff[];
}

const NUMBER_RE = /^(\d+(?:\.\d+)*)(\.?)(?=\s|$)/;
const HEADING_NUMBER_RE = /^(\d+(?:\.\d+)*)\.?\s+/;
const SIGN_RE = /^([ \t]*)(Signed off by|Signed|Sign-off|Dated|Date)\b([ \t]*:)?[ \t]*(.*?)[ \t]*$/i;

/**
 * One top-level node of the body (front matter excluded) with the model objects built
 * from it. Scans that depend only on a node's own source keep their results here
 * (`unitMemo`), so that an edit elsewhere reuses them.
 */
export interface Unit {
  node: RootContent;
  start: number;
  end: number;
  /** 1-based line of `start`, as in mdast. */
  line: number;
  heading?: Heading;
  blocks?: Block[];
  /** Memoised scans, by `UnitMemo.id`. */
  memos?: unknown[];
}

/**
 * Data computed from one unit's source alone (its positions absolute). When the unit is
 * reused after an edit before it, `shift` moves the data by the offset and line deltas;
 * characters within a line never move, as the edit is in another chunk.
 */
export interface UnitMemoSpec<T> {
  compute(unit: Unit, model: ReportModel): T;
  shift(value: T, dOffset: number, dLine: number): void;
}

export interface UnitMemo<T> extends UnitMemoSpec<T> {
  /** Slot in `Unit.memos`. */
  readonly id: number;
}

const MEMOS: UnitMemo<unknown>[] = [];

/** Declares a unit memo (once, at module level). */
export function defineUnitMemo<T>(spec: UnitMemoSpec<T>): UnitMemo<T> {
  const memo = { ...spec, id: MEMOS.length };
  MEMOS.push(memo as UnitMemo<unknown>);
  return memo;
}

/** The memoised data of one unit, computed on first use. */
export function unitMemo<T>(model: ReportModel, unit: Unit, memo: UnitMemo<T>): T {
  const memos = (unit.memos ??= []);
  const hit = memos[memo.id];
  if (hit !== undefined) return hit as T;
  let value = memo.compute(unit, model);
  // Only a memo kept across edits needs copies of its own; a one-off check's dies with it.
  if (model.session) {
    if (typeof value === 'string') value = ownString(value) as T;
    else ownStrings(value, new Set());
  }
  memos[memo.id] = value;
  return value;
}

/** A unit's memo if it was computed. */
export function unitMemoIfAny<T>(unit: Unit, memo: UnitMemo<T>): T | undefined {
  return unit.memos?.[memo.id] as T | undefined;
}

function shiftMemos(unit: Unit, dOffset: number, dLine: number): void {
  const memos = unit.memos;
  if (!memos) return;
  for (let i = 0; i < memos.length; i++) if (memos[i] !== undefined) MEMOS[i]!.shift(memos[i], dOffset, dLine);
}

/**
 * Gives every string in a memo (plain objects and arrays, followed deeply) a copy of its
 * own (see `ownString`), so that a memo kept across edits does not keep the text of the
 * document version it was computed from.
 */
function ownStrings(value: unknown, seen: Set<object>): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === 'string') value[i] = ownString(v);
      else ownStrings(v, seen);
    }
    return;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return;
  const o = value as Record<string, unknown>;
  for (const k in o) {
    const v = o[k];
    if (typeof v === 'string') o[k] = ownString(v);
    else ownStrings(v, seen);
  }
}

/**
 * Reuses the units of top-level nodes across edits. The incremental parser keeps the
 * node objects of unchanged chunks (shifting their positions), so a unit built from
 * such a node is shifted instead of rebuilt, with its blocks, heading and memos.
 */
export class ModelCache {
  readonly entries = new WeakMap<object, Unit>();
  /** The line index of the last model and the edit since, for the next model's index (see `LineIndex.afterEdit`). */
  lineEdit?: { index: LineIndex; change: TextChange };
}

/** The line index of `text`: updated from the last one when the cache knows the edit between them. */
function lineIndexFor(text: string, cache: ModelCache | undefined): LineIndex {
  const edit = cache?.lineEdit;
  if (!edit) return new LineIndex(text);
  cache!.lineEdit = undefined;
  const { index, change } = edit;
  const fits = change.start <= change.oldEnd && change.oldEnd <= index.text.length && index.text.length + change.newEnd - change.oldEnd === text.length;
  return fits ? LineIndex.afterEdit(index, text, change) : new LineIndex(text);
}

export function buildModel(text: string, tree: Root = parseReport(text), cache?: ModelCache): ReportModel {
  const index = lineIndexFor(text, cache);
  let frontMatter = emptyFrontMatter(index);
  const headings: Heading[] = [];
  const blocks: Block[] = [];
  const units: Unit[] = [];
  const roots: Section[] = [];
  const allSections: Section[] = [];
  const stack: Section[] = [];
  let title: Heading | undefined;
  let appendixStart = text.length;
  let current: Section | undefined;

  const closeTo = (depth: number, offset: number): void => {
    while (stack.length > 0 && stack[stack.length - 1]!.level >= depth) {
      const s = stack.pop()!;
      s.end = offset;
      s.range = index.range(s.start, offset);
    }
  };

  // Indexed loops: this walks every top-level node on each check, and array iterators
  // here are megabytes of garbage per edit of a 5 MB report.
  const children = tree.children;
  for (let ci = 0; ci < children.length; ci++) {
    const node = children[ci]!;
    const pos = node.position;
    if (!pos || pos.start.offset === undefined || pos.end.offset === undefined) continue;
    const start = pos.start.offset;
    const end = pos.end.offset;
    if (node.type === 'yaml') {
      if (start === 0) frontMatter = readFrontMatter(index, start, end);
      continue;
    }
    let unit = cache?.entries.get(node);
    if (unit && (unit.start !== start || unit.line !== pos.start.line)) {
      const dOffset = start - unit.start;
      const dLine = pos.start.line - unit.line;
      if (unit.heading) shiftHeading(unit.heading, dOffset, dLine);
      if (unit.blocks) for (const b of unit.blocks) shiftBlock(b, dOffset, dLine);
      shiftMemos(unit, dOffset, dLine);
      unit.start = start;
      unit.end = end;
      unit.line = pos.start.line;
    }
    if (!unit) {
      unit = { node, start, end, line: pos.start.line };
      cache?.entries.set(node, unit);
    }
    units.push(unit);
    if (node.type === 'heading') {
      let h = unit.heading;
      if (!h) h = unit.heading = makeHeading(node, text, index);
      headings.push(h);
      if (h.depth === 1 && title === undefined) title = h;
      if (h.depth === 1 && appendixStart === text.length && /^appendix\b/i.test(h.text)) appendixStart = start;
      closeTo(h.depth, trimEnd(text, start));
      const section: Section = {
        heading: h,
        level: h.depth,
        range: h.range,
        start,
        end: text.length,
        blocks: [],
        children: [],
        inAppendix: start >= appendixStart,
      };
      const parent = stack[stack.length - 1];
      if (parent) {
        section.parent = parent;
        parent.children.push(section);
      } else {
        roots.push(section);
      }
      stack.push(section);
      allSections.push(section);
      current = section;
      continue;
    }
    let made = unit.blocks;
    if (!made) made = unit.blocks = makeBlocks(node, text, index);
    for (let bi = 0; bi < made.length; bi++) {
      blocks.push(made[bi]!);
      current?.blocks.push(made[bi]!);
    }
  }
  closeTo(0, trimEnd(text, text.length));

  const signoffs: SignOff[] = [];
  for (const s of allSections) {
    const so = findSignOff(s, index);
    if (so) signoffs.push(so);
  }

  const model: ReportModel = { text, index, tree, frontMatter, title, headings, sections: roots, allSections, blocks, units, appendixStart, signoffs };
  if (cache) model.session = cache;
  return model;
}

function makeHeading(node: MdHeading, text: string, index: LineIndex): Heading {
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  let textStart = start;
  let textEnd = end;
  // Trailing inline HTML (a suppression or expectation comment) is not heading text.
  let last = node.children.length - 1;
  while (last >= 0 && node.children[last]!.type === 'html') last--;
  if (last >= 0) {
    textStart = node.children[0]!.position?.start.offset ?? start;
    textEnd = node.children[last]!.position?.end.offset ?? end;
    while (textEnd > textStart && /\s/.test(text[textEnd - 1]!)) textEnd--;
  } else {
    textStart = textEnd = end;
  }
  const raw = text.slice(textStart, textEnd);
  const plain = phrasingText(node.children).trim();
  const m = HEADING_NUMBER_RE.exec(plain);
  const heading: Heading = {
    depth: node.depth,
    text: ownString(raw),
    textRange: index.range(textStart, textEnd),
    textStart,
    textEnd,
    range: index.range(start, end),
    title: ownString(m ? plain.slice(m[0].length).trim() : plain),
  };
  if (m) heading.number = m[1]!;
  return heading;
}

/** Plain text of inline content (emphasis and links flattened). */
export function phrasingText(nodes: PhrasingContent[]): string {
  let out = '';
  for (const n of nodes) {
    if ('value' in n && typeof n.value === 'string') out += n.type === 'html' ? '' : n.value;
    else if ('children' in n) out += phrasingText(n.children as PhrasingContent[]);
    else if (n.type === 'break') out += ' ';
  }
  return out;
}

const KIND: Partial<Record<RootContent['type'], BlockKind>> = {
  paragraph: 'paragraph',
  table: 'table',
  code: 'code',
  html: 'html',
  blockquote: 'quote',
  thematicBreak: 'rule',
};

function makeBlocks(node: RootContent, text: string, index: LineIndex): Block[] {
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  if (node.type === 'list') return listBlocks(node, text, index);
  const block: Block = { kind: KIND[node.type] ?? 'other', range: index.range(start, end), start, end, source: ownString(text.slice(start, end)) };
  if (block.kind === 'paragraph') {
    const n = readNumber(text, start, index, false);
    if (n) block.number = n;
    if (SIGN_HINT.test(block.source)) {
      const lines = readSignLines(block, index);
      if (lines.length > 0) block.signLines = lines;
    }
  }
  return [block];
}

function listBlocks(list: List, text: string, index: LineIndex): Block[] {
  const out: Block[] = [];
  for (const item of list.children) {
    const start = item.position!.start.offset!;
    const end = item.position!.end.offset!;
    const block: Block = { kind: 'item', range: index.range(start, end), start, end, source: ownString(text.slice(start, end)) };
    if (list.ordered) {
      const m = /^(\d+)([.)])/.exec(text.slice(start, start + 12));
      if (m) {
        block.number = {
          value: m[1]!,
          parts: [Number(m[1])],
          range: index.range(start, start + m[0].length),
          start,
          end: start + m[0].length,
          listMarker: true,
        };
      }
    } else {
      // `- 4.1. text`: a literal number after a bullet.
      const first = item.children[0];
      const fs = first?.position?.start.offset;
      if (first?.type === 'paragraph' && fs !== undefined) {
        const n = readNumber(text, fs, index, false);
        if (n) block.number = n;
      }
    }
    out.push(block);
  }
  return out;
}

function readNumber(text: string, start: number, index: LineIndex, listMarker: boolean): ParagraphNumber | undefined {
  const m = NUMBER_RE.exec(text.slice(start, start + 24));
  if (!m) return undefined;
  const value = m[1]!;
  // A bare integer at paragraph start is a sentence ("2024 saw..."), not a number,
  // unless it has a dot ("4.1", "4.1.", "9.").
  if (!value.includes('.') && m[2] !== '.') return undefined;
  const parts = value.split('.').map(Number);
  if (parts.some((p) => p > 999)) return undefined;
  return { value, parts, range: index.range(start, start + m[0].length), start, end: start + m[0].length, listMarker };
}

const SIGN_HINT = /(?:^|\n)[ \t]*(?:sign|date)/i;

/** The sign-off lines of one paragraph block. */
function readSignLines(b: Block, index: LineIndex): SignLine[] {
  const out: SignLine[] = [];
  let lineStart = b.start;
  while (lineStart < b.end) {
    let lineEnd = index.text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > b.end) lineEnd = b.end;
    const line = index.text.slice(lineStart, lineEnd);
    const m = SIGN_RE.exec(line);
    // "Date" alone with no colon and no value is a word, not a label.
    if (m && (m[3] !== undefined || m[4] !== '' || !/^date$/i.test(m[2]!))) {
      const label = m[2]!;
      const labelStart = lineStart + m[1]!.length;
      const labelEnd = labelStart + label.length + (m[3]?.length ?? 0);
      const value = m[4]!;
      const valueStart = value ? lineStart + line.indexOf(value, labelEnd - lineStart) : labelEnd;
      const valueEnd = valueStart + value.length;
      out.push({
        label: ownString(label),
        colon: m[3] !== undefined,
        labelRange: index.range(labelStart, labelEnd),
        value: ownString(value),
        valueRange: index.range(valueStart, valueEnd),
        valueStart,
        valueEnd,
        lineRange: index.range(lineStart, lineEnd),
        lineStart,
        lineEnd,
      });
    }
    lineStart = lineEnd + 1;
  }
  return out;
}

/** Sign-off lines directly in a section's own blocks (not in its sub-sections). */
function findSignOff(section: Section, index: LineIndex): SignOff | undefined {
  if (section.inAppendix) return undefined;
  let signed: SignLine | undefined;
  let dated: SignLine | undefined;
  const blocks = section.blocks;
  for (let bi = 0; bi < blocks.length; bi++) {
    const b = blocks[bi]!;
    if (!b.signLines) continue;
    for (const sl0 of b.signLines) {
      let sl = sl0;
      // `Dated:` with its value alone in the next paragraph (a layout slip, still read).
      const nb = blocks[bi + 1];
      if (!sl.value && sl.lineEnd === b.end && nb && nb.kind === 'paragraph' && !nb.signLines && nb.source.length < 60 && !nb.source.includes('\n')) {
        sl = { ...sl, value: nb.source.trim(), valueStart: nb.start, valueEnd: nb.end, valueRange: index.range(nb.start, nb.end) };
      }
      if (/^dated?$/i.test(sl.label)) dated ??= sl;
      else signed ??= sl;
    }
  }
  if (!signed && !dated) return undefined;
  const so: SignOff = { section };
  if (signed) so.signed = signed;
  if (dated) so.dated = dated;
  return so;
}

function shiftRange(r: Range, dLine: number): void {
  r.start.line += dLine;
  r.end.line += dLine;
}

function shiftHeading(h: Heading, dOffset: number, dLine: number): void {
  h.textStart += dOffset;
  h.textEnd += dOffset;
  shiftRange(h.textRange, dLine);
  shiftRange(h.range, dLine);
}

function shiftBlock(b: Block, dOffset: number, dLine: number): void {
  b.start += dOffset;
  b.end += dOffset;
  shiftRange(b.range, dLine);
  if (b.number) {
    b.number.start += dOffset;
    b.number.end += dOffset;
    shiftRange(b.number.range, dLine);
  }
  if (b.signLines) {
    for (const l of b.signLines) {
      l.valueStart += dOffset;
      l.valueEnd += dOffset;
      l.lineStart += dOffset;
      l.lineEnd += dOffset;
      shiftRange(l.labelRange, dLine);
      shiftRange(l.valueRange, dLine);
      shiftRange(l.lineRange, dLine);
    }
  }
}

/** Plain text of a section's own blocks, for emptiness and answers. */
export function sectionText(section: Section): string {
  return section.blocks
    .filter((b) => b.kind !== 'html')
    .map((b) => b.source)
    .join('\n')
    .trim();
}
