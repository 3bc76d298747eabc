import { defineRule } from '../rules/define.js';
import { analyseNumbering, hasTrailingDot, type NumEntry } from './numbering-model.js';
import type { TextEdit } from '../types.js';

export const numberingStyle = defineRule({
  id: 'numbering/style',
  title: 'Paragraph numbers written in two styles',
  defaultSeverity: 'info',
  fixable: true,
  docs: {
    why: 'The City template accepts "4.1" and "4.1." alike, but one report should use one of them: a section that switches style looks pasted in from another document. The report\'s own majority style (counted per section) is the reference; the fix rewrites the odd section to it.',
    bad: '## 1. Summary\n\n1.1 The plan was agreed in May.\n\n## 2. Recommended actions/decision\n\n2.1. To note the report.',
    good: '## 1. Summary\n\n1.1 The plan was agreed in May.\n\n## 2. Recommended actions/decision\n\n2.1 To note the report.',
  },
  check(ctx) {
    const { model, profile, match } = ctx;
    if (!profile || profile.numbering !== 'by-section') return;
    const a = analyseNumbering(model, profile, match);
    const byScope = new Map<number, NumEntry[]>();
    for (const e of a.entries) {
      if (e.num.listMarker) continue;
      const list = byScope.get(e.scope) ?? [];
      list.push(e);
      byScope.set(e.scope, list);
    }
    // Each section votes with its own majority style; ties go to the first one written.
    let dotVotes = 0;
    let plainVotes = 0;
    let firstStyle: boolean | undefined;
    for (const list of byScope.values()) {
      const dots = list.filter((e) => hasTrailingDot(e.num)).length;
      const style = dots * 2 === list.length ? hasTrailingDot(list[0]!.num) : dots * 2 > list.length;
      firstStyle ??= style;
      if (style) dotVotes++;
      else plainVotes++;
    }
    if (firstStyle === undefined) return;
    const dot = dotVotes === plainVotes ? firstStyle : dotVotes > plainVotes;
    const example = (e: NumEntry): string => (dot ? `${e.num.value}.` : e.num.value);
    for (const list of byScope.values()) {
      const odd = list.filter((e) => hasTrailingDot(e.num) !== dot);
      if (odd.length === 0) continue;
      const first = odd[0]!;
      const written = model.text.slice(first.num.start, first.num.end);
      const whole = odd.length === list.length;
      const section = first.section.parent && first.section.level > 2 ? first.section.parent : first.section;
      const message = whole
        ? `Section "${section.heading.text.trim()}" writes paragraph numbers as "${written}"; the rest of the report writes them as "${example(first)}".`
        : `Paragraph number "${written}" is written differently from the others in this report ("${example(first)}").`;
      const edits: TextEdit[] = odd.map((e) => ({ range: e.num.range, newText: dot ? `${e.num.value}.` : e.num.value }));
      ctx.report({
        message,
        range: first.num.range,
        fixes: [{ title: odd.length === 1 ? `Write "${example(first)}"` : `Write the ${odd.length} numbers of this section as "${example(first)}"`, edits, safe: true }],
        related: odd.slice(1, 20).map((e) => ({ range: e.num.range, message: `also "${model.text.slice(e.num.start, e.num.end)}"` })),
      });
    }
  },
});
