import type { ReportModel } from '../model.js';
import type { Fix, Range, RelatedLocation } from '../types.js';
import type { Definition, Occurrence } from './scan.js';

/** Small helpers the acronym rules share for ranges, messages and fixes. */

export function rangeOf(model: ReportModel, x: { start: number; end: number }): Range {
  return model.index.range(x.start, x.end);
}

export function lineOf(model: ReportModel, offset: number): number {
  return model.index.positionAt(offset).line + 1;
}

export function edit(model: ReportModel, start: number, end: number, newText: string) {
  return { range: model.index.range(start, end), newText };
}

export function fix(title: string, edits: Fix['edits'], safe: boolean, snippet = false): Fix {
  const f: Fix = { title, edits, safe };
  if (snippet) f.snippet = true;
  return f;
}

export function related(model: ReportModel, x: Definition | Occurrence, message: string): RelatedLocation {
  return { range: rangeOf(model, x), message };
}

/** `"Dedicated Schools Grant (DSG)"`, as a definition reads. */
export function quoteDefinition(d: Definition): string {
  return d.form === 'acronym-first' ? `${d.written} (${d.expansion})` : `${d.expansion} (${d.short})`;
}

/** Escapes `$`, `}` and `\` for snippet text. */
export function snippetEscape(s: string): string {
  return s.replace(/[$}\\]/g, (c) => '\\' + c);
}

/** Whether an offset is inside an implications block (`5.3 Equalities implications`, or its parent). */
export function inImplications(model: ReportModel, offset: number): boolean {
  for (const s of model.allSections) {
    if (s.start <= offset && offset < s.end && /\bimplications?\b/i.test(s.heading.title) && s.level > 1) return true;
  }
  return false;
}

/** How far around a use `enclosure` looks (on the use's own line): a bound, so the scan is linear. */
const ENCLOSURE_WINDOW = 300;

/**
 * What already encloses an acronym use, which spelling it out in place would garble:
 * - `after`: it stands alone in brackets after some words that do not spell it out
 *   ("Youth Justice Team (CYPJS)"): wrapping it again nests a definition in a definition;
 * - `bracket`: it is inside a longer bracket ("(run by the CYPJS since 2021)");
 * - `quote`: it is inside quotation marks, as in a quoted title, which is quoted as written.
 * Only the use's own line is read, at most `ENCLOSURE_WINDOW` characters either side.
 */
export type Enclosure = { kind: 'after'; words: string } | { kind: 'bracket' } | { kind: 'quote' };

export function enclosure(model: ReportModel, use: { start: number; end: number }): Enclosure | undefined {
  const text = model.text;
  const lineStart = Math.max(text.lastIndexOf('\n', use.start - 1) + 1, use.start - ENCLOSURE_WINDOW);
  let lineEnd = text.indexOf('\n', use.end);
  if (lineEnd === -1 || lineEnd > use.end + ENCLOSURE_WINDOW) lineEnd = Math.min(text.length, use.end + ENCLOSURE_WINDOW);
  const before = text.slice(lineStart, use.start);
  const after = text.slice(use.end, lineEnd);
  // Quotation marks: an opening curly quote not closed before the use, or an odd count of straight ones.
  const curly = before.lastIndexOf('\u201c') > before.lastIndexOf('\u201d');
  const straight = (before.match(/"/g)?.length ?? 0) % 2 === 1 && after.includes('"');
  if (curly || straight) return { kind: 'quote' };
  // Brackets: the depth of ( and [ left open before the use.
  let depth = 0;
  for (const c of before) {
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
  }
  if (depth === 0) return undefined;
  const alone = /[([]\s*$/.test(before) && /^['’]?s?\s*[)\]]/.test(after);
  const words = wordsBefore(before);
  if (alone && words) return { kind: 'after', words };
  return { kind: 'bracket' };
}

/**
 * The name-like words before a bracket, for messages: the capitalised run ("Youth Justice
 * Team", "Schools Grant"), else up to five words without a leading article.
 */
function wordsBefore(before: string): string | undefined {
  // By hand from the end (a regex over the whole text before would move quadratically).
  const tail = before.slice(-400);
  let end = tail.length;
  while (end > 0 && /\s/.test(tail[end - 1]!)) end--;
  if (end === 0 || (tail[end - 1] !== '(' && tail[end - 1] !== '[')) return undefined;
  end--;
  while (end > 0 && (tail[end - 1] === ' ' || tail[end - 1] === '\t')) end--;
  const tokens = tail.slice(0, end).split(/[ \t]+/);
  const words: string[] = [];
  for (let i = tokens.length - 1; i >= 0 && words.length < 5; i--) {
    if (!/^\p{L}[\p{L}'’&-]*$/u.test(tokens[i]!)) break;
    words.unshift(tokens[i]!);
  }
  if (words.length === 0) return undefined;
  let from = words.length;
  while (from > 0 && (/^\p{Lu}/u.test(words[from - 1]!) || (/^(?:and|of|for|in|&)$/.test(words[from - 1]!) && from < words.length))) from--;
  while (from < words.length && !/^\p{Lu}/u.test(words[from]!)) from++;
  const run = words.slice(from).join(' ').replace(/^(?:(?:The|A|An|Our|This|Its|Their)[ \t]+)+/, '');
  return run || words.join(' ').replace(/^(?:(?:the|a|an|our|this|its|their)[ \t]+)+/i, '');
}

/** What an enclosure means for a fix that spells the acronym out in place, for messages. */
export function enclosureNote(e: Enclosure, written: string): string {
  switch (e.kind) {
    case 'after':
      return `"${written}" stands in brackets after "${e.words}", which does not spell it out`;
    case 'bracket':
      return `"${written}" stands inside brackets, where spelling it out would nest brackets`;
    case 'quote':
      return `"${written}" stands inside quotation marks (a title is quoted as written)`;
  }
}
