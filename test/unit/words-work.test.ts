import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkReport } from '../../server/src/core/check.js';
import { ReportSession } from '../../server/src/core/session.js';
import { formWork, spellingWork } from '../../server/src/core/prose/spellings.js';
import { proseWork } from '../../server/src/core/prose/segments.js';
import { usWork } from '../../server/src/core/prose/us-spelling.js';
import { RULES } from '../../server/src/core/rules/index.js';
import { FIXTURE_TODAY } from './helpers.js';

// The word machinery's work per report, counted (issue 18: a folder of reports checked once).

const root = join(import.meta.dirname, '..', '..');
const seeds = readdirSync(join(root, 'test', 'seeds'))
  .filter((f) => f.endsWith('.md') && f !== 'EXPECTED.md')
  .map((f) => readFileSync(join(root, 'test', 'seeds', f), 'utf8'));
const words = new Set(['prose/spelling', 'prose/us-spelling', 'prose/one-spelling', 'prose/repeated-word']);
const opts = { today: FIXTURE_TODAY, rules: RULES.filter((r) => words.has(r.id)) };

test('a check outside an editing session keeps each segment\'s words and their numbers on the segment: no weak-map entry per segment', () => {
  const lists = proseWork.listsAside;
  const numbers = spellingWork.numbersAside;
  const tokenised = proseWork.tokenised;
  for (const text of seeds) checkReport(text, opts);
  assert.ok(proseWork.tokenised - tokenised > 100, 'the seeds have words');
  assert.equal(proseWork.listsAside - lists, 0, 'word lists kept aside');
  assert.equal(spellingWork.numbersAside - numbers, 0, 'numbered lists kept aside');
  // In a session the segments outlive the check: their lists are kept aside, for one model.
  const session = new ReportSession();
  session.check(seeds[0]!, opts);
  assert.ok(proseWork.listsAside - lists > 0);
  assert.ok(spellingWork.numbersAside - numbers > 0);
});

test('one-spelling works out a form\'s group, or a name\'s shorter names, once in a folder of reports, not in every report that writes it', () => {
  for (const text of seeds) checkReport(text, opts);
  const first = formWork.worked;
  for (const text of seeds) checkReport(text, opts);
  assert.equal(formWork.worked - first, 0, 'forms worked out again');
  // In a session (a tally per unit) they are worked out from the text, as before.
  new ReportSession().check(seeds[0]!, opts);
  assert.ok(formWork.worked - first > 0);
});

test('us-spelling gives each distinct word the shape test once, not at every place', () => {
  for (const text of seeds) checkReport(text, opts);
  const first = usWork.shapes;
  const tokenised = proseWork.tokenised;
  for (const text of seeds) checkReport(text, opts);
  assert.ok(proseWork.tokenised - tokenised > 100, 'the seeds have words');
  assert.equal(usWork.shapes - first, 0, 'words given the shape test again');
});
