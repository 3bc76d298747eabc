import type { Finding } from './types.js';

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
const DIRECTIVE = /<!--\s*committee-report-(disable-file|disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*-->/g;

export const DIRECTIVE_PREFIX = 'committee-report-';

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

export function applySuppressions(text: string, findings: Finding[]): Finding[] {
  if (!text.includes('committee-report-')) return findings;
  const spans: Span[] = [];
  const open: { rules: string[] | 'all'; from: number }[] = [];
  // Directives come in text order: count line breaks from the previous one only.
  let counted = 0;
  let line = 0;
  const lineOf = (offset: number): number => {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    counted = offset;
    return line;
  };
  const MAX = Number.MAX_SAFE_INTEGER;
  for (const m of text.matchAll(DIRECTIVE)) {
    const kind = m[1]!;
    const rules = parseRules(m[2] ?? '');
    const line = lineOf(m.index);
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

/** The comment that disables a rule on one line, for the quick fix. */
export function disableLineComment(ruleId: string): string {
  return ` <!-- ${DIRECTIVE_PREFIX}disable-line ${ruleId} -->`;
}
