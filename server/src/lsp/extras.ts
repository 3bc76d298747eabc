import type { CompletionItem, Hover } from 'vscode-languageserver';
import type { FeatureContext } from '../core/features.js';
import { dateAt, dateHover } from '../core/dates/index.js';

/**
 * Adapter for hover and completion that other core modules provide, so the server's
 * feature code calls only these two functions.
 *
 * - Dates (`core/dates`): `dateHover(model, offset, { today })` is wired in.
 * - Acronyms (`core/acronyms/index.ts` with `acronymHover(model, offset, config)` and
 *   `acronymCompletions(model, offset, config)`): NOT wired yet, the module did not exist
 *   when this was written. To wire it: import both here, return the hover's markdown as a
 *   Hover and map the completion items to CompletionItem (kind Text, detail = expansion).
 */
export function extraHovers(ctx: FeatureContext, offset: number): Hover | undefined {
  const md = dateHover(ctx.model, offset, { today: ctx.today });
  if (!md) return undefined;
  const found = dateAt(ctx.model, offset);
  const hover: Hover = { contents: { kind: 'markdown', value: md } };
  if (found) hover.range = ctx.model.index.range(found.start, found.end);
  return hover;
}

export function extraCompletions(_ctx: FeatureContext, _offset: number): CompletionItem[] {
  return [];
}
