import { LineIndex } from './text.js';
import type { Fix, TextEdit } from './types.js';

/**
 * Applies whole fixes to a text. A fix whose edits overlap an already accepted fix is
 * left out (the caller re-checks and applies again), so a fix is never half-applied.
 */
export function applyFixes(text: string, fixes: Fix[]): { text: string; applied: number } {
  const index = new LineIndex(text);
  type Span = { start: number; end: number; newText: string; order: number };
  const accepted: Span[] = [];
  let applied = 0;
  let order = 0;
  for (const fix of fixes) {
    const spans = fix.edits.map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText, order: order++ }));
    const clash = spans.some((s) => accepted.some((a) => s.start < a.end && a.start < s.end || (s.start === a.start && s.end === a.end)));
    if (clash) continue;
    accepted.push(...spans);
    applied++;
  }
  accepted.sort((a, b) => a.start - b.start || a.order - b.order);
  let out = '';
  let cursor = 0;
  for (const s of accepted) {
    out += text.slice(cursor, s.start) + s.newText;
    cursor = Math.max(cursor, s.end);
  }
  out += text.slice(cursor);
  return { text: out, applied };
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  return applyFixes(text, [{ title: '', edits, safe: true }]).text;
}
