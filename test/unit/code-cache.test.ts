import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBundle, readSource } from '../../server/src/lsp/code-cache.js';

/**
 * A checking thread reads its 3 MB bundle at every start. The build makes bundles pure
 * ASCII, which is read as Latin-1 (a copy of the bytes) instead of being decoded as UTF-8
 * (a check of every byte); a bundle with other bytes is still decoded as UTF-8.
 */

test('an ASCII bundle is read as Latin-1, a bundle with other bytes as UTF-8, and both give the text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cr-code-cache-'));
  try {
    const ascii = join(dir, 'ascii.cjs');
    const other = join(dir, 'other.cjs');
    writeFileSync(ascii, "module.exports = { text: 'The council\\u2019s plan' };\n");
    writeFileSync(other, "module.exports = { text: 'The council’s plan – 2026' };\n");
    assert.deepEqual(readSource(ascii), { text: readFileSync(ascii, 'utf8'), encoding: 'latin1' });
    assert.deepEqual(readSource(other), { text: readFileSync(other, 'utf8'), encoding: 'utf8' });
    const a = loadBundle(ascii, undefined);
    const b = loadBundle(other, undefined);
    assert.equal(a.encoding, 'latin1');
    assert.equal(b.encoding, 'utf8');
    assert.deepEqual(a.exports, { text: 'The council’s plan' });
    assert.deepEqual(b.exports, { text: 'The council’s plan – 2026' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the built analysis bundle is ASCII, so a checking thread reads it as Latin-1", { skip: !existsOut() && 'needs `npm run build`' }, () => {
  assert.equal(readSource(join(import.meta.dirname, '..', '..', 'server', 'out', 'worker.cjs')).encoding, 'latin1');
});

function existsOut(): boolean {
  try {
    readFileSync(join(import.meta.dirname, '..', '..', 'server', 'out', 'thread.cjs'));
    return true;
  } catch {
    return false;
  }
}
