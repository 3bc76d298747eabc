import { defineRule } from '../rules/define.js';
import { insertFix, isEmptySection, sectionLabel } from '../rules/util.js';
import { implicationsBlocks, isTemplateLeftover } from '../signoffs/signoff-model.js';

export const emptySection = defineRule({
  id: 'structure/empty-section',
  title: 'Required section has no content',
  defaultSeverity: 'error',
  fixable: true,
  docs: {
    why: 'A template section left empty reads as an oversight. Where there is nothing to say, the council expects "None." or "n/a" rather than a bare heading. A paragraph number with nothing after it ("1.1") is empty, and so is an implications block that holds only its sign-off.',
    bad: '## 7. Summary of appendices\n\n## 8. Is this a private report ...',
    good: '## 7. Summary of appendices\n\nNone.\n\n## 8. Is this a private report ...',
  },
  check(ctx) {
    const { match, profile, model } = ctx;
    if (!match || !profile) return;
    // Implications blocks that hold a sign-off and nothing else: the sign-off clears no text.
    const signOnly = new Set(implicationsBlocks(model, match).flatMap((b) => (!b.hasText && !isTemplateLeftover(b) && b.section.children.every(isEmptySection) ? [b.section] : [])));
    for (const m of match.matches) {
      if (m.spec.allowEmpty || m.spec.kind === 'question') continue;
      if (!isEmptySection(m.section) && !signOnly.has(m.section)) continue;
      const fixes = m.spec.body
        ? [insertFix(`Insert "${m.spec.body.trim()}"`, model, m.section.heading.range.end.line + 1 < model.index.lineCount ? model.index.lineEnd(m.section.heading.range.end.line) : model.text.length, `\n\n${m.spec.body.trim()}`, false)]
        : [];
      ctx.report({
        message: `Section ${sectionLabel(m.section, m.spec, profile)} is empty; write its content, or "None." if there is nothing to report.`,
        range: m.section.heading.range,
        fixes,
      });
    }
  },
});
