import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../server/src/core/check.js';
import { mayRepeat, REPEAT } from '../../server/src/core/prose/repeated-word.js';
import { countWords } from '../../server/src/core/prose/long-sentence.js';
import { knownCandidate } from '../../server/src/core/prose/spelling.js';
import { apostropheAt, loadDictionary, MAX_SUGGESTED_WORD, suggestions, suggestionWork } from '../../server/src/core/prose/dictionary.js';
import { councilWord } from '../../server/src/core/prose/lexicon.js';
import { endsStop, jsSpace, notAWord, proseSegments, proseWork, wordsOf, type ProseSegment } from '../../server/src/core/prose/segments.js';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { mayBeUs } from '../../server/src/core/prose/us-spelling.js';
import US from '../../server/src/core/prose/data/us-spellings.json';
import { FIXTURE_TODAY } from './helpers.js';

// The prose rules' cheap first tests: each lets a rule skip a paragraph only when its full test could not fire there.

const prose = (text: string, ruleId: string): string[] =>
  checkReport(`# Report\n\n## 1. Summary\n\n${text}\n`, { today: FIXTURE_TODAY })
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => f.message);

test('repeated words: the one-pass test lets through every text the pattern matches, in any case and alphabet', () => {
  const repeats = [
    'schools and and families',
    'The The board',
    'and the\nthe health visitors',
    'and the \r\n  the health visitors',
    'AND and',
    'été été',
    'Été été',
    'straße STRASSE straße Straße',
    'Ärger ärger',
    '𐐀 𐐨',
    'the\tthe',
    'x, the the.',
  ];
  for (const t of repeats) {
    REPEAT.lastIndex = 0;
    assert.ok(REPEAT.test(t), `the pattern matches ${JSON.stringify(t)}`);
    assert.ok(mayRepeat(t), JSON.stringify(t));
  }
  // Not repeats, and cheap to tell: no pair of equal words with only space between.
  for (const t of ['The service will work with schools and families.', 'the-the', "don't don't-care", 'the 2 the', 'the, the', 'ab abc', 'the theatre']) {
    assert.equal(mayRepeat(t), false, JSON.stringify(t));
  }
  // What the rule reports is the pattern's: across a line break, in other alphabets, not "had had".
  assert.equal(prose('1.1 Families in Évian Évian were seen.', 'prose/repeated-word').length, 1);
  assert.equal(prose('1.1 Families were seen in the\nthe city.', 'prose/repeated-word').length, 1);
  assert.deepEqual(prose('1.1 The plan had had support, and that that was enough.', 'prose/repeated-word'), []);
});

test('US spellings: a word that names a property of every object is not a US spelling', () => {
  // "constructor" was looked up in a plain object and its native function came back as the "British form".
  assert.deepEqual(prose('1.1 The constructor said toString and valueOf and hasOwnProperty are fine.', 'prose/us-spelling'), []);
  assert.deepEqual(prose('1.1 The center will analyze behavior.', 'prose/us-spelling').length, 3);
});

test('long sentences: words are counted in one pass as the pattern counts them, in any alphabet', () => {
  const PATTERN = /[\p{L}\p{N}][\p{L}\p{N}'’.,%-]*/gu;
  const pieces = ['the', 'Council', '12.5%', '£4m', "officers'", '’s', '-', '--', ' ', '  ', '\n', ',', '.', 'e.g.', 'été', 'Ærø', '𐐀𐐨', '٣', '(', ')', '"', 'co-op', '—', '…', '½', '\u0301'];
  let seed = 11;
  const rnd = (n: number): number => (seed = (seed * 16807) % 2147483647) % n;
  for (let k = 0; k < 2000; k++) {
    let text = '';
    for (let j = rnd(12); j >= 0; j--) text += pieces[rnd(pieces.length)];
    const a = rnd(text.length + 1);
    const b = a + rnd(text.length - a + 1);
    assert.equal(countWords(text, a, b), text.slice(a, b).match(PATTERN)?.length ?? 0, JSON.stringify(text.slice(a, b)));
  }
});

test('drafting notes: a paragraph is passed over only when it has none of the notes\' words, in the same case folding', () => {
  for (const t of ['1.1 DN: add the Q4 data.', '1.1 TODO update the figures.', '1.1 Note to self: check.', '1.1 Demand rose (figures to be confirmed).', '1.1 Demand rose [check with finance].', '1.1 The total is ??.', '1.1 NTS: the Kelvin sign K and long s in NTſ: ask.']) {
    assert.ok(prose(t, 'prose/drafting-note').length >= 1, t);
  }
  assert.deepEqual(prose('1.1 Demand rose by 12% in the year to March 2026 (as forecast).', 'prose/drafting-note'), []);
});

test('spelling suggestions: a candidate asked of the trie first is known exactly when the dictionary or the lexicon knows it', () => {
  const dict = loadDictionary()!;
  const words = ['framework', 'Framework', 'farmework', 'accommodation', 'Leicestershire', 'leicestershire', 'Leicestershre', 'wellbeing', 'underspend', "children's", 'Beaumont', 'beaumont', 'café', 'cafe', 'naïve', 'Sushi', 'sushi', 'xyzzy', 'colour', 'color', 'the', 'The', 'THE', 'Monsell', 'monsell'];
  for (const w of words) {
    const expected = dict.has(w) || dict.has(w.toLowerCase()) || councilWord(w);
    assert.equal(knownCandidate(w), expected, w);
  }
  // And the suggestions the rule gives are the dictionary's.
  assert.ok(prose('1.1 The farmework was agreed.', 'prose/spelling').some((m) => m.includes('"framework"')));
});

/** Random texts from pieces that meet the word tests' edges: letters of several alphabets, apostrophes, hyphens, figures. */
function randomTexts(count: number, pieces: readonly string[], seed = 7): string[] {
  const rnd = (n: number): number => (seed = (seed * 16807) % 2147483647) % n;
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let text = '';
    for (let j = rnd(10); j >= 0; j--) text += pieces[rnd(pieces.length)];
    out.push(text);
  }
  return out;
}

const WORD_PIECES = ['the', 'Council', 'TUPE', 'SEND', "officers'", "'s", '’s', "'", '’', '-', '--', ' ', '\n', '.', 'e.g.', 'été', 'Ærø', 'ÿ', '×', '÷', 'ɏ', 'ɐ', 'ß', '𐐀', 'é', 'co-op', 'iPad', 'McDonald', 'x2', '_', 'ab', 's', 'A', 'Z', 'z', '@', '[', '`', '{'];

test('words: split with character tests as the pattern splits them, and notAWord as its patterns say', () => {
  const PATTERN = /[A-Za-z\u00C0-\u024F](?:[A-Za-z\u00C0-\u024F'’-]*[A-Za-z\u00C0-\u024F])?/g;
  for (const text of randomTexts(3000, WORD_PIECES)) {
    const seg = { start: 5, end: 5 + text.length, kind: 'paragraph', text, shouted: false } as ProseSegment;
    const expected = [...text.matchAll(PATTERN)].map((m) => ({ text: m[0], start: 5 + m.index, end: 5 + m.index + m[0].length }));
    assert.deepEqual(wordsOf(seg), expected, JSON.stringify(text));
    for (const w of [text, ...expected.map((e) => e.text)]) {
      const was = w.length < 3 || /[0-9_]/.test(w) || /^[A-Z][A-Z'’s-]*$/.test(w) || /[a-z][A-Z]/.test(w);
      assert.equal(notAWord(w), was, JSON.stringify(w));
    }
  }
});

test('words: a full check splits each prose segment into words once, whichever rules read them', () => {
  const dir = join(import.meta.dirname, '..', 'seeds');
  const seeds = readdirSync(dir).filter((f) => f.endsWith('.report.md'));
  for (const f of seeds.slice(0, 4)) {
    const before = proseWork.tokenised;
    const { model } = checkReport(readFileSync(join(dir, f), 'utf8'), { today: FIXTURE_TODAY });
    // prose/us-spelling reads every segment; prose/spelling and prose/one-spelling read the same lists.
    assert.equal(proseWork.tokenised - before, proseSegments(model!).length, f);
  }
});

/** The suggestions as they were made before each candidate was made once: every edit, with a set of those seen. */
function suggestionsByEveryEdit(word: string, known: (w: string) => boolean, max: number, prefix: (p: string) => boolean): string[] {
  const out: string[] = [];
  if (word.length > MAX_SUGGESTED_WORD) return out;
  const seen = new Set<string>([word]);
  const cap = /^[A-Z][a-z]/.test(word);
  const lower = cap ? word[0]!.toLowerCase() + word.slice(1) : word;
  const add = (c: string): void => {
    const w = cap ? c[0]!.toUpperCase() + c.slice(1) : c;
    if (out.length >= max || seen.has(w)) return;
    seen.add(w);
    if (!apostropheAt(w, w.length - 1) && known(w)) out.push(w);
  };
  const LETTERS = "abcdefghijklmnopqrstuvwxyz'";
  const n = lower.length;
  let last = 0;
  while (last < n && prefix(lower.slice(0, last + 1))) last++;
  for (let i = 0; i < Math.min(n - 1, last + 1); i++) add(lower.slice(0, i) + lower[i + 1] + lower[i] + lower.slice(i + 2));
  for (let i = 0; i <= Math.min(n, last); i++) for (const c of LETTERS) add(lower.slice(0, i) + c + lower.slice(i));
  for (let i = 0; i < Math.min(n, last + 1); i++) add(lower.slice(0, i) + lower.slice(i + 1));
  for (let i = 0; i < Math.min(n, last + 1); i++) for (const c of LETTERS) if (c !== lower[i]) add(lower.slice(0, i) + c + lower.slice(i + 1));
  return out;
}

test('spelling suggestions: each candidate made once, none after the last one kept, and the same suggestions as every edit gives', () => {
  const dict = loadDictionary()!;
  // Doubled letters, apostrophes, capitals, accents: where two edits make the same candidate.
  const words = ['accomodation', 'Accomodation', 'goverment', 'comittee', 'committe', 'seperate', 'Leicestershre', 'Moncell', 'aaa', 'aab', "childrens'", "children's", 'ooo', 'Bookkeepper', 'Eeel', 'naive', 'cafe', 'the', 'teh', 'a', "'", "a'", 'xyzzy', 'Mississipi', 'successsful', 'E', 'Ab', 'ÆRØ'];
  let seed = 3;
  const rnd = (n: number): number => (seed = (seed * 16807) % 2147483647) % n;
  // And slips made at random in dictionary words: a letter dropped, doubled or changed.
  for (const base of ['accommodation', 'government', 'wellbeing', 'safeguarding', 'Leicester', 'proportionate', 'allocation', 'sufficiency', 'unaccompanied', 'apprenticeship']) {
    for (let k = 0; k < 6; k++) {
      const i = rnd(base.length);
      const kind = rnd(3);
      words.push(kind === 0 ? base.slice(0, i) + base.slice(i + 1) : kind === 1 ? base.slice(0, i) + base[i] + base.slice(i) : base.slice(0, i) + 'aeio'[rnd(4)] + base.slice(i + 1));
    }
  }
  const prefix = (p: string): boolean => dict.find(p) !== undefined;
  for (const known of [(w: string) => dict.has(w), (w: string) => knownCandidate(w), () => true]) {
    for (const max of [1, 5, 100, 10_000]) {
      for (const w of words) {
        const asked: string[] = [];
        const counting = (c: string): boolean => (asked.push(c), known(c));
        const before = suggestionWork.candidates;
        assert.deepEqual(suggestions(dict, w, counting, max, prefix), suggestionsByEveryEdit(w, known, max, prefix), `${w} (max ${max})`);
        assert.equal(new Set(asked).size, asked.length, `${w}: a candidate asked twice`);
        assert.ok(suggestionWork.candidates - before >= asked.length);
      }
    }
  }
  // Once the last suggestion kept is found, no more candidates are made.
  const before = suggestionWork.candidates;
  assert.equal(suggestions(dict, 'teh', () => true, 2).length, 2);
  assert.equal(suggestionWork.candidates - before, 2);
});

test('sentence stops: white space and the stop before a word told with character tests as the patterns tell them', () => {
  for (let c = 0; c < 0x10000; c++) assert.equal(jsSpace(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
  const pieces = ['.', '!', '?', ':', ';', ',', ' ', '\n', '\t', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u200b', 'a', 'Z', ')', '"', '”', '…'];
  for (const text of randomTexts(3000, pieces, 5)) {
    for (let from = 0; from <= text.length; from += 1 + (from % 3)) {
      for (let to = from; to <= text.length; to++) assert.equal(endsStop(text, from, to), /[.!?:]\s*$/.test(text.slice(from, to)), JSON.stringify(text.slice(from, to)));
    }
  }
});

test('US spellings: a word is passed over before its look-up only when no US form is in lower case like it', () => {
  const keys = [...Object.keys(US), 'program', 'programs', 'license', 'licenses'];
  const words = keys.flatMap((k) => [k, k.toUpperCase(), k[0]!.toUpperCase() + k.slice(1), k.slice(1), k.slice(0, -1), `${k}s`, `x${k}`]);
  const dir = join(import.meta.dirname, '..', 'seeds');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.report.md'))) words.push(...(readFileSync(join(dir, f), 'utf8').match(/[\p{L}'’-]+/gu) ?? []));
  words.push(...randomTexts(2000, ['center', 'CENTER', 'z', 'Z', 'K', '\u212a', 'İ', 'é', 'a', 'r', 'color', 'ize', "'", '-'], 9));
  let passed = 0;
  for (const w of words) {
    if (mayBeUs(w)) continue;
    passed++;
    const lower = w.toLowerCase();
    assert.ok(!keys.includes(lower) && !lower.includes('z'), w);
  }
  // Most words of a report go no further.
  assert.ok(passed > words.length / 2, `${passed} of ${words.length}`);
});
