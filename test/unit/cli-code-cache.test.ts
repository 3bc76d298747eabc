import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliCodeCacheDir } from '../../server/src/node/code-cache.js';
import { FIXTURE_TODAY } from './helpers.js';
import { bin, repo, tempDir } from './cli-run.js';

/** `check .` in `cwd` on two worker threads, with `env` added (the built command: npm run build first). */
function check(cwd: string, env: Record<string, string>, concurrency = '2') {
  const r = spawnSync(process.execPath, [bin, 'check', '.', '--format', 'json', '--today', FIXTURE_TODAY, '--concurrency', concurrency], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A folder of `n` seed reports (16: each of two threads checks enough of them to write the cache). */
function folder(n = 16): string {
  const dir = tempDir();
  const seeds = readdirSync(join(repo, 'test', 'seeds')).filter((f) => f.endsWith('.report.md'));
  for (let i = 0; i < n; i++) copyFileSync(join(repo, 'test', 'seeds', seeds[i % seeds.length]!), join(dir, `r${i}.report.md`));
  return dir;
}

const cacheFiles = (dir: string, bundle = 'check-worker'): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith(`${bundle}-`) && f.endsWith('.v8cache')) : []);

test("the command's worker threads write V8's code cache, use it on the next run, and a bad one only slows the run", () => {
  const reports = folder();
  const cache = join(tempDir(), 'v8');
  const expected = check(reports, { COMMITTEE_REPORTS_CODE_CACHE: 'off' }, 'off');
  assert.equal(expected.code, 1, expected.err);

  const first = check(reports, { COMMITTEE_REPORTS_CODE_CACHE: cache });
  assert.deepEqual([first.code, first.out, first.err], [1, expected.out, '']);
  const written = cacheFiles(cache);
  assert.equal(written.length, 1, 'one cache, written while the threads checked');
  const file = join(cache, written[0]!);
  const stamp = statSync(file).mtimeMs;

  const second = check(reports, { COMMITTEE_REPORTS_CODE_CACHE: cache });
  assert.deepEqual([second.code, second.out, second.err], [1, expected.out, '']);
  assert.equal(statSync(file).mtimeMs, stamp, 'a cache that fits is read, not written again');

  // A cache V8 rejects (here, not a cache at all): the same output, and a good cache replaces it.
  writeFileSync(file, 'not a code cache');
  const third = check(reports, { COMMITTEE_REPORTS_CODE_CACHE: cache });
  assert.deepEqual([third.code, third.out, third.err], [1, expected.out, '']);
  assert.notEqual(readFileSync(file, 'utf8').slice(0, 16), 'not a code cache');
});

test('COMMITTEE_REPORTS_CODE_CACHE=off writes no cache; by default the cache is in the user cache directory', () => {
  const reports = folder();
  const home = tempDir();
  const xdg = join(home, 'xdg');
  mkdirSync(xdg);
  const off = check(reports, { COMMITTEE_REPORTS_CODE_CACHE: 'off', XDG_CACHE_HOME: xdg, HOME: home });
  assert.equal(off.code, 1, off.err);
  assert.deepEqual(readdirSync(xdg), []);

  assert.equal(cliCodeCacheDir({ XDG_CACHE_HOME: xdg }), process.platform === 'win32' ? undefined : join(xdg, 'committee-reports', 'v8'));
  assert.equal(cliCodeCacheDir({ COMMITTEE_REPORTS_CODE_CACHE: 'off', XDG_CACHE_HOME: xdg }), undefined);
  assert.equal(cliCodeCacheDir({ COMMITTEE_REPORTS_CODE_CACHE: '/somewhere' }), '/somewhere');
  const env = { ...process.env };
  delete env.COMMITTEE_REPORTS_CODE_CACHE;
  const on = spawnSync(process.execPath, [bin, 'check', '.', '--format', 'json', '--today', FIXTURE_TODAY, '--concurrency', '2'], { cwd: reports, encoding: 'utf8', env: { ...env, XDG_CACHE_HOME: xdg } });
  assert.equal(on.stdout, off.out);
  assert.equal(cacheFiles(join(xdg, 'committee-reports', 'v8')).length, 1);
});

test("the command loads its own code (cli-main.cjs) with V8's code cache, written by a run that found none unless it set V8's flags for a long check", () => {
  // A short run writes it, and the next run uses it (the file stays as it was).
  const small = folder(2);
  const cache = join(tempDir(), 'v8');
  const first = check(small, { COMMITTEE_REPORTS_CODE_CACHE: cache }, 'auto');
  assert.equal(first.code, 1, first.err);
  const [written] = cacheFiles(cache, 'cli-main');
  assert.ok(written, 'written after the run');
  const stamp = statSync(join(cache, written)).mtimeMs;
  const second = check(small, { COMMITTEE_REPORTS_CODE_CACHE: cache }, 'auto');
  assert.deepEqual([second.code, second.out], [1, first.out]);
  assert.equal(statSync(join(cache, written)).mtimeMs, stamp);

  // A run of 24 reports or more sets V8's interrupt budget before its threads start (jit.ts):
  // a cache written after it would not fit the next run, which loads the code before any flag is set.
  const large = check(folder(24), { COMMITTEE_REPORTS_CODE_CACHE: join(cache, 'long') }, 'auto');
  assert.equal(large.code, 1, large.err);
  assert.deepEqual(cacheFiles(join(cache, 'long'), 'cli-main'), []);
  assert.equal(cacheFiles(join(cache, 'long')).length, 1, "the worker threads' cache is written: they start after the flags are set");
});
