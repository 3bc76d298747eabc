import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../server/src/core/check.js';
import { deferDictionary, loadDictionary } from '../../server/src/core/prose/dictionary.js';
import { bodyTableBuilds } from '../../server/src/core/prose/bodies.js';
import { profileSchemaBuilds } from '../../server/src/core/templates/schema.js';
import { readProfileFile } from '../../server/src/core/templates/loader.js';
import { RULES } from '../../server/src/core/rules/index.js';
import { BEFORE_DICTIONARY } from '../../server/src/lsp/stages.js';
import { FIXTURE_TODAY } from './helpers.js';

/**
 * Tables a checking thread's first results do not read are made on first use, not when
 * their module loads (each file of these tests runs in a process of its own, so nothing
 * here was made before these imports): the profile schemas (only a workspace's own
 * profiles are validated) and the prose rules' patterns of public bodies (prose rules run
 * after the first results: lsp/stages.ts).
 */

deferDictionary();

const REPORT = `---
template: leicester-city/executive
meeting_date: 3 March 2026
---

# Title

## 1. Summary

1.1 The Department of Education asked the CCG for a plan.
`;

test('loading the rules and checking with those of the first results makes no profile schema and no pattern of public bodies', () => {
  assert.ok(RULES.length > 0);
  assert.equal(profileSchemaBuilds(), 0);
  assert.equal(bodyTableBuilds(), 0);
  checkReport(REPORT, { today: FIXTURE_TODAY, rules: BEFORE_DICTIONARY });
  assert.equal(profileSchemaBuilds(), 0);
  assert.equal(bodyTableBuilds(), 0);
});

test('the prose rules make the patterns of public bodies once, and still find what they found', () => {
  assert.ok(loadDictionary());
  const ids = (): string[] => checkReport(REPORT, { today: FIXTURE_TODAY }).findings.map((f) => f.ruleId);
  const first = ids();
  assert.equal(bodyTableBuilds(), 1);
  assert.ok(first.includes('prose/body-name'), first.join(' '));
  assert.ok(first.includes('prose/outdated-reference'), first.join(' '));
  assert.deepEqual(ids(), first);
  assert.equal(bodyTableBuilds(), 1);
});

test('a workspace profile is validated with schemas made on the first validation, once', () => {
  const known = (): undefined => undefined;
  const bad = readProfileFile('id: a/b\ncouncil: A\nname: B\nnumbering: sideways\nfrontMatter: []\nsections: []\n', known);
  assert.equal(profileSchemaBuilds(), 1);
  assert.equal(bad.problems.length, 1);
  assert.equal(bad.problems[0]!.path, 'numbering');
  const good = readProfileFile('id: a/b\ncouncil: A\nname: B\nnumbering: continuous\nfrontMatter: []\nsections: [{ id: intro, title: Intro, children: [{ id: sub, title: Sub }] }]\n', known);
  assert.equal(good.profile?.sections[0]?.children[0]?.level, 2);
  assert.equal(profileSchemaBuilds(), 1);
});
