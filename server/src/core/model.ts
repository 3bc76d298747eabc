import type { Root, RootContent, Heading as MdHeading, List, PhrasingContent } from 'mdast';
import { parseReport, type TreeSplice } from './incremental.js';
import { LineIndex, firstAtOrAfter, lastAtOrBefore, ownString, stripEnd, trimEnd, type TextChange } from './text.js';
import { emptyFrontMatter, readFrontMatter, type FrontMatter } from './frontmatter.js';
import type { Range, Unchanged } from './types.js';
import type { ParseLimit } from './limits.js';

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
  /** This model's number in its session (see `ModelCache.serial`). */
  serial?: number;
  /**
   * How `units` differs from the session's previous model (number `prevSerial`): its
   * units [at, at + removed) were replaced by this model's units [at, at + added); the
   * units after are the previous model's, moved. Lists joined from units are spliced
   * instead of joined again (see `joinUnits`). `dLine` is how many lines the edit added
   * (negative: removed); when 0, everything outside the replaced units keeps its line
   * and character. `removedUnits`: the previous model's units [at, at + removed); of
   * those, the first `same.head` and the last `same.tail` are as the units put in their
   * place (the parser read them again with the edited one): the same source from the start
   * of their first line, on the same lines (see `sameUnit`).
   */
  splice?: { prevSerial: number; at: number; removed: number; added: number; dLine: number; removedUnits: readonly Unit[]; same: { head: number; tail: number } };
  /** Offset of the first `# Appendix` heading, or text length. */
  appendixStart: number;
  signoffs: SignOff[];
}

const NUMBER_RE = /^(\d+(?:\.\d+)*)(\.?)(?=\s|$)/;
const HEADING_NUMBER_RE = /^(\d+(?:\.\d+)*)\.?\s+/;
const SIGN_RE = /^([ \t]*)(Signed off by|Signed|Sign-off|Dated|Date)\b([ \t]*:)?[ \t]*([^ \t\n\r\u2028\u2029].*|)$/i;

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
  /** Bit `id` set: memo `id` holds absolute positions, moved with the unit (see `shiftMemos`). */
  moving?: number;
}

/**
 * Data computed from one unit's source alone. When the unit is reused after an edit
 * before it, `shift` moves the data's absolute positions by the offset and line deltas
 * (characters within a line never move, as the edit is in another chunk). Data without
 * `shift` holds no absolute position; an empty list is never shifted.
 */
export interface UnitMemoSpec<T> {
  compute(unit: Unit, model: ReportModel): T;
  shift?(value: T, dOffset: number, dLine: number): void;
  /** Whether a value holds no absolute position after all (nothing for `shift` to move). */
  still?(value: T): boolean;
}

export interface UnitMemo<T> extends UnitMemoSpec<T> {
  /** Slot in `Unit.memos`. */
  readonly id: number;
}

const MEMOS: UnitMemo<unknown>[] = [];

/** Declares a unit memo (once, at module level). */
export function defineUnitMemo<T>(spec: UnitMemoSpec<T>): UnitMemo<T> {
  // One bit per memo in `Unit.moving`.
  if (MEMOS.length >= 31) throw new Error('too many unit memos');
  const memo = { ...spec, id: MEMOS.length };
  MEMOS.push(memo as UnitMemo<unknown>);
  return memo;
}

/** The memoised data of one unit, computed on first use. */
export function unitMemo<T>(model: ReportModel, unit: Unit, memo: UnitMemo<T>): T {
  const memos = (unit.memos ??= []);
  const hit = memos[memo.id];
  if (hit !== undefined) return hit as T;
  model.session?.settle?.(unit);
  let value = memo.compute(unit, model);
  // Only a memo kept across edits needs copies of its own; a one-off check's dies with it.
  if (model.session) {
    if (typeof value === 'string') value = ownString(value) as T;
    else ownStrings(value, new Set());
  }
  memos[memo.id] = value;
  if (memo.shift && !(Array.isArray(value) && value.length === 0) && !memo.still?.(value)) unit.moving = (unit.moving ?? 0) | (1 << memo.id);
  return value;
}

/** A unit's memo if it was computed. */
export function unitMemoIfAny<T>(unit: Unit, memo: UnitMemo<T>): T | undefined {
  return unit.memos?.[memo.id] as T | undefined;
}

/**
 * Whether `value` is what `last` held for the session at its last check (by `===`), and
 * keeps it there for the next: for a rule whose kept findings hold only while something
 * document-wide it reads is the same. True outside an editing session (nothing is kept).
 */
export function sameAsLastCheck<T>(last: WeakMap<object, T>, model: ReportModel, value: T): boolean {
  const session = model.session;
  if (!session) return true;
  const same = last.has(session) && last.get(session) === value;
  last.set(session, value);
  return same;
}

/**
 * The top-level units whose range holds `offset` (one, or two where one ends and the next
 * starts there), with every position inside them up to date. For a reader of the tree at
 * one place: `model.tree` brings the whole tree's positions up to date, which after an
 * edit of a 5 MB report means moving those of every block after it.
 */
export function unitsAt(model: ReportModel, offset: number): Unit[] {
  const units = model.units;
  const out: Unit[] = [];
  for (let i = lastAtOrBefore(units, offset, (u) => u.start); i >= 0 && units[i]!.end >= offset; i--) {
    model.session?.settle?.(units[i]!);
    out.unshift(units[i]!);
  }
  return out;
}

/** Work counted for tests: memo values moved after an edit before their unit. */
export const memoWork = { shifted: 0 };

function shiftMemos(unit: Unit, dOffset: number, dLine: number): void {
  // Most units have nothing to move in most memos (a paragraph without a date or an
  // address): those are not even looked at, which on a long report is most of the cost.
  const moving = unit.moving;
  if (!moving) return;
  const memos = unit.memos!;
  for (let i = 0; i < memos.length; i++) {
    if (moving & (1 << i)) {
      memoWork.shifted++;
      MEMOS[i]!.shift!(memos[i], dOffset, dLine);
    }
  }
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
  /** The edit since the last model, for the next model's line index (see `LineIndex.afterEdit`). */
  change?: TextChange;
  /** What the parser's last update replaced, and the parse the tree now comes from (set by the session). */
  treeSplice?: TreeSplice;
  parsedVersion?: number;
  /** The last model built, and the parse it was built from. */
  last?: ReportModel;
  lastVersion?: number;
  /** Numbers the models built in this session. */
  serial = 0;
  /**
   * Bring the positions inside a unit's node, or inside every node, up to date: the
   * parser moves only top-level positions on an edit (see `IncrementalParser.settleAt`).
   */
  settle?: (unit: Unit) => void;
  settleAll?: () => void;
  /** Where the parse limits apply in the text (see `IncrementalParser.parseLimits`), when the session's parser knows. */
  parseLimits?: () => ParseLimit[];
  /** Lists joined from units, by key, with the model they were joined for (see `joinUnits`). */
  readonly joins = new Map<object, { serial: number; list: unknown[]; ends: number[] }>();
  /** Units walked by `joinUnits` in this session: an edit walks those it replaced, not every unit (for tests). */
  joinedUnits = 0;
  /** Lists `joinUnits` returned again for the model they were joined for (for tests). */
  joinsReused = 0;
}

const EMPTY: readonly never[] = [];

/**
 * A document-wide list made of per-unit lists (`items`), in document order. In an
 * editing session it is kept from one model to the next: the previous model's list with
 * the replaced units' items swapped, so an edit costs the changed units, not a pass over
 * every unit. `reusable` says whether the previous model's items still hold for the units
 * kept (false when something document-wide they depend on changed).
 */
export function joinUnits<T>(model: ReportModel, key: object, items: (unit: Unit) => readonly T[], reusable = true): T[] {
  const session = model.session;
  const sp = model.splice;
  const last = session?.joins.get(key);
  const units = model.units;
  // Asked again for the same model (every prose rule reads the segments): the list joined for it.
  if (last && model.serial !== undefined && last.serial === model.serial) {
    session!.joinsReused++;
    return last.list as T[];
  }
  let list: T[];
  let ends: number[] | undefined;
  if (reusable && sp && last && last.serial === sp.prevSerial) {
    // In place: a new list per edit would be megabytes of garbage on a long report (the
    // previous model, whose list this was, is out of date anyway: its units have moved).
    list = last.list as T[];
    ends = last.ends;
    const fresh: T[] = [];
    const freshEnds: number[] = [];
    session!.joinedUnits += sp.added;
    for (let ui = sp.at; ui < sp.at + sp.added; ui++) {
      const xs = items(units[ui]!);
      for (let i = 0; i < xs.length; i++) fresh.push(xs[i]!);
      freshEnds.push(fresh.length);
    }
    spliceJoined(list, ends, sp, fresh, freshEnds);
  } else {
    list = [];
    if (session) {
      ends = [];
      session.joinedUnits += units.length;
    }
    for (let ui = 0; ui < units.length; ui++) {
      const xs = items(units[ui]!);
      for (let i = 0; i < xs.length; i++) list.push(xs[i]!);
      ends?.push(list.length);
    }
  }
  if (session && ends) session.joins.set(key, { serial: model.serial!, list, ends });
  return list;
}

/**
 * Splices into a list joined from units (`ends[i]` the end in `list` of unit `i`'s items)
 * the items of the units an edit put in place of those it replaced: `fresh`, with
 * `freshEnds[j]` the end in `fresh` of the `j`th new unit's (made ends in `list` here).
 * Returns where in `list` the fresh items start.
 */
export function spliceJoined<T>(list: T[], ends: number[], sp: NonNullable<ReportModel['splice']>, fresh: T[], freshEnds: number[]): number {
  const a = sp.at > 0 ? ends[sp.at - 1]! : 0;
  const b = sp.at + sp.removed > 0 ? ends[sp.at + sp.removed - 1]! : 0;
  for (let j = 0; j < freshEnds.length; j++) freshEnds[j]! += a;
  spliceIn(list, a, b - a, fresh);
  spliceIn(ends, sp.at, sp.removed, freshEnds);
  const d = fresh.length - (b - a);
  if (d !== 0) for (let i = sp.at + sp.added; i < ends.length; i++) ends[i]! += d;
  return a;
}

/** `joinUnits` of a unit memo that is a list: every unit's items, joined (the memo is the key). */
export function joinUnitMemos<T>(model: ReportModel, memo: UnitMemo<readonly T[]>): T[] {
  return joinUnits(model, memo, (unit) => unitMemo(model, unit, memo));
}

/**
 * The per-unit items (`items`) that an edit left as they were, for rules that keep their
 * findings by item (`RuleContext.keyed`, the item as key): those of the units kept (their
 * findings' places are the same, or moved by whole lines with the units after the edit).
 */
function unchangedItems(model: ReportModel, items: (unit: Unit) => readonly object[]): Unchanged | undefined {
  const sp = model.splice;
  if (!sp) return undefined;
  const fresh = new Set<object>();
  for (let ui = sp.at; ui < sp.at + sp.added; ui++) for (const x of items(model.units[ui]!)) fresh.add(x);
  return { since: sp.prevSerial, has: (x) => typeof x === 'object' && !fresh.has(x) };
}

/** The items of a list memo (see `joinUnitMemos`) that an edit left as they were (see `unchangedItems`). */
export function unchangedUnitItems<T extends object>(model: ReportModel, memo: UnitMemo<readonly T[]>): Unchanged | undefined {
  return unchangedItems(model, (unit) => unitMemo(model, unit, memo));
}

/** The line index of `text`: updated from the last model's when the cache knows the edit between them. */
function lineIndexFor(text: string, cache: ModelCache | undefined): LineIndex {
  const change = cache?.change;
  const index = cache?.last?.index;
  if (!change || !index) return new LineIndex(text);
  cache.change = undefined;
  const fits = change.start <= change.oldEnd && change.oldEnd <= index.text.length && index.text.length + change.newEnd - change.oldEnd === text.length;
  return fits ? LineIndex.afterEdit(index, text, change) : new LineIndex(text);
}

export function buildModel(text: string, tree: Root = parseReport(text), cache?: ModelCache): ReportModel {
  const index = lineIndexFor(text, cache);
  let frontMatter = emptyFrontMatter(index);
  const first = tree.children[0];
  if (first?.type === 'yaml' && first.position?.start.offset === 0 && first.position.end.offset !== undefined) frontMatter = readFrontMatter(index, 0, first.position.end.offset);

  const sp = cache?.treeSplice;
  const prev = cache?.last;
  const spliced = cache && sp && prev && sp.fromVersion === cache.lastVersion ? spliceUnits(text, index, cache, prev, sp) : undefined;
  const units = spliced ? spliced.units : unitsOf(tree, text, index, cache);
  const model: ReportModel = {
    text,
    index,
    tree,
    frontMatter,
    title: undefined,
    headings: [],
    sections: [],
    allSections: [],
    blocks: [],
    units,
    appendixStart: text.length,
    signoffs: [],
  };
  if (cache) {
    model.session = cache;
    model.serial = ++cache.serial;
    // Whoever reads the whole tree (the preview) gets every position up to date.
    const settleAll = cache.settleAll;
    if (settleAll) {
      Object.defineProperty(model, 'tree', {
        enumerable: true,
        get() {
          settleAll();
          return tree;
        },
      });
    }
    if (spliced) model.splice = { prevSerial: prev!.serial!, at: spliced.at, removed: spliced.removed, added: spliced.added, dLine: sp!.dLine, removedUnits: spliced.removedUnits, same: spliced.same };
  }

  const blocks = (model.blocks = joinUnits(model, BLOCKS, (u) => u.blocks ?? EMPTY));
  const headingUnits = joinUnits(model, HEADINGS, (u) => (u.heading ? [u] : EMPTY));
  const headings = model.headings;
  for (let k = 0; k < headingUnits.length; k++) {
    const h = headingUnits[k]!.heading!;
    headings.push(h);
    if (h.depth === 1 && model.title === undefined) model.title = h;
    if (h.depth === 1 && model.appendixStart === text.length && /^appendix\b/i.test(h.text)) model.appendixStart = headingUnits[k]!.start;
  }

  // Sections: a tree by heading depth; each one's own blocks are those up to the next heading.
  const stack: Section[] = [];
  const closeTo = (depth: number, offset: number): void => {
    while (stack.length > 0 && stack[stack.length - 1]!.level >= depth) {
      const s = stack.pop()!;
      s.end = offset;
      s.range = index.range(s.start, offset);
    }
  };
  let b0 = firstAtOrAfter(blocks, headingUnits[0]?.start ?? text.length);
  for (let k = 0; k < headingUnits.length; k++) {
    const unit = headingUnits[k]!;
    const h = unit.heading!;
    const start = unit.start;
    closeTo(h.depth, trimEnd(text, start));
    const b1 = firstAtOrAfter(blocks, headingUnits[k + 1]?.start ?? text.length);
    const section: Section = {
      heading: h,
      level: h.depth,
      range: h.range,
      start,
      end: text.length,
      blocks: blocks.slice(b0, b1),
      children: [],
      inAppendix: start >= model.appendixStart,
    };
    b0 = b1;
    const parent = stack[stack.length - 1];
    if (parent) {
      section.parent = parent;
      parent.children.push(section);
    } else {
      model.sections.push(section);
    }
    stack.push(section);
    model.allSections.push(section);
  }
  closeTo(0, trimEnd(text, text.length));

  // Sign-offs: only sections holding a block with sign-off lines can have one.
  const signBlocks = joinUnits(model, SIGN_BLOCKS, (u) => (u.blocks?.some((b) => b.signLines) ? u.blocks.filter((b) => b.signLines) : EMPTY));
  const all = model.allSections;
  let last: Section | undefined;
  for (let i = 0; i < signBlocks.length; i++) {
    const s = all[lastAtOrBefore(all, signBlocks[i]!.start, (x) => x.start)];
    if (!s || s === last) continue;
    last = s;
    const so = findSignOff(s, index);
    if (so) model.signoffs.push(so);
  }
  if (cache) {
    cache.last = model;
    cache.lastVersion = cache.parsedVersion;
  }
  return model;
}

/** `list.splice(at, count, ...items)`, without spreading a long list onto the stack. */
function spliceIn<T>(list: T[], at: number, count: number, items: T[]): void {
  if (items.length <= 1000) {
    list.splice(at, count, ...items);
    return;
  }
  const rest = list.splice(at + count);
  list.length = at;
  for (let i = 0; i < items.length; i++) list.push(items[i]!);
  for (let i = 0; i < rest.length; i++) list.push(rest[i]!);
}

/** Keys of the lists `buildModel` joins from units. */
const BLOCKS = {};
const HEADINGS = {};
const SIGN_BLOCKS = {};

/** The unit of a top-level node: the session's (moved to the node's position), else a new one. */
function unitFor(node: RootContent, text: string, index: LineIndex, cache: ModelCache | undefined): Unit | undefined {
  const pos = node.position;
  if (node.type === 'yaml' || !pos || pos.start.offset === undefined || pos.end.offset === undefined) return undefined;
  const start = pos.start.offset;
  let unit = cache?.entries.get(node);
  if (unit && (unit.start !== start || unit.line !== pos.start.line)) shiftUnit(unit, start - unit.start, pos.start.line - unit.line);
  if (!unit) {
    unit = { node, start, end: pos.end.offset, line: pos.start.line };
    cache?.entries.set(node, unit);
  }
  if (node.type === 'heading' ? !unit.heading : !unit.blocks) {
    cache?.settle?.(unit);
    // Copies of their own only for a session's units, kept across edits (see `ownString`): a one-off check's die with its text.
    const own = cache ? ownString : asIs;
    if (node.type === 'heading') unit.heading = makeHeading(node, text, index, own);
    else unit.blocks = makeBlocks(node, text, index, own);
  }
  return unit;
}

function shiftUnit(unit: Unit, dOffset: number, dLine: number): void {
  if (unit.heading) shiftHeading(unit.heading, dOffset, dLine);
  if (unit.blocks) for (const b of unit.blocks) shiftBlock(b, dOffset, dLine);
  shiftMemos(unit, dOffset, dLine);
  unit.start += dOffset;
  unit.end += dOffset;
  unit.line += dLine;
}

/** The units of every top-level node of the body (front matter excluded). */
function unitsOf(tree: Root, text: string, index: LineIndex, cache: ModelCache | undefined): Unit[] {
  const units: Unit[] = [];
  // Indexed loops: this walks every top-level node, and array iterators here are
  // megabytes of garbage per check of a 5 MB report.
  const children = tree.children;
  for (let ci = 0; ci < children.length; ci++) {
    const unit = unitFor(children[ci]!, text, index, cache);
    if (unit) units.push(unit);
  }
  return units;
}

/**
 * The units after the parser's last update, from the previous model's: those before the
 * replaced region as they were, those of the new nodes, then those after it, moved.
 */
function spliceUnits(text: string, index: LineIndex, cache: ModelCache, prev: ReportModel, sp: TreeSplice): { units: Unit[]; at: number; removed: number; added: number; removedUnits: Unit[]; same: { head: number; tail: number } } {
  const old = prev.units;
  // Found before any unit moves (the search is on the old offsets).
  let at = firstAtOrAfter(old, sp.oldFrom);
  let hi = firstAtOrAfter(old, sp.oldTo);
  const tail = old.slice(hi);
  const fresh: Unit[] = [];
  for (let i = 0; i < sp.nodes.length; i++) {
    const unit = unitFor(sp.nodes[i]!, text, index, cache);
    if (unit) fresh.push(unit);
  }
  // The nodes of chunks parsed with their neighbours but unchanged keep their units: out of the splice.
  let f0 = 0;
  while (f0 < fresh.length && at < hi && fresh[f0] === old[at]) {
    f0++;
    at++;
  }
  let f1 = fresh.length;
  while (f1 > f0 && hi > at && fresh[f1 - 1] === old[hi - 1]) {
    f1--;
    hi--;
  }
  const dOffset = sp.newTo - sp.oldTo;
  if (dOffset !== 0 || sp.dLine !== 0) for (let i = 0; i < tail.length; i++) shiftUnit(tail[i]!, dOffset, sp.dLine);
  const units = old.slice(0, at).concat(fresh.slice(f0, f1), fresh.slice(f1), tail);
  const removedUnits = old.slice(at, hi);
  const added = fresh.slice(f0, f1);
  // Compared from both ends; those in the middle are what the edit changed.
  let sameHead = 0;
  const n = Math.min(added.length, removedUnits.length);
  while (sameHead < n && sameUnit(added[sameHead]!, text, removedUnits[sameHead]!, prev.text)) sameHead++;
  let sameTail = 0;
  while (sameTail < n - sameHead && sameUnit(added[added.length - 1 - sameTail]!, text, removedUnits[removedUnits.length - 1 - sameTail]!, prev.text)) sameTail++;
  return { units, at, removed: hi - at, added: f1 - f0, removedUnits, same: { head: sameHead, tail: sameTail } };
}

/**
 * Whether unit `a` of `text` reads as unit `b` of the previous text `before`: a node of the
 * same kind on the same line, with the same source from the start of that line. All that
 * is read from it then is the same, at the same lines and characters (offsets may differ).
 */
function sameUnit(a: Unit, text: string, b: Unit, before: string): boolean {
  if (a.line !== b.line || a.node.type !== b.node.type || a.end - a.start !== b.end - b.start) return false;
  const la = text.lastIndexOf('\n', a.start - 1) + 1;
  const lb = before.lastIndexOf('\n', b.start - 1) + 1;
  if (a.start - la !== b.start - lb) return false;
  // Without a slice of either text (each would be a copy of the unit).
  for (let i = la, j = lb; i < a.end; i++, j++) if (text.charCodeAt(i) !== before.charCodeAt(j)) return false;
  return true;
}

/** A string as it is: what a one-off check's model keeps (see `unitFor`). */
function asIs(s: string): string {
  return s;
}

function makeHeading(node: MdHeading, text: string, index: LineIndex, own: (s: string) => string): Heading {
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
    text: own(raw),
    textRange: index.range(textStart, textEnd),
    textStart,
    textEnd,
    range: index.range(start, end),
    title: own(m ? plain.slice(m[0].length).trim() : plain),
  };
  if (m) heading.number = m[1]!;
  return heading;
}

/** Plain text of inline content (emphasis and links flattened). */
export function phrasingText(nodes: PhrasingContent[]): string {
  let out = '';
  // Without recursion: emphasis can nest as deep as the text is long.
  const stack: PhrasingContent[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]!);
  while (stack.length > 0) {
    const n = stack.pop()!;
    if ('value' in n && typeof n.value === 'string') out += n.type === 'html' ? '' : n.value;
    else if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as PhrasingContent);
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

function makeBlocks(node: RootContent, text: string, index: LineIndex, own: (s: string) => string): Block[] {
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  if (node.type === 'list') return listBlocks(node, text, index, own);
  const block: Block = { kind: KIND[node.type] ?? 'other', range: index.range(start, end), start, end, source: own(text.slice(start, end)) };
  if (block.kind === 'paragraph') {
    const n = readNumber(text, start, index, false);
    if (n) block.number = n;
    if (SIGN_HINT.test(block.source)) {
      const lines = readSignLines(block, index, own);
      if (lines.length > 0) block.signLines = lines;
    }
  }
  return [block];
}

function listBlocks(list: List, text: string, index: LineIndex, own: (s: string) => string): Block[] {
  const out: Block[] = [];
  for (const item of list.children) {
    const start = item.position!.start.offset!;
    const end = item.position!.end.offset!;
    const block: Block = { kind: 'item', range: index.range(start, end), start, end, source: own(text.slice(start, end)) };
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
function readSignLines(b: Block, index: LineIndex, own: (s: string) => string): SignLine[] {
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
      const value = stripEnd(m[4]!, /[ \t]/);
      const valueStart = value ? lineStart + line.indexOf(value, labelEnd - lineStart) : labelEnd;
      const valueEnd = valueStart + value.length;
      out.push({
        label: own(label),
        colon: m[3] !== undefined,
        labelRange: index.range(labelStart, labelEnd),
        value: own(value),
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
  if (dLine === 0) return;
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
