import { defineRule, type RuleContext } from '../rules/define.js';
import type { RelatedLocation } from '../types.js';
import { analyseCrossrefs, crossrefRule, neighbours, type Target } from './analysis.js';
import { describeRef } from './refs.js';

/** "the nearest are 4.2 (line 30) and 4.4 (line 34)", with the same places as related locations. */
export function nearbyNumbers(map: Map<string, Target>, missing: string, what: string): { text: string; related: RelatedLocation[] } {
  const { below, above } = neighbours(map, missing);
  const near = [below, above].filter((t): t is Target => t !== undefined);
  if (near.length === 0) return { text: `the report has no numbered ${what}s`, related: [] };
  const named = near.map((t) => `${t.label} (line ${t.range.start.line + 1})`);
  return {
    text: near.length === 1 ? `the nearest is ${named[0]}` : `the nearest are ${named[0]} and ${named[1]}`,
    related: near.map((t) => ({ range: t.range, message: `${what} ${t.label}` })),
  };
}

export const paragraphReference = defineRule({
  id: 'crossref/paragraph',
  title: 'Reference to a paragraph that is not in the report',
  defaultSeverity: 'warning',
  fixable: false,
  needsProfile: false,
  docs: {
    why: 'Members follow "see paragraph 4.3" in the published pack and quote paragraph numbers in debate. When paragraphs are added, removed or renumbered, references to them go stale and send readers to the wrong place or nowhere. The finding names the paragraph numbers that do exist nearby. References into other documents ("paragraph 3 of Schedule 12A") are not checked.',
    bad: '## 4. Background\n\n4.1 The pilot started in April.\n\n4.2 As set out in paragraph 4.5, three sites took part.',
    good: '## 4. Background\n\n4.1 The pilot started in April.\n\n4.2 As set out in paragraph 4.1, three sites took part.',
  },
  check(ctx) {
    crossrefRule(ctx, () => reportMissingNumbers(ctx, 'paragraph'));
  },
});

/** Reports every paragraph (section) reference that resolves to nothing, with the numbers nearby. */
export function reportMissingNumbers(ctx: RuleContext<unknown>, kind: 'paragraph' | 'section'): void {
  const { model } = ctx;
  const a = analyseCrossrefs(model, ctx.match, ctx.appendixFiles);
  for (const r of a.refs) {
    if (r.ref.kind !== kind) continue;
    r.ref.labels.forEach((l, i) => {
      if (r.hits[i]) return;
      const near = nearbyNumbers(kind === 'paragraph' ? a.paragraphs : a.sections, l.value, kind);
      const what = kind === 'paragraph' ? ` (${describeRef(r.ref)})` : '';
      ctx.report({ message: `There is no ${kind} ${l.written} in this report${what}; ${near.text}.`, range: model.index.range(l.start, l.end), related: near.related });
    });
  }
}
