import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkReport } from '../../server/src/core/check.js';
import { ReportSession } from '../../server/src/core/session.js';
import { numberedWords, spellingWork, wordText } from '../../server/src/core/prose/spellings.js';
import { proseSegments, proseWork, segmentWords } from '../../server/src/core/prose/segments.js';
import { RULES } from '../../server/src/core/rules/index.js';
import { FIXTURE_TODAY } from './helpers.js';

// Issue 18: the words of a one-off check are split and numbered in one pass, with no object per word.

const root = join(import.meta.dirname, '..', '..');
const seeds = readdirSync(join(root, 'test', 'seeds'))
  .filter((f) => f.endsWith('.md') && f !== 'EXPECTED.md')
  .map((f) => readFileSync(join(root, 'test', 'seeds', f), 'utf8'));
const words = new Set(['prose/spelling', 'prose/us-spelling', 'prose/one-spelling']);
const opts = { today: FIXTURE_TODAY, rules: RULES.filter((r) => words.has(r.id)) };

test('a check outside an editing session makes no list of word objects: the spelling rules read the numbered words', () => {
  const lists = proseWork.wordLists;
  const numbered = spellingWork.numbered;
  for (const text of seeds) checkReport(text, opts);
  assert.ok(spellingWork.numbered - numbered > 100, 'the seeds have words');
  assert.equal(proseWork.wordLists - lists, 0, 'word lists made');
  // In a session the lists are made (and kept aside) as before.
  new ReportSession().check(seeds[0]!, opts);
  assert.ok(proseWork.wordLists - lists > 0);
});

test('numbered words are the words of segmentWords: same offsets, same text, one number per text', () => {
  const session = new ReportSession();
  for (const text of seeds) {
    const { model } = checkReport(text, opts);
    const inSession = session.check(text, opts).model;
    const segs = proseSegments(model!);
    const sessionSegs = proseSegments(inSession!);
    assert.equal(segs.length, sessionSegs.length);
    for (let s = 0; s < segs.length; s++) {
      const fused = numberedWords(model!, segs[s]!);
      const list = segmentWords(inSession!, sessionSegs[s]!);
      assert.equal(fused.length, 3 * list.length);
      for (let i = 0; i < list.length; i++) {
        assert.equal(fused[3 * i], list[i]!.start);
        assert.equal(fused[3 * i + 1], list[i]!.end);
        assert.equal(wordText(fused[3 * i + 2]!), list[i]!.text);
      }
      // The same array again within the check: split once.
      assert.equal(numberedWords(model!, segs[s]!), fused);
    }
  }
});
