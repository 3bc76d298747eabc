import type { CompletionItem, DocumentLink, Hover, Location } from 'vscode-languageserver';
import { crossrefDefinition, crossrefHover, crossrefLinks } from '../core/crossref/index.js';
import { appendixFilesBeside } from '../node/appendix-files.js';
import { pathToUri, uriToPath } from './uri.js';
import type { FeatureContext } from '../core/features.js';
import { dateAt, dateHover } from '../core/dates/index.js';
import { acronymAt, acronymCompletions, acronymHover } from '../core/acronyms/index.js';
import { defaultConfig } from '../core/config.js';
import { RULES } from '../core/rules/index.js';
import { beforeFirst } from '../core/text.js';

/**
 * Hover and completion that the date and acronym modules of the core provide, so the
 * server's feature code calls only these two functions.
 */
let fallbackConfig: ReturnType<typeof defaultConfig> | undefined;
function configOf(ctx: FeatureContext) {
  return ctx.config ?? (fallbackConfig ??= defaultConfig(RULES));
}

export function extraHovers(ctx: FeatureContext, offset: number, uri?: string): Hover | undefined {
  const ref = crossrefHover(ctx.model, ctx.match, offset, uri ? filesBeside(uri) : undefined);
  if (ref) return { contents: { kind: 'markdown', value: ref.contents }, range: ref.range };
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
  let from = before.length;
  while (from > 0 && /[A-Za-z0-9&+]/.test(before[from - 1]!)) from--;
  while (from < before.length && !/[A-Z]/.test(before[from]!)) from++;
  const typed = before.slice(from);
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

/** The appendix files beside a report (full paths), by the convention in docs/report-format.md. */
function filesBeside(uri: string): string[] | undefined {
  const path = uriToPath(uri);
  return path ? appendixFilesBeside(path) : undefined;
}

function besideUri(uri: string, file: string): string | undefined {
  const path = uriToPath(uri);
  return path ? pathToUri(path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1) + file) : undefined;
}

/** Go to definition on a reference ("paragraph 4.3", "Appendix B"). */
export function definitionAt(ctx: FeatureContext, uri: string, offset: number): Location | undefined {
  const d = crossrefDefinition(ctx.model, ctx.match, offset, filesBeside(uri));
  if (!d) return undefined;
  if ('range' in d) return { uri, range: d.range };
  const target = besideUri(uri, d.file);
  return target ? { uri: target, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } : undefined;
}

/** Every resolved reference as a link to its target (a line of the report: `#L12`). */
export function documentLinks(ctx: FeatureContext, uri: string): DocumentLink[] {
  const out: DocumentLink[] = [];
  for (const l of crossrefLinks(ctx.model, ctx.match, filesBeside(uri))) {
    const target = l.file ? besideUri(uri, l.file) : `${beforeFirst(uri, '#')}#L${l.line! + 1}`;
    if (target) out.push({ range: l.range, target, tooltip: l.tooltip });
  }
  return out;
}
