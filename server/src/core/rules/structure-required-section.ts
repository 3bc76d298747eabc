import { defineRule } from './define.js';
import { trimEnd } from '../text.js';
import type { Root } from 'mdast';
import { insertFix, sectionSkeleton, specLabel } from './util.js';
import { walkTree } from '../walk.js';
import type { SectionSpec } from '../templates/schema.js';

export const requiredSection = defineRule({
  id: 'structure/required-section',
  title: 'Required template section is missing',
  defaultSeverity: 'error',
  fixable: true,
  docs: {
    why: 'Governance staff return any report that leaves out a section of the council template. The finding points where the section belongs and the fix inserts its heading.',
    bad: '## 5.4 Climate Emergency implications\n...\n## 6. Background information and other papers',
    good: '## 5.4 Climate Emergency implications\n...\n### 5.5 Other implications\n\nNone.\n\n## 6. Background information and other papers',
  },
  check(ctx) {
    const { match, model, profile } = ctx;
    if (!match || !profile) return;
    const templateEnd = trimEnd(model.text, model.appendixStart);
    const visit = (specs: SectionSpec[], parentEnd: number, parentStart: number): void => {
      for (let i = 0; i < specs.length; i++) {
        const spec = specs[i]!;
        const found = match.bySpec.get(spec.id);
        if (found) {
          visit(spec.children, found.section.end, found.section.start);
          continue;
        }
        if (!spec.required) continue;
        // Where it belongs: after the previous matched sibling, else before the next one.
        let offset = -1;
        let where = '';
        let anchorRange;
        for (let j = i - 1; j >= 0; j--) {
          const prev = match.bySpec.get(specs[j]!.id);
          if (prev) {
            offset = prev.section.end;
            where = `after "${prev.section.heading.text.trim()}"`;
            anchorRange = prev.section.heading.range;
            break;
          }
        }
        let insertBefore = false;
        if (offset === -1) {
          for (let j = i + 1; j < specs.length; j++) {
            const next = match.bySpec.get(specs[j]!.id);
            if (next) {
              offset = next.section.start;
              where = `before "${next.section.heading.text.trim()}"`;
              anchorRange = next.section.heading.range;
              insertBefore = true;
              break;
            }
          }
        }
        if (offset === -1) {
          offset = parentEnd;
          where = parentStart >= 0 ? 'at the end of its parent section' : 'at the end of the report';
          anchorRange = parentStart >= 0 ? model.index.range(parentStart, parentStart) : model.title?.range ?? model.index.range(0, 0);
        }
        const skeleton = sectionSkeleton(spec, profile);
        const text = insertBefore ? `${skeleton}\n\n` : `\n\n${skeleton}`;
        ctx.report({
          message: `Required section "${specLabel(spec, profile)}" is missing; it belongs ${where}.`,
          range: anchorRange!,
          // Safe only where the heading will be read as one: not at the end of code or HTML
          // (an unclosed fence or HTML block would take it in, and --fix would add it again).
          fixes: [insertFix(`Insert "${specLabel(spec, profile)}"`, model, offset, text, !endsInsideCodeOrHtml(model.text, model.tree, offset))],
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
 * inserts first.)
 */
function endsInsideCodeOrHtml(text: string, tree: Root, offset: number): boolean {
  let inside = false;
  walkTree<true>(tree, true, (node) => {
    const s = node.position?.start.offset ?? 0;
    const e = node.position?.end.offset ?? 0;
    if (node.type !== 'root' && (offset < s || offset > e)) return false;
    const source = text.slice(s, e);
    if (node.type === 'code') {
      const fence = /^ {0,3}(`{3,}|~{3,})/.exec(source);
      if (fence) {
        const lines = source.split('\n');
        const last = lines[lines.length - 1]!.trim();
        const closed = lines.length > 1 && last.length >= fence[1]!.length && [...last].every((c) => c === fence[1]![0]);
        if (!closed) inside = true;
      }
    }
    if (node.type === 'html') {
      for (const [open, close] of CLOSERS) if (open.test(source) && !close.test(source.slice(source.search(/>|\n/) + 1))) inside = true;
    }
    return true;
  });
  return inside;
}
