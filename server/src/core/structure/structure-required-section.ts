import { defineRule } from '../rules/define.js';
import { trimEnd } from '../text.js';
import { insertFix, sectionSkeleton, skeletonFilling, specLabel } from '../rules/util.js';
import { nodesAt } from '../walk.js';
import type { SectionSpec } from '../templates/schema.js';
import { notNeeded } from '../templates/match.js';
import { unitsAt, type ReportModel } from '../model.js';
import type { Range } from '../types.js';

/**
 * The line where a missing section goes: the blank line after `offset` when the section
 * follows another (else the end of that line), or the start of the line it goes
 * in front of.
 */
function insertionRange(model: ReportModel, offset: number, before: boolean): Range {
  const pos = model.index.positionAt(offset);
  if (before) return { start: { line: pos.line, character: 0 }, end: { line: pos.line, character: 0 } };
  const next = pos.line + 1;
  // Not the empty "line" after the text's last newline: at the end, the end of the last line.
  if (next < model.index.lineCount - 1 && model.index.lineText(next).trim() === '') return { start: { line: next, character: 0 }, end: { line: next, character: 0 } };
  return { start: pos, end: pos };
}

export const requiredSection = defineRule({
  id: 'structure/required-section',
  title: 'Required template section is missing',
  defaultSeverity: 'error',
  fixable: true,
  docs: {
    why: 'Governance staff return any report that leaves out a section of the council template. The finding points where the section belongs. The safe fix (applied by `--fix` and on save) inserts the heading, with the headings of its required sub-sections, and nothing else: what goes under it is the officer\'s to write. A second quick fix, never applied on its own, also inserts the template\'s suggested text ("None.", "No") and empty "Signed:" and "Dated:" lines where a sign-off is needed, for the officer to confirm or replace.',
    bad: '## 5.4 Climate Emergency implications\n...\n## 6. Background information and other papers',
    good: '## 5.4 Climate Emergency implications\n...\n### 5.5 Other implications\n\nNone.\n\n## 6. Background information and other papers',
  },
  check(ctx) {
    const { match, model, profile } = ctx;
    if (!match || !profile) return;
    const templateEnd = trimEnd(model.text, model.appendixStart);
    // A variant of the form: a section the report has may stand for others ("3. Detailed Report").
    const replaced = notNeeded(match);
    const visit = (specs: SectionSpec[], parentEnd: number, parentStart: number): void => {
      for (let i = 0; i < specs.length; i++) {
        const spec = specs[i]!;
        const found = match.bySpec.get(spec.id);
        if (found) {
          visit(spec.children, found.section.end, found.section.start);
          continue;
        }
        if (!spec.required || replaced.has(spec.id)) continue;
        // Where it belongs: after the previous matched sibling, else before the next one.
        const near = (from: number, step: number) => {
          for (let j = from; j >= 0 && j < specs.length; j += step) {
            const m = match.bySpec.get(specs[j]!.id);
            if (m) return m;
          }
          return undefined;
        };
        const prev = near(i - 1, -1);
        const next = near(i + 1, 1);
        const quote = (m: NonNullable<typeof prev>): string => `"${m.section.heading.text.trim()}"`;
        let offset: number;
        let insertBefore = false;
        if (prev) offset = prev.section.end;
        else if (next) {
          offset = next.section.start;
          insertBefore = true;
        } else offset = parentEnd;
        const where =
          prev && next
            ? `between ${quote(prev)} and ${quote(next)}`
            : prev
              ? `after ${quote(prev)}`
              : next
                ? `before ${quote(next)}`
                : parentStart >= 0
                  ? 'at the end of its parent section'
                  : 'at the end of the report';
        const around = (skeleton: string): string => (insertBefore ? `${skeleton}\n\n` : `\n\n${skeleton}`);
        const label = specLabel(spec, profile);
        // Safe only where the heading will be read as one: not at the end of code or HTML
        // (an unclosed fence or HTML block would take it in, and --fix would add it again).
        const fixes = [insertFix(`Insert "${label}"`, model, offset, around(sectionSkeleton(spec, profile)), !endsInsideCodeOrHtml(model, offset))];
        // The template's suggested text ("None.") and sign-off lines state what only the
        // officer can say: offered, never applied by --fix or on save.
        const filling = skeletonFilling(spec);
        if (filling.length > 0) {
          const shown = filling.map((t) => `"${t.length > 40 ? `${t.slice(0, 39)}…` : t}"`).join(', ');
          fixes.push(insertFix(`Insert "${label}" with the template's suggested text: ${shown}`, model, offset, around(sectionSkeleton(spec, profile, true)), false));
        }
        ctx.report({
          message: `Required section "${specLabel(spec, profile)}" is missing; it belongs ${where}.`,
          // Where the fix puts it: the blank line after the section before it, or the line it goes in front of.
          range: insertionRange(model, offset, insertBefore),
          fixes,
        });
      }
    };
    visit(profile.sections, templateEnd, -1);
  },
});

const CLOSERS: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/**
 * Whether text inserted at `offset` would be taken into a block that runs on: a fenced
 * code block without its closing fence, or an HTML block that ends only at its closing
 * marker (`</pre>`, `-->`) and has none. (Other HTML blocks end at the blank line the fix
 * inserts first.) Only the blocks at `offset` are read: not `model.tree`, whose positions
 * would all be brought up to date on every edit.
 */
function endsInsideCodeOrHtml(model: ReportModel, offset: number): boolean {
  const text = model.text;
  let inside = false;
  for (const unit of unitsAt(model, offset)) nodesAt(unit.node, offset, (node) => {
    if (node.type !== 'code' && node.type !== 'html') return;
    const source = text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
    if (node.type === 'code') {
      const fence = /^ {0,3}(`{3,}|~{3,})/.exec(source);
      if (fence) {
        const lines = source.split('\n');
        const last = lines[lines.length - 1]!.trim();
        const closed = lines.length > 1 && last.length >= fence[1]!.length && [...last].every((c) => c === fence[1]![0]);
        if (!closed) inside = true;
      }
    } else {
      for (const [open, close] of CLOSERS) if (open.test(source) && !close.test(source.slice(source.search(/>|\n/) + 1))) inside = true;
    }
  });
  return inside;
}
