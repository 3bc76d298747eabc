import type { ITrie } from 'cspell-trie-lib';

/**
 * The English (British) dictionary: cspell's maintained en-GB Hunspell word list
 * (`@cspell/dict-en-gb-mit`, a compressed trie), read with `cspell-trie-lib`. Loading it
 * takes a second or two, so the language server defers it (`deferDictionary`) and loads
 * it on its checking thread after the first results (`loadDictionary`); until then the
 * rules that need it (spelling, English words in capitals) go without. Everything else
 * (the CLI, tests) loads it on first use. This module holds no reader: the trie library
 * and the decompression come with the reader that is installed (node/dictionary.ts), so
 * a checking thread loads neither before its first results.
 */

let trie: ITrie | undefined;
let deferred = false;
let failed: string | undefined;
let source: (() => ITrie) | undefined;

/**
 * How to read the dictionary (the core reads no files itself): the CLI, the server and
 * the tests install the reader of `server/src/node/dictionary.ts`.
 */
export function setDictionarySource(read: () => ITrie): void {
  source = read;
}

/** Whether a reader has been installed (the checking thread installs it only after its first results). */
export function dictionaryInstalled(): boolean {
  return source !== undefined;
}

/** Loads the dictionary now (idempotent). A missing or broken file leaves it unloaded, with the reason in `dictionaryProblem`. */
export function loadDictionary(): ITrie | undefined {
  if (trie || failed || !source) return trie;
  try {
    trie = source();
    loads++;
  } catch (e) {
    failed = e instanceof Error ? e.message : String(e);
  }
  return trie;
}


let loads = 0;

/** How many times this process loaded the dictionary (tests: once). */
export function dictionaryLoads(): number {
  return loads;
}

/** Why the dictionary could not be loaded, if it could not. */
export function dictionaryProblem(): string | undefined {
  return failed;
}

/** From now on the dictionary is loaded only by `loadDictionary` (the server calls it after the first check). */
export function deferDictionary(): void {
  deferred = true;
}

/** The dictionary if it is loaded (or may be loaded now): undefined while deferred and not yet loaded. */
export function dictionary(): ITrie | undefined {
  if (trie || deferred) return trie;
  return loadDictionary();
}

/** Work counted for tests: words asked of `knownWord`. */
export const dictionaryWork = { asked: 0 };

/** Whether the dictionary knows a word as written, or (for a capitalised or all-capital word) in lower case. */
export function knownWord(dict: ITrie, word: string): boolean {
  dictionaryWork.asked++;
  let yes = answers.get(word);
  if (yes === undefined) {
    if (answers.size >= 100_000) answers.clear();
    answers.set(word, (yes = lookUp(dict, word)));
  }
  return yes;
}

/** The dictionary's answers, kept across checks (a report repeats its words; an edit re-checks a few). */
const answers = new Map<string, boolean>();

function lookUp(dict: ITrie, word: string): boolean {
  if (dict.has(word)) return true;
  const lower = word.toLowerCase();
  if (lower !== word && dict.has(lower)) return true;
  // "Children's", "councils'": the word without the possessive.
  const bare = word.replace(/['’]s?$/, '');
  return bare !== word && bare.length > 0 && lookUp(dict, bare);
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz'";

/**
 * No suggestions for a longer word: none in the dictionary is this long, and the
 * candidates (about 54 per letter, each as long as the word) grow with the square of it.
 */
export const MAX_SUGGESTED_WORD = 32;

/** Whether `s[i]` is an apostrophe, straight or curly. */
export function apostropheAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 0x27 || c === 0x2019;
}

/** Work counted for tests: words given suggestions, and the candidates asked of the dictionary for them. */
export const suggestionWork = { words: 0, candidates: 0 };

/**
 * Words one edit away that the dictionary knows (a transposition, a letter dropped,
 * changed or added), best first: cheap enough to run for every unknown word of a check.
 * An edit at a place past the word's longest beginning that some word shares (`prefix`:
 * by default a beginning of a dictionary word) cannot make a word, so none is tried there.
 * Each candidate is made once (an edit that gives the word itself or a candidate made
 * before is not made), and none after `max` are found.
 */
export function suggestions(
  dict: ITrie,
  word: string,
  known: (w: string) => boolean = (w) => knownWord(dict, w),
  max = 5,
  prefix: (p: string) => boolean = (p) => dict.find(p) !== undefined,
): string[] {
  const out: string[] = [];
  if (word.length > MAX_SUGGESTED_WORD) return out;
  suggestionWork.words++;
  const cap = /^[A-Z][a-z]/.test(word);
  const lower = cap ? word[0]!.toLowerCase() + word.slice(1) : word;
  /** Tries a candidate; true once `max` are found. */
  const full = (c: string): boolean => {
    suggestionWork.candidates++;
    const w = cap ? c[0]!.toUpperCase() + c.slice(1) : c;
    if (!apostropheAt(w, w.length - 1) && known(w)) out.push(w);
    return out.length >= max;
  };
  const n = lower.length;
  // Edits at places up to `last` keep a beginning that words have.
  let last = 0;
  while (last < n && prefix(lower.slice(0, last + 1))) last++;
  // Swapping two equal letters gives the word itself.
  for (let i = 0; i < Math.min(n - 1, last + 1); i++) if (lower[i] !== lower[i + 1] && full(lower.slice(0, i) + lower[i + 1] + lower[i] + lower.slice(i + 2))) return out;
  // A letter added after the same letter was made one place earlier (so was a letter dropped after the same letter).
  for (let i = 0; i <= Math.min(n, last); i++) for (const c of LETTERS) if ((i === 0 || lower[i - 1] !== c) && full(lower.slice(0, i) + c + lower.slice(i))) return out;
  for (let i = 0; i < Math.min(n, last + 1); i++) if ((i === 0 || lower[i - 1] !== lower[i]) && full(lower.slice(0, i) + lower.slice(i + 1))) return out;
  for (let i = 0; i < Math.min(n, last + 1); i++) for (const c of LETTERS) if (c !== lower[i] && full(lower.slice(0, i) + c + lower.slice(i + 1))) return out;
  return out;
}
