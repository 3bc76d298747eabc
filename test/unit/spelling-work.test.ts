import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyseReport, checkReport } from '../../server/src/core/check.js';
import { dictionaryWork, suggestionWork } from '../../server/src/core/prose/dictionary.js';
import { countReportForms, MAX_NUMBERED, numberingEpoch, unitForms, unitsCounted, wordNumbers, wordsNumbered } from '../../server/src/core/prose/spellings.js';
import { proseSegments, segmentWords, type Word } from '../../server/src/core/prose/segments.js';
import { mayBeUs } from '../../server/src/core/prose/us-spelling.js';
import type { ReportModel } from '../../server/src/core/model.js';
import { FIXTURE_TODAY } from './helpers.js';
import { RULES } from '../../server/src/core/rules/index.js';
import type { RuleDefinition } from '../../server/src/core/rules/define.js';

// The spelling rules' work, counted: a word is worked out once, not at each of its places.

const opts = { today: FIXTURE_TODAY };
const texts = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'EXPECTED.md')
    .map((f) => readFileSync(join(dir, f), 'utf8'));
const root = join(import.meta.dirname, '..', '..');
const seeds = texts(join(root, 'test', 'seeds'));
const reports = [...seeds, ...texts(join(root, 'examples')), ...texts(join(root, 'test', 'fixtures'))];
const only = (id: string): { today: string; rules: RuleDefinition[] } => ({ ...opts, rules: RULES.filter((r) => r.id === id) });

/** A report that writes the same few words again and again. */
function repetitive(times: number): string {
  const para = 'The council will review the accommodation offer for families and carers in Braunstone, and will report on its progress.';
  return `# Report\n\n## 1. Summary\n\n${Array.from({ length: times }, (_, i) => `1.${i + 1} ${para}`).join('\n\n')}\n`;
}

test('prose/spelling asks the dictionary about a word once, not at each place it is written', () => {
  checkReport(repetitive(1), only('prose/spelling'));
  for (const times of [10, 200]) {
    const text = repetitive(times);
    const before = dictionaryWork.asked;
    const findings = checkReport(text, only('prose/spelling')).findings;
    assert.deepEqual(findings, []);
    // Every word of the text was asked about in an earlier check: none is asked again.
    assert.equal(dictionaryWork.asked - before, 0, `${times} paragraphs`);
  }
});

test('a word misspelt in many reports is given its suggestions once', () => {
  const text = '# Report\n\n## 1. Summary\n\n1.1 The goverment has asked for accomodation.\n';
  const first = checkReport(text, opts).findings.filter((f) => f.ruleId === 'prose/spelling');
  assert.equal(first.length, 2);
  const before = suggestionWork.words;
  const again = checkReport(text.replace('1.1', '1.2'), opts).findings.filter((f) => f.ruleId === 'prose/spelling');
  assert.equal(suggestionWork.words - before, 0);
  assert.deepEqual(
    again.map((f) => [f.message, f.fixes?.map((x) => x.title)]),
    first.map((f) => [f.message, f.fixes?.map((x) => x.title)]),
  );
});

test('a check outside an editing session counts the report forms at once: no tally per unit, the same forms and counts as the tallies added up', () => {
  for (const text of reports) {
    const { model } = analyseReport(text);
    const before = unitsCounted();
    checkReport(text, only('prose/one-spelling'));
    assert.equal(unitsCounted() - before, 0, 'no unit counted on its own');
    // The tallies of every unit, added up in document order.
    const forms: string[] = [];
    const counts = new Map<string, number>();
    for (const u of model.units) {
      const t = unitForms(model, u);
      t.forms.forEach((f, i) => {
        if (!counts.has(f)) forms.push(f);
        counts.set(f, (counts.get(f) ?? 0) + t.counts[i]!);
      });
    }
    const all = countReportForms(model);
    assert.deepEqual(all.forms, forms);
    assert.deepEqual(all.counts, forms.map((f) => counts.get(f)));
  }
});

test('words are numbered once per model, the same number for the same text in every report', () => {
  const a = analyseReport(seeds[0]!).model;
  const b = analyseReport(seeds[1]!).model;
  const number = (m: ReportModel): Map<string, number> => {
    const out = new Map<string, number>();
    for (const s of proseSegments(m)) {
      const words = segmentWords(m, s);
      const n = wordNumbers(m, words);
      assert.equal(wordNumbers(m, words), n, 'the same list, numbered once');
      words.forEach((w, i) => {
        assert.equal(out.get(w.text) ?? n[i], n[i], w.text);
        out.set(w.text, n[i]!);
      });
    }
    return out;
  };
  const na = number(a);
  const nb = number(b);
  for (const [w, n] of nb) if (na.has(w)) assert.equal(na.get(w), n, w);
});

test('the numbers start again when the table is full, at the next model, and the findings stay the same', () => {
  const text = seeds[2]!;
  const want = checkReport(text, opts).findings;
  const model = {} as ReportModel;
  const words: Word[] = [];
  for (let i = wordsNumbered(); i <= MAX_NUMBERED; i++) words.push({ text: `#${i}`, start: 0, end: 0 });
  const epoch = numberingEpoch();
  wordNumbers(model, words);
  assert.ok(wordsNumbered() > MAX_NUMBERED);
  assert.equal(numberingEpoch(), epoch, 'not emptied while a model is numbered');
  assert.deepEqual(checkReport(text, opts).findings, want);
  assert.equal(numberingEpoch(), epoch + 1, 'emptied for the next model');
  assert.ok(wordsNumbered() < MAX_NUMBERED);
  assert.deepEqual(checkReport(text, opts).findings, want);
});

test('US spellings: the shape test passes over nineteen words in twenty of a report before any look-up', () => {
  const words = seeds.flatMap((t) => t.match(/[\p{L}'’-]+/gu) ?? []);
  const passed = words.filter((w) => !mayBeUs(w)).length;
  assert.ok(passed > words.length * 0.95, `${passed} of ${words.length}`);
});
