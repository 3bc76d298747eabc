import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CodeLens, CompletionItem, Diagnostic, DocumentLink, DocumentSymbol, FoldingRange, Hover, Location, MarkupContent } from 'vscode-languageserver-protocol';
import { TestClient, CancellationTokenSource, ROOT } from './lsp-client.js';
import type { Stats, TemplateInfo } from '../../server/src/lsp/protocol.js';

/** Values the New report command asks for, beyond the front matter (a meeting after today, sign-offs, contact). */
function completeValues(t: TemplateInfo): Record<string, string> {
  // The server runs with today = TODAY (lsp-client.ts).
  const values: Record<string, string> = { meeting_date: '3 March 2026', signoff_date: '2026-02-03' };
  for (const s of t.signoffs) values[`signoff.${s.id}`] = `Pat Smith, ${s.role ?? 'Head of Service'}`;
  if (t.contact) Object.assign(values, { contact_name: 'Jane Moore, Director of Children and Family Services', contact_phone: '0116 305 2649', contact_email: 'jane.moore@leics.gov.uk' });
  return values;
}

/**
 * The language server alone, over the protocol, in plain Node (no VS Code): the same
 * bundle the extension starts, driven through IPC by a small test client.
 */

const GOOD = readFileSync(join(ROOT, 'test', 'lsp', 'fixtures', 'executive.report.md'), 'utf8');
/** Three defects: a misspelt key (no fix), a heading style slip (safe fix) and a missing section (safe fix). */
const BAD = GOOD.replace('## 7. Summary of appendices\n\nNone.\n\n', '').replace('## 1. Summary', '## 1 summary').replace('version: v1\n', 'version: v1\nverison: v2\n');
const DOCS = 'https://github.com/committee-reports/committee-reports/blob/main/docs/rules.md#';

const uri = (path: string): string => pathToFileURL(path).href;
const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code)).sort();

function tempFolder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'cr-lsp-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('language server over LSP', () => {
  let folder: string;
  let client: TestClient;
  before(async () => {
    folder = tempFolder();
    client = await new TestClient({ folders: [folder] }).start();
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('announces pull diagnostics, fix-all and the language features', () => {
    const caps = client.init.capabilities;
    assert.deepEqual(caps.diagnosticProvider, { identifier: 'committee-reports', interFileDependencies: false, workspaceDiagnostics: false });
    assert.ok(typeof caps.codeActionProvider === 'object' && caps.codeActionProvider.codeActionKinds?.includes('source.fixAll.committeeReports'));
    assert.ok(caps.documentSymbolProvider && caps.foldingRangeProvider && caps.completionProvider && caps.hoverProvider && caps.codeLensProvider && caps.definitionProvider && caps.documentLinkProvider);
  });

  test('a defective draft gets diagnostics with source, rule code, docs link and fixes', async () => {
    const u = uri(join(folder, 'bad.report.md'));
    await client.open(u, BAD);
    const ds = await client.diagnostics(u);
    assert.deepEqual(codes(ds), ['metadata/unknown-key', 'structure/heading-style', 'structure/required-section']);
    for (const d of ds) {
      assert.equal(d.source, 'committee-reports');
      assert.equal(d.codeDescription?.href, DOCS + String(d.code).replace('/', '-'));
    }
    const missing = ds.find((d) => d.code === 'structure/required-section')!;
    assert.equal(missing.severity, 1);
    assert.match(String(missing.message), /7\. Summary of appendices/);
    // The heading (safe), and the heading with the template's "None." (a quick fix only).
    assert.deepEqual((missing.data as { fixes: { safe: boolean }[] }).fixes.map((f) => f.safe), [true, false]);
  });

  test('a quick fix from the diagnostic data changes the text; the diagnostic clears', async () => {
    const u = uri(join(folder, 'bad.report.md'));
    const ds = await client.diagnostics(u);
    const target = ds.find((d) => d.code === 'structure/required-section')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: target.range, context: { diagnostics: [target] } });
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Insert "7. Summary of appendices"',
        'Insert "7. Summary of appendices" with the template\'s suggested text: "None."',
        'Disable structure/required-section for this line',
        'Show documentation for structure/required-section',
      ],
    );
    const fix = actions[0]!;
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.equal(actions[1]!.isPreferred, undefined);
    // The heading only: what goes under it is the officer's to write.
    const doc = await client.applyEdits(u, fix.edit!.changes![u]!);
    assert.match(doc.getText(), /## 6\. Background information and other papers\n\nNone\.\n\n## 7\. Summary of appendices\n\n## 8\./);
    assert.deepEqual(codes(await client.diagnostics(u)), ['metadata/unknown-key', 'structure/empty-section', 'structure/heading-style']);
    const docs = actions[3]!;
    assert.deepEqual(docs.command?.arguments, ['structure/required-section', DOCS + 'structure-required-section']);
  });

  test('"disable this rule for this line" silences exactly that finding', async () => {
    const u = uri(join(folder, 'bad.report.md'));
    const ds = await client.diagnostics(u);
    const key = ds.find((d) => d.code === 'metadata/unknown-key')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: key.range, context: { diagnostics: [key] } });
    const disable = actions.find((a) => a.title === 'Disable metadata/unknown-key for this line')!;
    const doc = await client.applyEdits(u, disable.edit!.changes![u]!);
    assert.match(doc.getText(), /verison: v2 # <!-- committee-report-disable-line metadata\/unknown-key -->\n/);
    assert.deepEqual(codes(await client.diagnostics(u)), ['structure/empty-section', 'structure/heading-style']);
  });

  test('source.fixAll applies every safe fix in one edit', async () => {
    const u = uri(join(folder, 'fixall.report.md'));
    await client.open(u, BAD);
    assert.equal((await client.diagnostics(u)).length, 3);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.committeeReports'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind, 'source.fixAll.committeeReports');
    assert.equal(actions[0]!.title, 'Fix 2 report problems');
    await client.applyEdits(u, actions[0]!.edit!.changes![u]!);
    // The inserted section is there as its heading, reported empty until the officer writes it.
    assert.deepEqual(codes(await client.diagnostics(u)), ['metadata/unknown-key', 'structure/empty-section']);
    // Quick-fix requests do not compute the fix-all.
    const quick = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['quickfix'] } });
    assert.deepEqual(quick, []);
  });

  test('outline, folding, hover, completion and sign-off lenses', async () => {
    const u = uri(join(folder, 'features.report.md'));
    const text = GOOD.replace('### 5.2 Legal implications\n\nThere are no direct legal implications arising from this report, which is provided for information.\n\nSigned: Sonali Unka, Principal Solicitor (social care and safeguarding - childcare)\n\nDated: 9 February 2026\n\n', '')
      .replace('Signed: Surinder Singh, Equalities Officer, Ext 37 4148\n\nDated: 5 February 2026\n\n', '');
    await client.open(u, text);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
    assert.deepEqual(symbols.map((s) => s.name), ['Front matter', '# Families First Partnership Programme'.slice(2)]);
    const title = symbols[1]!;
    assert.equal(title.children!.length, 9);
    const implications = title.children![4]!;
    assert.equal(implications.name, '5. Financial, legal, equalities, climate emergency and other implications');
    assert.deepEqual(implications.children!.map((c) => c.name), ['5.1 Financial implications', '5.3 Equalities implications', '5.4 Climate Emergency implications', '5.5 Other implications']);

    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: u } });
    const lines = text.split('\n');
    const h5 = lines.indexOf('## 5. Financial, legal, equalities, climate emergency and other implications');
    const h6 = lines.indexOf('## 6. Background information and other papers');
    assert.ok(folds.some((f) => f.startLine === 0 && f.endLine === 9), 'front matter folds');
    assert.ok(folds.some((f) => f.startLine === h5 && f.endLine === h6 - 2), 'section 5 folds to its last line');

    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: u }, position: { line: h5 + 2, character: 6 } });
    assert.match((hover.contents as MarkupContent).value, /^\*\*5\.1 Financial implications\*\*\n\nRequired by leicester-city\/executive/);
    const dated = lines.indexOf('Dated: 3 February 2026');
    const dateHover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position: { line: dated, character: 10 } });
    assert.ok(dateHover, 'dates have hovers (core/dates)');
    assert.match((dateHover.contents as MarkupContent).value, /February 2026/);
    const keyHover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: u }, position: { line: 3, character: 3 } });
    assert.match((keyHover.contents as MarkupContent).value, /\*\*Date of meeting\*\* \(`meeting_date`\): date, required by leicester-city\/executive/);

    // Headings the template still needs, at the level typed: only 5.2 is missing under 5.
    const h53 = lines.indexOf('### 5.3 Equalities implications');
    const withHashes = await client.setText(u, [...lines.slice(0, h53), '###', ...lines.slice(h53)].join('\n'));
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: u }, position: { line: h53, character: 3 } });
    assert.deepEqual(items.map((i) => i.label), ['5.2 Legal implications']);
    assert.equal(items[0]!.detail, 'required by leicester-city/executive');
    assert.deepEqual((items[0]!.textEdit as { newText: string }).newText, '### 5.2 Legal implications');
    await client.setText(u, text);
    void withHashes;

    // Front-matter keys the profile still needs, and values for a key.
    const fmDoc = await client.setText(u, text.replace('wards_affected: All\n', 'wards\n'));
    const keys = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: u }, position: { line: 5, character: 5 } });
    assert.deepEqual(keys.map((k) => k.label).sort(), ['decision_maker', 'wards_affected']);
    await client.setText(u, fmDoc.getText().replace('\nwards\n', '\nwards_affected: \n'));
    const values = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: u }, position: { line: 5, character: 16 } });
    assert.equal(values[0]!.label, 'All');
    await client.setText(u, text.replace('template: leicester-city/executive', 'template: '));
    const templates = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: u }, position: { line: 1, character: 10 } });
    assert.deepEqual(templates.map((t) => t.label), ['leicester-city/executive', 'leicester-city/scrutiny', 'leicestershire-county/committee']);
    await client.setText(u, text);

    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: u } });
    assert.deepEqual(lenses.map((l) => l.command?.title), [
      'Financial: signed 3 Feb 2026',
      'Equalities: awaiting sign-off',
      'Climate Emergency: signed 4 Feb 2026',
      'Other: no sign-off needed',
    ]);
  });

  test('references: go to definition, hover with the first words, document links, an appendix file beside the report', async () => {
    // A folder of its own: folder listings are kept for a second, and other tests list the workspace folder.
    const dir = join(folder, 'refs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'refs.appendix-2.xlsx'), 'not a report');
    const u = uri(join(dir, 'refs.report.md'));
    const lines = GOOD.split('\n');
    const at = lines.findIndex((l) => /^## 3\./.test(l));
    const body = ['3.1 The pilot started in April with three schools.', '', '3.2 As paragraph 3.1 says; the costs are in Appendix 2.', ''];
    const text = [...lines.slice(0, at + 2), ...body, ...lines.slice(at + 2)].join('\n');
    await client.open(u, text);
    const ref = at + 4;
    const def = await client.request<Location[] | Location | null>('textDocument/definition', { textDocument: { uri: u }, position: { line: ref, character: 17 } });
    assert.deepEqual(def, { uri: u, range: { start: { line: at + 2, character: 0 }, end: { line: at + 2, character: 3 } } });
    const col = text.split('\n')[ref]!.indexOf('Appendix 2') + 9;
    const toFile = await client.request<Location>('textDocument/definition', { textDocument: { uri: u }, position: { line: ref, character: col } });
    assert.equal(toFile.uri, uri(join(dir, 'refs.appendix-2.xlsx')));
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: u }, position: { line: ref, character: 17 } });
    assert.equal((hover.contents as MarkupContent).value, `**Paragraph 3.1** (line ${at + 3})\n\nThe pilot started in April with three schools.`);
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: u } });
    assert.deepEqual(links.map((l) => l.target), [`${u}#L${at + 3}`, uri(join(dir, 'refs.appendix-2.xlsx'))]);
    assert.deepEqual(codes(await client.diagnostics(u)).filter((c) => c.startsWith('crossref/')), ['crossref/appendix-summary']);
  });

  test('agenda packs: pack findings for an open report and, through Check All Reports, a closed one', async () => {
    const dir = join(folder, 'pack-oct');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'pack.yaml'), 'committee: Children, Young People and Education Scrutiny Commission\nmeeting_date: 3 March 2026\n');
    const other = GOOD.replace(/^committee: .*$/m, 'committee: Health Scrutiny Commission');
    writeFileSync(join(dir, 'closed.report.md'), other);
    const open = uri(join(dir, 'open.report.md'));
    await client.open(open, GOOD.replace(/^meeting_date: .*$/m, 'meeting_date: 10 March 2026'));
    assert.ok(codes(await client.diagnostics(open)).includes('pack/meeting-date'));
    const closed = uri(join(dir, 'closed.report.md'));
    const r = await client.request<{ files: { uri: string; diagnostics: Diagnostic[] }[] }>('committeeReports/checkFiles', { uris: [closed] });
    const found = r.files.find((f) => f.uri === closed)!.diagnostics.map((d) => String(d.code));
    assert.ok(found.includes('pack/committee'), found.join(', '));
  });

  test("agenda packs: the manifest's findings (a missing item, a misspelt key) in the Problems view, and in Check All Reports", async () => {
    const dir = join(folder, 'pack-nov');
    mkdirSync(dir, { recursive: true });
    const manifest = join(dir, 'pack.yaml');
    writeFileSync(manifest, 'comittee: Children, Young People and Education Scrutiny Commission\nitems:\n  - families-first\n  - holiday-activities\n');
    writeFileSync(join(dir, 'families-first.report.md'), GOOD);
    const report = uri(join(dir, 'families-first.report.md'));
    const manifestUri = uri(manifest);
    // Opening a report of the pack publishes its manifest's findings.
    await client.open(report, GOOD);
    await client.waitForPublished(() => (client.published.get(manifestUri)?.length ?? 0) > 0);
    const shown = (ds: Diagnostic[] | undefined): string[] => (ds ?? []).map((d) => `${d.range.start.line} ${String(d.code)} ${d.severity}`);
    assert.deepEqual(shown(client.published.get(manifestUri)), ['0 pack/manifest 1', '3 pack/missing-item 1']);
    assert.equal(client.published.get(manifestUri)![1]!.codeDescription?.href, DOCS + 'pack-missing-item');
    // Check All Reports: the reports, then the manifest.
    const r = await client.request<{ files: { uri: string; diagnostics: Diagnostic[]; errors: number; manifest?: true }[] }>('committeeReports/checkFiles', { uris: [report] });
    assert.deepEqual(r.files.map((f) => [f.uri, f.manifest ?? false]), [[report, false], [manifestUri, true]]);
    assert.deepEqual(shown(r.files[1]!.diagnostics), ['0 pack/manifest 1', '3 pack/missing-item 1']);
    assert.equal(r.files[1]!.errors, 2);
    // The manifest is watched: fixed, its findings clear.
    writeFileSync(manifest, 'committee: Children, Young People and Education Scrutiny Commission\nitems:\n  - families-first\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: manifestUri, type: 2 }] });
    await client.waitForPublished(() => client.published.get(manifestUri)?.length === 0);
  });

  test('untitled documents are checked with the defaults', async () => {
    const u = 'untitled:Untitled-1';
    await client.open(u, BAD);
    assert.deepEqual(codes(await client.diagnostics(u)), ['metadata/unknown-key', 'structure/heading-style', 'structure/required-section']);
  });

  test('New report from template: the draft holds what was given and nothing else, and is not ready until written', async () => {
    const templates = await client.request<TemplateInfo[]>('committeeReports/templates', { uri: uri(folder) });
    assert.deepEqual(templates.map((t) => t.id).sort(), ['leicester-city/executive', 'leicester-city/scrutiny', 'leicestershire-county/committee']);
    const executive = templates.find((t) => t.id === 'leicester-city/executive')!;
    assert.deepEqual(executive.signoffs.map((s) => s.id), ['financial', 'legal', 'equalities', 'climate']);
    for (const t of templates) {
      // Untouched (nothing given): errors, so never "ready to submit".
      const bare = await client.request<string>('committeeReports/newReport', { uri: uri(folder), template: t.id, title: '', values: {} });
      const empty = uri(join(folder, `${t.id.replace('/', '-')}-empty.report.md`));
      await client.open(empty, bare);
      const bareFindings = await client.diagnostics(empty);
      assert.ok(bareFindings.some((d) => d.severity === 1 && d.code === 'structure/missing-title'), t.id);
      assert.ok(bareFindings.some((d) => d.severity === 1 && d.code === 'structure/empty-section'), t.id);
      const values: Record<string, string> = Object.fromEntries(t.fields.map((f) => [f.key, f.examples[0] ?? 'x']));
      Object.assign(values, completeValues(t));
      const text = await client.request<string>('committeeReports/newReport', { uri: uri(folder), template: t.id, title: 'Test report', values });
      assert.doesNotMatch(text, /sets out|no \w+ implications|None\./, t.id);
      const u = uri(join(folder, `${t.id.replace('/', '-')}.report.md`));
      await client.open(u, text);
      // What is left is the content only the officer can write.
      assert.deepEqual([...new Set(codes(await client.diagnostics(u)))].filter((c) => c !== 'structure/empty-section' && c !== 'structure/unanswered-question'), [], t.id);
    }
  });

  test('Insert missing sections adds every required section in template order', async () => {
    const u = uri(join(folder, 'missing.report.md'));
    const cut = GOOD.slice(0, GOOD.indexOf('## 3. Scrutiny'));
    await client.open(u, cut);
    const r = await client.request<{ inserted: number; edits: { range: never; newText: string }[] }>('committeeReports/insertMissingSections', { uri: u });
    assert.equal(r.inserted, 7);
    const doc = await client.applyEdits(u, r.edits);
    const headings = doc.getText().split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3, 5));
    assert.deepEqual(headings, ['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.', '9.']);
    // Headings only: no "None." or "No" written for the officer.
    assert.doesNotMatch(doc.getText().slice(cut.length), /None\.|^No$/m);
    assert.deepEqual(codes(await client.diagnostics(u)).filter((c) => c === 'structure/required-section'), []);
  });
});

describe('settings', () => {
  test('per-document editor settings: rule severities and enable', async () => {
    const folder = tempFolder();
    const a = uri(join(folder, 'a.report.md'));
    const b = uri(join(folder, 'b.report.md'));
    const c = uri(join(folder, 'c.report.md'));
    const client = await new TestClient({ folders: [folder], settings: { [a]: { rules: { structure: 'off' } }, [b]: { enable: false }, '*': {} } }).start();
    try {
      for (const u of [a, b, c]) await client.open(u, BAD);
      assert.deepEqual(codes(await client.diagnostics(a)), ['metadata/unknown-key']);
      assert.deepEqual(await client.diagnostics(b), []);
      assert.equal((await client.diagnostics(c)).length, 3);
      // A settings change re-reads them and asks the client to pull again.
      client.settings[c] = { rules: { 'metadata/unknown-key': 'error' } };
      const before = client.refreshes;
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const ds = await client.diagnostics(c);
      assert.equal(ds.find((d) => d.code === 'metadata/unknown-key')?.severity, 1);
      assert.ok(client.refreshes > before);
    } finally {
      await client.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a config file above the workspace folder is not read (the checking thread knows the folders)', async () => {
    const outer = tempFolder({ '.committee-reports.json': JSON.stringify({ rules: { structure: 'off', metadata: 'off' } }) });
    const folder = join(outer, 'ws');
    mkdirSync(folder);
    const a = uri(join(folder, 'a.report.md'));
    const client = await new TestClient({ folders: [folder] }).start();
    try {
      await client.open(a, BAD);
      assert.equal((await client.diagnostics(a)).length, 3);
    } finally {
      await client.stop();
      rmSync(outer, { recursive: true, force: true });
    }
  });

  test('multi-root: each folder uses its own config file', async () => {
    const one = tempFolder({ '.committee-reports.json': JSON.stringify({ rules: { 'structure/heading-style': 'off' } }) });
    const two = tempFolder({ '.committee-reports.yaml': 'rules:\n  metadata: "off"\n' });
    const client = await new TestClient({ folders: [one, two] }).start();
    try {
      const a = uri(join(one, 'sub', 'a.report.md'));
      const b = uri(join(two, 'b.report.md'));
      await client.open(a, BAD);
      await client.open(b, BAD);
      assert.deepEqual(codes(await client.diagnostics(a)), ['metadata/unknown-key', 'structure/required-section']);
      assert.deepEqual(codes(await client.diagnostics(b)), ['structure/heading-style', 'structure/required-section']);
    } finally {
      await client.stop();
      rmSync(one, { recursive: true, force: true });
      rmSync(two, { recursive: true, force: true });
    }
  });

  test('a broken config file gets diagnostics, the server keeps working with defaults, and a fix is picked up', async () => {
    const folder = tempFolder({ '.committee-reports.json': '{\n  "rules": {\n    "structure/heading-styel": "off"\n  },\n  "profiles": ["missing.profile.json"]\n}\n' });
    const configUri = uri(join(folder, '.committee-reports.json'));
    const client = await new TestClient({ folders: [folder] }).start();
    try {
      await client.waitForPublished(() => client.published.has(configUri));
      const problems = client.published.get(configUri)!;
      assert.deepEqual(problems.map((p) => [p.range.start.line, p.message]), [
        [2, 'rules.structure/heading-styel: Unknown rule "structure/heading-styel". Did you mean "structure/heading-style"?'],
        [4, 'profiles[0]: Profile file "missing.profile.json" not found.'],
      ]);
      assert.ok(problems.every((p) => p.source === 'committee-reports' && p.severity === 1), 'config problems are errors of this source');

      const u = uri(join(folder, 'r.report.md'));
      await client.open(u, BAD);
      assert.equal((await client.diagnostics(u)).length, 3, 'defaults for what is broken');

      // Not JSON at all: still answers.
      writeFileSync(join(folder, '.committee-reports.json'), '{ "rules": { ');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
      await client.waitForPublished(() => /Not valid JSON\/YAML/.test(String(client.published.get(configUri)?.[0]?.message ?? '')));
      assert.equal((await client.diagnostics(u)).length, 3);

      // Fixed on disk: problems clear, the new settings apply.
      writeFileSync(join(folder, '.committee-reports.json'), JSON.stringify({ rules: { 'structure/heading-style': 'off' } }));
      const refreshes = client.refreshes;
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
      await client.waitForPublished(() => client.published.get(configUri)?.length === 0);
      assert.deepEqual(codes(await client.diagnostics(u)), ['metadata/unknown-key', 'structure/required-section']);
      assert.ok(client.refreshes > refreshes, 'the client was asked to pull diagnostics again');
      // The server watches the config file names (and the profile files a config names).
      const watchers = client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles');
      assert.ok(watchers.length > 0, 'a file watcher is registered');
      assert.deepEqual((watchers[0]!.registerOptions as { watchers: { globPattern: unknown }[] }).watchers[0], { globPattern: '**/.committee-reports.{json,yaml,yml}' });
    } finally {
      await client.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('re-checks while typing', () => {
  test('a burst of edits with cancelled pulls runs one check, on the latest text', async () => {
    const folder = tempFolder();
    const u = uri(join(folder, 'typing.report.md'));
    // A long delay makes the burst certainly arrive within it; the assertion is on counts, not time.
    const client = await new TestClient({ folders: [folder], settings: { '*': { checkDelay: 1500 } } }).start();
    try {
      await client.open(u, BAD);
      await client.diagnostics(u); // first check: immediate
      const before = await client.request<{ checks: number; skipped: number }>('committeeReports/stats', {});
      let text = BAD;
      const pulls: Promise<Diagnostic[] | 'cancelled'>[] = [];
      let previous: CancellationTokenSource | undefined;
      for (let i = 0; i < 20; i++) {
        text = i === 19 ? GOOD : text + 'x';
        void client.setText(u, text);
        previous?.cancel();
        previous = new CancellationTokenSource();
        pulls.push(client.diagnostics(u, previous).catch(() => 'cancelled' as const));
      }
      const results = await Promise.all(pulls);
      assert.deepEqual(results.slice(0, 19), Array(19).fill('cancelled'));
      assert.deepEqual(results[19], [], 'the last pull sees the last text (the clean report)');
      const after = await client.request<{ checks: number; skipped: number }>('committeeReports/stats', {});
      assert.equal(after.checks - before.checks, 1);
      assert.equal(after.skipped - before.skipped, 19);
    } finally {
      await client.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a pull with the previous result id of an unchanged draft is answered "unchanged" without a check', async () => {
    const folder = tempFolder();
    const u = uri(join(folder, 'same.report.md'));
    const client = await new TestClient({ folders: [folder], settings: { '*': { checkDelay: 0 } } }).start();
    type Report = { kind: 'full' | 'unchanged'; resultId?: string; items?: Diagnostic[] };
    const pull = (previousResultId?: string): Promise<Report> => client.request<Report>('textDocument/diagnostic', { textDocument: { uri: u }, ...(previousResultId ? { previousResultId } : {}) });
    const checks = async (): Promise<number> => (await client.request<Stats>('committeeReports/stats', {})).checks;
    try {
      await client.open(u, BAD);
      // A fresh server's first answer is its early part (stages.test.ts): it has no result
      // id. The full set follows on the pull the server asks for.
      const early = await pull();
      assert.equal(early.resultId, undefined);
      await client.waitForRefresh(0);
      const first = await pull(early.resultId);
      assert.equal(first.kind, 'full');
      assert.equal(first.items?.length, 3);
      assert.ok(first.resultId);
      const n = await checks();
      assert.deepEqual(await pull(first.resultId), { kind: 'unchanged', resultId: first.resultId });
      assert.equal(await checks(), n, 'nothing was checked');
      // An edit, then a settings change, each give a new full result.
      await client.setText(u, GOOD);
      const edited = await pull(first.resultId);
      assert.equal(edited.kind, 'full');
      assert.deepEqual(edited.items, []);
      assert.notEqual(edited.resultId, first.resultId);
      client.settings['*'] = { checkDelay: 0, rules: { structure: 'off' } };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const reconfigured = await pull(edited.resultId);
      assert.equal(reconfigured.kind, 'full');
      assert.notEqual(reconfigured.resultId, edited.resultId);
    } finally {
      await client.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a 5 MB draft: other requests are answered during its check, and a cancelled check is stopped', async () => {
    const folder = tempFolder();
    const big = uri(join(folder, 'big.report.md'));
    const small = uri(join(folder, 'small.report.md'));
    const client = await new TestClient({ folders: [folder] }).start();
    try {
      const body = GOOD.slice(GOOD.indexOf('# Families'));
      let text = GOOD;
      while (text.length < 5 * 1024 * 1024) text += '\n' + body.replace(/^# /, '# Appendix ');
      await client.open(small, GOOD);
      await client.open(big, text);
      const cts = new CancellationTokenSource();
      const order: string[] = [];
      const bigPull = client.diagnostics(big, cts).then(
        () => order.push('big done'),
        (e: { code?: number }) => order.push(`big failed ${e.code}`),
      );
      // Wait (by asking, not by time) until the big check is under way.
      while (!(await client.request<Stats>('committeeReports/stats', {})).running.includes(big)) await new Promise((r) => setImmediate(r));
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: small } });
      order.push('small symbols');
      assert.equal(symbols.length, 2);
      const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: small }, position: { line: 13, character: 4 } });
      order.push('small hover');
      assert.match((hover.contents as MarkupContent).value, /Required by leicester-city\/executive/);
      cts.cancel();
      await bigPull;
      assert.deepEqual(order, ['small symbols', 'small hover', 'big failed -32802']);
      const stats = await client.request<{ aborted: number; workerStarts: number }>('committeeReports/stats', {});
      assert.equal(stats.aborted, 1, 'the running check was stopped');
      // The replacement worker knows the open documents.
      const again = await client.setText(small, BAD);
      assert.equal((await client.diagnostics(small)).length, 3);
      void again;
    } finally {
      await client.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('start-up', () => {
  test('the first report opened is checked on the thread started with the server, not on a second one started for it', async () => {
    // The config files of the report's folder are read on that thread when the report
    // opens; that short job must not count as "busy with another document" and send the
    // first check to the large-documents thread, which would start and load the checker
    // only then.
    const dir = tempFolder();
    const client = await new TestClient({ folders: [dir] }).start();
    try {
      const a = uri(join(dir, 'sub', 'a.report.md'));
      await client.open(a, BAD);
      assert.equal((await client.diagnostics(a)).length, 3);
      const stats = await client.request<Stats>('committeeReports/stats', {});
      assert.equal(stats.workerStarts, 1);
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("V8's code cache: written after the first check, used by the next start, and a bad one is only a slower start", { timeout: 120_000 }, async () => {
    const dir = tempFolder();
    const doc = uri(join(dir, 'a.report.md'));
    const cacheFiles = (): string[] => readdirSync(dir).filter((f) => f.endsWith('.v8cache'));
    const goodCache = (): boolean => cacheFiles().some((f) => readFileSync(join(dir, f))[0] !== 7);
    const start = async (): Promise<{ codeCache?: string; diagnostics: Diagnostic[] }> => {
      const client = await new TestClient({ codeCache: dir }).start();
      try {
        await client.open(doc, BAD);
        const diagnostics = await client.diagnostics(doc);
        // The cache is written after the first answer: wait for a good one, by asking for the file.
        while (!goodCache()) await new Promise((r) => setTimeout(r, 20));
        const stats = await client.request<Stats>('committeeReports/stats', {});
        return { diagnostics, ...(stats.codeCache ? { codeCache: stats.codeCache } : {}) };
      } finally {
        await client.stop();
      }
    };
    try {
      const first = await start();
      assert.equal(first.codeCache, 'none');
      assert.equal(first.diagnostics.length, 3);
      const second = await start();
      assert.equal(second.codeCache, 'used');
      assert.deepEqual(second.diagnostics, first.diagnostics);
      // A damaged cache is rejected by V8; the checker loads from source and writes a good one.
      const [file] = cacheFiles();
      writeFileSync(join(dir, file!), Buffer.alloc(4096, 7));
      const third = await start();
      assert.equal(third.codeCache, 'rejected');
      assert.deepEqual(third.diagnostics, first.diagnostics);
      assert.equal((await start()).codeCache, 'used');
      assert.deepEqual(cacheFiles(), [file]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
