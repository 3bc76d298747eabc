import { advance, YAML_FENCE, type ScanState } from './line-scan.js';

/**
 * Limits on what the Markdown parser is given. The parser's time grows faster than the
 * text on some inputs (containers nested thousands deep: a stack overflow in GFM's
 * autolink step, seconds per line; very large tables), and a tree as deep as the text
 * is long defeats any walk. So before parsing, each line is looked at on its own (the
 * same decision whether the line is parsed in a chunk or in the whole document):
 *
 * - a line's container prefix (indentation, `>` quote markers, list markers) is read
 *   only to `MAX_NESTING_COLUMNS` columns: markers past it are parsed as spaces, so lists
 *   and quotes nest at most about 50 levels deep;
 * - a table of more than `MAX_TABLE_CELLS` cells is parsed as plain text (its delimiter
 *   row is parsed as a blank line);
 * - in a paragraph (lines between blank lines, outside fenced code and HTML blocks), the
 *   runs of emphasis and strikethrough markers (`*`, `_`, `~`) past the first
 *   `MAX_EMPHASIS_RUNS` are parsed as spaces: the parser pairs each closing run with
 *   the openers before it and splices its events on each pair, so a paragraph of
 *   thousands of nested runs took seconds (2,000 levels: 19 s), where a paragraph of
 *   at most this many runs is parsed in time proportional to its length.
 *
 * The text given to the parser has the same length and line breaks, so every position
 * stays true. `structure/too-complex` reports each place a limit changed.
 */

export const MAX_NESTING_COLUMNS = 100;
export const MAX_TABLE_CELLS = 2000;
/** Emphasis marker runs read in one paragraph (the longest in the seeds and templates has 22). */
export const MAX_EMPHASIS_RUNS = 200;

export interface ParseLimit {
  kind: 'nesting' | 'table' | 'emphasis';
  /** Offsets of the line (nesting, emphasis: the line of the first run past the limit) or of the table (from its header row). */
  start: number;
  end: number;
  /** The table's cells, the line's prefix columns, or the paragraph's marker runs. */
  size: number;
}

/** Work counted for tests: characters scanned for limits, and texts no limit can apply to (not scanned). */
export const limitsWork = { scannedChars: 0, clearTexts: 0 };

/** Where the limits apply in `text`. Linear in the text: each line is scanned once. */
export function findParseLimits(text: string): ParseLimit[] {
  const out: ParseLimit[] = [];
  if (!mayReachLimits(text)) return out;
  scan(text, out, undefined);
  return out;
}

/** The text to parse: `text` with the limits applied (the same string when none applies). */
export function limitForParse(text: string): string {
  if (!mayReachLimits(text)) return text;
  const masks: [number, number][] = [];
  scan(text, undefined, masks);
  if (masks.length === 0) return text;
  // A table's delimiter rows are masked when its first one is read, before the rows' emphasis runs.
  masks.sort((a, b) => a[0] - b[0]);
  let out = '';
  let cursor = 0;
  for (const [s, e] of masks) {
    out += text.slice(cursor, s);
    for (let i = s; i < e; i++) {
      const c = text.charCodeAt(i);
      out += c === 10 || c === 13 || c === 9 ? text[i] : ' ';
    }
    cursor = e;
  }
  return out + text.slice(cursor);
}

/** A line opening with 26 prefix characters: the fewest that can reach `MAX_NESTING_COLUMNS` (a tab is at most 4 columns). */
const PREFIX = `[ \\t>*+\\-\\d.)]{${Math.floor(MAX_NESTING_COLUMNS / 4) + 1}}`;
/** On the first line, and on the others (a line break to search for, not a `^` tried at every character). */
const LONG_FIRST_PREFIX = new RegExp(`^${PREFIX}`);
const LONG_PREFIX = new RegExp(`\\n${PREFIX}`);

/**
 * Whether any limit may apply to `text`, by counts a few built-in searches give (no pass
 * over each line in script): a paragraph's marker runs are at most the text's `*`, `_`
 * and `~`; a table's cells at most its rows and pipes, so the text's lines and pipes; a
 * line's prefix columns at most four per prefix character. Nearly every report has too
 * few of each, and then neither the parser's masking nor the rule needs the line scan.
 */
function mayReachLimits(text: string): boolean {
  if (countUpTo(text, '*', MAX_EMPHASIS_RUNS + 1) + countUpTo(text, '_', MAX_EMPHASIS_RUNS + 1) + countUpTo(text, '~', MAX_EMPHASIS_RUNS + 1) > MAX_EMPHASIS_RUNS) return true;
  if (countUpTo(text, '\n', MAX_TABLE_CELLS + 1) + 1 + countUpTo(text, '|', MAX_TABLE_CELLS + 1) > MAX_TABLE_CELLS) return true;
  if (LONG_FIRST_PREFIX.test(text) || LONG_PREFIX.test(text)) return true;
  limitsWork.clearTexts++;
  return false;
}

/** How many times `c` is in `text`, counted to `limit` at most. */
function countUpTo(text: string, c: string, limit: number): number {
  let n = 0;
  for (let i = text.indexOf(c); i !== -1 && n < limit; i = text.indexOf(c, i + 1)) n++;
  return n;
}

const SPACE = 32;
const TAB = 9;
const CR = 13;

function isMarkerEnd(text: string, i: number, end: number): boolean {
  if (i >= end) return true;
  const c = text.charCodeAt(i);
  return c === SPACE || c === TAB || c === CR;
}

/**
 * One pass over the lines. `limits` collects what to report; `masks` the spans to parse
 * as spaces (marker characters past the nesting limit; oversized tables' delimiter rows).
 */
function scan(text: string, limits: ParseLimit[] | undefined, masks: [number, number][] | undefined): void {
  let pos = 0;
  const n = text.length;
  let prevBlank = true;
  /** The end of the last table counted. */
  let tableEnd = -1;
  let prevStart = 0;
  /** Fenced code and HTML blocks, as the incremental parser's chunking reads them. */
  const blocks: ScanState = {};
  /** Emphasis marker runs in the current paragraph, and the limit reported for it. */
  let runs = 0;
  let runsLimit: ParseLimit | undefined;
  limitsWork.scannedChars += n;
  // Front matter is not code, whatever its lines say (as the parser's chunking reads it:
  // so a scan of each chunk finds what a scan of the whole text finds).
  const first = text.indexOf('\n');
  let frontMatter = YAML_FENCE.test(text.slice(0, first === -1 ? n : first));
  if (frontMatter) blocks.yaml = true;
  while (pos < n) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = n;
    // The container prefix.
    let i = pos;
    let col = 0;
    let maskFrom = -1;
    while (i < nl) {
      const c = text.charCodeAt(i);
      if (c === SPACE) {
        col++;
        i++;
        continue;
      }
      if (c === TAB) {
        col += 4 - (col % 4);
        i++;
        continue;
      }
      let width = 0;
      if (c === 62 /* > */) width = 1;
      else if ((c === 45 || c === 43 || c === 42) /* - + * */ && isMarkerEnd(text, i + 1, nl)) width = 1;
      else if (c >= 48 && c <= 57) {
        let j = i;
        while (j < nl && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
        const d = text.charCodeAt(j);
        if ((d === 46 || d === 41) /* . ) */ && isMarkerEnd(text, j + 1, nl)) width = j + 1 - i;
      }
      if (width === 0) break;
      if (col + width > MAX_NESTING_COLUMNS && maskFrom === -1) maskFrom = i;
      col += width;
      i += width;
    }
    if (maskFrom !== -1) {
      masks?.push([maskFrom, i]);
      limits?.push({ kind: 'nesting', start: pos, end: nl, size: col });
    }
    const blank = isBlankLine(text, pos, nl);
    if (blank) {
      runs = 0;
      runsLimit = undefined;
    } else {
      const inside = blocks.fence !== undefined || blocks.html !== undefined;
      if (frontMatter) frontMatter = false;
      else advance(blocks, text.slice(pos, nl));
      if (!inside && blocks.fence === undefined && blocks.html === undefined) {
        runs = emphasisRuns(text, i, nl, runs, (s, e, count) => {
          masks?.push([s, e]);
          if (runsLimit) runsLimit.size = count;
          else limits?.push((runsLimit = { kind: 'emphasis', start: pos, end: nl, size: count }));
        });
      }
    }
    if (pos > tableEnd && !prevBlank && !blank && isDelimiterRow(text, i, nl)) {
      // The table runs to the next blank line (or sooner: counting on is only cautious).
      // Its lines are not read as delimiter rows again, so each line is counted once.
      let cells = 0;
      let p = pos;
      tableEnd = nl;
      while (p < n) {
        let e = text.indexOf('\n', p);
        if (e === -1) e = n;
        if (p !== pos && isBlankLine(text, p, e)) break;
        // `| a | b |` has two cells; a row without pipes counts as one.
        let pipes = 0;
        for (let k = p; k < e; k++) if (text.charCodeAt(k) === 124) pipes++;
        cells += Math.max(1, pipes - 1);
        tableEnd = e;
        p = e + 1;
      }
      if (cells > MAX_TABLE_CELLS) {
        limits?.push({ kind: 'table', start: prevStart, end: tableEnd, size: cells });
        // Every delimiter row in it, lest a later one start a table of the rest.
        masks?.push([i, nl]);
        for (p = nl + 1; p < tableEnd; ) {
          let e = text.indexOf('\n', p);
          if (e === -1) e = n;
          let q = p;
          while (q < e && (text.charCodeAt(q) === SPACE || text.charCodeAt(q) === TAB || text.charCodeAt(q) === 62)) q++;
          if (isDelimiterRow(text, q, e)) masks?.push([q, e]);
          p = e + 1;
        }
      }
    }
    prevBlank = blank;
    prevStart = pos;
    pos = nl + 1;
  }
}

/**
 * Counts the runs of `*`, `_` or `~` in text[from, to) on from `count` (a run is one
 * character repeated: `*_*` is three), calling `over` with each run past
 * `MAX_EMPHASIS_RUNS` and the count so far. Returns the new count.
 */
function emphasisRuns(text: string, from: number, to: number, count: number, over: (start: number, end: number, count: number) => void): number {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c !== 42 && c !== 95 && c !== 126) {
      i++;
      continue;
    }
    let e = i + 1;
    while (e < to && text.charCodeAt(e) === c) e++;
    count++;
    if (count > MAX_EMPHASIS_RUNS) over(i, e, count);
    i = e;
  }
  return count;
}

function isBlankLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB && c !== CR) return false;
  }
  return true;
}

/** A table's delimiter row (`|---|:--:|`, `:-`), or a line close to one: only `|:-` and spaces, with a `-` and a `|` or `:`. */
function isDelimiterRow(text: string, start: number, end: number): boolean {
  let dash = false;
  let bar = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 45) dash = true;
    else if (c === 124 || c === 58) bar = true;
    else if (c !== SPACE && c !== TAB && c !== CR) return false;
  }
  return dash && bar;
}
