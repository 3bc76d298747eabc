// End-to-end tests of the extension inside real VS Code (see test/e2e/run.mjs).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommitteeReportsApi } from '../../../client/src/extension.js';
import { WORKSPACE, defective, ready, screenshot, sleep, waitFor } from './util.js';

const REPO = path.resolve(__dirname, '../../../..');
const SCRATCH = path.join(WORKSPACE, '.scratch');
const SOURCE = 'committee-reports';

const ours = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
const codeOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const codes = (uri: vscode.Uri): string[] => ours(uri).map(codeOf).sort();

function scratch(name: string, text: string): vscode.Uri {
  fs.mkdirSync(SCRATCH, { recursive: true });
  const file = path.join(SCRATCH, name);
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

async function replaceAll(editor: vscode.TextEditor, text: string): Promise<void> {
  const doc = editor.document;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

describe('Committee Reports in VS Code', function () {
  let api: CommitteeReportsApi;

  /** The server's answer for the document as it is now (to know a clean result is final). */
  async function serverCodes(uri: vscode.Uri): Promise<string[]> {
    const r = await api.client.sendRequest<{ kind: string; items?: { code: string }[] }>('textDocument/diagnostic', { textDocument: { uri: uri.toString() } });
    return (r.items ?? []).map((d) => d.code).sort();
  }

  before(async () => {
    const ext = vscode.extensions.getExtension<CommitteeReportsApi>('committee-reports.committee-reports');
    assert.ok(ext, 'the extension is loaded');
    assert.equal(ext.isActive, false, 'not active before a report or a command');
    await open(vscode.Uri.file(path.join(WORKSPACE, 'drafts', 'defective.report.md')));
    api = await waitFor('activation', () => ext.isActive && ext.exports);
    await api.whenRunning();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(SCRATCH, { recursive: true, force: true });
  });

  it('registers the committee-report language for *.report.md', () => {
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'committee-report');
  });

  it('shows diagnostics for a defective draft, with rule codes and docs links, and clears them when fixed', async () => {
    const uri = scratch('diagnostics.report.md', defective);
    const editor = await open(uri);
    await waitFor('diagnostics', () => ours(uri).length === 3);
    assert.deepEqual(codes(uri), ['metadata/unknown-key', 'structure/heading-style', 'structure/required-section']);
    const missing = ours(uri).find((d) => codeOf(d) === 'structure/required-section')!;
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(
      typeof missing.code === 'object' ? missing.code.target.toString(true) : '',
      'https://github.com/committee-reports/committee-reports/blob/main/docs/rules.md#structure-required-section',
    );
    await waitFor('status bar', () => api.statusText().includes('1 error — not ready to submit'));
    await replaceAll(editor, ready);
    await waitFor('diagnostics to clear', () => ours(uri).length === 0);
    await waitFor('status bar', () => api.statusText().endsWith('Ready to submit'));
  });

  it('applies a quick fix from vscode.executeCodeActionProvider', async () => {
    const uri = scratch('quickfix.report.md', defective);
    const editor = await open(uri);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const diag = await waitFor('required-section diagnostic', () => ours(uri).find((d) => codeOf(d) === 'structure/required-section'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Insert "7. Summary of appendices"'), titles.join(' | '));
    assert.ok(titles.includes('Insert "7. Summary of appendices" with the template\'s suggested text: "None."'), titles.join(' | '));
    assert.ok(titles.includes('Disable structure/required-section for this line'));
    assert.ok(titles.includes('Show documentation for structure/required-section'));

    // The picture for the README: the diagnostics and the quick fix menu.
    editor.selection = new vscode.Selection(diag.range.start, diag.range.start);
    editor.revealRange(diag.range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await sleep(1500); // let the menu render for the picture (nothing is asserted on time)
    const png = await screenshot('quick-fix');
    if (png) {
      fs.mkdirSync(path.join(REPO, 'docs', 'images'), { recursive: true });
      fs.copyFileSync(png, path.join(REPO, 'docs', 'images', 'quick-fix.png'));
    }
    await vscode.commands.executeCommand('hideCodeActionWidget');

    const fix = actions.find((a) => a.title === 'Insert "7. Summary of appendices"')!;
    assert.ok(fix.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    // The heading only: what goes under it is the officer's to write.
    assert.match(editor.document.getText(), /## 6\. Background information and other papers\n\nNone\.\n\n## 7\. Summary of appendices\n\n## 8\./);
    await waitFor('the diagnostic to clear', () => !codes(uri).includes('structure/required-section'));
    assert.deepEqual(codes(uri), ['metadata/unknown-key', 'structure/empty-section', 'structure/heading-style']);
  });

  it('fixes on save with source.fixAll.committeeReports (editor.codeActionsOnSave)', async () => {
    const uri = scratch('fix-on-save.report.md', ready);
    const editor = await open(uri);
    await waitFor('first check', async () => (await serverCodes(uri)).length === 0);
    await replaceAll(editor, defective);
    await waitFor('diagnostics', () => ours(uri).length === 3);
    assert.ok(await editor.document.save());
    const onDisk = fs.readFileSync(uri.fsPath, 'utf8');
    assert.match(onDisk, /\n## 1\. Summary\n/, 'heading style fixed');
    assert.match(onDisk, /\n## 7\. Summary of appendices\n\n## 8\./, 'missing section inserted, as its heading');
    await waitFor('only the findings without a safe fix left', () => codes(uri).join() === 'metadata/unknown-key,structure/empty-section');
  });

  it('a numbering quick fix renumbers the references too; references go to their paragraph, hover and link', async () => {
    const text = ready
      .replace('4.2 A locality-based', '4.3 A locality-based')
      .replace('4.3 Work with partners', '4.4 Work with partners')
      .replace('note the report and the accompanying presentation.', 'note the report and the accompanying presentation (see paragraphs 4.3 and 4.4).');
    const uri = scratch('references.report.md', text);
    const editor = await open(uri);
    const diag = await waitFor('numbering/gap diagnostic', () => ours(uri).find((d) => codeOf(d) === 'numbering/gap'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /^Renumber/.test(a.title));
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const fixed = editor.document.getText();
    assert.match(fixed, /\(see paragraphs 4\.2 and 4\.3\)/);
    assert.match(fixed, /\n4\.2 A locality-based[^\n]*\n\n4\.3 Work with partners/);
    await waitFor('no numbering or reference findings', () => !codes(uri).some((c) => c.startsWith('numbering/') || c.startsWith('crossref/')));

    const lines = fixed.split('\n');
    const refLine = lines.findIndex((l) => l.includes('(see paragraphs 4.2'));
    const at = new vscode.Position(refLine, lines[refLine]!.indexOf('4.2 and') + 1);
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, at);
    const target = defs[0]!;
    const range = 'targetRange' in target ? target.targetRange : target.range;
    assert.equal(range.start.line, lines.findIndex((l) => l.startsWith('4.2 A locality-based')));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
    const shown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(shown, /\*\*Paragraph 4\.2\*\*[\s\S]*A locality-based Family Help model/);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', uri);
    assert.equal(links.filter((l) => l.range.start.line === refLine).length, 2);
  });

  it('registers the snippets for the language', async () => {
    const uri = scratch('snippets.report.md', '\n');
    await open(uri);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(0, 0));
    const snippets = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const prefix of ['report-exec', 'report-scrutiny', 'report-county', 'signoff']) assert.ok(snippets.includes(prefix), `${prefix} in ${snippets.join(', ')}`);
  });

  it('outlines the template sections, folds them, and shows hovers and sign-off lenses', async () => {
    const uri = vscode.Uri.file(path.join(WORKSPACE, 'drafts', 'ready.report.md'));
    await open(uri);
    const symbols = await waitFor('symbols', () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri));
    assert.deepEqual(symbols.map((s) => s.name), ['Front matter', 'Families First Partnership Programme']);
    const sections = symbols[1]!.children.map((s) => s.name);
    assert.equal(sections.length, 9);
    assert.equal(sections[0], '1. Summary');
    assert.deepEqual(symbols[1]!.children[4]!.children.map((s) => s.name), ['5.1 Financial implications', '5.2 Legal implications', '5.3 Equalities implications', '5.4 Climate Emergency implications', '5.5 Other implications']);
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
    assert.ok(folds.some((f) => f.start === 0 && f.end === 9), 'front matter folds');
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = doc.getText().split('\n').indexOf('### 5.2 Legal implications');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 6));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Required by leicester-city\/executive/);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.deepEqual(lenses.map((l) => l.command?.title), ['Financial: signed 3 Feb 2026', 'Legal: signed 9 Feb 2026', 'Equalities: signed 5 Feb 2026', 'Climate Emergency: signed 4 Feb 2026', 'Other: no sign-off needed']);
  });

  it('completes the section headings the template still needs', async () => {
    const text = ready.replace('## 6. Background information and other papers\n\nNone.\n\n', '');
    const uri = scratch('complete.report.md', text.replace('## 7. Summary', '##\n\n## 7. Summary'));
    await open(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = doc.getText().split('\n').indexOf('##');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(line, 2));
    const labels = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Module).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.deepEqual(labels, ['6. Background information and other papers']);
  });

  it('Insert Missing Sections adds every required section', async () => {
    const uri = scratch('insert.report.md', ready.slice(0, ready.indexOf('## 3. Scrutiny')));
    const editor = await open(uri);
    const inserted = await vscode.commands.executeCommand<number>('committeeReports.insertMissingSections');
    assert.equal(inserted, 7);
    const headings = editor.document.getText().split('\n').filter((l) => /^## \d/.test(l)).map((l) => l.slice(3, 5));
    assert.deepEqual(headings, ['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.', '9.']);
  });

  it('New Report from Template writes what was given, and the draft waits for its content', async () => {
    const target = vscode.Uri.file(path.join(SCRATCH, 'new.report.md'));
    const values = {
      committee: 'Children, Young People and Education Scrutiny Commission',
      meeting_date: '3 March 2027',
      lead_director: "Damian Elcock, Director of Children's Social Work and Early Help",
      wards_affected: 'All',
      report_author: 'Helen Sheppard',
      author_contact: 'helen.sheppard@leicester.gov.uk, 0116 454 1170',
      version: 'v1',
      'signoff.financial': 'Mohammed Irfan, Head of Finance',
      'signoff.legal': 'Sonali Unka, Principal Solicitor',
      'signoff.equalities': 'Surinder Singh, Equalities Officer',
      'signoff.climate': 'Phil Ball, Sustainability Officer',
      signoff_date: '2027-02-03',
    };
    const uri = await vscode.commands.executeCommand<vscode.Uri>('committeeReports.newReport', { template: 'leicester-city/executive', title: 'Families First Partnership Programme', values, target });
    assert.equal(uri?.fsPath, target.fsPath);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.fsPath, target.fsPath);
    assert.equal(editor.document.languageId, 'committee-report');
    assert.match(editor.document.getText(), /^---\ntemplate: leicester-city\/executive\ncommittee: Children, Young People and Education Scrutiny Commission\n/);
    // Only the content the officer must write is left: the sections and closing questions.
    assert.deepEqual([...new Set(await serverCodes(uri))], ['structure/empty-section', 'structure/unanswered-question']);
    await waitFor('status bar', () => api.statusText().includes('not ready to submit'));
  });

  it('checks untitled documents, and any Markdown file on request', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'committee-report', content: defective });
    await vscode.window.showTextDocument(doc);
    await waitFor('untitled diagnostics', () => ours(doc.uri).length === 3);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const notes = vscode.Uri.file(path.join(WORKSPACE, 'drafts', 'notes.md'));
    const editor = await open(notes);
    assert.equal(editor.document.languageId, 'markdown');
    await vscode.commands.executeCommand('committeeReports.useForDocument');
    await waitFor('language switch', () => vscode.window.activeTextEditor?.document.languageId === 'committee-report');
    await waitFor('diagnostics', () => codes(notes).join() === 'structure/heading-style');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Check All Reports in Workspace checks the files on disk', async () => {
    const r = await vscode.commands.executeCommand<{ checked: number; notReady: number }>('committeeReports.checkWorkspace');
    const files = await vscode.workspace.findFiles('**/*.report.md');
    assert.equal(r.checked, files.length);
    assert.ok(r.notReady >= 2, `defective and broken-config drafts are not ready (${r.notReady})`);
    assert.ok(vscode.languages.getDiagnostics(vscode.Uri.file(path.join(WORKSPACE, 'drafts', 'defective.report.md'))).length > 0);
  });

  it('a folder deleted on disk takes its Check All results with it', async () => {
    const dir = path.join(WORKSPACE, 'deleted-pack');
    fs.mkdirSync(dir, { recursive: true });
    const report = vscode.Uri.file(path.join(dir, 'closed.report.md'));
    const kept = vscode.Uri.file(path.join(WORKSPACE, 'drafts', 'defective.report.md'));
    try {
      fs.writeFileSync(report.fsPath, defective);
      await vscode.commands.executeCommand('committeeReports.checkWorkspace');
      assert.ok(vscode.languages.getDiagnostics(report).length > 0, 'the closed report has results from the check');
      fs.rmSync(dir, { recursive: true, force: true });
      await waitFor('results of the deleted folder gone', () => vscode.languages.getDiagnostics(report).length === 0);
      assert.ok(vscode.languages.getDiagnostics(kept).length > 0, 'the other reports keep theirs');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a broken config file gets diagnostics and its reports are checked with the defaults', async () => {
    const config = vscode.Uri.file(path.join(WORKSPACE, 'broken-config', '.committee-reports.json'));
    const report = vscode.Uri.file(path.join(WORKSPACE, 'broken-config', 'needs-title.report.md'));
    await open(report);
    await waitFor('report diagnostics', () => codes(report).includes('structure/missing-title'));
    const problems = await waitFor('config diagnostics', () => {
      const d = vscode.languages.getDiagnostics(config).filter((x) => x.source === SOURCE);
      return d.length > 0 && d;
    });
    assert.ok(problems.some((p) => /defaultTemplate/.test(p.message)), problems.map((p) => p.message).join(' | '));
  });

  it('restarts the language server when its process is killed', async () => {
    const before = await api.stats();
    process.kill(before.pid, 'SIGKILL');
    await waitFor('a new server', async () => {
      try {
        const s = await api.stats();
        return s.pid !== before.pid;
      } catch {
        return false;
      }
    });
    const uri = scratch('after-restart.report.md', defective);
    await open(uri);
    await waitFor('diagnostics from the new server', () => ours(uri).length === 3);
  });

  it('keeps answering while a 5 MB draft is edited (checks debounced and cancelled)', async function () {
    // Every step below waits for an event, never for a time. Only the safety limit is a time:
    // on a busy 2-core machine VS Code's own handling of a 5 MB document (sync to the
    // extension host, tokenising) took over the suite's 60 s, so this test gets its own.
    this.timeout(300_000);
    let big = ready;
    const body = ready.slice(ready.indexOf('# Families'));
    while (big.length < 5 * 1024 * 1024) big += '\n' + body.replace(/^# /, '# Appendix ');
    const uri = scratch('big.report.md', big);
    const editor = await open(uri);
    const before = await api.stats();
    for (let i = 0; i < 10; i++) {
      await editor.edit((b) => b.insert(new vscode.Position(12, 0), 'x'));
    }
    // The small report's features answer while the big one waits to be checked.
    const small = vscode.Uri.file(path.join(WORKSPACE, 'drafts', 'ready.report.md'));
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', small);
    assert.equal(symbols.length, 2);
    const after = await api.stats();
    assert.ok(after.skipped + after.aborted > before.skipped + before.aborted, 'superseded checks of the big draft were dropped');
    assert.equal(editor.document.lineAt(12).text.slice(0, 10), 'xxxxxxxxxx');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
