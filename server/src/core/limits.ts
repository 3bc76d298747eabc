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
 *   row is parsed as a blank line).
 *
 * The text given to the parser has the same length and line breaks, so every position
 * stays true. `structure/too-complex` reports each place a limit changed.
 */

export const MAX_NESTING_COLUMNS = 100;
export const MAX_TABLE_CELLS = 2000;

export interface ParseLimit {
  kind: 'nesting' | 'table';
  /** Offsets of the line (nesting) or of the table (from its header row). */
  start: number;
  end: number;
  /** The table's cells, or the line's prefix columns. */
  size: number;
}

/** Where the limits apply in `text`. Linear in the text: each line is scanned once. */
export function findParseLimits(text: string): ParseLimit[] {
  const out: ParseLimit[] = [];
  scan(text, out, undefined);
  return out;
}

/** The text to parse: `text` with the limits applied (the same string when none applies). */
export function limitForParse(text: string): string {
  const masks: [number, number][] = [];
  scan(text, undefined, masks);
  if (masks.length === 0) return text;
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
