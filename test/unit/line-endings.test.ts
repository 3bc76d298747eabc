import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixReport } from '../../server/src/core/check.js';
import { applyEdits } from '../../server/src/core/fix.js';
import { main } from '../../server/src/cli/main.js';
import { tempDir } from '../temp-dirs.js';

/** Every edit keeps the file's line endings (CRLF) and its byte-order mark. */
const repo = join(import.meta.dirname, '..', '..');
const mistakes = readFileSync(join(repo, 'examples', 'typical-mistakes.report.md'), 'utf8');
const today = '2026-02-20';

function loneLineFeeds(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text[i] === '\n' && text[i - 1] !== '\r') n++;
  return n;
}

test('applying edits to a CRLF text: inserted lines end in CRLF, an edited line keeps its CR, the BOM stays first', () => {
  const text = '\ufeffone\r\ntwo\r\nthree\r\n';
  const zero = { line: 0, character: 0 };
  const out = applyEdits(text, [
    { range: { start: zero, end: zero }, newText: '# Title\n\n' },
    // "two" and its CR replaced by a text without one.
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }, newText: 'TWO' },
  ]);
  assert.equal(out, '\ufeff# Title\r\n\r\none\r\nTWO\r\nthree\r\n');
  // An LF text is left with LF.
  assert.equal(applyEdits('a\nb\n', [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: 'x\n' }]), 'a\nx\nb\n');
});

test('--fix on a CRLF file with a BOM keeps both (core and command line)', async () => {
  const crlf = '\ufeff' + mistakes.replace(/\n/g, '\r\n');
  const fixed = fixReport(crlf, { today });
  assert.ok(fixed.fixed > 0, 'something was fixed');
  assert.equal(loneLineFeeds(fixed.text), 0);
  assert.ok(fixed.text.startsWith('\ufeff---\r\n'));
  assert.ok(fixed.text.includes('## 1. Summary\r\n'));
  const dir = tempDir('committee-report-eol-');
  const file = join(dir, 'draft.report.md');
  writeFileSync(file, crlf);
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    await main(['check', '--fix', '--today', today, file]);
  } finally {
    process.stdout.write = write;
  }
  const written = readFileSync(file, 'utf8');
  assert.notEqual(written, crlf);
  assert.equal(written, fixed.text);
});
