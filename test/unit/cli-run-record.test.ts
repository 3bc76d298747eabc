import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FIXTURE_TODAY } from './helpers.js';
import { repo, run, tempDir } from './cli-run.js';

const seeds = join(repo, 'test', 'seeds');
const K = ['k1-tsil-programme-2023', 'k2-stable-homes-2023', 'k3-performance-q3-2023'];

/** `top/year/` is checked: a pack of three County seeds, a loose example, an empty sub-folder; `top/` is above it. */
function year(): { top: string; dir: string } {
  const top = tempDir();
  const dir = join(top, 'year');
  mkdirSync(join(dir, 'pack'), { recursive: true });
  mkdirSync(join(dir, 'later'));
  for (const k of K) copyFileSync(join(seeds, `${k}.report.md`), join(dir, 'pack', `${k}.report.md`));
  writeFileSync(join(dir, 'pack', 'pack.yaml'), 'venue: County Hall, Glenfield\n');
  copyFileSync(join(repo, 'examples', 'leicester-city-executive.report.md'), join(dir, 'exec.report.md'));
  return { top, dir };
}

const args = ['check', '.', '--format', 'json', '--today', FIXTURE_TODAY, '--concurrency', 'off'];
const cached = [...args, '--cache', '--cache-location', '.cache/'];

/** The built command's entry (server/out/cli.cjs), run in this process: what it loaded, what it printed. */
async function inProcess(argv: string[], cwd: string): Promise<{ code: number; out: string; replayed: boolean; loadedCli: boolean }> {
  const require = createRequire(import.meta.url);
  const entry = require(join(repo, 'server', 'out', 'cli.cjs')) as { main(argv: string[], cwd: string): number | Promise<number>; stats: { replayed: boolean; cli?: string } };
  const write = process.stdout.write;
  let out = '';
  const noColor = process.env.NO_COLOR;
  process.env.NO_COLOR = '1';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await entry.main(argv, cwd);
    return { code, out, replayed: entry.stats.replayed, loadedCli: entry.stats.cli !== undefined };
  } finally {
    process.stdout.write = write;
    if (noColor === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = noColor;
  }
}

test('check --cache over an unchanged folder prints the last run again without loading the checker', async () => {
  const { dir } = year();
  const plain = run(args, dir);
  const first = run(cached, dir);
  assert.equal(first.out, plain.out);
  const again = await inProcess(cached, dir);
  assert.equal(again.replayed, true);
  assert.equal(again.loadedCli, false, 'the checker (cli-main.cjs) is not loaded');
  assert.equal(again.out, plain.out);
  assert.equal(again.code, plain.code);
  // Other words are another run: a different output format is not answered from the record.
  const text = await inProcess([...cached.filter((a) => a !== 'json' && a !== '--format')], dir);
  assert.equal(text.replayed, false);
});

test('check --cache: any change to what the run read is seen: a report, a new report deep below, a manifest, an appendix, a config file above the folder', async (t) => {
  const { top, dir } = year();
  const changes: [string, () => void][] = [
    ['a report edited', () => appendFileSync(join(dir, 'exec.report.md'), '\nThe the report ends here.\n')],
    ['a report in a folder that had none', () => copyFileSync(join(seeds, 'k4-tsil-update-2024.report.md'), join(dir, 'later', 'k4.report.md'))],
    ['the manifest', () => writeFileSync(join(dir, 'pack', 'pack.yaml'), 'committee: Cabinet\nmeeting_date: 1 March 2024\n')],
    ['an appendix file beside a report', () => writeFileSync(join(dir, 'exec.appendix-Q.pdf'), '')],
    ['a config file above the folder checked', () => writeFileSync(join(top, '.committee-reports.json'), '{ "rules": { "prose": "off", "acronym": "off" } }')],
  ];
  let before = run(cached, dir).out;
  for (const [what, change] of changes) {
    await t.test(what, async () => {
      change();
      const plain = run(args, dir);
      assert.notEqual(plain.out, before, 'the change changes the findings');
      const now = run(cached, dir);
      assert.equal(now.out, plain.out);
      // And then it stands again.
      const again = await inProcess(cached, dir);
      assert.deepEqual([again.replayed, again.out], [true, plain.out]);
      before = plain.out;
    });
  }
});

test('check --cache: a run that said something on stderr is not recorded, nor is one over a glob', () => {
  const { dir } = year();
  // A Word copy of a draft beside it: left out, and said on stderr.
  writeFileSync(join(dir, 'exec.docx'), '');
  const noted = run(cached, dir);
  assert.match(noted.err, /Word copy/);
  assert.equal(existsSync(join(dir, '.cache', '.committee-report-cache.last-run')), false);
  rmSync(join(dir, 'exec.docx'));
  const globbed = [...cached.filter((a) => a !== '.'), '**/*.report.md'];
  assert.equal(run(globbed, dir).err, '');
  assert.equal(existsSync(join(dir, '.cache', '.committee-report-cache.last-run')), false);
  run(cached, dir);
  assert.equal(existsSync(join(dir, '.cache', '.committee-report-cache.last-run')), true, 'a folder run with nothing on stderr is recorded');
});
