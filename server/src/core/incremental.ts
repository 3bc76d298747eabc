import type { Root, RootContent, Nodes } from 'mdast';
import { parseMarkdown } from './parse.js';
import { countLines, ownString, type TextChange } from './text.js';

/**
 * Incremental parsing. A Markdown document splits into chunks at "safe" boundaries:
 * a blank line followed by a line that starts in column 1, outside fenced code and
 * outside HTML blocks that may contain blank lines (script/pre/style/textarea,
 * comments, processing instructions, declarations, CDATA). At such a boundary no
 * block can continue (lazy continuation needs no blank line; indented content is
 * never at column 1), so each chunk parses to the same blocks on its own as inside
 * the whole document. Link reference and footnote definitions are the exception:
 * they act across the whole document, so a document that has any is always parsed
 * whole.
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
  /** Top-level nodes, positions absolute in the current text. */
  nodes: RootContent[];
  /** Has link reference or footnote definitions (document-wide meaning). */
  global: boolean;
}

/** Below this size a chunk is not cut (fewer, larger parses). */
const MIN_CHUNK = 2048;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HTML_OPEN = /^ {0,3}<(?:(script|pre|style|textarea)(?:[\s>]|$)|(!--)|(\?)|(![A-Za-z])|(!\[CDATA\[))/i;
const HTML_CLOSE: Record<string, RegExp> = {
  tag: /<\/(?:script|pre|style|textarea)>/i,
  comment: /-->/,
  pi: /\?>/,
  decl: />/,
  cdata: /\]\]>/,
};

interface ScanState {
  fence?: { char: string; len: number };
  html?: string;
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** Updates the fence/HTML state with one line; returns whether the state is clean after it. */
function advance(state: ScanState, line: string): void {
  if (state.fence) {
    const m = FENCE.exec(line);
    if (m && m[1]![0] === state.fence.char && m[1]!.length >= state.fence.len && /^\s*$/.test(line.slice(m[0].length))) state.fence = undefined;
    return;
  }
  if (state.html) {
    if (HTML_CLOSE[state.html]!.test(line)) state.html = undefined;
    return;
  }
  const f = FENCE.exec(line);
  if (f) {
    // A backtick fence's info string may not contain backticks.
    if (f[1]![0] === '`' && line.slice(f[0].length).includes('`')) return;
    state.fence = { char: f[1]![0]!, len: f[1]!.length };
    return;
  }
  const h = HTML_OPEN.exec(line);
  if (h) {
    const kind = h[1] ? 'tag' : h[2] ? 'comment' : h[3] ? 'pi' : h[4] ? 'decl' : 'cdata';
    // The block may close on its own first line.
    if (!HTML_CLOSE[kind]!.test(line.slice(h[0].length))) state.html = kind;
  }
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
  while (pos < to) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1 || nl >= to) nl = to;
    const clean = !state.fence && !state.html;
    const blank = isBlank(text, pos, nl);
    if (clean && prevBlank && !blank && pos > from) {
      const c = text.charCodeAt(pos);
      if (c !== 32 && c !== 9) {
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

/** Moves every position in a subtree by an offset and line delta. */
function shift(node: Nodes, dOffset: number, dLine: number): void {
  const p = node.position;
  if (p) {
    p.start.line += dLine;
    p.end.line += dLine;
    if (p.start.offset !== undefined) p.start.offset += dOffset;
    if (p.end.offset !== undefined) p.end.offset += dOffset;
  }
  if ('children' in node) for (const c of node.children) shift(c as Nodes, dOffset, dLine);
}

function hasGlobal(nodes: RootContent[]): boolean {
  return nodes.some((n) => n.type === 'definition' || n.type === 'footnoteDefinition');
}

function parseChunk(text: string, start: number, end: number, line: number): Chunk {
  // Its own copy of the chunk: the tree's strings must not keep this version of the document alive.
  const tree = parseMarkdown(ownString(text.slice(start, end)));
  const nodes = tree.children;
  // The front matter only counts at the very start of the document.
  const kept = start === 0 ? nodes : nodes.filter((n) => n.type !== 'yaml');
  for (const n of kept) shift(n, start, line);
  return { start, line, length: end - start, nodes: kept, global: hasGlobal(kept) };
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

  constructor(text: string) {
    this.full(text);
  }

  get tree(): Root {
    if (!this.root) {
      const children: RootContent[] = [];
      for (const c of this.chunks) for (const n of c.nodes) children.push(n);
      const endLine = this.breaks;
      const lastNl = this.text.lastIndexOf('\n');
      this.root = {
        type: 'root',
        children,
        position: {
          start: { line: 1, column: 1, offset: 0 },
          end: { line: endLine + 1, column: this.text.length - lastNl, offset: this.text.length },
        },
      };
    }
    return this.root;
  }

  /** Parses the whole text (also the fallback when chunks cannot be trusted). */
  full(text: string): void {
    this.text = text;
    this.breaks = countLines(text, 0, text.length);
    this.root = undefined;
    this.stats = { parsedChars: text.length, full: true };
    const tree = parseMarkdown(text);
    if (hasGlobal(tree.children)) {
      this.chunks = [{ start: 0, line: 0, length: text.length, nodes: tree.children, global: true }];
      this.root = tree;
      return;
    }
    // Assign the nodes of one whole parse to chunks by their start offset.
    const cuts = findCuts(text, 0, text.length).cuts;
    const starts = [0, ...cuts];
    const chunks: Chunk[] = starts.map((s, i) => ({ start: s, line: 0, length: (starts[i + 1] ?? text.length) - s, nodes: [], global: false }));
    let ci = 0;
    for (const n of tree.children) {
      const o = n.position!.start.offset!;
      while (ci + 1 < chunks.length && o >= chunks[ci + 1]!.start) ci++;
      chunks[ci]!.nodes.push(n);
      // A node of the whole parse that runs over a cut (a list whose items are
      // separated by blank lines) keeps the chunks it spans together.
      const e = n.position!.end.offset!;
      while (ci + 1 < chunks.length && e > chunks[ci + 1]!.start) {
        const next = chunks.splice(ci + 1, 1)[0]!;
        chunks[ci]!.length = next.start + next.length - chunks[ci]!.start;
      }
    }
    let line = 0;
    let prev = 0;
    for (const c of chunks) {
      line += countLines(text, prev, c.start);
      prev = c.start;
      c.line = line;
    }
    this.chunks = chunks;
    this.root = tree;
  }

  /**
   * Brings the parse up to date with `text`. The changed region is found by comparing
   * with the previous text (common prefix and suffix), unless the caller knows it.
   */
  update(text: string, change?: TextChange): Root {
    const old = this.text;
    if (text === old) return this.tree;
    const c = change ?? diffRegion(old, text);
    if (this.chunks.length <= 1 || this.chunks.some((k) => k.global)) {
      this.full(text);
      return this.tree;
    }
    const delta = c.newEnd - c.oldEnd;
    // First touched chunk: the one containing the change start (a change at a chunk's
    // very start also touches the previous chunk, whose trailing blank lines decide the cut).
    let first = 0;
    while (first + 1 < this.chunks.length && this.chunks[first + 1]!.start < c.start) first++;
    if (first > 0 && this.chunks[first]!.start >= c.start) first--;
    const from = this.chunks[first]!.start;
    // Old chunk starts after the change, as offsets in the new text.
    const oldStarts = new Map<number, number>();
    for (let i = first + 1; i < this.chunks.length; i++) {
      const s = this.chunks[i]!.start;
      if (s > c.oldEnd) oldStarts.set(s + delta, i);
    }
    const { cuts, stoppedAt } = findCuts(text, from, text.length, c.newEnd, (o) => oldStarts.has(o));
    const end = stoppedAt ?? text.length;
    const reuseFrom = stoppedAt !== undefined ? oldStarts.get(stoppedAt)! : this.chunks.length;
    // Parse the new chunks.
    const startLine = this.chunks[first]!.line;
    const bounds = [from, ...cuts, end];
    const fresh: Chunk[] = [];
    let line = startLine;
    for (let i = 0; i + 1 < bounds.length; i++) {
      if (i > 0) line += countLines(text, bounds[i - 1]!, bounds[i]!);
      fresh.push(parseChunk(text, bounds[i]!, bounds[i + 1]!, line));
    }
    if (fresh.some((k) => k.global)) {
      this.full(text);
      return this.tree;
    }
    // Shift the reused chunks.
    const reused = this.chunks.slice(reuseFrom);
    if (reused.length > 0) {
      const dLine = line + countLines(text, bounds[bounds.length - 2]!, end) - reused[0]!.line;
      for (const k of reused) {
        if (delta !== 0 || dLine !== 0) for (const n of k.nodes) shift(n, delta, dLine);
        k.start += delta;
        k.line += dLine;
      }
    }
    this.chunks = [...this.chunks.slice(0, first), ...fresh, ...reused];
    this.breaks += countLines(text, c.start, c.newEnd) - countLines(old, c.start, c.oldEnd);
    this.text = text;
    this.root = undefined;
    this.stats = { parsedChars: end - from, full: false };
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
