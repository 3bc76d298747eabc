import { defineRule } from '../rules/define.js';
import { eachSegment, type ProseSegment } from './segments.js';

/** Two amounts or two percentages side by side with nothing between: an old and a new value both left in. */
const SIDE_BY_SIDE = /(?<![\p{L}\p{N}.,])(£\d[\d,]*(?:\.\d+)?(?:k|m|bn|K|M)?|\d[\d,]*(?:\.\d+)?%)[ \t]+(£?\d[\d,]*(?:\.\d+)?(?:k|m|bn|K|M)?%?)(?![\p{L}\p{N}/%£-])/gu;

export const trackedChange = defineRule({
  id: 'prose/tracked-change',
  title: 'Two values side by side (a tracked change left in)',
  defaultSeverity: 'warning',
  fixable: false,
  needsProfile: false,
  docs: {
    why: 'When tracked changes are accepted badly, the old value and the new one both stay: "a budget of £250 300K". The reader cannot tell which is right. Keep the right one.',
    bad: '4.1 The pilot has a budget of £250 300K for 2026/27.',
    good: '4.1 The pilot has a budget of £300K for 2026/27.',
  },
  check(ctx) {
    const { model } = ctx;
    eachSegment(ctx, check);
    function check(seg: ProseSegment): void {
      if (seg.kind === 'table') return;
      SIDE_BY_SIDE.lastIndex = 0;
      for (let m = SIDE_BY_SIDE.exec(seg.text); m; m = SIDE_BY_SIDE.exec(seg.text)) {
        const a = m[1]!;
        const b = m[2]!;
        // A percentage then a plain number, or a sum then a year, is two facts ("12% 2024"): only like with like.
        if (a.endsWith('%') !== b.endsWith('%')) continue;
        if (!a.endsWith('%') && !b.startsWith('£') && !/[kmbKM]$/.test(b) && !/[kmbKM]$/.test(a)) continue;
        ctx.report({
          message: `"${m[0]}": two values side by side; keep the right one (a tracked change left in?).`,
          range: model.index.range(seg.start + m.index, seg.start + m.index + m[0].length),
        });
      }
    }
  },
});
