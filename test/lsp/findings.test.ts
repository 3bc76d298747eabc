// What the officer reads in the Problems view (issue 16): the report's own wording, one
// finding per cause, and a missing section shown where it belongs. Over LSP, as the editor gets it.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, DocumentSymbol } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient, ROOT } from './lsp-client.js';

const GOOD = readFileSync(join(ROOT, 'test', 'lsp', 'fixtures', 'executive.report.md'), 'utf8');
const uriOf = (name: string): string => pathToFileURL(join(ROOT, 'test', 'lsp', 'fixtures', name)).href;
const lineOf = (text: string, start: string): number => text.split('\n').findIndex((l) => l.startsWith(start));

describe('findings as the officer reads them', () => {
  let client: TestClient;
  before(async () => {
    client = await new TestClient({ folders: [join(ROOT, 'test', 'lsp', 'fixtures')] }).start();
  });
  after(async () => {
    await client.stop();
  });

  test("an empty section is named by the report's heading, then the template's wording", async () => {
    const i = GOOD.indexOf('### 5.5 Other implications');
    const end = GOOD.indexOf('\n## 6.', i);
    const text = `${GOOD.slice(0, i)}### 5.5 Other implications (You will need to have considered other implications in preparing this report. Please indicate which ones apply?)\n${GOOD.slice(end)}`;
    const uri = uriOf('empty-prompt.report.md');
    await client.open(uri, text);
    const empty = (await client.diagnostics(uri)).filter((d) => d.code === 'structure/empty-section');
    assert.equal(empty.length, 1);
    assert.match(String(empty[0]!.message), /^Section "5\.5 Other implications \(You will need .*…" \(the template's "5\.5 Other implications"\) is empty/);
  });

  test('a heading numbered one too high is one finding, on its number, whose fix renumbers the run', async () => {
    const shifted = GOOD.split('\n')
      .map((l) => l.replace(/^(#{2,3}) (\d+)((?:\.\d+)?\.?) /, (m, h: string, n: string, rest: string) => (Number(n) >= 4 ? `${h} ${Number(n) + 1}${rest} ` : m)))
      .join('\n');
    const uri = uriOf('shifted.report.md');
    const doc = await client.open(uri, shifted);
    const found = (await client.diagnostics(uri)).filter((d) => d.code === 'structure/heading-wording');
    assert.equal(found.length, 1, found.map((d) => d.message).join('\n'));
    const d = found[0]!;
    const line = lineOf(shifted, '## 5. Background');
    assert.deepEqual(d.range, { start: { line, character: 3 }, end: { line, character: 4 } }, 'the number only');
    assert.match(String(d.message), /should be numbered 4 .*the \d+ headings after it/);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    const fix = actions.find((a) => a.title.startsWith('Renumber'));
    assert.ok(fix?.edit?.changes, actions.map((a) => a.title).join(' | '));
    const fixed = TextDocument.applyEdits(doc, fix.edit.changes[uri]!);
    assert.equal(fixed, GOOD, 'the whole run renumbered, parents with their children');
  });

  test('a missing section is reported where it belongs, between its neighbours', async () => {
    const text = GOOD.replace(/## 7\. Summary of appendices\n\n[^#]*/, '');
    const uri = uriOf('missing-7.report.md');
    await client.open(uri, text);
    const d = (await client.diagnostics(uri)).find((x): x is Diagnostic => x.code === 'structure/required-section');
    assert.ok(d);
    assert.match(String(d.message), /"7\. Summary of appendices" is missing; it belongs between "6\. Background information and other papers" and "8\. Is this a private report/);
    // Not on the heading of the section before: on the blank line where the fix inserts it.
    const six = lineOf(text, '## 6.');
    const eight = lineOf(text, '## 8.');
    assert.ok(d.range.start.line > six && d.range.start.line < eight, `line ${d.range.start.line} between ${six} and ${eight}`);
    assert.equal(text.split('\n')[d.range.start.line], '');
  });

  test('the outline tags a heading "not in the template" only when it looks like a template section the report lacks', async () => {
    const text = GOOD.replace('## 3. Scrutiny / stakeholder engagement', '## Stakeholder engagement work').replace(/(\n## 4\. [^\n]*\n)/, '$1\n### Family Help pilots\n\nThe pilots ran in two localities.\n');
    const uri = uriOf('outline.report.md');
    await client.open(uri, text);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const all = (list: DocumentSymbol[]): DocumentSymbol[] => list.flatMap((x) => [x, ...all(x.children ?? [])]);
    const byName = new Map(all(symbols).map((x) => [x.name, x.detail ?? '']));
    assert.equal(byName.get('Family Help pilots'), '', "an officer's own sub-section is not tagged");
    assert.equal(byName.get('Stakeholder engagement work'), 'not in the template; is it "3. Scrutiny / stakeholder engagement"?');
  });

  test('a shortened template heading is the template section in the outline (part of its wording, where it belongs)', async () => {
    const text = GOOD.replace('## 3. Scrutiny / stakeholder engagement', '## Stakeholder engagement');
    const uri = uriOf('outline-short.report.md');
    await client.open(uri, text);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const all = (list: DocumentSymbol[]): DocumentSymbol[] => list.flatMap((x) => [x, ...all(x.children ?? [])]);
    const byName = new Map(all(symbols).map((x) => [x.name, x.detail ?? '']));
    assert.equal(byName.get('Stakeholder engagement'), 'template: 3. Scrutiny / stakeholder engagement');
  });

  test("the outline's hover says which paragraphs refer to a section or its paragraphs", async () => {
    const text = GOOD.replace(/^(1\.2 .*)$/m, '$1 See paragraph 4.3; the costs are set out in section 5.')
      .replace(/^(2\.1 .*)$/m, '$1 The background is in paragraphs 4.2 to 4.3; see section 5.1.')
      .replace(/^(3\.2 .*)$/m, '$1 See paragraph 3.1.');
    const uri = uriOf('outline-refs.report.md');
    await client.open(uri, text);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const all = (list: DocumentSymbol[]): DocumentSymbol[] => list.flatMap((x) => [x, ...all(x.children ?? [])]);
    const detail = (start: string): string => all(symbols).find((x) => x.name.startsWith(start))?.detail ?? '';
    assert.equal(detail('4. Background'), 'referred to from 1.2, 2.1', 'paragraphs 4.2 and 4.3 are in section 4');
    assert.equal(detail('5. Financial'), 'referred to from 1.2');
    assert.equal(detail('5.1 Financial'), 'referred to from 2.1', 'a sub-section is its own entry');
    assert.equal(detail('3. Scrutiny'), 'referred to from 3.2', 'a reference from within the section');
    assert.equal(detail('1. Summary'), '', 'nothing refers to it');
  });
});
