import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from './lsp-client.js';
import { applyWordAddition, wordAddition } from '../../server/src/core/prose/word-list.js';

/**
 * Spelling over the protocol: the server loads its dictionary after the first results and
 * the findings arrive on a later pull; a misspelling offers its suggestions and "Add to
 * workspace dictionary", which writes the workspace's `.committee-reports.json`.
 */
describe('spelling over LSP', () => {
  let folder: string;
  let client: TestClient;
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'cr-lsp-prose-'));
    client = await new TestClient({ folders: [folder] }).start();
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('a misspelt word gets its suggestions and "Add to workspace dictionary"', async () => {
    const u = pathToFileURL(join(folder, 'a.report.md')).href;
    await client.open(u, '# Plan\n\n1.1 The goverment agreed the plan.\n');
    let spelt: Diagnostic | undefined;
    for (let i = 0; i < 100 && !spelt; i++) {
      spelt = (await client.diagnostics(u)).find((d) => d.code === 'prose/spelling');
      if (!spelt) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(spelt, 'the spelling finding arrives once the dictionary is loaded');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: spelt.range, context: { diagnostics: [spelt] } });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Change to "government"'), titles.join(', '));
    const add = actions.find((a) => a.title === 'Add "goverment" to the workspace dictionary');
    assert.ok(add, titles.join(', '));
    const changes = add.edit?.documentChanges as { kind?: string; uri?: string; textDocument?: { uri: string }; edits?: { newText: string }[] }[];
    const config = pathToFileURL(join(folder, '.committee-reports.json')).href;
    assert.deepEqual(changes[0], { kind: 'create', uri: config, options: { ignoreIfExists: true } });
    assert.equal(changes[1]!.textDocument!.uri, config);
    assert.equal(changes[1]!.edits![0]!.newText, applyWordAddition(undefined, wordAddition('goverment')));
  });
});
