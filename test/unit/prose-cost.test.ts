import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../server/src/core/check.js';
import { mayRepeat, REPEAT } from '../../server/src/core/prose/repeated-word.js';
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
