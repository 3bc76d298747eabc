import type { RuleDefinition } from '../core/rules/define.js';
import { RULES } from '../core/rules/index.js';

/**
 * The rule categories that read the English dictionary: the prose rules (spelling, one
 * spelling per report...) and the acronym rules (a word in capitals that the dictionary
 * knows, such as DEAL or BUY in a title, is a word, not an acronym).
 */
export const DICTIONARY_CATEGORIES: ReadonlySet<string> = new Set(['prose', 'acronym']);

/**
 * The rules a checking thread runs on its first check, before its dictionary is loaded:
 * every rule of the other categories. Their findings do not depend on the dictionary, so
 * the first results are a part of the full set, never a finding the full set takes back;
 * they also skip the costliest category (prose) on a thread that has not yet run any
 * code hot. The full set follows once the dictionary is loaded (worker.ts).
 */
export const BEFORE_DICTIONARY: readonly RuleDefinition[] = RULES.filter((r) => !DICTIONARY_CATEGORIES.has(r.category));
