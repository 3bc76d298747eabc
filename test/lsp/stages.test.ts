import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient, ROOT, TODAY } from './lsp-client.js';
import { checkReport } from '../../server/src/core/check.js';
import { toDiagnostic } from '../../server/src/lsp/convert.js';
import { installDictionary } from '../../server/src/node/dictionary.js';
import { DICTIONARY_CATEGORIES } from '../../server/src/lsp/stages.js';

/**
 * The first results of a fresh server come before its dictionary is loaded: only the
 * rules that do not read it. Then the server asks the client to pull again, and the
 * second answer replaces the first with the full set: the same findings as a full check
 * of the text with the dictionary, as the CLI makes it.
 */

const GOOD = readFileSync(join(ROOT, 'test', 'lsp', 'fixtures', 'executive.report.md'), 'utf8');
// A heading slip and a misspelt key (structure, metadata), a misspelt word (prose), a
// repeated word (prose) and an acronym used without its expansion (acronym).
const TEXT = GOOD.replace('## 1. Summary', '## 1 summary')
  .replace('version: v1\n', 'version: v1\nverison: v2\n')
  .replace('piloted in the south cluster', 'piloted in the the south clustre')
  .replace('2.1 The Commission is asked', '2.1 The SLT and the Commission are asked');

const category = (d: Diagnostic): string => String(d.code).split('/')[0]!;
const key = (d: Diagnostic): string => JSON.stringify([d.code, d.range, d.message, d.severity]);

test('the first results leave out the rules that read the dictionary; the pull the server then asks for gives the full set, as a full check gives it', { timeout: 120_000 }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'cr-lsp-stages-'));
  const client = await new TestClient({ folders: [folder] }).start();
  try {
    const uri = pathToFileURL(join(folder, 'a.report.md')).href;
    await client.open(uri, TEXT);
    const first = await client.diagnostics(uri);
    const refreshes = client.refreshes;
    // The full set, made here as the CLI makes it (the dictionary loaded).
    installDictionary();
    const full = checkReport(TEXT, { today: TODAY }).findings.map((f) => toDiagnostic(f, uri));
    const fullCategories = new Set(full.map(category));
    for (const c of DICTIONARY_CATEGORIES) assert.ok(fullCategories.has(c), `the text has ${c} findings`);
    // First: exactly the full set's findings of the other categories.
    assert.deepEqual(first.map(key), full.filter((d) => !DICTIONARY_CATEGORIES.has(category(d))).map(key));
    assert.ok(first.length > 0 && first.length < full.length);
    // The thread loads its dictionary and the server asks the client to pull again.
    await client.waitForRefresh(refreshes);
    const second = await client.diagnostics(uri);
    assert.deepEqual(second.map(key), full.map(key));
    // Later pulls of the unchanged draft keep the full set.
    assert.deepEqual((await client.diagnostics(uri)).map(key), full.map(key));
  } finally {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a client that cannot be told to pull again gets the full set of rules at once', { timeout: 120_000 }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'cr-lsp-stages-'));
  const client = new TestClient({ folders: [folder], diagnosticRefresh: false });
  await client.start();
  try {
    const uri = pathToFileURL(join(folder, 'a.report.md')).href;
    await client.open(uri, TEXT);
    const first = await client.diagnostics(uri);
    assert.ok(first.some((d) => category(d) === 'prose'));
    assert.ok(first.some((d) => category(d) === 'acronym'));
  } finally {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
