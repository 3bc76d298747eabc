import { defineRule } from '../rules/define.js';
import { readContacts, fitEmailToName, isValidEmail } from './contact-parse.js';
import { clip } from './contact-parse.js';
import { replaceFix } from '../rules/util.js';
import type { Fix } from '../types.js';

export const mailtoMismatch = defineRule({
  id: 'contact/mailto-mismatch',
  title: 'E-mail link opens a different address than it shows',
  defaultSeverity: 'warning',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'In an e-mail link such as [Jane.Moore@leics.gov.uk](mailto:Jane.Moore@leics.gov.uk) readers see the text but their mail program uses the target. When the two differ (one was edited, the other not), clicking the link writes to a different address from the one printed. The fix makes the target match the text, or, in an officer entry, whichever of the two matches the officer\'s name.',
    bad: '[Lindsey.Kirby@leics.gov.uk](mailto:Alison.Bradley@leics.gov.uk)',
    good: '[Lindsey.Kirby@leics.gov.uk](mailto:Lindsey.Kirby@leics.gov.uk)',
  },
  check(ctx) {
    const { model } = ctx;
    for (const link of readContacts(model, ctx.profile, ctx.match).mailtos) {
      const label = link.label;
      if (!label) continue;
      const target = decodeURIComponentSafe(link.target);
      if (target.toLowerCase() === label.raw.toLowerCase()) continue;
      const targetRange = model.index.range(link.targetStart, link.targetEnd);
      const labelRange = model.index.range(label.start, label.end);
      const toText = replaceFix(`Make the target "mailto:${clip(label.raw)}"`, targetRange, label.raw, false);
      const toTarget = isValidEmail(target) ? replaceFix(`Show "${target}" as the text`, labelRange, target, false) : undefined;
      // In an officer entry, the address that fits the officer's name is the right one.
      const name = link.entry?.names[0]?.text;
      const targetFits = name !== undefined && fits(target, name);
      const labelFits = name !== undefined && fits(label.raw, name);
      const fixes: Fix[] = targetFits && !labelFits && toTarget ? [toTarget, toText] : toTarget ? [toText, toTarget] : [toText];
      ctx.report({
        message: `The e-mail link shows "${clip(label.raw)}" but writes to "${clip(target) || '(nothing)'}".`,
        range: targetRange,
        fixes,
        related: [{ range: labelRange, message: 'The address shown' }],
      });
    }
  },
});

function fits(address: string, name: string): boolean {
  const at = address.indexOf('@');
  if (at <= 0) return false;
  const r = fitEmailToName(address.slice(0, at), name).fit;
  return r === 'match' || r === 'initials';
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
