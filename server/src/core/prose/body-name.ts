import { defineRule } from '../rules/define.js';
import { replaceFix } from '../rules/util.js';
import { eachSegment, type ProseSegment } from './segments.js';
import { anyWrongName, wrongNames } from './bodies.js';

export const bodyName = defineRule({
  id: 'prose/body-name',
  title: 'Name of a public body or statute written wrongly',
  defaultSeverity: 'warning',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'A body or an Act cited by the wrong name reads as careless to the councillors and partners who know it, and a wrong year on an Act cites a law that does not exist: the Department *for* Education (the Department *of* Education is Northern Ireland\'s), the Office *for* National Statistics, the Equality Act 2010, the Children and Families Act 2014. The names are data (`prose/data/bodies.json`); the fix writes the right one.',
    bad: '4.2 Guidance from the Department of Education under the Children and Family Act 2014.',
    good: '4.2 Guidance from the Department for Education under the Children and Families Act 2014.',
  },
  check(ctx) {
    const { model } = ctx;
    const any = anyWrongName();
    const names = wrongNames();
    eachSegment(ctx, check);
    function check(seg: ProseSegment): void {
      if (!any.test(seg.text)) return;
      const seen: [number, number][] = [];
      for (const n of names) {
        n.re.lastIndex = 0;
        for (let m = n.re.exec(seg.text); m; m = n.re.exec(seg.text)) {
          const a = m.index;
          const b = a + m[0].length;
          if (seen.some(([x, y]) => a < y && b > x)) continue;
          seen.push([a, b]);
          const range = model.index.range(seg.start + m.index, seg.start + m.index + m[0].length);
          const fixes = n.right.includes(' or ') ? [] : [replaceFix(`Change to "${n.right}"`, range, n.right, false)];
          ctx.report({
            message: `"${m[0]}" is not the name: write "${n.right}"${n.note ? ` (${n.note})` : ''}.`,
            range,
            fixes,
          });
        }
      }
    }
  },
});
