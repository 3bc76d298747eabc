import { distance } from 'fastest-levenshtein';
import { defineRule } from '../rules/define.js';
import { replaceFix } from '../rules/util.js';

export const unknownKey = defineRule({
  id: 'metadata/unknown-key',
  title: 'Front-matter key the template does not know',
  defaultSeverity: 'warning',
  fixable: true,
  docs: {
    why: 'A key the template does not define is never printed: usually it is a typo of a known key, and the value is lost from the header block.',
    bad: '---\ntemplate: leicester-city/executive\nmeeting_dte: 3 March 2026\n---',
    good: '---\ntemplate: leicester-city/executive\nmeeting_date: 3 March 2026\n---',
  },
  check(ctx) {
    const { model, profile } = ctx;
    if (!profile) return;
    const known = profile.frontMatter.map((f) => f.key);
    for (const e of model.frontMatter.entries) {
      if (known.includes(e.key)) continue;
      let best: string | undefined;
      let bestD = Infinity;
      for (const k of known) {
        const d = distance(e.key.toLowerCase().replace(/[-\s]/g, '_'), k);
        if (d < bestD) {
          bestD = d;
          best = k;
        }
      }
      const close = best !== undefined && bestD <= Math.max(2, Math.floor(best.length / 3));
      const taken = best !== undefined && model.frontMatter.byKey.has(best);
      ctx.report({
        message: close && !taken ? `Unknown front-matter key "${e.key}"; did you mean "${best}"?` : `Unknown front-matter key "${e.key}" for template ${profile.id}.`,
        range: e.keyRange,
        // The nearest key is a guess: a quick fix the officer picks, never applied by --fix.
        fixes: close && !taken ? [replaceFix(`Rename to "${best}"`, e.keyRange, best!, false)] : [],
      });
    }
  },
});
