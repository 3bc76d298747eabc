import type { CompletionItem, Hover } from 'vscode-languageserver';
import type { FeatureContext } from '../core/features.js';
import { dateAt, dateHover } from '../core/dates/index.js';
import { acronymAt, acronymCompletions, acronymHover } from '../core/acronyms/index.js';
import { defaultConfig } from '../core/config.js';
import { RULES } from '../core/rules/index.js';

/**
 * Hover and completion that the date and acronym modules of the core provide, so the
 * server's feature code calls only these two functions.
 */
let fallbackConfig: ReturnType<typeof defaultConfig> | undefined;
function configOf(ctx: FeatureContext) {
  return ctx.config ?? (fallbackConfig ??= defaultConfig(RULES));
}

export function extraHovers(ctx: FeatureContext, offset: number): Hover | undefined {
  const md = dateHover(ctx.model, offset, { today: ctx.today });
  if (md) {
    const found = dateAt(ctx.model, offset);
    const hover: Hover = { contents: { kind: 'markdown', value: md } };
    if (found) hover.range = ctx.model.index.range(found.start, found.end);
    return hover;
  }
  const config = configOf(ctx);
  const acr = acronymHover(ctx.model, offset, config);
  if (!acr) return undefined;
  const hit = acronymAt(ctx.model, offset, config);
  const hover: Hover = { contents: { kind: 'markdown', value: acr } };
  if (hit) hover.range = ctx.model.index.range(hit.token.start, hit.token.end);
  return hover;
}

/** Typing a known acronym in capitals offers `Full Name (ACR)` at its first use. */
export function extraCompletions(ctx: FeatureContext, offset: number): CompletionItem[] {
  const items = acronymCompletions(ctx.model, offset, configOf(ctx));
  if (items.length === 0) return [];
  // Replace the capitals typed so far.
  const before = ctx.model.text.slice(Math.max(0, offset - 12), offset);
  const typed = /([A-Z][A-Za-z0-9&+]*)$/.exec(before)?.[1] ?? '';
  const range = ctx.model.index.range(offset - typed.length, offset);
  return items.map((i, n) => ({
    label: i.label,
    detail: i.detail,
    kind: 1,
    filterText: typed || i.label,
    sortText: `0${String(n).padStart(3, '0')}`,
    textEdit: { range, newText: i.insertText },
  }));
}
