// Work that `check FOLDER` does once per run (or per thread), not once per report: counted,
// so that a thousand-report folder does not pay a fixed cost a thousand times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkReport } from '../../server/src/core/check.js';
import { matchStats } from '../../server/src/core/templates/match.js';
import { flattenSpecs, ProfileRegistry } from '../../server/src/core/templates/loader.js';
import { installDictionary } from '../../server/src/node/dictionary.js';
import { FIXTURE_TODAY } from './helpers.js';

installDictionary();
const seeds = join(import.meta.dirname, '..', 'seeds');
const seedTexts = readdirSync(seeds)
  .filter((f) => f.endsWith('.report.md'))
  .sort()
  .map((f) => readFileSync(join(seeds, f), 'utf8'));

test('a template section\'s wordings are normalised once per profile, not for every heading of every report', () => {
  const profiles = new ProfileRegistry();
  const check = (text: string): string | undefined => checkReport(text, { profiles, today: FIXTURE_TODAY }).profile?.id;
  const start = matchStats.specForms;
  const ids = seedTexts.map(check);
  const first = matchStats.specForms - start;
  // At most once per spec of each profile the seeds use, however many headings they have.
  const specs = [...new Set(ids)].reduce((n, id) => n + (id ? flattenSpecs(profiles.get(id)!.sections).length : 0), 0);
  assert.ok(first > 0 && first <= specs, `${first} of ${specs}`);
  // The same reports again (a folder of copies): no spec's forms are worked out again.
  seedTexts.forEach(check);
  assert.equal(matchStats.specForms - start, first);
});
