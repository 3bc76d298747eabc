import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES } from '../../server/src/core/rules/index.js';

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
