import { defineRule } from '../rules/define.js';
import { replaceFix } from '../rules/util.js';
import { readLinks, unchangedLinks, type LinkTarget } from './link-parse.js';
import type { Fix } from '../types.js';

/** Targets that stand in for a link still to be found. */
const PLACEHOLDER_RE =
  /^(?:#!?|tb[acd]|todo|to\s+follow|link(?:\s+(?:here|to\s+follow|tbc))?|url|hyperlink|(?:insert|add)(?:\s+(?:the|a))?(?:\s+(?:web\s*)?(?:link|url|hyperlink|address))(?:\s+here)?|x+|\?+|\.{2,}|\u2026|_+|-+|about:blank|javascript:(?:void\(0\);?|;)?|mailto:|(?:https?:\/\/)?(?:www\.?)?(?:tb[acd]|link|url|x{2,}|example\.(?:com|org))?\/?)$/i;

export function isPlaceholderTarget(raw: string): boolean {
  const t = raw.trim().replace(/^<|>$/g, '').trim();
  return PLACEHOLDER_RE.test(t) || /^\[(?:link|url|tbc)\]$/i.test(t);
}

export const emptyTarget = defineRule({
  id: 'link/empty-target',
  title: 'Link with no real target',
  defaultSeverity: 'warning',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'A link whose target is empty, "#" or a note such as "TBC" or "insert link" looks like a link in the published report but goes nowhere, so readers cannot find the document it names. Either add the address or take out the link and name the document in words.',
    bad: 'The [Children and Social Work Act 2017](#) abolished Local Safeguarding Children Boards.',
    good: 'The [Children and Social Work Act 2017](https://www.legislation.gov.uk/ukpga/2017/16/contents) abolished Local Safeguarding Children Boards.',
  },
  check(ctx) {
    const { model } = ctx;
    const text = model.text;
    const unchanged = unchangedLinks(model);
    for (const t of readLinks(model)) {
      if (t.kind === 'literal' || t.kind === 'autolink') continue;
      if (!isPlaceholderTarget(t.raw)) continue;
      ctx.keyed(t, unchanged, check);
    }
    function check(t: LinkTarget): void {
      const empty = t.raw.trim() === '';
      // An empty target has no text to point at: report on the `()` (or `[label]:`).
      const range = empty
        ? t.parenStart !== undefined && t.parenEnd !== undefined
          ? model.index.range(t.parenStart, t.parenEnd)
          : model.index.range(t.nodeStart, t.nodeEnd)
        : model.index.range(t.start, t.end);
      const what = empty ? 'an empty target' : `the placeholder target "${t.raw.trim()}"`;
      const fixes: Fix[] = [];
      if ((t.kind === 'inline' || t.kind === 'broken') && t.labelStart !== undefined && t.labelEnd !== undefined) {
        fixes.push(replaceFix('Remove the link, keep its text', model.index.range(t.nodeStart, t.nodeEnd), text.slice(t.labelStart, t.labelEnd), false));
      }
      ctx.report({
        message:
          t.kind === 'definition'
            ? `Link definition has ${what}: every link that uses it goes nowhere. Add the address.`
            : `Link ${label(t)}has ${what}: it goes nowhere in the published report. Add the address, or remove the link.`,
        range,
        fixes,
      });
    }
  },
});

function label(t: LinkTarget): string {
  if (!t.label) return '';
  const l = t.label.length > 50 ? `${t.label.slice(0, 47)}...` : t.label;
  return `"${l}" `;
}
