import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient, ROOT } from './lsp-client.js';
import type { Stats } from '../../server/src/lsp/protocol.js';

/**
 * The way to a fresh server's first diagnostics, kept short without timing anything: the
 * checking thread answers its first check before it has loaded the dictionary's reader
 * (node/dictionary.ts, with cspell-trie-lib and zlib) and without validating any profile
 * with zod (the built-ins are validated by `npm run generate`). The server's stats say
 * what the thread had done when it answered (lsp/worker.ts).
 */

const GOOD = readFileSync(join(ROOT, 'test', 'lsp', 'fixtures', 'executive.report.md'), 'utf8');
// A heading slip (structure) and a misspelt word (prose: needs the dictionary).
const TEXT = GOOD.replace('## 1. Summary', '## 1 summary').replace('piloted in the south cluster', 'piloted in the south clustre');
const category = (d: Diagnostic): string => String(d.code).split('/')[0]!;

test('the first diagnostics come before the dictionary reader is loaded and without validating a built-in profile; the full set follows', { timeout: 120_000 }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'cr-lsp-start-'));
  const client = await new TestClient({ folders: [folder] }).start();
  try {
    const uri = pathToFileURL(join(folder, 'a.report.md')).href;
    await client.open(uri, TEXT);
    const refreshes = client.refreshes;
    const first = await client.diagnostics(uri);
    assert.ok(first.some((d) => category(d) === 'structure'), 'the first results have the structure findings');
    assert.ok(!first.some((d) => category(d) === 'prose'));
    const stats = await client.request<Stats>('committeeReports/stats', {});
    assert.deepEqual(stats.firstCheck, { dictionaryInstalled: false, dictionaryLoads: 0, profileValidations: 0 });
    // The reader is imported after that answer, and the dictionary it reads gives the prose findings.
    await client.waitForRefresh(refreshes);
    const full = await client.diagnostics(uri);
    assert.ok(full.some((d) => category(d) === 'prose' && String(d.message).includes('clustre')), 'the full set has the spelling finding');
  } finally {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});

test("a workspace's own profile is still validated (and counted) before the first diagnostics", { timeout: 120_000 }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'cr-lsp-start-'));
  mkdirSync(join(folder, 'templates'));
  writeFileSync(join(folder, '.committee-reports.json'), '{ "profiles": ["templates/ours.yaml"] }');
  writeFileSync(join(folder, 'templates', 'ours.yaml'), 'id: our-council/executive\nextends: leicester-city/executive\ncouncil: Our Council\n');
  const client = await new TestClient({ folders: [folder] }).start();
  try {
    const uri = pathToFileURL(join(folder, 'a.report.md')).href;
    await client.open(uri, TEXT.replace('template: leicester-city/executive', 'template: our-council/executive'));
    await client.diagnostics(uri);
    const stats = await client.request<Stats>('committeeReports/stats', {});
    assert.equal(stats.firstCheck?.profileValidations, 1);
    assert.equal(stats.firstCheck?.dictionaryInstalled, false);
  } finally {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
