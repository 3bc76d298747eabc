import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { checkReport } from '../../server/src/core/check.js';
import { checkManifest, readManifest } from '../../server/src/core/pack/index.js';
import { defaultConfig, readConfig } from '../../server/src/core/config.js';
import { RULES } from '../../server/src/core/rules/index.js';
import { ProfileRegistry } from '../../server/src/core/templates/loader.js';
import { Packs } from '../../server/src/node/pack.js';
import { FIXTURE_TODAY } from './helpers.js';
import { tempDir } from '../temp-dirs.js';
import { seedReports } from './seed-reports.js';
import { likelyCommittees } from '../../server/src/core/pack/unknown-committee.js';

const repo = join(import.meta.dirname, '..', '..');
const seeds = join(repo, 'test', 'seeds');
const defaults = () => ({ config: defaultConfig(RULES), profiles: new ProfileRegistry(), problems: [], files: [] });

function packOfSeeds(names: string[], manifest: string): string {
  const dir = tempDir('cr-pack-');
  for (const n of names) copyFileSync(join(seeds, `${n}.report.md`), join(dir, `${n}.report.md`));
  writeFileSync(join(dir, 'pack.yaml'), manifest);
  return dir;
}

function packFindings(dir: string): string[] {
  const packs = new Packs(defaults);
  const out: string[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.report.md')).sort()) {
    const file = join(dir, name);
    const r = checkReport(readFileSync(file, 'utf8'), { today: FIXTURE_TODAY, pack: { info: packs.packOf(file)!, file } });
    for (const f of r.findings) if (f.ruleId.startsWith('pack/') && f.ruleId !== 'pack/unknown-committee') out.push(`${name.slice(0, 2)}:${f.range.start.line + 1} ${f.ruleId}`);
  }
  for (const f of checkManifest(new Packs(defaults).packOf(join(dir, 'x'))!)) out.push(`pack.yaml:${f.range.start.line + 1} ${f.ruleId}`);
  return out;
}

test("the seeds' committee names: the slips EXPECTED.md lists at L3 are not committees of the council", () => {
  const got: string[] = [];
  for (const { name: f, text } of seedReports()) {
    for (const x of checkReport(text, { today: FIXTURE_TODAY }).findings) {
      if (x.ruleId === 'pack/unknown-committee') got.push(`${f.slice(0, 2)}:${x.range.start.line + 1}`);
    }
  }
  assert.deepEqual(got, ['c4:3', 'c7:3', 'k1:3', 'k2:3', 'k3:3']);
});

test('a committee written wrongly is matched to the one it means: by its subject words, abbreviations spelt out, then by spelling', () => {
  const profiles = new ProfileRegistry();
  const city = profiles.get('leicester-city/scrutiny')!.committees!;
  const county = profiles.get('leicestershire-county/committee')!.committees!;
  const first = (value: string, list: readonly string[]) => likelyCommittees(value, list)[0]!.name;
  // Each of these is another council's committee first in the list order, or shares its generic words with many.
  assert.equal(first('CYPE Scrutiny Commission', city), 'Children, Young People and Education Scrutiny Commission');
  assert.equal(first("Children and Young People's Scrutiny Commission", city), 'Children, Young People and Education Scrutiny Commission');
  assert.equal(first('Housing Scrutiny Commision', city), 'Housing Scrutiny Commission');
  assert.equal(first('CHILDREN AND FAMILY SERVICES OVERVIEW AND SCRUTINY COMMITTEE', county), 'Children and Families Overview and Scrutiny Committee');
  assert.equal(first('Adults & Communities Scrutiny', county), 'Adults and Communities Overview and Scrutiny Committee');
  assert.equal(first('Highways Overview and Scrutiny Committee', county), 'Highways and Transport Overview and Scrutiny Committee');
  assert.equal(first('Scrutiny Comission', county), 'Scrutiny Commission');
  // Every committee the profile lists is itself: none of them is reported.
  for (const c of [...city, ...county]) assert.equal(first(c.toUpperCase(), city.includes(c) ? city : county), c);
});

test('a pack of the County seeds, meeting inferred from front matter: K4 is for another meeting; officers disagree', () => {
  const dir = packOfSeeds(['k1-tsil-programme-2023', 'k2-stable-homes-2023', 'k3-performance-q3-2023', 'k4-tsil-update-2024'], 'venue: County Hall, Glenfield\n');
  assert.deepEqual(packFindings(dir), [
    // Alison Bradley: 0116 305 58825 (K1, a digit too many) and 0116 305 8825 (K4).
    'k1:221 pack/officer-details',
    // Sharon Cooke: role and phone differ between K2 and K3; Jane Moore's job title too.
    'k2:178 pack/officer-details',
    'k2:182 pack/officer-details',
    'k2:183 pack/officer-details',
    'k3:120 pack/officer-details',
    'k3:124 pack/officer-details',
    'k3:125 pack/officer-details',
    'k4:3 pack/committee',
    'k4:4 pack/meeting-date',
    'k4:164 pack/officer-details',
  ]);
});

test('a pack of City seeds with a manifest: the committee slip, and an agenda item with no report', () => {
  const dir = packOfSeeds(
    ['c6-improvement-plan-2025', 'c7-children-seeking-safety-2025', 'c8-families-first-2025'],
    'committee: Children, Young People and Education Scrutiny Commission\nmeeting_date: 28 October 2025\nvenue: Meeting Room G.01, City Hall\nitems:\n  - c7-children-seeking-safety-2025\n  - c6-improvement-plan-2025\n  - c9-early-years-entitlements\n  - c8-families-first-2025\n',
  );
  assert.deepEqual(packFindings(dir), ['c7:3 pack/committee', 'pack.yaml:7 pack/missing-item']);
  const missing = checkManifest(new Packs(defaults).packOf(join(dir, 'x'))!)[0]!;
  assert.match(missing.message, /^Item 3 of the agenda, "c9-early-years-entitlements", has no report/);
});

test('manifest problems are reported where they are, never thrown', () => {
  assert.deepEqual(readManifest('p.yaml', 'committee: [unclosed\n').problems.length > 0, true);
  const m = readManifest('p.yaml', 'comittee: X\nitems: one\nmeeting_date: 2024-10-29\n');
  assert.deepEqual(m.problems.map((p) => `${p.range.start.line}: ${p.message}`), ['0: Unknown key "comittee" in the pack manifest (known: council, committee, meeting_date, venue, items).', '1: "items" is a list of report file names, in agenda order.']);
  assert.equal(m.meetingDate, '2024-10-29');
  assert.deepEqual(readManifest('p.yaml', '').problems, []);
});

test('CLI: pack findings on the report files and the manifest, in text, JSON and SARIF', () => {
  const dir = packOfSeeds(['k2-stable-homes-2023', 'k3-performance-q3-2023'], 'committee: Children and Families Overview and Scrutiny Committee\nitems:\n  - k2-stable-homes-2023\n  - k3-performance-q3-2023\n  - k9-holiday-activities\n');
  const run = (format: string) => spawnSync(process.execPath, [join(repo, 'bin', 'committee-report.js'), 'check', '.', '--format', format, '--today', '2026-02-20'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const text = run('text');
  assert.equal(text.status, 1, text.stderr);
  assert.match(text.stdout, /^pack\.yaml:5:5 {2}error {2}pack\/missing-item {2}Item 3 of the agenda/m);
  assert.match(text.stdout, /^k2-stable-homes-2023\.report\.md:3:12 {2}error {2}pack\/committee {2}/m);
  assert.match(text.stdout, /^k3-performance-q3-2023\.report\.md:125:6 {2}warning {2}pack\/officer-details {2}Sharon Cooke's phone number here is 0116 305 5479, but k2-stable-homes-2023\.report\.md gives 0116 305 7441/m);
  const json = JSON.parse(run('json').stdout) as { file: string; ruleId: string }[];
  assert.ok(json.some((f) => f.file === 'pack.yaml' && f.ruleId === 'pack/missing-item'));
  const sarif = JSON.parse(run('sarif').stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
  const results = sarif.runs[0]!.results;
  assert.ok(results.some((r) => r.ruleId === 'pack/officer-details' && r.locations[0]!.physicalLocation.artifactLocation.uri.endsWith('k3-performance-q3-2023.report.md')));
  assert.ok(results.some((r) => r.ruleId === 'pack/missing-item' && r.locations[0]!.physicalLocation.artifactLocation.uri.endsWith('pack.yaml')));
});

test('the manifest rules are registered rules: listed by `rules`, and configured like any other', () => {
  const listed = spawnSync(process.execPath, [join(repo, 'bin', 'committee-report.js'), 'rules'], { encoding: 'utf8' }).stdout;
  assert.match(listed, /^pack\/missing-item +error +Agenda item of the pack manifest has no report$/m);
  assert.match(listed, /^pack\/manifest +error +Pack manifest cannot be read as written$/m);
  const dir = packOfSeeds(['k2-stable-homes-2023'], 'comittee: X\nitems:\n  - k2-stable-homes-2023\n  - k9-holiday-activities\n');
  const info = new Packs(defaults).packOf(join(dir, 'x'))!;
  assert.deepEqual(checkManifest(info).map((f) => `${f.range.start.line + 1} ${f.ruleId} ${f.severity}`), ['1 pack/manifest error', '4 pack/missing-item error']);
  const config = readConfig('{ "rules": { "pack/missing-item": "warning", "pack/manifest": "off" } }', RULES).config;
  assert.deepEqual(checkManifest(info, config).map((f) => `${f.range.start.line + 1} ${f.ruleId} ${f.severity}`), ['4 pack/missing-item warning']);
});
