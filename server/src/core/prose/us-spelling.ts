import { defineRule } from '../rules/define.js';
import { replaceFix } from '../rules/util.js';
import { eachSegment, endsStop, inSpans, quotedSpans, type ProseSegment } from './segments.js';
import { numberedWords, numberingEpoch, room, wordText, wordsNumbered } from './spellings.js';
import US from './data/us-spellings.json';

/** US spelling -> British spelling (a Map: a word such as "constructor" is not a key of the data). */
const FORMS = new Map(Object.entries(US as Record<string, string>));

/** A length as a bit of `SHAPES` (31 for any longer). */
const lengthBit = (n: number): number => 1 << Math.min(n, 31);

/**
 * The shapes of the words with a British form other than by -ise: for each first and last
 * character (in lower case), the lengths of such words as bits. Most words of a report
 * have no such shape and no "z", and need not be put in lower case and looked up.
 */
const SHAPES = new Uint32Array(128 * 128);
/** The same of their second and last but one characters ("funding" has the shape of "fueling" at its ends, not inside). */
const INNER = new Uint32Array(128 * 128);
for (const k of [...FORMS.keys(), 'program', 'programs', 'license', 'licenses']) {
  SHAPES[((k.charCodeAt(0) | 32) << 7) | (k.charCodeAt(k.length - 1) | 32)]! |= lengthBit(k.length);
  INNER[((k.charCodeAt(1) | 32) << 7) | (k.charCodeAt(k.length - 2) | 32)]! |= lengthBit(k.length);
}

/**
 * Whether a word may have a British form: false only when its lower case is no key of the
 * data, nor "program" or "license" (or their plurals), and has no "z". A word that begins
 * or ends outside ASCII is left to the look-up (its lower case may differ in length).
 */
export function mayBeUs(word: string): boolean {
  const n = word.length;
  if (n === 0) return true;
  const a = word.charCodeAt(0);
  const b = word.charCodeAt(n - 1);
  if (a >= 128 || b >= 128) return true;
  if (SHAPES[((a | 32) << 7) | (b | 32)]! & lengthBit(n)) {
    if (n < 2) return true;
    const c = word.charCodeAt(1);
    const d = word.charCodeAt(n - 2);
    if (c >= 128 || d >= 128 || INNER[((c | 32) << 7) | (d | 32)]! & lengthBit(n)) return true;
  }
  for (let i = 0; i < n; i++) if ((word.charCodeAt(i) | 32) === 122) return true;
  return false;
}

/** `-ize`/`-yze` words and their family, with the stem long enough to leave `size`, `seize`, `prize` alone. */
const IZE = /^([a-z]{3,})([iy])z(e|es|ed|ing|ation|ations|ational|er|ers|able)$/;
/** Words whose `z` belongs to the stem. */
const KEEP_Z = /(?:size|sized|sizes|sizing|capsiz|seiz|assiz|maiz|baiz|priz|glaz|froz|bronz|oz)/;


/** "license" is British only as a verb: after a determiner, or before fee, holder..., it is a noun. */
const LICENSE_NOUN_BEFORE = /\b(?:a|the|their|his|her|its|our|your|this|that|driving|premises|alcohol|taxi|new|current|valid)[ \t]+$/i;
const LICENSE_NOUN_AFTER = /^[ \t]+(?:fee|fees|holder|holders|conditions|application|applications|number|plate|plates|renewal|renewals|to)\b/i;

/** The British form of a US spelling, or undefined. `before`/`after`: the text around the word. */
export function britishForm(word: string, before: string, after: string): string | undefined {
  return britishFormIn(word, before + word + after, before.length, before.length + word.length, Infinity);
}

/**
 * `britishForm` of the word at `[start, end)` of `text`, with up to `around` characters
 * either side as its context, cut out only when they decide (for "program" and
 * "license"): the rule asks this of every word, and most are not US forms.
 */
function britishFormIn(word: string, text: string, start: number, end: number, around: number): string | undefined {
  if (!mayBeUs(word)) return undefined;
  const lower = word.toLowerCase();
  let uk: string | undefined;
  if (lower === 'program' || lower === 'programs') {
    // "computer program", "the program crashed": software, spelt the US way in Britain too.
    if (/\b(?:computer|software|antivirus|anti-virus)[ \t]+$/i.test(text.slice(Math.max(0, start - around), start))) return undefined;
    uk = FORMS.get(lower);
  } else if (lower === 'license' || lower === 'licenses') {
    if (!LICENSE_NOUN_BEFORE.test(text.slice(Math.max(0, start - around), start)) && !LICENSE_NOUN_AFTER.test(text.slice(end, end + around))) return undefined;
    uk = lower === 'license' ? 'licence' : 'licences';
  } else {
    uk = FORMS.get(lower);
    if (uk === undefined && lower.includes('z')) {
      const m = IZE.exec(lower);
      if (m && !KEEP_Z.test(lower)) uk = `${m[1]}${m[2]}s${m[3]}`;
    }
  }
  if (uk === undefined) return undefined;
  if (word === word.toUpperCase() && word.length > 1) return uk.toUpperCase();
  if (word[0] === word[0]!.toUpperCase()) return uk[0]!.toUpperCase() + uk.slice(1);
  return uk;
}

/** Work counted for tests: words given the shape test (`mayBeUs`) by the rule. */
export const usWork = { shapes: 0 };

/** A numbered word's answer (see `looked`): not asked yet, passed over, or looked up. */
const UNSEEN = 0;
const PASSED = 1;
const LOOK = 2;

/**
 * Whether the rule looks up each numbered word (see `wordNumbers`): not when `mayBeUs`
 * rules it out or it is hyphenated. Kept with the numbers: a folder's reports write the
 * same words, and the shape test was made at every place of each.
 */
const lookedKept = { epoch: -1, answers: new Int32Array(0) };

/** The answers by word number, with room for every number given so far. */
function looked(): Int32Array {
  const kept = lookedKept;
  if (kept.epoch !== numberingEpoch()) {
    kept.epoch = numberingEpoch();
    kept.answers = new Int32Array(0);
  }
  return (kept.answers = room(kept.answers, wordsNumbered(), UNSEEN));
}

export const usSpelling = defineRule({
  id: 'prose/us-spelling',
  title: 'US spelling in a UK report',
  defaultSeverity: 'warning',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'Council reports are written in British English and the council spells with -ise: "centre", "behaviour", "analyse", "fulfil", "enrolment", "programme", "licence" (the noun), "organisation". A US form reads as copied from elsewhere. The fix writes the British form; a computer program, and the names of US bodies in quotes, are left alone.',
    bad: '3.1 The family hub center will analyze behavior data and prioritize enrollment.',
    good: '3.1 The family hub centre will analyse behaviour data and prioritise enrolment.',
  },
  check(ctx) {
    const { model } = ctx;
    eachSegment(ctx, check);
    function check(seg: ProseSegment): void {
      let quoted: { start: number; end: number }[] | undefined;
      // Three numbers a word: start, end, number (see `numberedWords`).
      const words = numberedWords(model, seg);
      const answers = looked();
      for (let k = 0; k < words.length; k += 3) {
        // (The cheap test first, once per distinct word: most words have no British form.)
        const n = words[k + 2]!;
        let answer = answers[n]!;
        if (answer === UNSEEN) {
          usWork.shapes++;
          const text = wordText(n);
          answers[n] = answer = !mayBeUs(text) || text.includes('-') ? PASSED : LOOK;
        }
        if (answer === PASSED) continue;
        const w = { text: wordText(n), start: words[k]!, end: words[k + 1]! };
        const rel = w.start - seg.start;
        const uk = britishFormIn(w.text, seg.text, rel, w.end - seg.start, 24);
        if (!uk) continue;
        // Part of a proper name ("World Health Organization"): the name as its owner spells it.
        if (/^[A-Z]/.test(w.text) && k > 0 && /^[A-Z]/.test(wordText(words[k - 1]!)) && !endsStop(seg.text, words[k - 2]! - seg.start, rel)) continue;
        quoted ??= quotedSpans(seg.text);
        if (inSpans(quoted, rel, rel + w.text.length)) continue;
        const range = model.index.range(w.start, w.end);
        ctx.report({
          message: `"${w.text}" is the US spelling; the council writes "${uk}".`,
          range,
          fixes: [replaceFix(`Change to "${uk}"`, range, uk)],
        });
      }
    }
  },
});
