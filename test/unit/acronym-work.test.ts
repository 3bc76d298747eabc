import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../server/src/core/model.js';
import { checkReport } from '../../server/src/core/check.js';
import { scanAcronyms, scanWork, unitTokens } from '../../server/src/core/acronyms/scan.js';
import { acronymWork } from '../../server/src/core/acronyms/analyse.js';
import { fitWork, splitWords } from '../../server/src/core/acronyms/expansion.js';
import { ReportSession } from '../../server/src/core/session.js';
import { RULES } from '../../server/src/core/rules/index.js';
import { seedReports } from './seed-reports.js';

/**
 * Work of the acronym scan and analysis on a cold check (a report checked once, as in
 * `check FOLDER`), counted (never timed): each test fails if a step goes back to doing per
 * token, per prefix or per report what it can do once.
 */
const opts = { today: '2026-02-20' };

test('where a name ends before its descriptive words is found from one fit of its words', () => {
  const text = '# Report\n\n1. The Independent Special School providers and their partners (ISS) met.\n';
  const before = fitWork.tables;
  const d = scanAcronyms(buildModel(text)).definitions[0]!;
  // One table for the words before the bracket (the shortest run that fits), one for every
  // end of the name: not one per word after its start.
  assert.ok(fitWork.tables - before <= 2, `${fitWork.tables - before} fits`);
  assert.equal(d.expansion, 'Independent Special School');
  assert.equal(d.fullExpansion, 'Independent Special School providers and their partners');
});

test('a word is read into parts for fitting once, not again for the next report', () => {
  const text = '# Report\n\n1. The Dedicated Schools Grant (DSG) and the Multi-Agency Safeguarding Hub (MASH) report.\n';
  scanAcronyms(buildModel(text));
  const read = fitWork.wordsRead;
  assert.equal(scanAcronyms(buildModel(text)).definitions.length, 2);
  assert.equal(fitWork.wordsRead, read);
});

/** A report defining a name of six words and, further on, writing it in another order. */
function sixWords(extra = ''): string {
  return [
    '# Report',
    '',
    '1. The Local Area Special Educational Needs Partnership (LASENP) meets monthly.',
    '',
    ...Array.from({ length: 20 }, (_, i) => `${i + 2}. Paragraph ${i} of the report on Home to School Transport.${extra}`),
    '',
    '30. In March the Local Area Special Needs Educational Partnership agreed the plan.',
    '',
  ].join('\n');
}

test('the orders of a name’s initials are listed once, not for each report', () => {
  const first = checkReport(sixWords(), opts).findings;
  assert.ok(first.some((f) => f.ruleId === 'acronym/reordered-expansion'));
  const listed = acronymWork.orders;
  const again = checkReport(sixWords(' More.'), opts).findings;
  assert.ok(again.some((f) => f.ruleId === 'acronym/reordered-expansion'));
  assert.equal(acronymWork.orders, listed);
});

test('in an editing session a name in another order is looked for under the orders some phrase has, not all 720', () => {
  const text = sixWords();
  const before = acronymWork.phraseLookups;
  const reordered = new ReportSession().check(text, opts).findings.filter((f) => f.ruleId === 'acronym/reordered-expansion');
  assert.equal(reordered.length, 1);
  assert.match(reordered[0]!.message, /^"Local Area Special Needs Educational Partnership"/);
  const lookups = acronymWork.phraseLookups - before;
  assert.ok(lookups <= 10, `${lookups} lookups`);
});

test('a report checked once searches its runs of capitalised words, listing no unit’s by initials', () => {
  // An acronym never spelt out with a name of its initials elsewhere, and a name in another order.
  const text = `${sixWords()}\n31. The Home to School Transport budget and the HST contract.\n`;
  const before = acronymWork.unitsKeyed;
  const findings = checkReport(text, opts).findings;
  assert.equal(acronymWork.unitsKeyed, before);
  assert.ok(findings.some((f) => f.ruleId === 'acronym/reordered-expansion'));
  assert.ok(findings.some((f) => f.ruleId === 'acronym/undefined' && f.message.includes('"Home to School Transport"')));
  assert.deepEqual(findings, new ReportSession().check(text, opts).findings);
});

test('a report checked once reads its runs of capitalised words into one joined list, keeping no unit’s runs', () => {
  // An acronym never spelt out with a name of its initials elsewhere, and a name in another order.
  const text = `${sixWords()}\n31. The Home to School Transport budget and the HST contract.\n`;
  const before = acronymWork.unitRuns;
  const findings = checkReport(text, opts).findings;
  assert.equal(acronymWork.unitRuns - before, 0);
  assert.ok(findings.some((f) => f.ruleId === 'acronym/reordered-expansion'));
  assert.ok(findings.some((f) => f.ruleId === 'acronym/undefined' && f.message.includes('"Home to School Transport"')));
  // An editing session keeps each unit's runs (the counter counts them), with the same findings.
  assert.deepEqual(findings, new ReportSession().check(text, opts).findings);
  assert.ok(acronymWork.unitRuns - before > 0);
});

test('a report checked once with very many acronyms to search lists its units by initials after all, with the same findings', () => {
  // Two hundred acronyms never spelt out: a search each, past the searches a cold check makes.
  const letters = 'ABCDEFGHJKLMNPRSTW';
  const acronyms: string[] = [];
  for (const a of letters) for (const b of letters) if (acronyms.length < 200 && a !== b) acronyms.push(`Q${a}${b}`);
  const paras = acronyms.map((a) => `The ${a} team met the Quality Board.`);
  const text = `# Report\n\n${paras.join('\n\n')}\n`;
  const before = acronymWork.unitsKeyed;
  const findings = checkReport(text, opts).findings;
  assert.ok(acronymWork.unitsKeyed - before >= paras.length, `${acronymWork.unitsKeyed - before} units keyed`);
  assert.equal(findings.filter((f) => f.ruleId === 'acronym/undefined').length, acronyms.length);
  assert.deepEqual(findings, new ReportSession().check(text, opts).findings);
});

test('the seeds checked once and in an editing session have the same acronym findings', () => {
  const rules = RULES.filter((r) => r.id.startsWith('acronym/'));
  for (const { name, text } of seedReports()) {
    assert.deepEqual(checkReport(text, { ...opts, rules }).findings, new ReportSession().check(text, { ...opts, rules }).findings, name);
  }
});

test('blocks without an acronym share the empty lists of tokens', () => {
  const paras = Array.from({ length: 60 }, (_, i) => `${i + 1}. Paragraph ${i} says nothing in capitals.`);
  paras[30] = '31. The DfE wrote.';
  const model = buildModel(`# Report\n\n${paras.join('\n\n')}\n`);
  assert.equal(scanAcronyms(model).occurrences.length, 1);
  const lists = new Set<unknown>();
  for (const u of model.units) for (const s of unitTokens(model, u).segments) lists.add(s.occurrences).add(s.definitions).add(s.compounds);
  // The shared empty list and the paragraph's tokens and definition list at most.
  assert.ok(lists.size <= 4, `${lists.size} lists`);
});

test('a report checked once keeps its tokens as plain objects; an editing session makes them move with their units', () => {
  const text = '# Report\n\n1. The Dedicated Schools Grant (DSG) and the DfE.\n\n2. The DSG and EHCPs.\n';
  const before = scanWork.moving;
  const cold = checkReport(text, opts).findings;
  assert.equal(scanWork.moving - before, 0);
  assert.deepEqual(new ReportSession().check(text, opts).findings, cold);
  assert.ok(scanWork.moving - before >= 4, `${scanWork.moving - before} moving tokens`);
});

test('heading titles without a glossary word are not read against the glossary pattern', () => {
  const headings = Array.from({ length: 40 }, (_, i) => `## Section ${i} of the ${i}th report\n\nText.\n`).join('\n');
  const before = scanWork.titlesRead;
  const scan = scanAcronyms(buildModel(`# Report\n\n${headings}\n## Glossary of Terms\n\n| DSG | Dedicated Schools Grant |\n| --- | --- |\n`));
  assert.equal(scan.glossarySections.length, 1);
  assert.ok(scanWork.titlesRead - before <= 1, `${scanWork.titlesRead - before} titles read`);
});

test('words are split as the word pattern splits them, in any script', () => {
  const WORD_RE = /[\p{L}\p{N}](?:[\p{L}\p{N}'’\-/+]*[\p{L}\p{N}+])?|&/gu;
  const alphabet = ['a', 'Z', '9', "'", '’', '-', '/', '+', '&', ' ', 'é', '£', '–', '😀', '٣', 'ß', '.', '\u00a0', '\ud800', '\udc00'];
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let k = 0; k < 20_000; k++) {
    let s = '';
    for (let i = 1 + next(12); i > 0; i--) s += alphabet[next(alphabet.length)];
    const want = [...s.matchAll(WORD_RE)].map((m) => ({ text: m[0], start: 3 + m.index, end: 3 + m.index + m[0].length }));
    assert.deepEqual(splitWords(s, 3), want, JSON.stringify(s));
  }
});
