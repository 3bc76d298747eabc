import { defineRule } from '../rules/define.js';
import type { SectionMatch } from '../templates/match.js';
import type { SectionSpec } from '../templates/schema.js';

/** Longest increasing subsequence of template positions: the sections in order. */
function inOrder(seq: number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < seq[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let k = tails.length ? tails[tails.length - 1]! : -1; k !== -1; k = prev[k]!) keep.add(k);
  return keep;
}

/** Each template section's place in the template's order, once per template (the match's `order` is shared by every report on the profile). */
const positions = new WeakMap<readonly SectionSpec[], Map<string, number>>();

/** Position tables built (tests). */
export const sectionOrderStats = { positions: 0 };

function positionsOf(order: readonly SectionSpec[]): Map<string, number> {
  let pos = positions.get(order);
  if (!pos) {
    sectionOrderStats.positions++;
    positions.set(order, (pos = new Map(order.map((s, i) => [s.id, i]))));
  }
  return pos;
}

export const sectionOrder = defineRule({
  id: 'structure/section-order',
  title: 'Template section out of order',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    why: 'Committee members read every report in the same order; a section out of place is sent back. The finding names the section it should follow.',
    bad: '## Circulation under the Local Issues Alert Procedure\n...\n## Background Papers',
    good: '## Background Papers\n...\n## Circulation under the Local Issues Alert Procedure',
  },
  check(ctx) {
    const { match } = ctx;
    if (!match) return;
    const pos = positionsOf(match.order);
    // Compare siblings: group matches by their parent section.
    const groups = new Map<unknown, SectionMatch[]>();
    for (const m of match.matches) {
      const key = m.section.level === 2 ? 'top' : (m.section.parent ?? 'top');
      const g = groups.get(key) ?? [];
      g.push(m);
      groups.set(key, g);
    }
    for (const group of groups.values()) {
      const seq = group.map((m) => pos.get(m.spec.id)!);
      const keep = inOrder(seq);
      group.forEach((m, i) => {
        if (keep.has(i)) return;
        // The nearest in-order section that should come before it.
        let after: SectionMatch | undefined;
        for (let j = 0; j < group.length; j++) {
          if (keep.has(j) && seq[j]! < seq[i]! && (!after || seq[j]! > pos.get(after.spec.id)!)) after = group[j];
        }
        const hint = after ? `it belongs after "${after.section.heading.text.trim()}"` : 'it belongs before the sections above it';
        ctx.report({
          message: `Section "${m.section.heading.text.trim()}" is out of template order: ${hint}.`,
          range: m.section.heading.range,
          ...(after ? { related: [{ range: after.section.heading.range, message: 'should come after this section' }] } : {}),
        });
      });
    }
  },
});
