import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkReport } from '../../server/src/core/check.js';
import { checkManifest } from '../../server/src/core/pack/index.js';
import { loadWorkspaceSettings, type WorkspaceSettings } from '../../server/src/core/workspace.js';
import { appendixFilesBeside } from '../../server/src/node/appendix-files.js';
import { nodeFileSystem } from '../../server/src/node/fs.js';
import { Packs } from '../../server/src/node/pack.js';
import { checkReportFiles } from '../../server/src/cli/check-run.js';
import { FIXTURE_TODAY } from './helpers.js';
import { repo, run, tempDir } from './cli-run.js';

const seeds = join(repo, 'test', 'seeds');

/**
 * A municipal year in small: two agenda packs of the seed reports (one with a manifest
 * listing an item that has no report, one whose meeting is inferred), a report that
 * suppresses a pack rule, and loose example reports beside them.
 */
function year(): string {
  const dir = tempDir();
  const city = join(dir, 'city-oct');
  const county = join(dir, 'county-jan');
  mkdirSync(city);
  mkdirSync(county);
  for (const f of readdirSync(seeds).filter((x) => x.endsWith('.report.md'))) copyFileSync(join(seeds, f), join(f.startsWith('c') ? city : county, f));
  writeFileSync(join(city, 'pack.yaml'), 'committee: Children, Young People and Education Scrutiny Commission\nmeeting_date: 28 October 2025\nitems:\n  - c7-children-seeking-safety-2025\n  - c6-improvement-plan-2025\n  - c9-early-years-entitlements\n  - c10-missing-item\n');
  writeFileSync(join(county, 'pack.yaml'), 'venue: County Hall, Glenfield\n');
  // K4's meeting date is silenced by a comment: the pack rules obey the report's own directives.
  const k4 = join(county, 'k4-tsil-update-2024.report.md');
  writeFileSync(k4, readFileSync(k4, 'utf8').replace(/^(meeting_date:.*)$/m, '$1 # <!-- committee-report-disable-line pack/meeting-date -->'));
  for (const f of readdirSync(join(repo, 'examples'))) copyFileSync(join(repo, 'examples', f), join(dir, f));
  return dir;
}

test('check FOLDER on worker threads prints exactly what one thread prints, in text and JSON', () => {
  const dir = year();
  let out = '';
  for (const format of ['text', 'json']) {
    const one = run(['check', '.', '--format', format, '--today', FIXTURE_TODAY, '--concurrency', 'off'], dir);
    const two = run(['check', '.', '--format', format, '--today', FIXTURE_TODAY, '--concurrency', '2'], dir);
    assert.equal(one.code, 1, one.err);
    assert.equal(two.code, 1, two.err);
    assert.equal(two.out, one.out, `${format} output differs`);
    assert.equal(two.err, one.err);
    out = two.out;
  }
  const json = JSON.parse(out) as { file: string; ruleId: string; line: number }[];
  // The pack findings are there: the manifest's missing item (c9 has a report), K4's silenced date is not.
  assert.deepEqual(json.filter((f) => f.file === 'city-oct/pack.yaml').map((f) => `${f.line} ${f.ruleId}`), ['7 pack/missing-item']);
  assert.ok(json.some((f) => f.file.startsWith('county-jan/k3') && f.ruleId === 'pack/officer-details'));
  assert.ok(!json.some((f) => f.file.startsWith('county-jan/k4') && f.ruleId === 'pack/meeting-date'));
});

test("the run's findings are checkReport's with the pack, report by report, whatever the number of threads", async () => {
  const dir = year();
  const files = [...readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => join(dir, f)), ...['city-oct', 'county-jan'].flatMap((d) => readdirSync(join(dir, d)).filter((f) => f.endsWith('.md')).map((f) => join(dir, d, f)))].sort();
  const settings = new Map<string, WorkspaceSettings>();
  const settingsFor = (file: string): WorkspaceSettings => {
    let s = settings.get(dirname(file));
    if (!s) settings.set(dirname(file), (s = loadWorkspaceSettings(nodeFileSystem, dirname(file))));
    return s;
  };
  // The reference: each report checked on its own by the core, with its pack as the editor gives it.
  const packs = new Packs(settingsFor);
  const expected = new Map(
    files.map((file) => {
      const s = settingsFor(file);
      const info = packs.packOf(file);
      const r = checkReport(readFileSync(file, 'utf8'), { profiles: s.profiles, config: s.config, today: FIXTURE_TODAY, appendixFiles: appendixFilesBeside(file), ...(info ? { pack: { info, file } } : {}) });
      // No output format prints fixes: the run leaves them out (--fix applies them in the worker).
      return [file, { findings: r.findings.map((f) => ({ ...f, fixes: [] })), ruleErrors: r.ruleErrors.length }];
    }),
  );
  const manifests = ['city-oct', 'county-jan'].flatMap((d) => {
    const info = packs.packOf(join(dir, d, 'x'))!;
    const findings = checkManifest(info);
    return findings.length > 0 ? [{ file: info.manifest!.file, findings }] : [];
  });
  for (const concurrency of [1, 2, 3]) {
    const got = await checkReportFiles(files, settingsFor, dirname, { today: FIXTURE_TODAY, fix: false, concurrency, version: 'test' });
    assert.equal(got.checked, files.length);
    assert.equal(got.threads, concurrency === 1 ? 0 : concurrency, 'every worker took a share of the reports');
    assert.deepEqual(got.byFile, expected, `${concurrency} threads`);
    assert.deepEqual(got.manifests, manifests);
  }
});

test('a report of a pack that is not asked for is still a member of the pack', async () => {
  const dir = year();
  const k2 = join(dir, 'county-jan', 'k2-stable-homes-2023.report.md');
  const settingsFor = (file: string): WorkspaceSettings => loadWorkspaceSettings(nodeFileSystem, dirname(file));
  const got = await checkReportFiles([k2], settingsFor, dirname, { today: FIXTURE_TODAY, fix: false, concurrency: 1, version: 'test' });
  assert.deepEqual([...got.byFile.keys()], [k2]);
  // Sharon Cooke's details differ from K3's, which was not asked for.
  const r = got.byFile.get(k2)!;
  assert.ok('findings' in r && r.findings.some((f) => f.ruleId === 'pack/officer-details' && f.message.includes('k3-performance-q3-2023')));
});

test('without the cache the threads that check the reports read them, and one that cannot be read is said, not fatal', async () => {
  const dir = year();
  // A report the folder search lists but reading fails (EIO), for root too.
  symlinkSync('/proc/self/mem', join(dir, 'a-unreadable.report.md'));
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.report.md'))
    .map((f) => join(dir, f))
    .sort();
  const settingsFor = (file: string): WorkspaceSettings => loadWorkspaceSettings(nodeFileSystem, dirname(file));
  for (const concurrency of [1, 2]) {
    const got = await checkReportFiles(files, settingsFor, dirname, { today: FIXTURE_TODAY, fix: false, concurrency, version: 'test' });
    assert.equal(got.readHere, 0, `${concurrency} threads: no report read on the calling thread`);
    assert.equal(got.read, files.length - 1);
    assert.match(JSON.stringify(got.byFile.get(join(dir, 'a-unreadable.report.md'))), /"unreadable":".+"/);
    assert.equal([...got.byFile.values()].filter((r) => 'findings' in r).length, files.length - 1, 'the other reports are checked');
  }
});
