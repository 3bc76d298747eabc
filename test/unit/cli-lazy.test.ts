import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { FIXTURE_TODAY } from './helpers.js';
import { repo, run, tempDir } from './cli-run.js';

// `check` is the command run over a whole folder, and its worker threads start only once
// the main thread has loaded the CLI: the export and import commands' code (docx, mammoth,
// jszip…) is a bundle of its own (cli-convert.cjs), loaded only by them and by a check
// that reads a Word file.

const CONVERT_ONLY = /node_modules\/(docx|mammoth|jszip|pako|@xmldom|underscore|yauzl|readable-stream|hast-util-to-mdast|mdast-util-to-hast|hast-util-from-html)\/|server\/src\/(core\/render|node\/import)\//;

/** The files esbuild bundles for an entry point. */
async function inputsOf(entry: string): Promise<string[]> {
  const r = await build({ entryPoints: [join(repo, entry)], bundle: true, platform: 'node', format: 'cjs', write: false, metafile: true, outfile: 'out.cjs', logLevel: 'silent' });
  return Object.keys(r.metafile.inputs);
}

test("the CLI's bundle (cli-main.cjs) has none of the export and import commands' code; theirs has it", async () => {
  assert.deepEqual((await inputsOf('server/src/cli/main.ts')).filter((f) => CONVERT_ONLY.test(f)), []);
  assert.deepEqual((await inputsOf('server/src/cli/entry.ts')).filter((f) => CONVERT_ONLY.test(f)), []);
  const convert = await inputsOf('server/src/cli/convert.ts');
  for (const m of ['docx', 'mammoth', 'jszip']) assert.ok(convert.some((f) => f.includes(`node_modules/${m}/`)), m);
});

/**
 * Runs the built command's entry (server/out/cli.cjs, npm run build first) in a process
 * of its own, as bin/committee-report.js does, and reads which bundles it loaded (its
 * `stats`) besides what it printed.
 */
function runWithStats(argv: string[], cwd: string, env: Record<string, string>): { code: number | null; out: string; err: string; cli?: string; convert?: string } {
  const here = tempDir();
  const statsFile = join(here, 'stats.json');
  // A script file, not `node -e`: V8's code cache is keyed to node's options, `-e` and its script among them.
  const script = join(here, 'run.cjs');
  writeFileSync(
    script,
    `const entry = require(${JSON.stringify(join(repo, 'server', 'out', 'cli.cjs'))});
Promise.resolve(entry.main(process.argv.slice(2))).then((code) => {
  require('node:fs').writeFileSync(${JSON.stringify(statsFile)}, JSON.stringify(entry.stats));
  process.exitCode = code;
});`,
  );
  const r = spawnSync(process.execPath, [script, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as { cli?: string; convert?: string };
  return { code: r.status, out: r.stdout, err: r.stderr, ...stats };
}

test('check of Markdown reports does not load the export and import bundle; export loads it and not the checker', () => {
  const cache = join(tempDir(), 'v8');
  const env = { COMMITTEE_REPORTS_CODE_CACHE: cache };
  const dir = tempDir();
  for (const f of ['leicester-city-executive.report.md', 'typical-mistakes.report.md']) copyFileSync(join(repo, 'examples', f), join(dir, f));
  const check = ['check', '.', '--format', 'json', '--today', FIXTURE_TODAY, '--concurrency', 'off'];
  const checked = runWithStats(check, dir, env);
  assert.equal(checked.code, 1);
  assert.equal(checked.out, run(check, dir).out);
  assert.ok(checked.cli, 'the checker is loaded');
  assert.equal(checked.convert, undefined, 'the export and import bundle is not');

  const exported = runWithStats(['export', 'leicester-city-executive.report.md', '--format', 'docx', '--today', FIXTURE_TODAY], dir, env);
  assert.equal(exported.code, 0);
  assert.match(exported.out, /^Exported leicester-city-executive\.report\.md to leicester-city-executive\.docx/);
  assert.ok(existsSync(join(dir, 'leicester-city-executive.docx')));
  assert.equal(exported.cli, undefined, 'export does not load the checker');
  assert.equal(exported.convert, 'none', 'export loads its bundle (with no code cache yet)');
  assert.equal(readdirSync(cache).filter((f) => f.startsWith('cli-convert-')).length, 1, 'and writes its code cache');

  // A check that reads a Word file loads the importer's bundle, from its code cache.
  const wordCheck = ['check', 'leicester-city-executive.docx', 'typical-mistakes.report.md', '--format', 'json', '--today', FIXTURE_TODAY];
  const word = runWithStats(wordCheck, dir, env);
  assert.equal(word.code, 1);
  assert.ok(word.cli);
  assert.equal(word.convert, 'used');
  assert.equal(word.out, run(wordCheck, dir).out);
  // The exported Word file has no findings (it was exported without errors): the draft's alone.
  const draftOnly = JSON.parse(run(['check', 'typical-mistakes.report.md', ...check.slice(2)], dir).out) as unknown[];
  assert.ok(draftOnly.length > 0);
  assert.deepEqual(JSON.parse(word.out), draftOnly);
});
