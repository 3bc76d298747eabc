import { defineRule } from '../rules/define.js';
import { replaceFix } from '../rules/util.js';
import { canonicalHeading } from '../templates/loader.js';
import type { SectionMatch } from '../templates/match.js';

export const headingWording = defineRule({
  id: 'structure/heading-wording',
  title: 'Section heading is not the template wording',
  defaultSeverity: 'warning',
  fixable: true,
  docs: {
    why: 'Each template section has fixed wording and numbering that governance staff check word for word (e.g. "Climate Emergency", not "Climate Change"). Near misses are corrected to the exact wording (on save and by `--fix` only when the heading already has the template\'s number: a different number may mean the section stands out of order, which the officer decides), and so is a shortened heading ("Circulation" for "Circulation under the Local Issues Alert Procedure") that stands where the template section belongs. Headings misnumbered in a run (one numbered one too high and the rest following it) are one finding, on the first, whose fix renumbers the run.',
    bad: '### 4.3 Climate Change implications',
    good: '### 4.4 Climate Emergency implications',
  },
  check(ctx) {
    const { match, profile, model } = ctx;
    if (!match || !profile) return;
    /** Where the heading's own number is written (to point at it, not at the whole heading). */
    const numberRange = (h: SectionMatch['section']['heading']) => {
      const at = h.number ? h.text.indexOf(h.number) : -1;
      return at < 0 ? h.textRange : model.index.range(h.textStart + at, h.textStart + at + h.number!.length);
    };
    const numberOnly = (m: SectionMatch): boolean =>
      profile.numberedHeadings && m.spec.number !== undefined && m.section.heading.number !== m.spec.number && (m.wording === 'style' || m.wording === 'exact' || m.wording === 'alias');
    const renumbered = (m: SectionMatch): string => {
      const h = m.section.heading;
      return m.wording === 'alias' ? (m.spec.number && profile.numberedHeadings ? `${m.spec.number}${m.spec.level <= 2 ? '.' : ''} ${h.title}` : h.title) : canonicalHeading(m.spec, profile);
    };
    const matches = match.matches;
    for (let i = 0; i < matches.length; i++) {
      const m = matches[i]!;
      const h = m.section.heading;
      const expected = canonicalHeading(m.spec, profile);
      if (m.wording === 'near' || m.wording === 'shortened') {
        const what =
          m.wording === 'shortened'
            ? `stands where the template's "${expected}" belongs and is part of its wording: write the template's heading`
            : `should read "${expected}"`;
        // The template's words are certain; its number is not when the officer wrote another:
        // the section may stand where the officer meant it, out of template order ("4.3
        // Climate Change implications" before the equalities block), and renumbering it
        // would be a guess. Then the fix is offered, not applied by --fix or on save.
        const ownNumber = profile.numberedHeadings && h.number !== undefined && m.spec.number !== undefined && h.number !== m.spec.number;
        ctx.report({
          message: `Heading "${h.text.trim()}" ${what} (template ${profile.id}).`,
          range: h.textRange,
          fixes: [replaceFix(`Change heading to "${expected}"`, h.textRange, expected, !ownNumber)],
        });
        continue;
      }
      if (!numberOnly(m)) continue;
      // One cause, one finding: the headings that follow with wrong numbers (a run, as when
      // one heading is numbered one too high and the rest follow it) are renumbered together,
      // parents with their children.
      let j = i;
      while (j + 1 < matches.length && numberOnly(matches[j + 1]!)) j++;
      const run = matches.slice(i, j + 1);
      const others = run.length - 1;
      ctx.report({
        message:
          `Heading "${h.text.trim()}" should be numbered ${m.spec.number} (template ${profile.id})` +
          (others > 0 ? `; the ${others} heading${others === 1 ? '' : 's'} after it ${others === 1 ? 'is' : 'are'} misnumbered in the same way (up to "${run[others]!.section.heading.text.trim()}").` : '.'),
        range: numberRange(h),
        fixes: [
          {
            title: others > 0 ? `Renumber "${h.text.trim()}" and the ${others} heading${others === 1 ? '' : 's'} after it` : `Change heading to "${renumbered(m)}"`,
            edits: run.map((r) => ({ range: r.section.heading.textRange, newText: renumbered(r) })),
            safe: true,
          },
        ],
      });
      i = j;
    }
  },
});
