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
  const crlf = usesCrlf(text);
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const span = (e: TextEdit): Span => {
    // The byte-order mark stays first; nothing is written before it.
    const start = Math.max(index.offsetAt(e.range.start), bom);
    const end = Math.max(index.offsetAt(e.range.end), start);
    let newText = e.newText;
    if (crlf) {
      // Inserted lines end as the file's lines do, and an edited line keeps its CR.
      newText = newText.replace(/\r?\n/g, '\r\n');
      if (text[end - 1] === '\r' && text[end] === '\n' && !newText.endsWith('\r')) newText += '\r';
    }
    return { start, end, newText, order: order++ };
  };
  for (const fix of fixes) {
    const spans = fix.edits.map(span);
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

/** Whether a text's lines end in CRLF (its first line break decides, as editors do). */
export function usesCrlf(text: string): boolean {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r';
}
