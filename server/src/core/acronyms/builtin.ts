import data from './glossary.json';
import { normExpansion } from './expansion.js';

/**
 * The built-in council glossary: acronyms the council's own reports define, with their
 * expansion, generated from shared/acronyms.tsv by scripts/build-acronym-glossary.ts.
 * It knows what an acronym means (for fixes, hover, completion and for spotting a wrong
 * expansion); it does not excuse a report from spelling the acronym out.
 */

export interface GlossaryEntry {
  /** Meanings; usually one. The first is the one the glossary prints. */
  senses: string[];
  /** Other spellings of the (first) meaning that are accepted. */
  variants?: string[];
  /** The expansion of the plural acronym (`EHCPs`), when the seeds write it. */
  plural?: string;
  note?: string;
  /** Where the seeds define it (`file:line`). */
  sources?: string[];
}

export interface BuiltinGlossary {
  $comment?: string;
  /** Acronyms every reader knows (UK, NHS). */
  common: string[];
  entries: Record<string, GlossaryEntry>;
  /** Expansions from the seeds that were left out, and why. */
  excluded: { acronym: string; expansion: string; reason: string }[];
}

export const BUILTIN: BuiltinGlossary = data as BuiltinGlossary;

const byUpper = new Map<string, { key: string; entry: GlossaryEntry }>();
for (const [key, entry] of Object.entries(BUILTIN.entries)) byUpper.set(key.toUpperCase(), { key, entry });

const commonUpper = new Set(BUILTIN.common.map((c) => c.toUpperCase()));

/** The built-in entry of an acronym (any case: `DFE` finds `DfE`), with its key as the glossary writes it. */
export function builtinEntry(acronym: string): { key: string; entry: GlossaryEntry } | undefined {
  return byUpper.get(acronym.toUpperCase());
}

export function isBuiltinCommon(acronym: string): boolean {
  return commonUpper.has(acronym.toUpperCase());
}

/** Whether an expansion is one the built-in glossary accepts for the acronym (any sense or variant). */
export function builtinAccepts(entry: GlossaryEntry, expansion: string): boolean {
  const n = normExpansion(expansion, true);
  return [...entry.senses, ...(entry.variants ?? [])].some((e) => normExpansion(e, true) === n);
}
