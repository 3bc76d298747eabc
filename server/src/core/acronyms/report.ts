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
