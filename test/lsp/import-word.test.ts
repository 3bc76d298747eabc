import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient, ROOT } from './lsp-client.js';
import type { ImportWordResult } from '../../server/src/lsp/protocol.js';
import { analyseReport } from '../../server/src/core/check.js';
import { buildDocument, renderDocx } from '../../server/src/core/render/index.js';
import { tempDir } from '../temp-dirs.js';

/**
 * "Import Word Report…" runs in the language server: the built server loads its importer
 * bundle (import.cjs) on the first request and answers with the draft and a free name
 * beside the .docx, writing nothing.
 */
describe('committeeReports/importWord', () => {
  let folder: string;
  let client: TestClient;
  before(async () => {
    folder = tempDir('cr-lsp-import-');
    client = await new TestClient({ folders: [folder] }).start();
  });
  after(async () => {
    await client.stop();
  });

  test('a .docx becomes the draft, named beside it (not over an existing draft)', async () => {
    const example = readFileSync(join(ROOT, 'examples', 'leicester-city-executive.report.md'), 'utf8');
    const docx = join(folder, 'families.docx');
    writeFileSync(docx, await renderDocx(buildDocument(analyseReport(example))));
    const r = await client.request<ImportWordResult>('committeeReports/importWord', { uri: pathToFileURL(docx).href });
    assert.equal(r.error, undefined);
    assert.equal(r.template, 'leicester-city/executive');
    assert.equal(r.draftPath, join(folder, 'families.report.md'));
    assert.equal(r.text, example);
    writeFileSync(join(folder, 'families.report.md'), 'taken');
    const again = await client.request<ImportWordResult>('committeeReports/importWord', { uri: pathToFileURL(docx).href });
    assert.equal(again.draftPath, join(folder, 'families-imported.report.md'));
  });

  test('a .doc is an error with advice, not a crash', async () => {
    const doc = join(folder, 'old.doc');
    writeFileSync(doc, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]));
    const r = await client.request<ImportWordResult>('committeeReports/importWord', { uri: pathToFileURL(doc).href });
    assert.equal(r.text, undefined);
    assert.match(r.error ?? '', /Word 97-2003 document \(\.doc\)/);
  });
});
