import { defineRule } from '../rules/define.js';
import { replaceFix } from '../rules/util.js';
import { canonicalHeading } from '../templates/loader.js';
import { sameAsLastCheck, type Block, type Unit } from '../model.js';
import { firstAtOrAfter } from '../text.js';
import type { SectionSpec } from '../templates/schema.js';

/** The unit the appendices start at, at each session's last check. */
const appendixUnits = new WeakMap<object, Unit | undefined>();

/** Generic placeholders officers leave in templates. */
export const PLACEHOLDER = /\[(?:insert|add|enter|name|date|tbc|todo)\b[^\]\n]*\]|<<[^<>\n]+>>|\bXX\/XX\/XX(?:XX)?\b/gi;

/**
 * The skeleton snippets' own placeholders (scripts/gen-snippets.ts), left as inserted: a
 * signer or officer called "Name", a "Job title" line, the `first.last@` address and the
 * `0000` phone number. Each line is short, so the scan is linear.
 */
const SKELETON_LINE = /^[ \t]*(?:(?:\*\*)?signed(?:\*\*)?(?:[ \t]*:(?:\*\*)?|[ \t]*\*\*|)[ \t]*)?(Name|Job title)(?=[ \t]*(?:,|$))/gim;
const SKELETON_VALUE = /\bfirst\.last@|\b0\d{3} ?\d{3} ?0000\b/g;
/** Front-matter values exactly as the snippets insert them. */
const SKELETON_FIELD = /^(?:Name|Role|Name, Role|Job title|email|phone)$/i;
/** The skeleton's title. */
const SKELETON_TITLE = /^(?:report title|title of the report)$/i;

/**
 * Something each of PLACEHOLDER, SKELETON_LINE and SKELETON_VALUE needs: a `[`, `<<`,
 * `XX/`, "name", "job title" (any case), `first.last@` or `0000`.
 */
const PLACEHOLDER_HINT = /[[]|<<|xx\/|name|job title|first\.last@|0000/i;

/** Blocks searched with the placeholder patterns (tests). */
export const templatePromptStats = { placeholderScans: 0, promptLists: 0 };

/** A template's prompts and a pattern matching any of their first characters, once per template (its `order`). */
interface Prompts {
  list: string[];
  firsts: RegExp;
}
const promptLists = new WeakMap<readonly SectionSpec[], Prompts>();

function promptsOf(order: readonly SectionSpec[]): Prompts {
  let p = promptLists.get(order);
  if (!p) {
    templatePromptStats.promptLists++;
    const list = order.flatMap((s) => (s.prompt ? [s.prompt] : []));
    const firsts = [...new Set(list.map((x) => x[0]!))].map((c) => c.replace(/[\\^\]\-]/g, '\\$&')).join('');
    p = { list, firsts: firsts === '' ? /(?!)/ : new RegExp(`[${firsts}]`) };
    promptLists.set(order, p);
  }
  return p;
}

export const templatePrompt = defineRule({
  id: 'structure/template-prompt',
  title: 'Template prompt or placeholder text left in the report',
  defaultSeverity: 'error',
  fixable: true,
  docs: {
    why: 'Template guidance such as "(You will need to have considered other implications ...)" or placeholders like "[Insert date]" must not reach the published agenda pack. The skeleton snippets\' own placeholders count too: the title "Report title", a signer or officer called "Name", a "Job title" line, a `first.last@` address and a `0000` phone number.',
    bad: '### 5.5 Other implications (You will need to have considered other implications in preparing this report. Please indicate which ones apply?)',
    good: '### 5.5 Other implications',
  },
  check(ctx) {
    const { match, profile, model } = ctx;
    if (!match || !profile) return;
    for (const m of match.matches) {
      if (m.wording !== 'prompt') continue;
      const h = m.section.heading;
      const expected = canonicalHeading(m.spec, profile);
      ctx.report({
        message: `Heading "${expected}" still carries the template prompt; remove it.`,
        range: h.textRange,
        fixes: [replaceFix('Remove the template prompt', h.textRange, expected)],
      });
    }
    // The skeleton's placeholders in the title and front matter.
    if (model.title && SKELETON_TITLE.test(model.title.text.trim())) {
      ctx.report({ message: `Placeholder title "${model.title.text.trim()}" left in the report; write the report's title.`, range: model.title.range });
    }
    for (const e of model.frontMatter.entries) {
      const v = e.source.replace(/^(["'])(.*)\1$/, '$2').trim();
      if (SKELETON_FIELD.test(v) || v.match(SKELETON_VALUE)) ctx.report({ message: `Placeholder "${v}" left in "${e.key}"; write the real value.`, range: e.valueRange });
    }
    // The template's prompts (all of them, whichever sections the report has): what a block is checked against besides its own text.
    const prompts = promptsOf(match.order);
    // Checked unit by unit, kept for the units an edit left alone while the appendices start at the same heading.
    const units = model.units;
    const appendix = units[firstAtOrAfter(units, model.appendixStart)];
    ctx.eachUnit(sameAsLastCheck(appendixUnits, model, appendix), (unit) => {
      const blocks = unit.blocks;
      if (!blocks) return;
      for (let i = 0; i < blocks.length; i++) {
        const b = blocks[i]!;
        if (b.start >= model.appendixStart || b.kind === 'code') continue;
        checkBlock(b);
      }
    });
    function checkBlock(b: Block): void {
      const source = b.source;
      // Most blocks hold none of the characters the prompts start with: one scan instead of one search per prompt.
      const list = prompts.firsts.test(source) ? prompts.list : [];
      for (const p of list) {
        const i = b.source.indexOf(p);
        if (i !== -1) {
          ctx.report({
            message: 'Template prompt text left in the report; replace it with the content it asks for.',
            range: model.index.range(b.start + i, b.start + i + p.length),
            fixes: [replaceFix('Remove the template prompt', model.index.range(b.start + i, b.start + i + p.length), '', false)],
          });
        }
      }
      // Every placeholder pattern needs one of these; most blocks have none.
      if (!PLACEHOLDER_HINT.test(source)) return;
      templatePromptStats.placeholderScans++;
      for (const mm of b.source.matchAll(SKELETON_LINE)) {
        const at = b.start + mm.index + mm[0].length - mm[1]!.length;
        ctx.report({ message: `Placeholder "${mm[1]}" left in the report; write the officer's ${mm[1] === 'Name' ? 'name' : 'job title'}.`, range: model.index.range(at, at + mm[1]!.length) });
      }
      for (const mm of b.source.matchAll(SKELETON_VALUE)) {
        ctx.report({ message: `Placeholder "${mm[0]}" left in the report.`, range: model.index.range(b.start + mm.index, b.start + mm.index + mm[0].length) });
      }
      for (const mm of b.source.matchAll(PLACEHOLDER)) {
        ctx.report({
          message: `Placeholder "${mm[0]}" left in the report.`,
          range: model.index.range(b.start + mm.index, b.start + mm.index + mm[0].length),
        });
      }
    }
  },
});
