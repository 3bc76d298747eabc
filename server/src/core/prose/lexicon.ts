import { distance } from 'fastest-levenshtein';
import LEXICON from './data/council-lexicon.json';

/** The council lexicon (data/council-lexicon.json): wards, places, bodies, local-government words. */
export const COUNCIL_WORDS: ReadonlySet<string> = new Set(LEXICON.words);
const LOWER = new Set(LEXICON.words.filter((w) => w === w.toLowerCase()));

/** Whether the council lexicon knows a word (lower-case entries in any case; names as written). */
export function councilWord(word: string): boolean {
  return councilWordIn(word, word.toLowerCase());
}

/** `councilWord` for a caller that has the word in lower case already (`lower`). */
export function councilWordIn(word: string, lower: string): boolean {
  return COUNCIL_WORDS.has(word) || LOWER.has(lower);
}

const NAMES = LEXICON.words.filter((w) => /^[A-Z][a-z]/.test(w));
/** The lexicon's names (wards, places, bodies): what a capitalised word one letter off is taken for. */
export function councilName(word: string): boolean {
  return NAMES.includes(word);
}

/** Whether a capitalised word is one edit from one of the lexicon's names ("Moncell", "Leicestershre"). */
export function nearCouncilName(word: string): boolean {
  for (const n of NAMES) if (Math.abs(n.length - word.length) <= 1 && n !== word && distance(n, word) === 1) return true;
  return false;
}

/** The beginnings of the lexicon's words, in lower case (where spelling suggestions may find a council word). */
let prefixes: Set<string> | undefined;
export function councilPrefix(p: string): boolean {
  if (!prefixes) {
    prefixes = new Set();
    for (const w of COUNCIL_WORDS) for (let i = 1; i <= w.length; i++) prefixes.add(w.slice(0, i).toLowerCase());
  }
  return prefixes.has(p);
}
