import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES } from '../../server/src/core/rules/index.js';
import { compareFindings } from '../../server/src/core/check.js';

const CATEGORIES = ['structure', 'metadata', 'signoff', 'date', 'acronym', 'numbering', 'contact', 'link', 'prose', 'crossref', 'pack'];

test('every rule has a unique category/name id, a title and full docs', () => {
  const seen = new Set<string>();
  for (const r of RULES) {
    assert.match(r.id, /^[a-z]+\/[a-z0-9-]+$/, r.id);
    assert.ok(CATEGORIES.includes(r.category), `${r.id}: unknown category`);
    assert.equal(r.id.split('/')[0], r.category);
    assert.ok(!seen.has(r.id), `duplicate ${r.id}`);
    seen.add(r.id);
    assert.ok(r.title.length > 5, `${r.id}: title`);
    assert.ok(r.docs.why.length > 20, `${r.id}: docs.why`);
    assert.ok(r.docs.bad.trim() && r.docs.good.trim(), `${r.id}: docs.bad/good`);
    assert.notEqual(r.docs.bad, r.docs.good, `${r.id}: bad and good examples are the same`);
    assert.ok(['error', 'warning', 'info'].includes(r.defaultSeverity));
    assert.ok(r.options.safeParse({}).success, `${r.id}: options must have defaults`);
  }
});

test('findings at one place are ordered by rule id as localeCompare would: every id sorts alike by code unit', () => {
  // compareFindings compares ids by code unit (localeCompare starts ICU's collator on the
  // way to the first diagnostics); an id with capitals or other punctuation could sort otherwise.
  const ids = RULES.map((r) => r.id);
  const sign = (n: number): number => Math.sign(n);
  const f = (ruleId: string) => ({ ruleId, severity: 'info' as const, message: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, fixes: [] });
  for (const a of ids) {
    for (const b of ids) {
      assert.equal(sign(compareFindings(f(a), f(b))), sign(a.localeCompare(b)), `${a} / ${b}`);
    }
  }
});
