import { checkReport } from '../../server/src/core/check.js';
import type { Section } from '../../server/src/core/model.js';

const TODAY = '2026-02-20';

/** What a round trip must keep: the report's shape and what the checker says about it. */
export function summary(text: string): object {
  const result = checkReport(text, { today: TODAY });
  const model = result.model!;
  const sections = (list: Section[]): object[] => list.map((s) => ({ level: s.level, number: s.heading.number, title: s.heading.title, children: sections(s.children) }));
  return {
    template: result.profile?.id,
    frontMatter: model.frontMatter.entries.map((e) => [e.key, text.slice(e.valueStart, e.valueEnd).trim()]),
    title: model.title?.text,
    sections: sections(model.sections),
    numbers: model.blocks.filter((b) => b.number).map((b) => b.number!.value),
    signoffs: model.signoffs.map((s) => [s.section.heading.text, s.signed?.value, s.dated?.value]),
    // Positions aside: a message that cites a line number cites the draft's line.
    findings: result.findings.map((f) => `${f.severity} ${f.ruleId}: ${f.message.replace(/\bline \d+/g, 'line N')}`).sort(),
  };
}

