// Work that `check FOLDER` does once per run (or per thread), not once per report: counted,
// so that a thousand-report folder does not pay a fixed cost a thousand times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../server/src/core/check.js';
import { matchStats } from '../../server/src/core/templates/match.js';
import { flattenSpecs, ProfileRegistry } from '../../server/src/core/templates/loader.js';
import { installDictionary } from '../../server/src/node/dictionary.js';
import { SettingsByFolder } from '../../server/src/cli/settings.js';
import { FIXTURE_TODAY } from './helpers.js';
import { seedReports } from './seed-reports.js';

installDictionary();
const seedTexts = seedReports().map((s) => s.text);

test('a template section\'s wordings are normalised once per profile, not for every heading of every report', () => {
  const profiles = new ProfileRegistry();
  const check = (text: string): string | undefined => checkReport(text, { profiles, today: FIXTURE_TODAY }).profile?.id;
  const start = matchStats.specForms;
  const ids = seedTexts.map(check);
  const first = matchStats.specForms - start;
  // At most once per spec of each profile the seeds use, however many headings they have.
  const specs = [...new Set(ids)].reduce((n, id) => n + (id ? flattenSpecs(profiles.get(id)!.sections).length : 0), 0);
  assert.ok(first > 0 && first <= specs, `${first} of ${specs}`);
  // The same reports again (a folder of copies): no spec's forms are worked out again,
  // and no heading is scored again against a spec it was scored against.
  const scored = matchStats.scored;
  seedTexts.forEach(check);
  assert.equal(matchStats.specForms - start, first);
  assert.equal(matchStats.scored, scored);
  assert.ok(scored > 0);
});

test('a run loads the settings once per config file, not once per folder, and each folder still gets its own config file\'s', () => {
  const files = new Map<string, string>([['/year/special/.committee-reports.yaml', 'rules:\n  prose/long-sentence: off\n']]);
  const read: string[] = [];
  const fs = { readFile: (path: string) => (read.push(path), files.get(path)) };
  const settings = new SettingsByFolder(fs);
  const packs = Array.from({ length: 20 }, (_, i) => settings.get(`/year/meeting-${i + 1}`));
  // Twenty folders under no config file: one load, shared.
  assert.equal(settings.loads, 1);
  assert.ok(packs.every((s) => s === packs[0]));
  assert.equal(packs[0]!.configFile, undefined);
  // A folder with its own config file has its settings.
  const special = settings.get('/year/special');
  assert.equal(settings.loads, 2);
  assert.equal(special.configFile, '/year/special/.committee-reports.yaml');
  assert.equal(special.config.rules.get('prose/long-sentence')?.severity, 'off');
  // Every folder's search for a config file still reads through the file system given (a run record sees them).
  for (let i = 1; i <= 20; i++) assert.ok(read.includes(`/year/meeting-${i}/.committee-reports.yaml`));
});
