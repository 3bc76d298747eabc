import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keptFor } from '../../server/src/core/text.js';
import { acronymLetters, normExpansion, pluralExpansion } from '../../server/src/core/acronyms/expansion.js';

test('keptFor makes a key\'s value once, and starts again when the memo is full', () => {
  const map = new Map<string, number>();
  let made = 0;
  const make = (k: string) => (made++, k.length);
  assert.equal(keptFor(map, 'alpha', 3, make), 5);
  assert.equal(keptFor(map, 'alpha', 3, make), 5);
  assert.equal(made, 1);
  keptFor(map, 'be', 3, make);
  keptFor(map, 'gamma', 3, make);
  assert.equal(map.size, 3);
  // Full: the fourth key empties it first, so it never holds more than its limit.
  keptFor(map, 'delta', 3, make);
  assert.equal(map.size, 1);
  assert.equal(made, 4);
  assert.equal(keptFor(map, 'alpha', 3, make), 5);
  assert.equal(made, 5);
});

test('the acronym memos answer as the functions do, with either argument of normExpansion kept apart', () => {
  assert.equal(normExpansion('Directors of Children’s Services', true), normExpansion('director of childrens service', true));
  assert.notEqual(normExpansion('Directors of Services'), normExpansion('Directors of Services', true));
  assert.equal(normExpansion('Directors of Services'), normExpansion('Directors of Services'));
  assert.equal(pluralExpansion('Education, Health and Care Plan'), 'Education, Health and Care Plans');
  assert.equal(acronymLetters('MPS-Spr-25'), 'MPS');
  assert.equal(acronymLetters('EHCPs'), 'EHCP');
});
