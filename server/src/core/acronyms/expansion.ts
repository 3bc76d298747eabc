import { STOP_WORDS } from './lexicon.js';
import { keptFor } from '../text.js';

/**
 * Expansions: splitting a phrase into words, comparing two spellings of one expansion,
 * and deciding whether an expansion's initials fit an acronym (`High Needs` does not fit
 * HNB; `Department for Education` fits DfE; `Improvement Planning and Children's
 * Transformation` fits IMPACT).
 */

export interface Word {
  text: string;
  /** Offset in the string the words were read from. */
  start: number;
  end: number;
}

/** Words of a phrase: letters/digits with inner apostrophes and hyphens, and `&`. */
const WORD_RE = /[\p{L}\p{N}](?:[\p{L}\p{N}'’\-/+]*[\p{L}\p{N}+])?|&/gu;

export function splitWords(text: string, offset = 0): Word[] {
  // What `WORD_RE` finds, read by character: a word starts at a letter or digit, runs on
  // over letters, digits and `'’-/+`, and ends at its last letter, digit or `+`. Text with a
  // character outside the Basic Multilingual Plane is left to the pattern.
  const out: Word[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = wordClass(text.charCodeAt(i));
    if (c === ASTRAL) return splitWordsByPattern(text, offset);
    if (c !== LETTER_OR_DIGIT) {
      if (text.charCodeAt(i) === 38 /* & */) out.push({ text: '&', start: offset + i, end: offset + i + 1 });
      i++;
      continue;
    }
    let last = i;
    let j = i + 1;
    for (; j < n; j++) {
      const d = wordClass(text.charCodeAt(j));
      if (d === LETTER_OR_DIGIT || d === PLUS) last = j;
      else if (d !== INNER) break;
    }
    if (j < n && wordClass(text.charCodeAt(j)) === ASTRAL) return splitWordsByPattern(text, offset);
    out.push({ text: text.slice(i, last + 1), start: offset + i, end: offset + last + 1 });
    i = last + 1;
  }
  return out;
}

function splitWordsByPattern(text: string, offset: number): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD_RE)) out.push({ text: m[0], start: offset + m.index, end: offset + m.index + m[0].length });
  return out;
}

const OTHER = 0;
const LETTER_OR_DIGIT = 1;
/** `+`: goes on a word and may end it. */
const PLUS = 2;
/** `'’-/`: go on a word, never end it. */
const INNER = 3;
/** Half of a surrogate pair. */
const ASTRAL = 4;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

/** How `WORD_RE` reads one UTF-16 unit. */
function wordClass(c: number): number {
  if (c < 128) {
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return LETTER_OR_DIGIT;
    if (c === 43) return PLUS;
    return c === 39 || c === 45 || c === 47 ? INNER : OTHER;
  }
  if (c === 0x2019) return INNER;
  if (c >= 0xd800 && c <= 0xdfff) return ASTRAL;
  return LETTER_OR_NUMBER.test(String.fromCharCode(c)) ? LETTER_OR_DIGIT : OTHER;
}

export function isStopWord(word: string): boolean {
  return word.length <= 5 && STOP_WORDS.has(word.toLowerCase());
}

/** `Plans` -> `Plan`, `Authorities` -> `Authority`; leaves `Services'` stems alone otherwise. */
export function singularWord(w: string): string {
  if (/ies$/i.test(w) && w.length > 4) return w.slice(0, -3) + (w.endsWith('IES') ? 'Y' : 'y');
  if (/ss$/i.test(w) || w.length <= 3) return w;
  if (/s$/i.test(w)) return w.slice(0, -1);
  return w;
}

/** `Plan` -> `Plans`, `Authority` -> `Authorities`, `Child` -> `Children`. */
export function pluralWord(w: string): string {
  if (/^child$/i.test(w)) return w + (w === w.toUpperCase() ? 'REN' : 'ren');
  if (/[^aeiou]y$/i.test(w)) return w.slice(0, -1) + 'ies';
  if (/s$/i.test(w)) return w;
  if (/(x|ch|sh)$/i.test(w)) return w + 'es';
  return w + 's';
}

/** The plural of an expansion: its last word made plural. */
export function pluralExpansion(expansion: string): string {
  // The glossary's expansions, asked for in report after report.
  return keptFor(plurals, expansion, 5_000, makePlural);
}

const plurals = new Map<string, string>();

function makePlural(expansion: string): string {
  const w = lastWord(expansion);
  if (!w) return expansion;
  return expansion.slice(0, w[0]) + pluralWord(expansion.slice(w[0], w[1])) + expansion.slice(w[1]);
}

const LETTER = /\p{L}/u;
const WORD_CHAR = /[A-Za-z0-9_]/;

/** The code point at `i` as a string (one or two UTF-16 units). */
function charAt(s: string, i: number): string {
  return String.fromCodePoint(s.codePointAt(i)!);
}

/**
 * The last word of an expansion, [start, end): the letters that `/(\p{L}+)(\W*)$/u` finds
 * (only non-word characters after them, where letters outside ASCII count as non-word
 * too), found in one pass instead of the pattern's retry from every letter of a long word.
 */
export function lastWord(s: string): [number, number] | undefined {
  // The run of non-word characters at the end (surrogate halves are non-word characters).
  let tail = s.length;
  while (tail > 0 && !WORD_CHAR.test(s[tail - 1]!)) tail--;
  let start: number;
  if (tail > 0 && LETTER.test(s[tail - 1]!)) {
    // The word runs into the tail: it starts where its letters start.
    start = tail - 1;
    while (start > 0) {
      const low = s.charCodeAt(start - 1);
      const back = low >= 0xdc00 && low <= 0xdfff && start > 1 ? 2 : 1;
      if (!LETTER.test(s.slice(start - back, start))) break;
      start -= back;
    }
  } else {
    // Otherwise the first letter inside the tail.
    start = tail;
    while (start < s.length && !LETTER.test(charAt(s, start))) start += charAt(s, start).length;
    if (start >= s.length) return undefined;
  }
  let end = start;
  while (end < s.length && LETTER.test(charAt(s, end))) end += charAt(s, end).length;
  return [start, end];
}

/**
 * The comparison form of an expansion: case, punctuation, apostrophes, hyphens and `&`
 * do not matter, nor does a plural last word. `Education, Health and Care Plans` and
 * `education health and care plan` are the same expansion; `Education and Health Care
 * Plan` is not. With `allWords`, every word is made singular (for comparing the
 * expansion of a plural acronym, `Directors of Children's Services` for DCSs, with the
 * singular one).
 */
const normCache = new Map<string, string>();

export function normExpansion(expansion: string, allWords = false): string {
  return keptFor(normCache, (allWords ? '1' : '0') + expansion, 5_000, normOfKey);
}

/** `normExpansion` of a memo key: `allWords` as its first character, then the expansion. */
function normOfKey(key: string): string {
  return computeNorm(key.slice(1), key[0] === '1');
}

function computeNorm(expansion: string, allWords: boolean): string {
  const words = expansion
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  if (allWords) return words.map(singularWord).join(' ');
  if (words.length > 0) words[words.length - 1] = singularWord(words[words.length - 1]!);
  return words.join(' ');
}

/** Whether two expansions are the same, allowing for a plural acronym (`EHCPs`) on either side. */
export function sameExpansion(a: string, b: string, plural = false): boolean {
  return plural ? normExpansion(a, true) === normExpansion(b, true) : normExpansion(a) === normExpansion(b);
}

/** The singular of a plural acronym's expansion: `Local Leaders of Education` -> `Local Leader of Education`. */
export function singularExpansion(expansion: string): string {
  const head = headBeforeOf(expansion);
  if (head && /s$/.test(expansion.slice(head[0], head[1]))) return expansion.slice(0, head[0]) + singularWord(expansion.slice(head[0], head[1])) + expansion.slice(head[1]);
  const last = lastWord(expansion);
  if (!last) return expansion;
  return expansion.slice(0, last[0]) + singularWord(expansion.slice(last[0], last[1])) + expansion.slice(last[1]);
}

const BEFORE_OF = /(?<!\p{L})\p{L}+(?=\s+(?:of|for|in)\s)/gu;
const LINE_END = /[\n\r\u2028\u2029]/;

/**
 * The first word followed by `of`, `for` or `in` (`Leaders` in `Local Leaders of
 * Education`), [start, end), as `/^(.*?)(\p{L}+)(\s+(?:of|for|in)\s+.*)$/u` reads it: no
 * line break before the word, nor after the spaces that follow the small word.
 */
function headBeforeOf(s: string): [number, number] | undefined {
  let lastBreak = -1;
  for (let i = s.length - 1; i >= 0; i--) {
    if (LINE_END.test(s[i]!)) {
      lastBreak = i;
      break;
    }
  }
  BEFORE_OF.lastIndex = 0;
  for (let m = BEFORE_OF.exec(s); m; m = BEFORE_OF.exec(s)) {
    if (lastBreak !== -1 && lastBreak < m.index) return undefined;
    const end = m.index + m[0].length;
    let i = end;
    while (/\s/.test(s[i]!)) i++;
    i += s.startsWith('of', i) ? 2 : s.startsWith('for', i) ? 3 : 2;
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (lastBreak < i) return [m.index, end];
  }
  return undefined;
}

/** Content-word stems, for telling a variant spelling from an unrelated meaning. */
function stems(expansion: string): Set<string> {
  return new Set(
    normExpansion(expansion, true)
      .split(' ')
      .filter((w) => w && !STOP_WORDS.has(w))
      .map((w) => w.slice(0, 5)),
  );
}

/** Share of content words two expansions have in common (0..1). */
export function expansionSimilarity(a: string, b: string): number {
  const sa = stems(a);
  const sb = stems(b);
  let common = 0;
  for (const w of sa) if (sb.has(w)) common++;
  const union = sa.size + sb.size - common;
  return union === 0 ? 1 : common / union;
}

/** The letters an expansion has to account for: `EHCPs` -> EHCP, `C-DOP` -> CDOP, `C&YP` -> C&YP. */
export function acronymLetters(acronym: string): string {
  // Asked of each acronym many times over (fitting, the clause before a definition, untied names).
  return keptFor(lettersOf, acronym, 5_000, readLetters);
}

const lettersOf = new Map<string, string>();

function readLetters(acronym: string): string {
  const parts = acronym.split('-');
  // `MPS-Spr-25`: only the first part is initials; the rest are qualifiers.
  const core = parts.length > 1 && parts.slice(1).some((p) => /[a-z0-9]/.test(p)) ? parts[0]! : parts.join('');
  return core.replace(/['’]s$/, '').replace(/(?<=[A-Z0-9])s$/, '');
}

interface FitWord {
  lower: string;
  stop: boolean;
  /** A part after a hyphen (`Agency` in `Multi-Agency`): may give a letter or none. */
  optional: boolean;
}

/**
 * One word's parts for fitting: the same few thousand words come up again and again in a
 * council's reports, so each is read once (the lists are shared: never changed).
 */
const fitWordCache = new Map<string, readonly FitWord[]>();

/** Words read into parts (for tests: a word already read is not read again). */
export const fitWork = { wordsRead: 0, tables: 0 };

function fitWord(w: string): readonly FitWord[] {
  // Its own copy of the word (keptFor): a word sliced from a report would keep the whole report alive.
  return keptFor(fitWordCache, w, 20_000, readFitWord);
}

function readFitWord(w: string): readonly FitWord[] {
  fitWork.wordsRead++;
  const parts: FitWord[] = [];
  w.split(/[-/]/)
    .filter(Boolean)
    .forEach((p, i) => {
      const lower = p.replace(/['’]s?$/, '').toLowerCase();
      if (!lower) return;
      parts.push({ lower, stop: STOP_WORDS.has(lower), optional: i > 0 && !STOP_WORDS.has(lower) });
    });
  return parts;
}

export interface FitResult {
  fits: boolean;
  /** Skipped content words in the middle (1 each) and at the end (0.5 each). */
  cost: number;
}

const INF = 1e9;

/** What fitting needs of an acronym: its letters in lower case, and whether qualifiers follow them (`MPS-Spr-25`). */
interface FitKey {
  letters: string;
  qualified: boolean;
}

const fitKeys = new Map<string, FitKey>();

function fitKey(acronym: string): FitKey {
  return keptFor(fitKeys, acronym, 5_000, readFitKey);
}

function readFitKey(acronym: string): FitKey {
  const core = acronymLetters(acronym);
  return { letters: core.toLowerCase().replace(/-/g, ''), qualified: /-/.test(acronym) && core.length < acronym.replace(/-/g, '').length };
}

/**
 * Whether the initials of `words` spell `acronym`. Each letter of the acronym comes from
 * the start of a word, or from the letters right after the start of the same word (`Im`
 * in Improvement for IMPACT, `Co` in Coordinator for SENCO). Small words (and, of, for)
 * may be skipped or give a letter; `&` and `+` match `and` and `plus`; a hyphen's second
 * part may be skipped. A content word may be skipped at a cost: one in the middle of a
 * long acronym, and a couple of descriptive words at the end (`... NHS Trust`).
 */
export function fitAcronym(acronym: string, words: readonly string[]): FitResult {
  const costs = fitPrefixes(acronym, words);
  const cost = costs[words.length]!;
  return { fits: cost <= fitAllowed(acronym), cost };
}

/** The most a fitting expansion of `acronym` may cost (see `FitResult.cost`). */
export function fitAllowed(acronym: string): number {
  return fitKey(acronym).letters.length >= 5 ? 2 : 1.5;
}

/**
 * `fitAcronym(acronym, words.slice(0, k)).cost` for every k from 0 to `words.length`, in
 * one pass: the fit of a longer run of words extends the fit of its first words.
 */
export function fitPrefixes(acronym: string, words: readonly string[]): number[] {
  fitWork.tables++;
  const { letters, qualified } = fitKey(acronym);
  const out = new Array<number>(words.length + 1).fill(INF);
  const ws: FitWord[] = [];
  // The number of parts of the first k words.
  const partsTo = [0];
  for (const w of words) {
    for (const p of fitWord(w)) ws.push(p);
    partsTo.push(ws.length);
  }
  const n = letters.length;
  const m = ws.length;
  if (n === 0 || m === 0) return out;
  if (ws[0]!.stop && !matchesStart(letters[0]!, ws[0]!.lower)) return out;
  // best[i * (m + 1) + j]: least cost to spell letters[0..i) with parts[0..j).
  const w1 = m + 1;
  const best = new Array<number>((n + 1) * w1).fill(INF);
  best[0] = 0;
  for (let j = 0; j < m; j++) {
    const w = ws[j]!;
    for (let i = 0; i <= n; i++) {
      const here = best[i * w1 + j]!;
      if (here >= INF) continue;
      // Skip the word.
      const skip = w.stop || w.optional ? 0 : i === n ? (qualified ? 0 : 0.5) : i === 0 ? INF : 1;
      if (here + skip < best[i * w1 + j + 1]!) best[i * w1 + j + 1] = here + skip;
      // Use the word for letters[i..i+k).
      if (i < n && matchesStart(letters[i]!, w.lower)) {
        let k = 1;
        while (true) {
          if (here < best[(i + k) * w1 + j + 1]!) best[(i + k) * w1 + j + 1] = here;
          if (i + k >= n || k >= w.lower.length || letters[i + k] !== w.lower[k]) break;
          k++;
        }
      }
    }
  }
  // A run of words with no parts at all fits nothing.
  for (let k = 1; k <= words.length; k++) if (partsTo[k]! > 0) out[k] = best[n * w1 + partsTo[k]!]!;
  return out;
}

function matchesStart(letter: string, word: string): boolean {
  if (letter === '&') return word === '&' || word === 'and';
  if (letter === '+') return word === 'plus' || word === '+';
  return word[0] === letter;
}

/**
 * The shortest run of words ending at the last one whose initials fit the acronym, or
 * undefined. Used to find where `... the High Needs Block (HNB)` starts.
 */
export function fittingSuffix(acronym: string, words: readonly Word[], maxWords: number): { from: number; cost: number } | undefined {
  const n = words.length;
  const lead = acronymLetters(acronym)[0]?.toLowerCase() ?? '';
  for (let k = 1; k <= Math.min(maxWords, n); k++) {
    const first = words[n - k]!.text;
    if (isStopWord(first) || !matchesStart(lead, first.toLowerCase())) continue;
    const r = fitAcronym(acronym, words.slice(n - k).map((w) => w.text));
    if (r.fits) return { from: n - k, cost: r.cost };
  }
  return undefined;
}

/** Whether a word starts with a capital letter or a digit (Title Case phrases). */
export function isCapitalised(word: string): boolean {
  return /^[\p{Lu}\p{N}]/u.test(word);
}

/**
 * A Title Case run ending at the last word (small words allowed inside), of at least two
 * content words: `High Needs` in `... funding for High Needs (HNB)`.
 */
export function titleCaseSuffix(words: readonly Word[]): number | undefined {
  let from = words.length;
  let content = 0;
  for (let i = words.length - 1; i >= 0; i--) {
    const t = words[i]!.text;
    if (isCapitalised(t) && !/^\d/.test(t)) {
      from = i;
      content += t.split('-').filter(Boolean).length;
    } else if (isStopWord(t) && i > 0) {
      continue;
    } else break;
  }
  return content >= 2 ? from : undefined;
}
