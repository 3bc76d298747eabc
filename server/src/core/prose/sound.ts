import { ownString } from '../text.js';

/**
 * Whether a word, number or acronym is read with a vowel sound first: what decides
 * "a" or "an". Undefined when it cannot be told from the spelling.
 */

/** Lower-case words spelt with a vowel but read with a consonant ("a one-off", "a European", "a unique"). */
const CONSONANT_SOUND = /^(?:one(?!rous)|once|eu|ewe|uu|ubiq|uk[ru]|ufo|uran|uret|urin|uro|usab|usag|use|usi|usu|usur|uten|uter|util|utop|unan|uni(?![mnd]|ll)|ouija)/;
/** Words spelt with a consonant but read with a vowel ("an hour", "an honour"). */
const VOWEL_SOUND = /^(?:hour|honou?r|honest|heir|hono)/;
/** Letters whose names start with a vowel sound: A E F H I L M N O R S X. */
const VOWEL_LETTERS = new Set('AEFHILMNORSX');
/** All-capital acronyms read as words, and whether that word starts with a vowel sound. */
const READ_AS_WORD: Record<string, boolean> = {
  NATO: false, UNICEF: false, UNESCO: false, SEND: false, SENCO: false, CAMHS: false, NEET: false, SALT: false, SATS: false,
  LADO: false, MASH: false, PIN: false, OFSTED: true, ASYE: true, ACE: true, ACES: true, AIDS: true, ISA: true, ICON: true,
};

function acronymSound(a: string): boolean | undefined {
  const known = READ_AS_WORD[a];
  if (known !== undefined) return known;
  // Three letters or fewer, or no vowel to make a word of: read as letters. A longer
  // acronym that could be read as a word is left alone.
  if (a.length <= 3 || !/[AEIOU]/.test(a.slice(1))) return VOWEL_LETTERS.has(a[0]!);
  return undefined;
}

/**
 * Whether `vowelSound` only guesses for this token: a short acronym the council's list
 * does not know that could be said as a word as well as letter by letter ("SEN", "LAC":
 * "a SEN plan" and "an SEN plan" are both written).
 */
export function soundIsGuess(token: string): boolean {
  const head = token.replace(/^[“"‘'(]+/, '').split(/[-‐/]/)[0]!.replace(/['’]s$/, '');
  if (!/^[A-Z][A-Z0-9&]+s?$/.test(head)) return false;
  const a = head.replace(/s$/, '');
  return READ_AS_WORD[a] === undefined && a.length <= 3 && /^[^AEIOU]?[AEIOU]+[^AEIOU]?$/.test(a);
}

/** Words with a weak "h" that take "a" or "an" in British English. */
const EITHER_ARTICLE = /^(?:histor(?:ic|ical|ically)|hotels?|habitual|hereditary|heroic)$/;

/** `vowelSound`'s answers by token: an article's next word is mostly one of a few hundred ("a new", "an increase"). */
const sounds = new Map<string, boolean | undefined>();
/** Work counted for tests: tokens whose sound was worked out (not taken from `sounds`). */
export const soundWork = { computed: 0 };

export function vowelSound(token: string): boolean | undefined {
  if (sounds.has(token)) return sounds.get(token);
  soundWork.computed++;
  const sound = soundOf(token);
  // Bounded: a long run of checks of new words starts the list again.
  if (sounds.size >= 4096) sounds.clear();
  // Its own copy: a slice would keep the whole paragraph it was cut from.
  sounds.set(ownString(token), sound);
  return sound;
}

function soundOf(token: string): boolean | undefined {
  const t = token.replace(/^[“"‘'(]+/, '');
  if (!t) return undefined;
  if (/^[0-9]/.test(t)) return numberSound(t);
  const head = t.split(/[-‐/]/)[0]!.replace(/['’]s$/, '');
  if (/^[A-Z][A-Z0-9&]+s?$/.test(head)) return acronymSound(head.replace(/s$/, ''));
  if (/^[A-Z]$/.test(head)) return VOWEL_LETTERS.has(head);
  if (!/^[A-Za-z]/.test(head)) return undefined;
  const w = head.toLowerCase();
  // British usage accepts "an historic" (the older form, still in council papers) beside
  // "a historic": neither is a slip.
  if (EITHER_ARTICLE.test(w)) return undefined;
  if (VOWEL_SOUND.test(w)) return true;
  if (CONSONANT_SOUND.test(w)) return false;
  return /^[aeiou]/.test(w);
}

function numberSound(t: string): boolean | undefined {
  const m = /^(\d[\d,]*)(?:\.\d+)?/.exec(t);
  if (!m) return undefined;
  const digits = m[1]!.replace(/,/g, '');
  const grouped = m[1]!.includes(',');
  if (digits[0] === '8') return true;
  // 11 and 18 ("an 11-year-old"), and 11,000 / 18,000 read as "eleven thousand".
  const lead = grouped ? m[1]!.split(',')[0]! : digits;
  if (lead === '11' || lead === '18') return true;
  // 1100 or 1800 may be read "eleven hundred": leave alone.
  if (!grouped && digits.length === 4 && (digits.startsWith('11') || digits.startsWith('18'))) return undefined;
  return false;
}
