import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient, ROOT } from './lsp-client.js';
import type { Stats } from '../../server/src/lsp/protocol.js';

/**
 * One open draft that takes long to check must not hold back the diagnostics of the
 * others. Shown by order of events, never by time: the slow check is under way (the
 * server says so), another draft is edited and pulled, and its diagnostics arrive
 * before the slow check ends.
 */

const GOOD = readFileSync(join(ROOT, 'test', 'lsp', 'fixtures', 'executive.report.md'), 'utf8');
/** Three defects: a misspelt key, a heading style slip and a missing section. */
const BAD = GOOD.replace('## 7. Summary of appendices\n\nNone.\n\n', '').replace('## 1. Summary', '## 1 summary').replace('version: v1\n', 'version: v1\nverison: v2\n');

test('a draft slow to check, below the large-document size, does not hold back the diagnostics of another draft edited meanwhile', { timeout: 300_000 }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'cr-lsp-'));
  const slow = pathToFileURL(join(folder, 'slow.report.md')).href;
  const other = pathToFileURL(join(folder, 'other.report.md')).href;
  const client = await new TestClient({ folders: [folder] }).start();
  try {
    // Lists nested 48 deep (inside the parse limits) are costly per character: a draft of
    // just under 256 KB, the size from which a draft has a thread of its own, takes
    // seconds to check where an ordinary report of that size takes a fraction of one.
    const nest = Array.from({ length: 48 }, (_, i) => '  '.repeat(i) + '- item ' + i).join('\n') + '\n\n';
    let text = GOOD;
    while (text.length + nest.length < 250 * 1024) text += nest;
    await client.open(other, GOOD);
    assert.equal((await client.diagnostics(other)).length, 0);
    await client.open(slow, text);
    const order: string[] = [];
    const slowPull = client.diagnostics(slow).then(() => order.push('slow checked'));
    // Wait (by asking, not by time) until the slow check is under way.
    while (!(await client.request<Stats>('committeeReports/stats', {})).running.includes(slow)) await new Promise((r) => setImmediate(r));
    await client.setText(other, BAD);
    const found = await client.diagnostics(other);
    order.push('other checked');
    assert.equal(found.length, 3);
    await slowPull;
    assert.deepEqual(order, ['other checked', 'slow checked']);
  } finally {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
