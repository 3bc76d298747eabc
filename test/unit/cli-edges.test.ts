import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, repo, run, tempDir } from './cli-run.js';

const clean = join(repo, 'examples', 'leicester-city-executive.report.md');
const TODAY = ['--today', '2026-02-20'];

test('--today must be a date in the calendar', () => {
  for (const bad of ['2026-13-45', '2026-02-30', '2025-02-29', '2026-2-3', 'tomorrow']) {
    const r = run(['check', clean, '--today', bad]);
    assert.equal(r.code, 2, bad);
    assert.match(r.err, /--today/, bad);
    assert.equal(r.out, '', `${bad}: nothing checked`);
  }
  assert.equal(run(['check', clean, '--today', '2024-02-29']).code, 0, 'a leap day is a date');
  assert.equal(run(['export', clean, '--format', 'html', '--output', join(tempDir(), 'a.html'), '--today', '2026-02-30']).code, 2);
});

test('an unknown option is named, with the nearest known one', () => {
  const r = run(['check', '--frmat', 'json', 'examples']);
  assert.equal(r.code, 2);
  assert.match(r.err, /^committee-report: unknown option --frmat; did you mean --format\?$/m);
  assert.doesNotMatch(r.err.split('\n')[0]!, /ERR_PARSE_ARGS|'/, "not Node's own message");
  const far = run(['check', '--zzzzzz', 'examples']);
  assert.match(far.err, /^committee-report: unknown option --zzzzzz$/m, 'no suggestion when nothing is near');
  const exp = run(['export', clean, '--outptu', 'x.html']);
  assert.equal(exp.code, 2);
  assert.match(exp.err, /unknown option --outptu; did you mean --output\?/);
  const glo = run(['glossary', clean, '--wrte']);
  assert.equal(glo.code, 2);
  assert.match(glo.err, /unknown option --wrte; did you mean --write\?/);
  assert.match(run(['check', '--format']).err, /--format needs a value/);
});

test('output piped into a reader that stops early ends quietly', () => {
  // `true` exits without reading, so every write after it lands on a closed pipe.
  const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" rules | true; "${process.execPath}" "${bin}" rules | head -1`], { cwd: repo, encoding: 'utf8' });
  assert.equal(r.stderr, '', 'no EPIPE stack trace');
  assert.equal(r.stdout.split('\n').filter(Boolean).length, 1);
});

test('export says which format it needs instead of guessing Word', () => {
  const dir = tempDir();
  const draft = join(dir, 'a.report.md');
  cpSync(clean, draft);
  const r = run(['export', draft, ...TODAY]);
  assert.equal(r.code, 2);
  assert.match(r.err, /needs --format docx or --format html/);
  assert.throws(() => statSync(join(dir, 'a.docx')), 'nothing written');
  const byName = run(['export', draft, '--output', join(dir, 'out.html'), ...TODAY]);
  assert.equal(byName.code, 0, byName.err);
  assert.match(readFileSync(join(dir, 'out.html'), 'utf8'), /<html/i);
  assert.equal(run(['export', draft, '--output', join(dir, 'out.pdf'), ...TODAY]).code, 2, 'an extension that is not ours says nothing');
});

test('export never replaces a file without --force, and never the report itself', () => {
  const dir = tempDir();
  const draft = join(dir, 'a.report.md');
  cpSync(clean, draft);
  const original = readFileSync(draft, 'utf8');
  const out = join(dir, 'a.html');
  writeFileSync(out, 'keep me');
  const r = run(['export', draft, '--format', 'html', ...TODAY]);
  assert.equal(r.code, 2);
  assert.match(r.err, /a\.html exists; add --force to replace it/);
  assert.equal(readFileSync(out, 'utf8'), 'keep me');
  const forced = run(['export', draft, '--format', 'html', '--force', ...TODAY]);
  assert.equal(forced.code, 0, forced.err);
  assert.match(readFileSync(out, 'utf8'), /<html/i);
  for (const target of [draft, join(dir, 'link.report.md')]) {
    if (target !== draft) symlinkSync(draft, target);
    const self = run(['export', draft, '--format', 'html', '--output', target, '--force', ...TODAY]);
    assert.equal(self.code, 2, target);
    assert.match(self.err, /is the report itself/);
    assert.equal(readFileSync(draft, 'utf8'), original, 'the draft is untouched');
  }
});

test('export to a FIFO or a folder is refused at once, not blocked on', () => {
  const dir = tempDir();
  const fifo = join(dir, 'pipe.html');
  const made = spawnSync('mkfifo', [fifo]);
  if (made.status === 0) {
    const r = spawnSync(process.execPath, [bin, 'export', clean, '--format', 'html', '--output', fifo, '--force', ...TODAY], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.signal, null, 'it did not hang');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /not a plain file/);
  }
  mkdirSync(join(dir, 'folder.html'));
  const folder = run(['export', clean, '--format', 'html', '--output', join(dir, 'folder.html'), '--force', ...TODAY]);
  assert.equal(folder.code, 2);
  assert.match(folder.err, /not a plain file/);
});

test('a file that cannot be read as a file is reported and the others are still checked', () => {
  const dir = tempDir();
  cpSync(clean, join(dir, 'b.report.md'));
  // A report the folder search lists but reading fails (EIO), for root too.
  symlinkSync('/proc/self/mem', join(dir, 'a.report.md'));
  const r = run(['check', '.', ...TODAY], dir);
  assert.equal(r.code, 2);
  assert.match(r.err, /cannot read a\.report\.md/);
  assert.match(r.err, /1 file could not be read/);
  assert.match(r.out, /1 report checked/);
});

test('a link loop or a second path to a report checks it once', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'reports'));
  cpSync(clean, join(dir, 'reports', 'a.report.md'));
  symlinkSync(join(dir, 'reports'), join(dir, 'reports', 'loop'));
  symlinkSync(join(dir, 'reports', 'a.report.md'), join(dir, 'alias.report.md'));
  const r = run(['check', '.', '--format', 'json', ...TODAY], dir);
  assert.equal(r.code, 0, r.err);
  const summary = run(['check', '.', ...TODAY], dir);
  assert.match(summary.out, /1 report checked/);
});

test('import never writes over the Word file it reads, nor a file without --force', () => {
  const dir = tempDir();
  const docx = join(dir, 'a.docx');
  const made = run(['export', clean, '--format', 'docx', '--output', docx, ...TODAY]);
  assert.equal(made.code, 0, made.err);
  const before = readFileSync(docx);
  const self = run(['import', docx, '--output', docx, '--force'], dir);
  assert.equal(self.code, 2);
  assert.match(self.err, /is the report itself/);
  assert.deepEqual(readFileSync(docx), before);
  writeFileSync(join(dir, 'a.report.md'), 'keep me');
  const again = run(['import', docx], dir);
  assert.equal(again.code, 2);
  assert.match(again.err, /exists; add --force/);
  assert.equal(readFileSync(join(dir, 'a.report.md'), 'utf8'), 'keep me');
  assert.match(run(['import', docx, '--tempalte', 'x'], dir).err, /unknown option --tempalte; did you mean --template\?/);
});
