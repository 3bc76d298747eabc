import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadWorkspaceSettings, type WorkspaceSettings } from '../../server/src/core/workspace.js';
import { nodeFileSystem } from '../../server/src/node/fs.js';
import { RULES } from '../../server/src/core/rules/index.js';
import { checkReportFiles, type RunOptions } from '../../server/src/cli/check-run.js';
import { cacheFile, toolFingerprint, DEFAULT_CACHE_NAME } from '../../server/src/cli/cache.js';
import { FIXTURE_TODAY } from './helpers.js';
import { repo, run, tempDir } from './cli-run.js';

const seeds = join(repo, 'test', 'seeds');
const K = ['k1-tsil-programme-2023', 'k2-stable-homes-2023', 'k3-performance-q3-2023'];

/** A pack of three County seeds and a loose example; the cache file beside them. */
function folder(): { dir: string; files: string[]; cache: string } {
  const dir = tempDir();
  mkdirSync(join(dir, 'pack'));
  for (const k of K) copyFileSync(join(seeds, `${k}.report.md`), join(dir, 'pack', `${k}.report.md`));
  writeFileSync(join(dir, 'pack', 'pack.yaml'), 'venue: County Hall, Glenfield\n');
  copyFileSync(join(repo, 'examples', 'leicester-city-executive.report.md'), join(dir, 'exec.report.md'));
  const files = [join(dir, 'exec.report.md'), ...K.map((k) => join(dir, 'pack', `${k}.report.md`))];
  return { dir, files, cache: join(dir, 'cache', 'results.json') };
}

function settingsFor(file: string): WorkspaceSettings {
  return loadWorkspaceSettings(nodeFileSystem, dirname(file));
}

function check(files: string[], cache: string, more: Partial<RunOptions> = {}) {
  return checkReportFiles(files, settingsFor, dirname, { today: FIXTURE_TODAY, fix: false, concurrency: 1, version: '1.0.0', cacheFile: cache, ...more });
}

/** Each file's findings as `rule line`, for comparing runs. */
function summary(r: Awaited<ReturnType<typeof check>>): string[] {
  return [...r.byFile].flatMap(([file, x]) => ('findings' in x ? x.findings.map((f) => `${file.replace(/^.*\//, '')} ${f.ruleId} ${f.range.start.line + 1}`) : [`${file} unreadable`]));
}

test('--cache: a second run over unchanged reports checks none of them, and finds the same', async () => {
  const { files, cache } = folder();
  const first = await check(files, cache);
  assert.deepEqual([first.checked, first.reused], [4, 0]);
  const second = await check(files, cache);
  assert.deepEqual([second.checked, second.reused], [0, 4]);
  assert.deepEqual([first.read, second.read], [4, 0], 'an unchanged file is known by its status: its text is not read again');
  assert.deepEqual(second.byFile, first.byFile);
  assert.deepEqual(second.manifests, first.manifests);
  // Nothing changed: the file is not written again; no temporary file is left beside it.
  assert.deepEqual(readdirSync(dirname(cache)), ['results.json']);
});

test('--cache: a changed report is checked again, and the pack findings of the others follow it', async () => {
  const { files, cache } = folder();
  const before = await check(files, cache);
  const k3 = files[3]!;
  // Sharon Cooke's phone in K3 differed from K2's: made the same, K2's finding about it goes too.
  const k3Text = readFileSync(k3, 'utf8');
  assert.ok(k3Text.includes('0116 305 5479'));
  writeFileSync(k3, k3Text.replaceAll('0116 305 5479', '0116 305 7441'));
  const after = await check(files, cache);
  assert.deepEqual([after.checked, after.reused], [1, 3]);
  const phone = (r: typeof before, name: string) => summary(r).filter((s) => s.startsWith(name) && s.includes('pack/officer-details'));
  assert.ok(phone(before, 'k2').length > phone(after, 'k2').length, 'K2 no longer disagrees with K3 about the phone');
  // The same as a run without the cache.
  assert.deepEqual(after.byFile, (await check(files, join(dirname(cache), 'other.json'))).byFile);
});

test('--cache: a file rewritten with the same size and its old modification time is read again', async () => {
  const { files, cache } = folder();
  const k3 = files[3]!;
  // A whole second: put back exactly (utimes takes seconds as a float).
  const stamp = 1_700_000_000;
  utimesSync(k3, stamp, stamp);
  await check(files, cache);
  const before = statSync(k3);
  const text = readFileSync(k3, 'utf8');
  // The same length, another phone number; then its modification time put back.
  writeFileSync(k3, text.replaceAll('0116 305 5479', '0116 305 7441'));
  utimesSync(k3, stamp, stamp);
  assert.equal(statSync(k3).mtimeMs, before.mtimeMs);
  assert.equal(statSync(k3).size, before.size);
  const r = await check(files, cache);
  assert.deepEqual([r.read, r.checked, r.reused], [1, 1, 3]);
  // Read again but unchanged (a copy over itself): hashed, found the same, not checked.
  writeFileSync(k3, readFileSync(k3));
  const same = await check(files, cache);
  assert.deepEqual([same.read, same.checked, same.reused], [1, 0, 4]);
  assert.deepEqual((await check(files, cache)).read, 0);
});

test('--cache: each part of the key invalidates: the date, the config file, a profile file, the appendices, the tool', async () => {
  const { dir, files, cache } = folder();
  await check(files, cache);
  const again = async (more: Partial<RunOptions> = {}) => {
    const r = await check(files, cache, more);
    return [r.checked, r.reused];
  };
  assert.deepEqual(await again({ today: '2026-03-01' }), [4, 0], '--today');
  assert.deepEqual(await again({ today: '2026-03-01' }), [0, 4]);
  assert.deepEqual(await again({ today: '2026-03-01', version: '1.0.1' }), [4, 0], 'the version');
  // A config file for the pack folder only: its three reports.
  writeFileSync(join(dir, 'pack', '.committee-reports.json'), '{ "rules": { "prose": "off" } }');
  assert.deepEqual(await again({ today: '2026-03-01', version: '1.0.1' }), [3, 1], 'a config file');
  writeFileSync(join(dir, 'pack', '.committee-reports.json'), '{ "rules": { "prose": "off" }, "profiles": ["county.yaml"] }');
  writeFileSync(join(dir, 'pack', 'county.yaml'), 'id: our/committee\nextends: leicestershire-county/committee\ncouncil: Our County\n');
  assert.deepEqual(await again({ today: '2026-03-01', version: '1.0.1' }), [3, 1], 'the config file changed');
  writeFileSync(join(dir, 'pack', 'county.yaml'), 'id: our/committee\nextends: leicestershire-county/committee\ncouncil: Our County Council\n');
  assert.deepEqual(await again({ today: '2026-03-01', version: '1.0.1' }), [3, 1], 'a profile file changed');
  writeFileSync(join(dir, 'exec.appendix-A.pdf'), '');
  assert.deepEqual(await again({ today: '2026-03-01', version: '1.0.1' }), [1, 3], 'an appendix file beside the report');
  assert.deepEqual(await again({ today: '2026-03-01', version: '1.0.1' }), [0, 4]);
});

test('--cache: the rule set is part of the key', () => {
  const one = toolFingerprint('1.0.0', RULES);
  assert.notEqual(toolFingerprint('1.0.0', RULES.slice(1)), one, 'a rule fewer');
  assert.notEqual(toolFingerprint('1.0.0', RULES.map((r, i) => (i === 0 ? { ...r, defaultSeverity: 'info' as const } : r))), one, 'a default severity');
  assert.notEqual(toolFingerprint('1.0.1', RULES), one, 'the version');
  assert.equal(toolFingerprint('1.0.0', [...RULES]), one);
});

test('--cache: a corrupt, foreign or damaged cache file is ignored, never an error', async () => {
  const { files, cache } = folder();
  const clean = await check(files, join(dirname(cache), 'clean.json'));
  const entries = JSON.parse(readFileSync(join(dirname(cache), 'clean.json'), 'utf8')) as { format: string; entries: Record<string, { key: string; outcome: { findings: unknown[] } }> };
  const damaged = structuredClone(entries);
  for (const e of Object.values(damaged.entries)) e.outcome.findings = [{ ruleId: 'x', message: 3 }];
  const cases = ['', '{"format":', 'null', '[]', '"text"', JSON.stringify({ format: 'eslint', entries: entries.entries }), JSON.stringify({ ...entries, entries: [] }), JSON.stringify(damaged), '\u0000\u0001binary'];
  for (const text of cases) {
    writeFileSync(cache, text);
    const r = await check(files, cache);
    assert.deepEqual([r.checked, r.reused], [4, 0], JSON.stringify(text.slice(0, 40)));
    assert.deepEqual(r.byFile, clean.byFile);
    // Replaced by a good one.
    assert.deepEqual([(await check(files, cache)).reused], [4]);
  }
});

test('--cache: a cache that cannot be written is said, and the check still stands', async () => {
  const { dir, files } = folder();
  writeFileSync(join(dir, 'blocker'), 'a file where the cache folder would be');
  const r = await check(files, join(dir, 'blocker', 'results.json'));
  assert.match(r.cacheError ?? '', /ENOTDIR|EEXIST/);
  assert.equal(r.checked, 4);
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});

test('--cache-location: a file, or a folder to put the default name in', () => {
  assert.equal(cacheFile(undefined, '/w'), join('/w', DEFAULT_CACHE_NAME));
  assert.equal(cacheFile('c/', '/w'), join('/w', 'c', DEFAULT_CACHE_NAME));
  assert.equal(cacheFile('c.json', '/w'), join('/w', 'c.json'));
  assert.equal(cacheFile(repo, '/w'), join(repo, DEFAULT_CACHE_NAME));
});

test('CLI --cache: the same output from the cache, the cache file where --cache-location says', () => {
  const { dir } = folder();
  const args = ['check', '.', '--format', 'json', '--today', FIXTURE_TODAY, '--concurrency', 'off'];
  const plain = run(args, dir);
  const first = run([...args, '--cache', '--cache-location', 'c/'], dir);
  const second = run([...args, '--cache', '--cache-location', 'c/'], dir);
  assert.equal(first.out, plain.out);
  assert.equal(second.out, plain.out);
  assert.equal(second.code, plain.code);
  // The reports' results, and the last run's record (run-record.ts).
  assert.deepEqual(readdirSync(join(dir, 'c')).sort(), [DEFAULT_CACHE_NAME, `${DEFAULT_CACHE_NAME}.last-run`]);
});
