import type { Position, Range } from './types.js';

/** Where an edit changed the text: [start, oldEnd) of the old text became [start, newEnd). */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** Line breaks in text[start, end). */
export function countLines(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Converts between string offsets and line/character positions in one text. */
export class LineIndex {
  readonly text: string;
  /** Offset of the first character of each line. */
  readonly lineStarts: number[];

  constructor(text: string, lineStarts?: number[]) {
    this.text = text;
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  /**
   * The index of `text`, made from the index of the text before an edit that replaced
   * [start, oldEnd) with [start, newEnd): lines before the edit are kept, the new region
   * is read, the lines after it move. Only the edited region of the text is read.
   */
  static afterEdit(before: LineIndex, text: string, change: TextChange): LineIndex {
    const old = before.lineStarts;
    const delta = change.newEnd - change.oldEnd;
    // Lines starting at or before the edit keep their start (their line break comes before it).
    const keep = lastAtOrBefore(old, change.start, (s) => s) + 1;
    const starts = old.slice(0, keep);
    for (let i = text.indexOf('\n', change.start); i !== -1 && i < change.newEnd; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    // Lines whose break was after the replaced region move by the change in length.
    for (let i = lastAtOrBefore(old, change.oldEnd, (s) => s) + 1; i < old.length; i++) starts.push(old[i]! + delta);
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = lastAtOrBefore(this.lineStarts, o, (s) => s);
    return { line, character: o - this.lineStarts[line]! };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[Math.max(0, pos.line)]!;
    const end = this.lineEnd(pos.line);
    return Math.min(start + Math.max(0, pos.character), end);
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** Offset just past the last character of a line, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! - 1 : this.text.length;
    return next > 0 && this.text[next - 1] === '\r' && next - 1 >= this.lineStarts[line]! ? next - 1 : next;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line]!, this.lineEnd(line));
  }

  lineRange(line: number): Range {
    return this.range(this.lineStarts[line]!, this.lineEnd(line));
  }
}

/**
 * A copy of `s` that keeps no larger string alive. V8 represents a slice of 13 or more
 * characters as a view into the string it was cut from, so a piece of text cached across
 * edits (a block's source, a date as written) would keep the whole document as it was
 * then in memory, one copy per edit. Concatenating and slicing again makes a string of
 * its own.
 */
export function ownString(s: string): string {
  if (s.length < 13) return s;
  textWork.owned++;
  return (' ' + s).slice(1);
}

/** Work counted for tests: strings copied by `ownString`. */
export const textWork = { owned: 0 };

/**
 * `map`'s value for `key`, made by `make` the first time it is asked for: a memo of what a
 * string alone decides, kept across reports. It holds at most `limit` keys (it starts again
 * when full) and keeps its own copies of them (`ownString`), so no report's text stays alive.
 */
export function keptFor<V>(map: Map<string, V>, key: string, limit: number, make: (key: string) => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make(key);
    if (map.size >= limit) map.clear();
    map.set(ownString(key), value);
  }
  return value;
}

/** Adds `value` to the list `map` holds under `key` (a new list for a new key). */
export function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Moves an offset back over whitespace (to the end of the text before it). */
export function trimEnd(text: string, offset: number): number {
  let o = offset;
  while (o > 0 && /\s/.test(text[o - 1]!)) o--;
  return o;
}

/**
 * `s` without the trailing characters that `drop` (a test of one character, such as
 * `/\s/`) accepts: one pass back from the end. A pattern such as `/\s+$/` starts again
 * at every character of a long run that is not at the end, which is quadratic.
 */
export function stripEnd(s: string, drop: RegExp): string {
  let e = s.length;
  while (e > 0 && drop.test(s[e - 1]!)) e--;
  return e === s.length ? s : s.slice(0, e);
}

/** `s` without the leading characters that `drop` (a test of one character) accepts. */
export function stripStart(s: string, drop: RegExp): string {
  let b = 0;
  while (b < s.length && drop.test(s[b]!)) b++;
  return b === 0 ? s : s.slice(b);
}

/** `s` up to the first `c` (all of it when there is none): `s.replace(/c.*$/, '')` without the pattern's quadratic retries. */
export function beforeFirst(s: string, c: string): string {
  const i = s.indexOf(c);
  return i === -1 ? s : s.slice(0, i);
}

/**
 * Index of the last item whose start is at or before `offset`, in items sorted by start
 * (binary search); -1 when there is none.
 */
export function lastAtOrBefore<T>(items: readonly T[], offset: number, startOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length - 1;
  if (hi < 0 || startOf(items[0]!) > offset) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (startOf(items[mid]!) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Index of the first item starting at or after `offset`, in items sorted by start (`items.length` when there is none). */
export function firstAtOrAfter(items: readonly { start: number }[], offset: number): number {
  return lastAtOrBefore(items, offset - 1, (x) => x.start) + 1;
}

export function pointRange(pos: Position): Range {
  return { start: pos, end: pos };
}

export function compareRanges(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character || a.end.line - b.end.line || a.end.character - b.end.character;
}
