import { defineRule } from '../rules/define.js';
import type { ReportModel } from '../model.js';
import type { Fix, RelatedLocation } from '../types.js';
import { analyseCrossrefs, crossrefRule, type AppendixTarget, type CrossrefAnalysis } from './analysis.js';

/** `Appendix A (line 120)`, `Appendix 2 (file report.appendix-2.pdf)`, `the appendix "Action plan" (line 134)`. */
export function describeAppendix(x: AppendixTarget, capital = false): string {
  const name = x.label ? `Appendix ${/^\d/.test(x.label) ? x.label : x.label.toUpperCase()}` : `${capital ? 'The' : 'the'} appendix "${x.title || 'untitled'}"`;
  return x.file ? `${name} (file ${x.file})` : `${name} (line ${x.range!.start.line + 1})`;
}

/**
 * For an appendix found missing whose heading is there below level one ("## Appendix A"):
 * what to say, where the heading is, and the fix that makes it a level-one heading (for
 * `#` headings only; the officer decides, so never safe). Undefined when there is none.
 */
export function demotedAppendix(model: ReportModel, a: CrossrefAnalysis, label: string): { note: string; related: RelatedLocation; fixes: Fix[] } | undefined {
  const d = a.demoted.find((x) => x.label === label);
  if (!d?.section) return undefined;
  const h = d.section.heading;
  const marks = model.text.slice(d.section.start, h.textStart);
  const line = h.range.start.line + 1;
  const fixes: Fix[] = /^#{2,6}[ \t]+$/.test(marks)
    ? [{ title: `Make "${h.text}" a level-one heading`, edits: [{ range: model.index.range(d.section.start, h.textStart), newText: '# ' }], safe: false }]
    : [];
  return {
    note: `its heading "${h.text}" (line ${line}) is a level-${h.depth} heading, which reads as part of the report; an appendix starts at a level-one heading ("# ${h.text}")`,
    related: { range: h.textRange, message: `level-${h.depth} heading "${h.text}"` },
    fixes,
  };
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
          const demoted = demotedAppendix(model, a, l.value);
          if (demoted) {
            ctx.report({ message: `Appendix ${l.written} is not attached: ${demoted.note}.`, range: model.index.range(l.start, l.end), related: [demoted.related], fixes: demoted.fixes });
            return;
          }
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
