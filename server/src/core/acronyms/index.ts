import type { ReportModel } from '../model.js';
import type { ResolvedConfig } from '../config.js';
import { lastAtOrBefore } from '../text.js';
import type { TextEdit } from '../types.js';
import { analyseAcronyms, displayDefinition, exempt, forgetAcronymAnalysis, groupId, knownExpansions, preferredDefinition, type AcronymAnalysis, type AcronymInfo } from './analyse.js';
import { forgetAcronymScan, scanAcronyms, type Definition, type Occurrence } from './scan.js';
import { quoteDefinition } from './report.js';
import { BUILTIN, builtinEntry, isBuiltinCommon } from './builtin.js';

/**
 * The acronym service for the language server and the CLI: hover, completion, the
 * glossary-section command and the workspace-glossary addition. The finder the rules
 * share is `scanAcronyms` (one scan per report model) and `analyseAcronyms` (per model
 * and configuration).
 */

export { scanAcronyms, analyseAcronyms, BUILTIN };

/**
 * Forgets the cached scan and analysis of a model, so that a benchmark timing the
 * acronym rules on one model again and again also times the scan they share.
 */
export function clearAcronymCaches(model: ReportModel): void {
  forgetAcronymScan(model);
  forgetAcronymAnalysis(model);
}
export type { AcronymAnalysis, AcronymInfo, Definition, Occurrence };

type Config = Pick<ResolvedConfig, 'acronyms'>;

/** The acronym token (a use or a definition's acronym) at an offset, with its analysis. */
export function acronymAt(model: ReportModel, offset: number, config: Config): { info: AcronymInfo; token: Occurrence | Definition } | undefined {
  const a = analyseAcronyms(model, config);
  const o = a.scan.occurrences[lastAtOrBefore(a.scan.occurrences, offset, (x) => x.start)];
  if (o && offset <= o.end) {
    const info = a.acronyms.get(groupId(o.key));
    if (info && info.occurrences.includes(o)) return { info, token: o };
  }
  // Entries of a glossary section are definitions, not occurrences.
  for (const d of a.scan.definitions) {
    if (d.form === 'glossary' && d.start <= offset && offset <= d.end) {
      const info = a.acronyms.get(groupId(d.key));
      if (info) return { info, token: d };
    }
  }
  return undefined;
}

/** Hover on an acronym: what it stands for and where the report spells it out (Markdown). */
export function acronymHover(model: ReportModel, offset: number, config: Config): string | undefined {
  const hit = acronymAt(model, offset, config);
  if (!hit) return undefined;
  const { info } = hit;
  const line = (x: { start: number }) => model.index.positionAt(x.start).line + 1;
  const lines: string[] = [];
  const defs = info.definitions;
  const pref = preferredDefinition(info);
  const main = displayDefinition(info);
  const title = main?.expansion ?? knownExpansions(info)[0]?.expansion;
  lines.push(title ? `**${info.form}**: ${title}` : `**${info.form}**`);
  if (defs.length > 0) {
    const shown = defs.slice(0, 5).map((d) => `line ${line(d)} (${d.form === 'glossary' ? `glossary: "${d.expansion}"` : `"${quoteDefinition(d)}"`})`);
    lines.push(`Spelt out at ${shown.join(', ')}${defs.length > 5 ? `, and ${defs.length - 5} more` : ''}.`);
    const others = [...new Set(defs.filter((d) => main && d.expansion !== main.expansion).map((d) => d.expansion))];
    if (pref && others.length > 0) lines.push(`Also spelt out as ${others.map((e) => `"${e}"`).join(', ')}: use one expansion throughout.`);
  } else if (info.common) {
    lines.push('Common knowledge: no need to spell it out.');
  } else {
    lines.push('Not spelt out in this report.');
  }
  if (info.workspace) lines.push(`Workspace glossary: ${info.workspace.expansion}.`);
  else if (info.builtin) {
    const senses = info.builtin.entry.senses;
    lines.push(senses.length > 1 ? `Council glossary: ${senses.map((s) => `"${s}"`).join(' or ')}.` : `Council glossary: ${senses[0]}.`);
  }
  return lines.join('\n\n');
}

export interface AcronymCompletion {
  label: string;
  insertText: string;
  detail: string;
}

/**
 * Completion while typing an acronym in capitals: at its first use, offers
 * `Full Name (ACR)` for every acronym the report, the workspace glossary or the council
 * glossary can expand and that starts with what has been typed.
 */
export function acronymCompletions(model: ReportModel, offset: number, config: Config): AcronymCompletion[] {
  const before = model.text.slice(Math.max(0, offset - 12), offset);
  const m = /(?:^|[^A-Za-z0-9&+])([A-Z][A-Za-z0-9&+]*)$/.exec(before);
  if (!m) return [];
  const prefix = m[1]!.toUpperCase();
  const prefixStart = offset - m[1]!.length;
  const a = analyseAcronyms(model, config);
  // Acronyms already used or spelt out before the cursor are not at their first use.
  const seen = new Set<string>();
  for (const o of a.scan.occurrences) {
    if (o.start >= prefixStart) break;
    seen.add(groupId(o.key));
  }
  for (const d of a.scan.definitions) if (d.form === 'glossary') seen.add(groupId(d.key));
  const out: AcronymCompletion[] = [];
  const add = (key: string, expansion: string, detail: string) => {
    if (out.some((c) => c.label === key && c.insertText.startsWith(expansion + ' ('))) return;
    out.push({ label: key, insertText: `${expansion} (${key})`, detail });
  };
  const ids = new Set<string>([...a.acronyms.keys(), ...Object.keys(BUILTIN.entries).map(groupId)]);
  for (const id of ids) {
    if (!id.startsWith(prefix) || seen.has(id)) continue;
    const info = a.acronyms.get(id);
    if (info ? exempt(info) : isBuiltinCommon(id)) continue;
    const later = info?.definitions.find((d) => d.form !== 'glossary' && d.start >= offset);
    if (later) add(later.key, later.expansion, `As spelt out at line ${model.index.positionAt(later.start).line + 1}`);
    const entry = info?.builtin ?? builtinEntry(id);
    if (entry) for (const s of entry.entry.senses) add(entry.key, s, 'Council glossary');
  }
  out.sort((x, y) => x.label.localeCompare(y.label));
  return out.slice(0, 50);
}

/** The expansion a glossary section should give: the report's own, else the workspace's, else the council's (one sense only). */
function glossaryMeaning(info: AcronymInfo): string {
  const pref = displayDefinition(info);
  if (pref) return pref.plural && info.builtin?.entry.senses.length === 1 ? info.builtin.entry.senses[0]! : pref.expansion;
  if (info.workspace) return info.workspace.expansion;
  const senses = info.builtin?.entry.senses ?? [];
  return senses.length === 1 ? senses[0]! : '';
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/**
 * Markdown of an "Acronyms" section listing the acronyms the report uses (common
 * knowledge left out), each with its meaning; a meaning nobody knows is left empty for
 * the author to fill in.
 */
export function buildGlossarySection(model: ReportModel, config: Config, heading = '## Acronyms'): string {
  const a = analyseAcronyms(model, config);
  const rows: [string, string][] = [];
  for (const info of a.acronyms.values()) {
    if (info.common || info.occurrences.length === 0) continue;
    rows.push([info.form, glossaryMeaning(info)]);
  }
  rows.sort((x, y) => x[0].localeCompare(y[0], 'en', { sensitivity: 'base' }));
  const table = ['| Acronym | Meaning |', '| --- | --- |', ...rows.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`)];
  return `${heading}\n\n${table.join('\n')}\n`;
}

/**
 * The edit that writes the glossary section into the report: it replaces an existing
 * `Acronyms`/`Glossary` section, or goes before the first appendix, or at the end.
 */
export function glossarySectionEdit(model: ReportModel, config: Config): TextEdit {
  const scan = scanAcronyms(model);
  const existing = scan.glossarySections[0];
  if (existing) {
    const h = existing.section.heading;
    const headingLine = model.text.slice(model.index.offsetAt(h.range.start), h.textEnd);
    const body = buildGlossarySection(model, config, headingLine);
    return { range: model.index.range(existing.start, existing.end), newText: body.trimEnd() };
  }
  const body = buildGlossarySection(model, config);
  if (model.appendixStart < model.text.length) {
    const at = model.appendixStart;
    return { range: model.index.range(at, at), newText: `${body}\n` };
  }
  const end = model.text.length;
  const sep = model.text.endsWith('\n\n') ? '' : model.text.endsWith('\n') ? '\n' : '\n\n';
  return { range: model.index.range(end, end), newText: `${sep}${body}` };
}

export interface GlossaryAddition {
  /** The workspace configuration file to edit (created when missing). */
  file: '.committee-reports.json';
  /** Where the value goes in it. */
  path: ['acronyms', 'glossary', string];
  value: string;
  /** For the command's title and confirmation. */
  description: string;
}

/**
 * "Add to the workspace glossary" as data: the editor command applies it to the
 * workspace's `.committee-reports.json`, after which the acronym no longer needs
 * spelling out in any report of the workspace.
 */
export function glossaryAddition(acronym: string, expansion: string): GlossaryAddition {
  const key = acronym.replace(/(?<=[A-Z0-9])s$/, '');
  return {
    file: '.committee-reports.json',
    path: ['acronyms', 'glossary', key],
    value: expansion,
    description: `Add ${key} = "${expansion}" to the workspace glossary`,
  };
}

/** Applies a glossary addition to the text of a JSON config file (or creates one). */
export function applyGlossaryAddition(configText: string | undefined, add: GlossaryAddition): string {
  const data = (configText && configText.trim() ? JSON.parse(configText) : {}) as Record<string, unknown>;
  const acronyms = (data.acronyms ??= {}) as Record<string, unknown>;
  const glossary = (acronyms.glossary ??= {}) as Record<string, string>;
  glossary[add.path[2]] = add.value;
  return JSON.stringify(data, null, 2) + '\n';
}

/** Suggested expansions of an acronym for the "add to the workspace glossary" command (the report's, then the glossaries'). */
export function suggestedExpansions(model: ReportModel, acronym: string, config: Config): string[] {
  const info = analyseAcronyms(model, config).acronyms.get(groupId(acronym.replace(/(?<=[A-Z0-9])s$/, '')));
  if (!info) return [];
  const out = info.definitions.map((d) => d.expansion);
  for (const k of knownExpansions(info)) out.push(k.expansion);
  return [...new Set(out)];
}
