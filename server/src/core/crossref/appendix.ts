import { defineRule } from '../rules/define.js';
import { analyseCrossrefs, crossrefRule, type AppendixTarget } from './analysis.js';

/** `Appendix A (line 120)`, `Appendix 2 (file report.appendix-2.pdf)`, `the appendix "Action plan" (line 134)`. */
export function describeAppendix(x: AppendixTarget, capital = false): string {
  const name = x.label ? `Appendix ${/^\d/.test(x.label) ? x.label : x.label.toUpperCase()}` : `${capital ? 'The' : 'the'} appendix "${x.title || 'untitled'}"`;
  return x.file ? `${name} (file ${x.file})` : `${name} (line ${x.range!.start.line + 1})`;
}

export const appendixReference = defineRule({
  id: 'crossref/appendix',
  title: 'Reference to an appendix that is not attached',
  defaultSeverity: 'warning',
  fixable: false,
  needsProfile: false,
  docs: {
    why: 'Readers turn to "Appendix B" in the agenda pack; if it is not attached, or is attached under another letter, they cannot find it. An appendix is a `# Appendix B` section at the end of the report, or a file beside the report named `<report>.appendix-B.<ext>` (for a spreadsheet or a PDF).',
    bad: '## 3. Detailed report\n\n3.1 The action plan is in Appendix B.\n\n# Appendix A: Consultation responses',
    good: '## 3. Detailed report\n\n3.1 The action plan is in Appendix B.\n\n# Appendix A: Consultation responses\n\n# Appendix B: Action plan',
  },
  check(ctx) {
    crossrefRule(ctx, () => {
      const { model } = ctx;
      const a = analyseCrossrefs(model, ctx.match, ctx.appendixFiles);
      for (const r of a.refs) {
        if (r.ref.kind !== 'appendix') continue;
        r.ref.labels.forEach((l, i) => {
          if (r.hits[i]) return;
          const have = a.appendices.map((x) => describeAppendix(x));
          const label = /^\d/.test(l.value) ? l.value : l.value.toUpperCase();
          const message =
            have.length === 0
              ? `Appendix ${l.written} is not attached: this report has no appendices. Add a "# Appendix ${label}" section at the end, or put the file beside the report as <report>.appendix-${label}.<ext>.`
              : `Appendix ${l.written} is not attached; the report has ${have.length === 1 ? have[0] : `${have.slice(0, -1).join(', ')} and ${have[have.length - 1]}`}.`;
          ctx.report({
            message,
            range: model.index.range(l.start, l.end),
            related: a.appendices.filter((x) => x.range).map((x) => ({ range: x.range!, message: describeAppendix(x) })),
          });
        });
      }
    });
  },
});
