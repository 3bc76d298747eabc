import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../server/src/core/check.js';
import { deferDictionary, dictionaryLoads, loadDictionary } from '../../server/src/core/prose/dictionary.js';
import { RULES } from '../../server/src/core/rules/index.js';
import { BEFORE_DICTIONARY, DICTIONARY_CATEGORIES } from '../../server/src/lsp/stages.js';
import { FIXTURE_TODAY } from './helpers.js';
import { seedReports } from './seed-reports.js';

// Before anything loads the dictionary: the checking thread's way (lsp/worker.ts).
deferDictionary();

const texts = seedReports().map((s) => s.text);
const findings = (rules: typeof RULES): string[][] => texts.map((t) => checkReport(t, { today: FIXTURE_TODAY, rules }).findings.map((f) => JSON.stringify(f)));

test("the server's first results (the rules it runs before its dictionary is loaded) are the same with the dictionary: the full set only adds to them", () => {
  assert.equal(dictionaryLoads(), 0);
  assert.ok(BEFORE_DICTIONARY.length > 0 && BEFORE_DICTIONARY.length < RULES.length);
  for (const r of RULES) assert.equal(BEFORE_DICTIONARY.includes(r), !DICTIONARY_CATEGORIES.has(r.id.split('/')[0]!), r.id);
  const early = findings(BEFORE_DICTIONARY);
  const allEarly = findings(RULES);
  assert.ok(loadDictionary());
  assert.deepEqual(findings(BEFORE_DICTIONARY), early);
  // The rules left out do read it: on the seeds, their findings change once it is loaded.
  assert.notDeepEqual(findings(RULES), allEarly);
});
