import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ReportSession, editSince } from '../../server/src/core/session.js';
import { checkReport } from '../../server/src/core/check.js';

/**
 * Work per edit, counted (never timed): an edit in a long report must cost what it
 * touched, not a pass over every block. Each test here fails if some step goes back to
 * re-walking the whole report on every edit.
 */
const seedsDir = join(import.meta.dirname, '..', 'seeds');
const seeds = readdirSync(seedsDir)
  .filter((f) => f.endsWith('.report.md'))
  .sort()
  .map((f) => readFileSync(join(seedsDir, f), 'utf8'));
const opts = { today: '2026-02-20' };

/** A long report: every seed, three times over. */
function longReport(): string {
  const one = seeds.join('\n\n');
  return [one, one, one].join('\n\n');
}

test('an edit joins the document-wide lists from the units it replaced, once per model', () => {
  let text = longReport();
  const session = new ReportSession();
  const first = session.check(text, opts);
  const cache = first.model!.session!;
  const units = first.model!.units.length;
  assert.ok(units > 1000, `${units} units`);
  for (const at of [0.3, 0.6, 0.9]) {
    const pos = text.indexOf(' the ', Math.floor(text.length * at)) + 1;
    const joined = cache.joinedUnits;
    const reused = cache.joinsReused;
    text = text.slice(0, pos) + 'x' + text.slice(pos);
    const inc = session.check(text, opts, { start: pos, oldEnd: pos, newEnd: pos + 1 });
    // Each list spliced at the units the edit replaced (those of the chunk parsed again), once.
    const sp = inc.model!.splice!;
    assert.ok(sp.added < 50, `${sp.added} units replaced`);
    assert.ok(cache.joinedUnits - joined <= cache.joins.size * sp.added, `walked ${cache.joinedUnits - joined} units of ${units} to join ${cache.joins.size} lists`);
    // The prose rules all read one list of segments: joined once, then handed out again.
    assert.ok(cache.joinsReused - reused > 10, `lists handed out again: ${cache.joinsReused - reused}`);
    assert.equal(inc.model!.session, cache);
  }
  assert.deepEqual(session.check(text, opts).findings, checkReport(text, opts).findings);
});

test('the session takes the caller\'s change when it fits the texts, else finds the edit itself', () => {
  assert.deepEqual(editSince('abcdef', 'abXdef', { start: 2, oldEnd: 3, newEnd: 3 }), { start: 2, oldEnd: 3, newEnd: 3 });
  // A change that does not fit the lengths is not believed.
  assert.deepEqual(editSince('abcdef', 'abXYdef', { start: 2, oldEnd: 3, newEnd: 3 }), { start: 2, oldEnd: 3, newEnd: 4 });
  assert.deepEqual(editSince('abcdef', 'abcdef', { start: 9, oldEnd: 9, newEnd: 9 }), undefined);
  // An empty change says nothing: the texts are compared.
  assert.deepEqual(editSince('abcdef', 'abcdeg', { start: 1, oldEnd: 1, newEnd: 1 }), { start: 5, oldEnd: 6, newEnd: 6 });
  assert.equal(editSince('abc', 'abc', undefined), undefined);
});
