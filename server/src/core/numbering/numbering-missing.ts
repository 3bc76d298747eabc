import { z } from 'zod';
import { defineRule } from '../rules/define.js';
import { analyseNumbering, firstLineRange } from './numbering-model.js';
import type { Block, Section } from '../model.js';

export const numberingMissing = defineRule({
  id: 'numbering/missing',
  title: 'Report has no paragraph numbers',
  defaultSeverity: 'warning',
  fixable: false,
  options: z
    .object({
      minParagraphs: z.number().int().min(1).default(8).describe('Fire only when the content sections hold at least this many paragraphs of text.'),
    })
    .strict(),
  docs: {
    why: 'City reports number their paragraphs by section (1.1, 1.2, 4.1 ...) so that members can refer to them in the meeting and the minutes can cite them. A report whose sections carry no paragraph numbers at all cannot be referred to that way. Short summaries and sign-offs may stay unnumbered; this fires only when none of the content of a report of some length (8 paragraphs by default) is numbered.',
    bad: '## 1. Summary\n\nThe inspection found services require improvement.\n\nAn improvement plan has been agreed.\n\n(... and so on through section 4: no paragraph is numbered)',
    good: '## 1. Summary\n\n1.1 The inspection found services require improvement.\n\n1.2 An improvement plan has been agreed.\n\n(... and so on: 2.1, 3.1, 4.1 ...)',
  },
  check(ctx) {
    const { model, profile, match } = ctx;
    if (!profile || !match || profile.numbering !== 'by-section') return;
    if (analyseNumbering(model, profile, match).entries.length > 0) return;
    const prose: Block[] = [];
    const collect = (s: Section): void => {
      for (const b of s.blocks) if (b.kind === 'paragraph' && b.source.trim().length >= 40) prose.push(b);
      for (const c of s.children) collect(c);
    };
    for (const m of match.matches) {
      if (m.spec.level !== 2 || m.spec.kind !== 'content' || m.section.inAppendix) continue;
      if (m.spec.children.some((c) => c.kind === 'implications')) continue;
      collect(m.section);
    }
    if (prose.length < ctx.options.minParagraphs) return;
    prose.sort((x, y) => x.start - y.start);
    const first = prose[0]!;
    ctx.report({
      message: `None of the ${prose.length} paragraphs in the report's content sections is numbered; number them by section (1.1, 1.2, 2.1 ...).`,
      range: firstLineRange(model, first),
    });
  },
});
