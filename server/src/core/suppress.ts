import type { Finding } from './types.js';
import { defineUnitMemo, joinUnitMemos, type ReportModel } from './model.js';
import { countLines } from './text.js';
import { DIRECTIVE_PREFIX } from './directives.js';

export { DIRECTIVE_PREFIX, disableLineComment } from './directives.js';

/**
 * Inline suppression with HTML comments, so the draft still renders cleanly:
 *
 *   <!-- committee-report-disable-file acronym/undefined -->   whole file
 *   <!-- committee-report-disable numbering -->  ...  <!-- committee-report-enable numbering -->
 *   text <!-- committee-report-disable-line date/missing-year -->
 *   <!-- committee-report-disable-next-line signoff/missing-role -->
 *
 * Rule lists are comma or space separated; a category (`numbering`) covers its rules;
 * no list means every rule.
 */
const DIRECTIVE = /<!--\s*committee-report-(disable-file|disable-next-line|disable-line|disable|enable)\b([^<>]*?)-->/g;

interface Span {
  rules: string[] | 'all';
  from: number;
  to: number;
}

function parseRules(s: string): string[] | 'all' {
  const list = s
    .split(/[\s,]+/)
    .map((r) => r.trim())
    .filter(Boolean);
  return list.length === 0 ? 'all' : list;
}

function covers(rules: string[] | 'all', id: string): boolean {
  return rules === 'all' || rules.some((r) => r === id || id.startsWith(r + '/'));
}

/** One suppression comment: its kind, rules and 0-based line (plain data: it travels between threads). */
export interface Directive {
  kind: string;
  rules: string[] | 'all';
  line: number;
}

/** The directives in `text`, whose first line is line `firstLine` of the document. */
function readDirectives(text: string, firstLine: number): Directive[] {
  const out: Directive[] = [];
  // Directives come in text order: count line breaks from the previous one only.
  let counted = 0;
  let line = firstLine;
  for (const m of text.matchAll(DIRECTIVE)) {
    line += countLines(text, counted, m.index);
    counted = m.index;
    out.push({ kind: m[1]!, rules: parseRules(m[2] ?? ''), line });
  }
  return out;
}

const NONE: Directive[] = [];

/** The directives of one top-level node (moved with it). An edit reads only the nodes it made. */
const UNIT_DIRECTIVES = defineUnitMemo<Directive[]>({
  compute(unit, model) {
    const source = model.text.slice(unit.start, unit.end);
    return source.includes(DIRECTIVE_PREFIX) ? readDirectives(source, unit.line - 1) : NONE;
  },
  shift(directives, _d, dLine) {
    for (const d of directives) d.line += dLine;
  },
});

/** The findings no directive in `text` silences. */
export function applySuppressions(text: string, findings: Finding[]): Finding[] {
  if (!text.includes(DIRECTIVE_PREFIX)) return findings;
  return unsilenced(readDirectives(text, 0), findings);
}

/**
 * The findings no directive in the report silences, read per top-level node: the front
 * matter (where a directive is a YAML comment) and whatever precedes the first node are
 * read on each check, every node's own directives once.
 */
export function applyReportSuppressions(model: ReportModel, findings: Finding[]): Finding[] {
  const directives = reportDirectives(model);
  return directives.length === 0 ? findings : unsilenced(directives, findings);
}

/** The report's suppression comments, in text order. */
export function reportDirectives(model: ReportModel): Directive[] {
  const units = model.units;
  const head = units.length > 0 ? units[0]!.start : model.text.length;
  // The nodes' directives: one list joined across edits (see `joinUnitMemos`).
  const own = joinUnitMemos(model, UNIT_DIRECTIVES);
  return model.text.lastIndexOf(DIRECTIVE_PREFIX, head) === -1 ? own : readDirectives(model.text.slice(0, head), 0).concat(own);
}

/** The findings none of `directives` (a report's, see `reportDirectives`) silences. */
export function unsilenced(directives: Directive[], findings: Finding[]): Finding[] {
  const spans: Span[] = [];
  const open: { rules: string[] | 'all'; from: number }[] = [];
  const MAX = Number.MAX_SAFE_INTEGER;
  for (const { kind, rules, line } of directives) {
    if (kind === 'disable-file') spans.push({ rules, from: 0, to: MAX });
    else if (kind === 'disable-line') spans.push({ rules, from: line, to: line });
    else if (kind === 'disable-next-line') spans.push({ rules, from: line + 1, to: line + 1 });
    else if (kind === 'disable') open.push({ rules, from: line });
    else {
      // enable: close the matching open block(s).
      for (let i = open.length - 1; i >= 0; i--) {
        const o = open[i]!;
        if (rules === 'all' || o.rules === 'all' || rules.some((r) => (o.rules as string[]).includes(r))) {
          spans.push({ rules: o.rules, from: o.from, to: line });
          open.splice(i, 1);
        }
      }
    }
  }
  for (const o of open) spans.push({ rules: o.rules, from: o.from, to: MAX });
  if (spans.length === 0) return findings;
  return findings.filter((f) => !spans.some((s) => f.range.start.line >= s.from && f.range.start.line <= s.to && covers(s.rules, f.ruleId)));
}
