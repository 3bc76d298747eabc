import { defineRule } from '../rules/define.js';
import { blockLabel, implicationsBlocks, isTemplateLeftover, rangeOf, replace, type SignLine } from './signoff-model.js';
import type { ReportModel } from '../model.js';
import type { Fix, TextEdit } from '../types.js';

/**
 * Deletes sign lines: runs of them separated only by blank lines go in one edit, with
 * the blank lines after the run (at the end of the text: the blank lines before it).
 */
function deleteLines(model: ReportModel, lines: SignLine[]): TextEdit[] {
  const text = model.text;
  const edits: TextEdit[] = [];
  let i = 0;
  while (i < lines.length) {
    const start = lines[i]!.lineStart;
    let end = lines[i]!.lineEnd;
    while (i + 1 < lines.length && text.slice(end, lines[i + 1]!.lineStart).trim() === '') end = lines[++i]!.lineEnd;
    i++;
    let e = end;
    while (e < text.length && /\s/.test(text[e]!)) e++;
    if (e < text.length) {
      edits.push(replace(model, start, e, ''));
      continue;
    }
    let s = start;
    while (s > 0 && /\s/.test(text[s - 1]!)) s--;
    edits.push(replace(model, s, text.length, s > 0 ? '\n' : ''));
  }
  return edits;
}

export const signoffEmpty = defineRule({
  id: 'signoff/empty',
  title: 'Empty sign-off lines left from the template',
  defaultSeverity: 'error',
  fixable: true,
  docs: {
    why: 'Blocks such as "Other implications" need no sign-off, but the template prints "Signed:" and "Dated:" there. Left empty in a report that says nothing else in the block, they read as a clearance nobody gave. Delete them, and say "None." when there are no other implications.',
    bad: '### 4.5 Other Implications\n\nSigned:\n\nDated:',
    good: '### 4.5 Other Implications\n\nNone.',
  },
  check(ctx) {
    const { model, match } = ctx;
    if (!match) return;
    for (const b of implicationsBlocks(model, match)) {
      if (!isTemplateLeftover(b)) continue;
      const first = b.lines[0]!;
      const last = b.lines[b.lines.length - 1]!;
      const fixes: Fix[] = [{ title: 'Delete the empty sign-off lines', edits: deleteLines(model, b.lines), safe: false }];
      if (!b.hasText) {
        const body = b.match.spec.body?.trim() || 'None.';
        fixes.push({
          title: `Replace them with "${body}"`,
          edits: [replace(model, first.lineStart, first.lineEnd, body), ...deleteLines(model, b.lines.slice(1))],
          safe: false,
        });
      }
      const labels = b.lines.map((l) => `"${l.label}${l.colon ? ':' : ''}"`).join(' and ');
      ctx.report({
        message: `"${blockLabel(b)}" keeps the template's empty ${labels} line${b.lines.length > 1 ? 's' : ''}; this block needs no sign-off. Delete ${b.lines.length > 1 ? 'them' : 'it'}${b.hasText ? '' : ', and write "None." if there are no other implications'}.`,
        range: rangeOf(model, first.labelStart, last.lineEnd),
        fixes,
      });
    }
  },
});
