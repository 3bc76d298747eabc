import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkReport } from '../../server/src/core/check.js';
import { FIXTURE_TODAY } from './helpers.js';

/**
 * The prose findings on the real seed reports against the careful reader's list in
 * test/seeds/EXPECTED.md (section "Prose"): every listed defect is found, on its line and
 * by its rule, and the checker gives no other prose warning or error there.
 */
const seeds = join(import.meta.dirname, '..', 'seeds');

function expected(): string[] {
  const md = readFileSync(join(seeds, 'EXPECTED.md'), 'utf8');
  const section = md.slice(md.indexOf('## Prose'));
  return [...section.matchAll(/^- (\w+) L(\d+) (prose\/[a-z-]+):/gm)].map((m) => `${m[1]} L${m[2]} ${m[3]}`).sort();
}

test('prose warnings and errors on the seeds are exactly the ones EXPECTED.md lists', () => {
  const want = expected();
  assert.ok(want.length >= 20, 'EXPECTED.md lists the prose defects');
  const got: string[] = [];
  for (const f of readdirSync(seeds).filter((n) => n.endsWith('.report.md'))) {
    const text = readFileSync(join(seeds, f), 'utf8');
    for (const x of checkReport(text, { today: FIXTURE_TODAY }).findings) {
      if (x.ruleId.startsWith('prose/') && x.severity !== 'info') got.push(`${f.slice(0, 2)} L${x.range.start.line + 1} ${x.ruleId}`);
    }
  }
  assert.deepEqual(got.sort(), want);
});
