import { closest } from 'fastest-levenshtein';
import { defineRule } from '../rules/define.js';
import { entryText } from '../frontmatter.js';
import { replaceFix } from '../rules/util.js';

/** Same words, any case and spacing: "CHILDREN AND FAMILIES ..." is the committee's name in capitals. */
export function sameCommittee(a: string, b: string): boolean {
  const n = (s: string): string => s.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[^a-z0-9']+/g, ' ').trim();
  return n(a) === n(b);
}

export const unknownCommittee = defineRule({
  id: 'pack/unknown-committee',
  title: 'Committee is not one the council has',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    why: "The committee line says where the report is decided or scrutinised, and it goes on the agenda and in the minutes. A committee written from memory (\"Children and Young People's Scrutiny Commission\"), abbreviated (\"CYPE Scrutiny Commission\") or renamed since is a different body on paper. The council's committees are listed in its template profile (`committees`); capitals are accepted.",
    bad: '---\ntemplate: leicester-city/scrutiny\ncommittee: CYPE Scrutiny Commission\n---',
    good: '---\ntemplate: leicester-city/scrutiny\ncommittee: Children, Young People and Education Scrutiny Commission\n---',
  },
  check(ctx) {
    const { model, profile } = ctx;
    const committees = profile?.committees ?? [];
    if (committees.length === 0) return;
    const e = model.frontMatter.byKey.get('committee');
    const value = entryText(e);
    if (!e || !value) return;
    if (committees.some((c) => sameCommittee(c, value))) return;
    const near = closest(value.toLowerCase(), committees.map((c) => c.toLowerCase()));
    const suggestion = committees.find((c) => c.toLowerCase() === near)!;
    ctx.report({
      message: `"${value}" is not a committee of ${profile!.council}; its committees are ${committees.map((c) => `"${c}"`).join(', ')}.`,
      range: e.valueRange,
      fixes: [replaceFix(`Change to "${suggestion}"`, e.valueRange, suggestion, false)],
    });
  },
});
