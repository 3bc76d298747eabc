import type { Root, RootContent, Nodes } from 'mdast';
import { parseRegion, parseMarkdown } from './parse.js';
import { walkTree } from './walk.js';
import { countLines, lastAtOrBefore, ownString, trimEnd, type TextChange } from './text.js';
import { advance, YAML_FENCE, type ScanState } from './line-scan.js';
import { findParseLimits, type ParseLimit } from './limits.js';

/**
 * Incremental parsing. A Markdown document splits into chunks at "safe" boundaries:
 * a blank line followed by a line that starts in column 1, outside fenced code, outside
 * HTML blocks that may contain blank lines (script/pre/style/textarea, comments,
 * processing instructions, declarations, CDATA) and outside front matter. At such a
 * boundary no block continues (lazy continuation needs no blank line; indented content
 * is never at column 1) except a list, whose next item may follow a blank line: two
 * chunks where a list ends one and a list starts the next are parsed again together.
 * Link reference and footnote definitions act across the whole document, so a document
 * that has any is parsed whole. Each chunk is parsed with only the syntax extensions its
 * text may use (see `parseRegion`). The tree equals one whole parse of the text
 * (tested on the seeds, fixtures and random edits).
 *
 * On an edit, only the chunks the edit touches are parsed again: from the start of
 * the first touched chunk, the text is re-chunked until a boundary coincides with an
 * old chunk boundary past the edit; the chunks after it are reused, their positions
 * shifted.
 */

interface Chunk {
  /** Offset and 0-based line where the chunk starts in the current text. */
  start: number;
  line: number;
  /** Length in characters and line count (number of line breaks inside). */
  length: number;
  /** Top-level nodes, positions absolute in the current text once the chunk is settled (see `owed`). */
  nodes: RootContent[];
  /** Has link reference or footnote definitions (document-wide meaning). */
  global: boolean;
  /**
   * A move not yet applied to the nodes' descendants: edits before the chunk move it, and
   * most of the time nothing reads inside its nodes before the next edit moves it again
   * (see `settle`).
   */
  owed?: { offset: number; line: number };
  /**
   * The part of `owed` not yet applied to the top-level nodes' own positions either (see
   * `settleTop`): an edit moves the chunk's start and line only, not its nodes, so its cost
   * does not grow with the blocks after it.
   */
  topOwed?: { offset: number; line: number };
  /** Where the parse limits apply in the chunk (offsets from its start), once asked for (see `parseLimits`). */
  limits?: ParseLimit[];
}

/** Below this size a chunk is not cut (fewer, larger parses). */
const MIN_CHUNK = 2048;

/** A list item's marker at the start of a line. */
const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|\r?$)/;

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/**
 * Cut points (offsets of chunk starts, after the first) in text[from, to), scanning
 * from a clean state at `from`. `stopAt` lets the caller end early at a boundary it
 * can reuse: the scan stops at the first boundary past `after` that `stopAt` accepts.
 */
function findCuts(text: string, from: number, to: number, after = -1, stopAt?: (offset: number) => boolean): { cuts: number[]; stoppedAt?: number } {
  const cuts: number[] = [];
  const state: ScanState = {};
  let chunkStart = from;
  let prevBlank = false;
  let pos = from;
  if (from === 0) {
    const nl = text.indexOf('\n');
    if (YAML_FENCE.test(text.slice(0, nl === -1 ? text.length : nl))) {
      state.yaml = true;
      pos = nl === -1 ? text.length : nl + 1;
    }
  }
  while (pos < to) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1 || nl >= to) nl = to;
    const clean = !state.fence && !state.html && !state.yaml;
    const blank = isBlank(text, pos, nl);
    if (clean && prevBlank && !blank && pos > from) {
      const c = text.charCodeAt(pos);
      // Not before indentation (content of the block above), a byte-order mark (which a
      // parse skips only at the start) or a list item (which may continue a list above).
      if (c !== 32 && c !== 9 && c !== 0xfeff && !LIST_MARKER.test(text.slice(pos, Math.min(nl, pos + 12)))) {
        if (pos > after && stopAt && stopAt(pos)) return { cuts, stoppedAt: pos };
        if (pos - chunkStart >= MIN_CHUNK) {
          cuts.push(pos);
          chunkStart = pos;
        }
      }
    }
    if (!blank) advance(state, text.slice(pos, nl));
    prevBlank = blank;
    pos = nl + 1;
  }
  return { cuts };
}

/** Work counted for tests: chunks looked at to place an edit, and top-level nodes moved. */
export const parseWork = { chunksSearched: 0, topMoved: 0 };

/** Records a move of a chunk's nodes (top-level and descendants), applied when they are read. */
function move(k: Chunk, dOffset: number, dLine: number): void {
  const owed = (k.owed ??= { offset: 0, line: 0 });
  owed.offset += dOffset;
  owed.line += dLine;
  const top = (k.topOwed ??= { offset: 0, line: 0 });
  top.offset += dOffset;
  top.line += dLine;
}

/** Applies the move a chunk's top-level nodes owe (their descendants may still owe theirs). */
function settleTop(k: Chunk): void {
  const top = k.topOwed;
  if (!top) return;
  k.topOwed = undefined;
  if (top.offset === 0 && top.line === 0) return;
  parseWork.topMoved += k.nodes.length;
  for (const n of k.nodes) movePosition(n, top.offset, top.line);
}

/** Applies the move a chunk's nodes owe, top-level and descendants. */
function settle(k: Chunk): void {
  settleTop(k);
  const owed = k.owed;
  if (!owed) return;
  k.owed = undefined;
  if (owed.offset === 0 && owed.line === 0) return;
  for (const n of k.nodes) if ('children' in n) for (const c of n.children) shift(c as Nodes, owed.offset, owed.line);
}

function movePosition(node: Nodes, dOffset: number, dLine: number): void {
  const p = node.position;
  if (p) {
    p.start.line += dLine;
    p.end.line += dLine;
    if (p.start.offset !== undefined) p.start.offset += dOffset;
    if (p.end.offset !== undefined) p.end.offset += dOffset;
  }
}

/** Moves every position in a subtree by an offset and line delta. */
function shift(node: Nodes, dOffset: number, dLine: number): void {
  walkTree(node, true, (n) => {
    movePosition(n, dOffset, dLine);
    return true;
  });
}

/**
 * Whether a chunk has link reference or footnote definitions, at any depth (in a list
 * item or a quote they still act across the document). Both need `]:` in the text.
 */
function hasGlobal(nodes: RootContent[], text: string): boolean {
  if (!text.includes(']:')) return false;
  const deep = (n: Nodes): boolean => n.type === 'definition' || n.type === 'footnoteDefinition' || ('children' in n && (n.children as Nodes[]).some(deep));
  return nodes.some(deep);
}

/** 1 when a parse from `start` skips a byte-order mark (only at the start of the text). */
function bomAt(text: string, start: number): number {
  return start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/** A lone carriage return ends a line for the parser but not for the line scan: such text is parsed whole. */
const LONE_CR = /\r(?!\n)/;

function parseChunk(text: string, start: number, end: number, line: number): Chunk {
  // Its own copy of the chunk: the tree's strings must not keep this version of the document alive.
  const own = ownString(text.slice(start, end));
  const nodes = parseRegion(own, start).children;
  // micromark skips a byte-order mark and counts offsets from after it: count them in the text.
  const at = start + bomAt(text, start);
  if (at !== 0 || line !== 0) for (const n of nodes) shift(n, at, line);
  return { start, line, length: end - start, nodes, global: hasGlobal(nodes, own) };
}

/**
 * Whether a block may run on from chunk `a` into chunk `b`: a list (its next item after
 * a blank line), or fenced code or an HTML block left open at the end of `a` (the line
 * scan misread a fence, as one closing inside a list item).
 */
function runsOn(text: string, a: Chunk, b: Chunk): boolean {
  settleTop(a);
  const last = a.nodes[a.nodes.length - 1];
  if (!last) return false;
  if (last.type === 'list') return b.nodes[0]?.type === 'list';
  if (last.type !== 'code' && last.type !== 'html') return false;
  return last.position!.end.offset! >= trimEnd(text, a.start + a.length) && isOpen(text.slice(last.position!.start.offset!, last.position!.end.offset!));
}

/**
 * Whether a code or HTML block's source lacks its closing line: the line scan, run over
 * the block's lines alone, is still inside a fence or a kind 1-5 HTML block after them.
 */
function isOpen(source: string): boolean {
  const state: ScanState = {};
  for (const line of source.split('\n')) advance(state, line);
  return state.fence !== undefined || state.html !== undefined;
}

/** Characters parsed, counted across one update. */
interface Tally {
  chars: number;
}

/** Parses text[bounds[0], bounds[n]) cut at the inner bounds; `line` is the 0-based line of bounds[0]. */
function parseEach(text: string, bounds: readonly number[], line: number, tally: Tally): Chunk[] {
  const out: Chunk[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    if (i > 0) line += countLines(text, bounds[i - 1]!, bounds[i]!);
    out.push(parseChunk(text, bounds[i]!, bounds[i + 1]!, line));
  }
  tally.chars += bounds[bounds.length - 1]! - bounds[0]!;
  return out;
}

/** Replaces each run of chunks joined by `runsOn` by one chunk parsed whole. */
function joinRuns(text: string, chunks: Chunk[], tally: Tally): Chunk[] {
  const out: Chunk[] = [];
  for (let i = 0; i < chunks.length; ) {
    let j = i;
    while (j + 1 < chunks.length && runsOn(text, chunks[j]!, chunks[j + 1]!)) j++;
    const first = chunks[i]!;
    const last = chunks[j]!;
    if (j === i) out.push(first);
    else {
      const end = last.start + last.length;
      out.push(parseChunk(text, first.start, end, first.line));
      tally.chars += end - first.start;
    }
    i = j + 1;
  }
  return out;
}

/**
 * What one update replaced: the top-level nodes that started in [oldFrom, oldTo) of the
 * old text are now `nodes`, which span [oldFrom, newTo) of the new text; every node after
 * them is the same object as before, moved by `newTo - oldTo` characters and `dLine` lines
 * (its positions, once settled: see `IncrementalParser.settleAt`). The positions of
 * `nodes` themselves are up to date at the top level.
 */
export interface TreeSplice {
  /** The parse this update started from (see `IncrementalParser.version`). */
  fromVersion: number;
  oldFrom: number;
  oldTo: number;
  newTo: number;
  dLine: number;
  nodes: RootContent[];
}

export interface ParseStats {
  /** Characters parsed by the last update (the whole text for a full parse). */
  parsedChars: number;
  full: boolean;
}

export class IncrementalParser {
  private text = '';
  private chunks: Chunk[] = [];
  private root: Root | undefined;
  /** Line breaks in the text (kept up to date by each edit, so no update counts them all). */
  private breaks = 0;
  stats: ParseStats = { parsedChars: 0, full: true };
  /** Counts parses (whole or incremental): what a splice starts from. */
  version = 0;
  /** What the last update replaced; undefined after a whole parse. */
  lastSplice: TreeSplice | undefined;

  constructor(text: string) {
    this.full(text);
  }

  /**
   * The tree. After an edit, the positions of the nodes after it (top-level nodes and
   * those inside them) may still owe their move: call `settleAt` or `settleAll` before
   * reading them (the session's model does). The nodes of the last splice are up to date
   * at the top level (see `TreeSplice`).
   */
  get tree(): Root {
    if (!this.root) {
      const children: RootContent[] = [];
      for (const c of this.chunks) for (const n of c.nodes) children.push(n);
      this.root = this.rootOf(children);
    }
    return this.root;
  }

  /**
   * Brings the positions inside the chunk holding `offset` (a top-level node's start) up
   * to date, before something reads inside its nodes.
   */
  settleAt(offset: number): void {
    const i = lastAtOrBefore(this.chunks, offset, (k) => k.start);
    if (i >= 0) settle(this.chunks[i]!);
  }

  /**
   * Where the parse limits apply in the text: `findParseLimits(text)`, from each chunk's
   * own (a chunk starts where a scan of the whole text has no state left: after a blank
   * line, outside code, HTML blocks and front matter), each found once while the chunk
   * is reused.
   */
  parseLimits(): ParseLimit[] {
    const out: ParseLimit[] = [];
    for (const k of this.chunks) {
      const limits = (k.limits ??= findParseLimits(this.text.slice(k.start, k.start + k.length)));
      for (const l of limits) out.push({ ...l, start: l.start + k.start, end: l.end + k.start });
    }
    return out;
  }

  /** Brings every position in the tree up to date (for readers of the whole tree). */
  settleAll(): void {
    for (const k of this.chunks) settle(k);
  }

  private rootOf(children: RootContent[]): Root {
    const lastNl = this.text.lastIndexOf('\n');
    return {
      type: 'root',
      children,
      position: {
        start: { line: 1, column: 1, offset: 0 },
        end: { line: this.breaks + 1, column: this.text.length - lastNl, offset: this.text.length },
      },
    };
  }

  /** Parses the whole text (also the fallback when chunks cannot be trusted). */
  full(text: string): void {
    this.version++;
    this.lastSplice = undefined;
    this.text = text;
    this.breaks = countLines(text, 0, text.length);
    this.root = undefined;
    const tally = { chars: 0 };
    const whole = LONE_CR.test(text);
    const chunks = whole ? [] : joinRuns(text, parseEach(text, [0, ...findCuts(text, 0, text.length).cuts, text.length], 0, tally), tally);
    if (whole || chunks.some((c) => c.global)) {
      // Definitions act across the document: one parse of the whole text.
      const tree = parseMarkdown(text);
      if (bomAt(text, 0)) {
        for (const n of tree.children) shift(n, 1, 0);
        tree.position!.end.offset = text.length;
      }
      this.chunks = [{ start: 0, line: 0, length: text.length, nodes: tree.children, global: true }];
      this.root = tree;
      this.stats = { parsedChars: text.length, full: true };
      return;
    }
    this.chunks = chunks;
    this.stats = { parsedChars: tally.chars, full: true };
  }

  /**
   * Brings the parse up to date with `text`. The changed region is found by comparing
   * with the previous text (common prefix and suffix), unless the caller knows it.
   */
  update(text: string, change?: TextChange): Root {
    const old = this.text;
    if (text === old) return this.tree;
    const c = change ?? diffRegion(old, text);
    // A text with definitions is parsed whole, as one chunk: only a lone chunk can be global.
    if (this.chunks.length <= 1 || this.chunks[0]!.global || LONE_CR.test(text.slice(Math.max(0, c.start - 1), c.newEnd + 1))) {
      this.full(text);
      return this.tree;
    }
    const delta = c.newEnd - c.oldEnd;
    // First touched chunk: the one containing the change start (a change at a chunk's
    // very start also touches the previous chunk, whose trailing blank lines decide the cut).
    // Found by binary search over the chunk starts (in order), not a pass over every chunk.
    const startOf = (k: Chunk): number => {
      parseWork.chunksSearched++;
      return k.start;
    };
    const first = Math.max(0, lastAtOrBefore(this.chunks, c.start - 1, startOf));
    const from = this.chunks[first]!.start;
    // The old chunk after the change that starts at `o` in the new text, or -1. Asked with
    // `o` growing: a cursor walks the old chunks only as far as the new cuts go.
    let cursor = first + 1;
    const oldChunkAt = (o: number): number => {
      const s = o - delta;
      if (s <= c.oldEnd) return -1;
      while (cursor < this.chunks.length && startOf(this.chunks[cursor]!) < s) cursor++;
      return cursor < this.chunks.length && this.chunks[cursor]!.start === s ? cursor : -1;
    };
    const { cuts, stoppedAt } = findCuts(text, from, text.length, c.newEnd, (o) => oldChunkAt(o) !== -1);
    const end = stoppedAt ?? text.length;
    const reuseFrom = stoppedAt !== undefined ? oldChunkAt(stoppedAt) : this.chunks.length;
    // Parse the new chunks.
    const tally = { chars: 0 };
    const fresh = parseEach(text, [from, ...cuts, end], this.chunks[first]!.line, tally);
    // Shift the reused chunks (their nodes when read: see `move`).
    const reused = this.chunks.slice(reuseFrom);
    let dLine = 0;
    if (reused.length > 0) {
      const last = fresh[fresh.length - 1]!;
      dLine = last.line + countLines(text, last.start, end) - reused[0]!.line;
      for (const k of reused) {
        if (delta !== 0 || dLine !== 0) move(k, delta, dLine);
        k.start += delta;
        k.line += dLine;
      }
    }
    // A block may now run on across the edges of the new chunks, or between them (the
    // chunks kept on either side never ran on into their neighbours).
    const lo = Math.max(0, first - 1);
    const joined = joinRuns(text, [...this.chunks.slice(lo, first), ...fresh, ...reused.slice(0, 1)], tally);
    let next = Math.min(1, reused.length);
    while (next < reused.length && runsOn(text, joined[joined.length - 1]!, reused[next]!)) {
      joined.push(...joinRuns(text, [joined.pop()!, reused[next]!], tally));
      next++;
    }
    if (joined.some((k) => k.global)) {
      this.full(text);
      return this.tree;
    }
    // The old chunks lo .. (reuseFrom + next) are replaced by `joined`.
    const nodesBefore = (n: number): number => {
      let count = 0;
      for (let i = 0; i < n; i++) count += this.chunks[i]!.nodes.length;
      return count;
    };
    const at = nodesBefore(lo);
    const removed = nodesBefore(reuseFrom + next) - at;
    const nodes: RootContent[] = [];
    // The splice's nodes are read now (the model's units of them): their own positions up to date.
    for (const k of joined) {
      settleTop(k);
      for (const n of k.nodes) nodes.push(n);
    }
    const kept = reused[next];
    // The splice is described in old offsets (the kept chunks have already moved by `delta`).
    this.lastSplice = { fromVersion: this.version, oldFrom: this.chunks[lo]!.start, oldTo: kept ? kept.start - delta : old.length, newTo: kept ? kept.start : text.length, dLine, nodes };
    this.version++;
    const root = this.root;
    this.chunks = [...this.chunks.slice(0, lo), ...joined, ...reused.slice(next)];
    this.breaks += countLines(text, c.start, c.newEnd) - countLines(old, c.start, c.oldEnd);
    this.text = text;
    this.root = undefined;
    // The tree's node list: the old one with the replaced nodes swapped (no walk over every node).
    if (root) this.root = this.rootOf(root.children.slice(0, at).concat(nodes, root.children.slice(at + removed)));
    this.stats = { parsedChars: tally.chars, full: false };
    return this.tree;
  }
}

/** The region where two texts differ: [start, oldEnd) in the old text became [start, newEnd). */
export function diffRegion(a: string, b: string): TextChange {
  const max = Math.min(a.length, b.length);
  let s = 0;
  while (s < max && a.charCodeAt(s) === b.charCodeAt(s)) s++;
  let ea = a.length;
  let eb = b.length;
  while (ea > s && eb > s && a.charCodeAt(ea - 1) === b.charCodeAt(eb - 1)) {
    ea--;
    eb--;
  }
  return { start: s, oldEnd: ea, newEnd: eb };
}

/**
 * Parses a whole report: in chunks, each with only the syntax extensions its text may
 * use. The tree equals `parseMarkdown(text)`, in a fraction of the time.
 */
export function parseReport(text: string): Root {
  return new IncrementalParser(text).tree;
}
