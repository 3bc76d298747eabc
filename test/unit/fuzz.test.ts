import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpus, fuzzOne, mutate, random } from '../fuzz/fuzz.js';

/**
 * Mutation fuzzing with a fixed seed (see test/fuzz/fuzz.ts): no exception, no failing
 * rule, every finding inside its draft, safe fixes that converge. The test's timeout is
 * only a hang guard. Longer runs: `npm run fuzz -- --count N [--seed S]`.
 */
test('fuzz: 1,000 mutated drafts from the seeds and fixtures', { timeout: 600_000 }, () => {
  const drafts = corpus();
  const rand = random(15);
  const problems: string[] = [];
  let findings = 0;
  for (let i = 0; i < 1000; i++) {
    const draft = mutate(rand, drafts, 500, false);
    const outcome = fuzzOne(draft);
    findings += outcome.findings;
    for (const p of outcome.problems) problems.push(`#${i} ${p.kind}: ${p.detail}\n${JSON.stringify(p.draft.slice(0, 300))}`);
  }
  assert.ok(findings > 1000, `the drafts are checked (${findings} findings)`);
  assert.deepEqual(problems.slice(0, 5), []);
});
