import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient, ROOT } from './lsp-client.js';

const example = readFileSync(join(ROOT, 'examples', 'leicester-city-executive.report.md'), 'utf8');

describe('acronyms over LSP', () => {
  let client: TestClient;
  before(async () => {
    client = await new TestClient({ folders: [join(ROOT, 'examples')] }).start();
  });
  after(async () => {
    await client.stop();
  });

  test('hover on an acronym gives its expansion', async () => {
    const uri = pathToFileURL(join(ROOT, 'examples', 'hover-acr.report.md')).href;
    const doc = await client.open(uri, example);
    const offset = example.indexOf('MACPT', example.indexOf('(MACPT)') + 10);
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: doc.positionAt(offset + 1) });
    assert.ok(h, 'a hover');
    assert.match((h.contents as MarkupContent).value, /Multi-Agency Child Protection Team/);
    assert.deepEqual(h.range!.start, doc.positionAt(offset));
  });

  test('typing a known acronym offers "Full Name (ACR)", replacing what was typed', async () => {
    const uri = pathToFileURL(join(ROOT, 'examples', 'complete-acr.report.md')).href;
    const text = example.replace('2.1 The Commission is asked to note the report', '2.1 The Commission is asked to note the EHC');
    const doc = await client.open(uri, text);
    const offset = text.indexOf('note the EHC') + 'note the EHC'.length;
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: doc.positionAt(offset) });
    const item = items.find((i) => (i.textEdit as TextEdit | undefined)?.newText === 'Education, Health and Care Plan (EHCP)');
    assert.ok(item, JSON.stringify(items.map((i) => i.label)));
    const edit = item.textEdit as TextEdit;
    assert.deepEqual(edit.range.start, doc.positionAt(offset - 3));
    const after = TextDocument.applyEdits(doc, [edit]);
    assert.match(after, /note the Education, Health and Care Plan \(EHCP\) and the/);
  });

  test('the glossary request writes an Acronyms section from what the report uses', async () => {
    const uri = pathToFileURL(join(ROOT, 'examples', 'glossary.report.md')).href;
    const doc = await client.open(uri, example);
    const r = await client.request<{ count: number; edits: TextEdit[] }>('committeeReports/insertGlossary', { uri });
    assert.ok(r.count >= 3, `count ${r.count}`);
    const after = TextDocument.applyEdits(doc, r.edits);
    assert.match(after, /^## Acronyms$/m);
    assert.match(after, /^\| FFP \| Families First Partnership \|$/m);
    assert.match(after, /^\| MACPT \| Multi-Agency Child Protection Team/m);
  });
});
