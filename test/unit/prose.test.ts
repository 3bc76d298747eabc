import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../server/src/core/check.js';
import { ReportSession } from '../../server/src/core/session.js';
import { deferDictionary, dictionaryLoads, loadDictionary, MAX_SUGGESTED_WORD, suggestions } from '../../server/src/core/prose/dictionary.js';
import { vowelSound } from '../../server/src/core/prose/sound.js';
import { applyWordAddition, wordAddition } from '../../server/src/core/prose/spelling.js';
import { unitsCounted } from '../../server/src/core/prose/spellings.js';
import { defaultConfig, readConfig } from '../../server/src/core/config.js';
import { RULES } from '../../server/src/core/rules/index.js';
import { FIXTURE_TODAY } from './helpers.js';

// First, before anything loads the dictionary: the server's way (loaded after the first results).
deferDictionary();

const TITLE = `# A NEW DEAL FOR CARERS

## HOW WE BUY CARE

## 1. Summary

1.1 The goverment agreed the plan with the LLR board.
`;

const ids = (text: string, prefix: string, config = defaultConfig(RULES)): string[] =>
  checkReport(text, { today: FIXTURE_TODAY, config })
    .findings.filter((f) => f.ruleId.startsWith(prefix))
    .map((f) => `${f.range.start.line + 1}:${f.ruleId}:${text.split('\n')[f.range.start.line]!.slice(f.range.start.character, f.range.end.character)}`);

test('the dictionary: deferred, nothing needs it until it is loaded; then words in capitals are words and spelling is checked', () => {
  assert.equal(dictionaryLoads(), 0);
  // Without the dictionary: no spelling findings, and the title's words read as acronyms (the old miss).
  assert.deepEqual(ids(TITLE, 'prose/spelling'), []);
  const before = ids(TITLE, 'acronym/undefined');
  assert.ok(before.some((x) => x.endsWith(':DEAL')) && before.some((x) => x.endsWith(':BUY')), before.join(', '));
  assert.ok(loadDictionary());
  assert.ok(loadDictionary());
  assert.equal(dictionaryLoads(), 1, 'loaded once');
  assert.deepEqual(ids(TITLE, 'acronym/undefined'), ['7:acronym/undefined:LLR']);
  assert.deepEqual(ids(TITLE, 'prose/spelling'), ['7:prose/spelling:goverment']);
});

test('a workspace word list silences a word; "Add to workspace dictionary" writes it into the config file', () => {
  const text = '# Plan\n\n1.1 The Brightlings scheme and the reprt.\n';
  assert.deepEqual(ids(text, 'prose/spelling'), ['3:prose/spelling:reprt']);
  const once = applyWordAddition(undefined, wordAddition('reprt'));
  const twice = applyWordAddition(once, wordAddition('reprt'));
  assert.equal(once, twice, 'no repeats');
  const withOther = applyWordAddition('{ "rules": { "prose/spelling": "warning" } }', wordAddition('Abc'));
  assert.deepEqual(JSON.parse(withOther), { rules: { 'prose/spelling': { severity: 'warning', options: { words: ['Abc'] } } } });
  const { config, problems } = readConfig(once, RULES);
  assert.deepEqual(problems, []);
  assert.deepEqual(ids(text, 'prose/spelling', config), []);
});

test('a or an goes by sound: numbers, acronyms read as letters or words, silent h, one, eu, uni', () => {
  const cases: [string, boolean][] = [
    ['8%', true], ['11-year-old', true], ['18-month', true], ['80', true], ['100', false], ['1,800', false], ['11,000', true],
    ['HMO', true], ['MP', true], ['NHS', true], ['UK-wide', false], ['SEND', false], ['LSCB', true], ['FE', true],
    ['hour', true], ['honour', true], ['honest', true], ['hospital', false], ['one-off', false], ['once-a-year', false],
    ['European', false], ['unique', false], ['university', false], ['unusual', true], ['unidentified', true], ['apple', true], ['user', false],
  ];
  for (const [w, vowel] of cases) assert.equal(vowelSound(w), vowel, w);
  assert.equal(vowelSound('1100'), undefined, '"eleven hundred" or "one thousand one hundred"');
});

test('prose findings kept across edits are those of a fresh check (an edit elsewhere, an edit that adds a slip, a new meeting date)', () => {
  const base = `---
meeting_date: 3 March 2021
---

# Health partnership

## 1. Summary

1.1 The CCG will fund the service and and the center.

1.2 The plan has the following three priorities:

- One
- Two
- Three

1.3 The board met.
`;
  const session = new ReportSession();
  const opts = { today: FIXTURE_TODAY };
  const prose = (r: ReturnType<typeof checkReport>): string[] => r.findings.filter((f) => f.ruleId.startsWith('prose/')).map((f) => `${f.range.start.line}:${f.range.start.character}:${f.ruleId}:${f.message}`);
  let text = base;
  assert.deepEqual(prose(session.check(text, opts)), prose(checkReport(text, opts)));
  for (const [from, to] of [
    ['1.3 The board met.', '1.3 The board met a hour later.'],
    ['- Three', '- Three\n- Four'],
    ['3 March 2021', '3 March 2023'],
    ['1.1 The CCG', '1.1 The former CCG'],
  ] as const) {
    text = text.replace(from, to);
    const inc = prose(session.check(text, opts));
    assert.deepEqual(inc, prose(checkReport(text, opts)), `after "${to}"`);
  }
  const last = prose(session.check(text, opts));
  assert.ok(last.some((x) => x.includes('prose/article')) && last.some((x) => x.includes('prose/stated-count')) && !last.some((x) => x.includes('prose/outdated-reference')), last.join('\n'));
});

test('spelling suggestions cost work in proportion to the word, and none past the longest word', () => {
  const dict = loadDictionary()!;
  let asked = 0;
  const known = (w: string): boolean => {
    asked++;
    return dict.has(w);
  };
  assert.ok(suggestions(dict, 'framwork', known).includes('framework'));
  for (const n of [8, 16, 32]) {
    asked = 0;
    suggestions(dict, 'q'.repeat(n), known, 5);
    assert.ok(asked <= 56 * (n + 1), `${n} letters: ${asked} candidates`);
    // No word begins "qq": edits are tried only at the first two places.
    assert.ok(asked <= 56 * 3, `${n} letters: ${asked} candidates past the beginning words have`);
  }
  // The slip past the beginning a word shares is still found ("framew" is a beginning, "framewrk" is not).
  assert.deepEqual(suggestions(dict, 'framewrk', known).slice(0, 1), ['framework']);
  // A 100 KB "word" (a pasted blob) asks nothing: before the cap it built millions of
  // candidate strings of its own length and the check ran out of memory.
  asked = 0;
  assert.deepEqual(suggestions(dict, 'x'.repeat(100_000), known), []);
  assert.equal(asked, 0);
  assert.deepEqual(suggestions(dict, 'x'.repeat(MAX_SUGGESTED_WORD + 1), known), []);
});

test('one spelling per report: kept across edits as a fresh check finds it, counting the words of the edited units only', () => {
  assert.ok(loadDictionary(), 'names are compared once the dictionary is there');
  const para = (i: number): string => `1.${i} The wellbeing offer in Beaumont Leys was reviewed by Councillor Cutkelvin in week ${i}.`;
  const base = `---\nreport_author: Helen Ferneyhough\n---\n\n# Wellbeing\n\n## 1. Summary\n\n${Array.from({ length: 200 }, (_, i) => para(i + 1)).join('\n\n')}\n`;
  const session = new ReportSession();
  const opts = { today: FIXTURE_TODAY };
  const found = (r: ReturnType<typeof checkReport>): string[] =>
    r.findings.filter((f) => f.ruleId === 'prose/one-spelling').map((f) => `${f.range.start.line}:${f.range.start.character}:${f.message}`);
  let text = base;
  assert.deepEqual(found(session.check(text, opts)), []);
  const steps: [string, string, number][] = [
    // A rare form comes in, on the same line (the findings elsewhere are kept).
    ['1.3 The wellbeing offer', '1.3 The well-being offer', 1],
    // An edit elsewhere that moves no line: the finding is kept, only that unit is counted again.
    ['in week 130.', 'in week 131.', 1],
    // A name a letter off, and the front matter's name spelt otherwise in the body.
    ['reviewed by Councillor Cutkelvin in week 7.', 'reviewed by Councillor Cutkellvin and Helen Fernyhough in week 7.', 3],
    // A new line before them all: every place moves.
    ['## 1. Summary', '## 1. Summary\n\nIntro.', 3],
    // The rare form goes: its finding goes too.
    ['1.3 The well-being offer', '1.3 The wellbeing offer', 2],
  ];
  for (const [from, to, want] of steps) {
    assert.ok(text.includes(from), from);
    text = text.replace(from, to);
    const before = unitsCounted();
    const inc = found(session.check(text, opts));
    const counted = unitsCounted() - before;
    assert.ok(counted <= 40, `counted ${counted} of 203 units after "${to}"`);
    assert.deepEqual(inc, found(checkReport(text, opts)), `after "${to}"`);
    assert.equal(inc.length, want, inc.join('\n'));
  }
});
