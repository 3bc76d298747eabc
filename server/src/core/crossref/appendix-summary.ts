import { defineRule } from '../rules/define.js';
import { analyseCrossrefs, crossrefRule } from './analysis.js';
import { demotedAppendix, describeAppendix } from './appendix.js';
import { checkSummary } from './summary.js';

export const appendixSummary = defineRule({
  id: 'crossref/appendix-summary',
  title: 'Summary of appendices disagrees with the appendices',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    why: 'The "Summary of appendices" tells members what is attached. It must list every appendix the report has or refers to, and nothing that is not attached: an appendix listed but missing from the pack, or attached but not listed, is a common reason for a report to be sent back. An appendix is a `# Appendix X` section at the end of the report or a file beside it named `<report>.appendix-X.<ext>`.',
    bad: '## 7. Summary of appendices:\n\nAppendix A - Action plan\n\nAppendix B - Consultation responses\n\n# Appendix A: Action plan',
    good: '## 7. Summary of appendices:\n\nAppendix A - Action plan\n\nAppendix B - Consultation responses\n\n# Appendix A: Action plan\n\n# Appendix B: Consultation responses',
  },
  check(ctx) {
    crossrefRule(ctx, () => {
      const { model } = ctx;
      const a = analyseCrossrefs(model, ctx.match, ctx.appendixFiles);
      const c = checkSummary(model, a);
      if (!c || !a.summary) return;
      const heading = a.summary.heading.textRange;
      for (const e of c.absent) {
        const name = e.label ? `Appendix ${e.written}${e.title ? ` ("${e.title}")` : ''}` : `"${e.title}"`;
        const demoted = e.label ? demotedAppendix(model, a, e.label) : undefined;
        if (demoted) {
          ctx.report({ message: `${name} is listed but not attached: ${demoted.note}.`, range: e.range, related: [demoted.related], fixes: demoted.fixes });
          continue;
        }
        ctx.report({
          message: `${name} is listed but not attached: there is no ${e.label ? `"# Appendix ${e.written}" section` : 'matching "# Appendix" section'} in the report and no ${e.label ? `<report>.appendix-${e.written}.<ext>` : 'appendix'} file beside it.`,
          range: e.range,
        });
      }
      for (const x of c.unlisted) {
        ctx.report({
          message: `${describeAppendix(x, true)} is attached but not listed in the Summary of appendices.`,
          range: heading,
          ...(x.range ? { related: [{ range: x.range, message: describeAppendix(x) }] } : {}),
        });
      }
      for (const r of c.referred) {
        const demoted = demotedAppendix(model, a, r.label);
        if (demoted) {
          ctx.report({ message: `Appendix ${r.written} is referred to (line ${r.range.start.line + 1}) but neither listed in the Summary of appendices nor attached: ${demoted.note}.`, range: heading, related: [{ range: r.range, message: `Appendix ${r.written}` }, demoted.related], fixes: demoted.fixes });
          continue;
        }
        ctx.report({
          message: `Appendix ${r.written} is referred to (line ${r.range.start.line + 1}) but neither listed in the Summary of appendices nor attached.`,
          range: heading,
          related: [{ range: r.range, message: `Appendix ${r.written}` }],
        });
      }
    });
  },
});
