import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../server/src/core/check.js';
import { mayRepeat, REPEAT } from '../../server/src/core/prose/repeated-word.js';
import { countWords } from '../../server/src/core/prose/long-sentence.js';
import { knownCandidate } from '../../server/src/core/prose/spelling.js';
import { loadDictionary } from '../../server/src/core/prose/dictionary.js';
import { councilWord } from '../../server/src/core/prose/lexicon.js';
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
