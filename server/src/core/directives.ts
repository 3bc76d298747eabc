import type { TextEdit } from './types.js';

/**
 * Writing suppression comments (reading them is `suppress.ts`). Kept apart from the
 * checker, so the language server's connection thread can offer "disable this rule"
 * without loading the rules.
 */
export const DIRECTIVE_PREFIX = 'committee-report-';

/** The comment that disables a rule on one line, for the quick fix. */
export function disableLineComment(ruleId: string): string {
  return ` <!-- ${DIRECTIVE_PREFIX}disable-line ${ruleId} -->`;
}

/**
 * The edit that silences a rule on one line, placed so the draft still parses the same:
 * a heading gets `disable-next-line` on its own line above it (a comment inside a heading
 * would change its wording), a front-matter line gets a YAML comment, the front matter's
 * fences (where no comment fits) a `disable-file` just after it, any other line a
 * trailing `disable-line`.
 */
export function disableRuleEdit(lineAt: (line: number) => string, lineCount: number, line: number, ruleId: string): { edit: TextEdit; scope: 'line' | 'file' } {
  let fmEnd = -1;
  if (lineCount > 0 && lineAt(0).trimEnd() === '---') {
    for (let i = 1; i < Math.min(lineCount, 500); i++) {
      if (/^(---|\.\.\.)\s*$/.test(lineAt(i))) {
        fmEnd = i;
        break;
      }
    }
  }
  const text = lineAt(line);
  const eol = { line, character: text.length };
  if (fmEnd !== -1 && line <= fmEnd) {
    if (line === 0 || line === fmEnd) {
      const at = { line: fmEnd + 1, character: 0 };
      return { edit: { range: { start: at, end: at }, newText: `<!-- ${DIRECTIVE_PREFIX}disable-file ${ruleId} -->\n` }, scope: 'file' };
    }
    return { edit: { range: { start: eol, end: eol }, newText: ` # <!-- ${DIRECTIVE_PREFIX}disable-line ${ruleId} -->` }, scope: 'line' };
  }
  if (/^ {0,3}#{1,6}(\s|$)/.test(text)) {
    const at = { line, character: 0 };
    return { edit: { range: { start: at, end: at }, newText: `<!-- ${DIRECTIVE_PREFIX}disable-next-line ${ruleId} -->\n` }, scope: 'line' };
  }
  return { edit: { range: { start: eol, end: eol }, newText: disableLineComment(ruleId) }, scope: 'line' };
}
