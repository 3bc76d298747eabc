import { defineRule } from '../rules/define.js';
import { rangeOf, replace, roleFirst, signEntries, type SignLine, templateOrder } from './signoff-model.js';
import type { ReportModel } from '../model.js';
import type { Fix, TextEdit } from '../types.js';

const CANON = { signed: 'Signed', dated: 'Dated' } as const;

/** What is off in one sign line, and the template text for it. */
function lineProblems(l: SignLine): { problems: string[]; start: number; end: number; newValue: string } {
  const problems: string[] = [];
  let start = Number.POSITIVE_INFINITY;
  let end = 0;
  const span = (s: number, e: number): void => {
    start = Math.min(start, s);
    end = Math.max(end, e);
  };
  const canon = CANON[l.kind];
  if (l.label !== canon) {
    problems.push(`label "${l.label}" instead of "${canon}:"`);
    span(l.labelStart, l.labelEnd);
  }
  if (!l.colon) {
    problems.push(`no colon after "${l.label}"`);
    span(l.labelStart, l.labelEnd);
  }
  if (l.valueOnNextLine) {
    problems.push('the value is on the next line');
    span(l.labelStart, l.labelEnd);
  }
  let newValue = l.value;
  if (l.signed && roleFirst(l.signed)) {
    problems.push('role before name');
    span(l.valueStart, l.valueEnd);
    newValue = templateOrder(l.signed) ?? l.value;
  } else if (l.signed?.dash) {
    problems.push('name and role separated by a dash instead of a comma');
    span(l.valueStart, l.valueEnd);
    newValue = templateOrder(l.signed) ?? l.value;
  }
  return { problems, start, end, newValue };
}

function labelText(l: SignLine): string {
  const b = l.bold;
  return `${b}${CANON[l.kind]}:${b}`;
}

/** Deletes a line (or its own paragraph) and the blank lines after it. */
function deleteLine(model: ReportModel, start: number, end: number): TextEdit {
  let e = end;
  while (e < model.text.length && /\s/.test(model.text[e]!)) e++;
  return replace(model, start, e, '');
}

export const signoffLayout = defineRule({
  id: 'signoff/layout',
  title: 'Sign-off not in the template layout',
  defaultSeverity: 'warning',
  fixable: true,
  docs: {
    why: 'The template sign-off is two lines, "Signed: Name, Role[, Ext nn nnnn]" and "Dated: d Month yyyy". Democratic services, the export and the checks on dates all read that layout; variants ("Date:", a missing colon, the date on the next line, the role before the name, a name line without "Signed:") are easy to miss or misread. Where the template text is certain the fix rewrites the line.',
    bad: 'Signed: Equalities Officer, Surinder Singh, Ext 37 4148\n\nDate 5 February 2026',
    good: 'Signed: Surinder Singh, Equalities Officer, Ext 37 4148\n\nDated: 5 February 2026',
  },
  check(ctx) {
    const { model, match } = ctx;
    if (!match) return;
    for (const [, e] of signEntries(model, match)) {
      if (e.legacy && e.signed) {
        const s = e.signed;
        const bare = e.legacy;
        const value = templateOrder(bare.value) ?? bare.text;
        const sameBlock = bare.block === s.block;
        const fixes: Fix[] = [
          {
            title: `Write "Signed: ${value}"`,
            edits: [
              sameBlock ? replace(model, bare.start, s.lineStart, '') : deleteLine(model, bare.block.start, bare.block.end),
              replace(model, s.labelStart, Math.max(s.valueEnd, s.labelEnd), `${labelText(s)} ${value}`),
            ],
            safe: false,
          },
        ];
        ctx.report({
          message: `Sign-off split over two lines: "${bare.text}" above "${model.text.slice(s.labelStart, s.valueEnd)}". The template writes one line: "Signed: ${value}".`,
          range: rangeOf(model, s.labelStart, Math.max(s.valueEnd, s.labelEnd)),
          fixes,
          related: [{ range: rangeOf(model, bare.start, bare.end), message: 'name and role written here' }],
        });
        if (e.dated) reportLine(e.dated);
        continue;
      }
      if (e.bare) {
        const v = e.bare.value;
        const value = templateOrder(v) ?? e.bare.text;
        const problems = ['no "Signed:" label'];
        if (roleFirst(v)) problems.push('role before name');
        ctx.report({
          message: `Sign-off line "${e.bare.text}": ${problems.join(', ')}. The template writes "Signed: ${value}".`,
          range: rangeOf(model, e.bare.start, e.bare.end),
          fixes: [{ title: `Write "Signed: ${value}"`, edits: [replace(model, e.bare.start, e.bare.end, `Signed: ${value}`)], safe: false }],
        });
      }
      if (e.signed) reportLine(e.signed);
      if (e.dated) reportLine(e.dated);
    }

    function reportLine(l: SignLine): void {
      const { problems, start, end, newValue } = lineProblems(l);
      if (problems.length === 0) return;
      const newText = newValue ? `${labelText(l)} ${newValue}` : labelText(l);
      const shown = l.value ? `${CANON[l.kind]}: ${newValue}` : `${CANON[l.kind]}:`;
      ctx.report({
        message: `Sign-off line "${model.text.slice(l.labelStart, l.valueOnNextLine ? l.labelEnd : Math.max(l.valueEnd, l.labelEnd))}": ${problems.join(', ')}. The template writes "${shown}".`,
        range: rangeOf(model, start, end),
        fixes: [{ title: `Write "${shown}"`, edits: [replace(model, l.labelStart, Math.max(l.valueEnd, l.labelEnd), newText)], safe: true }],
      });
    }
  },
});
