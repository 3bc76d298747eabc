import { defineRule } from '../rules/define.js';
import { trimEnd } from '../text.js';
import { insertFix, sectionSkeleton, specLabel } from '../rules/util.js';
import type { SectionSpec } from '../templates/schema.js';
import { notNeeded } from '../templates/match.js';

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
          fixes: [insertFix(`Insert "${specLabel(spec, profile)}"`, model, offset, text)],
        });
      }
    };
    visit(profile.sections, templateEnd, -1);
  },
});
