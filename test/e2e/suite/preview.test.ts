// End-to-end tests of the report preview and export inside real VS Code (see test/e2e/run.mjs).
// The preview's webview reports back what it put on screen (`rendered` messages), read through
// the internal command `committeeReports.preview.state`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PreviewState } from '../../../client/src/preview/preview.js';
import { defective, ready, screenshot, waitFor } from './util.js';

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'committee-reports-preview-'));

const state = (uri: vscode.Uri): Thenable<PreviewState | undefined> => vscode.commands.executeCommand<PreviewState | undefined>('committeeReports.preview.state', uri);

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('committeeReports.preview'));
}

function draft(name: string, text: string): vscode.Uri {
  const file = path.join(TMP, name);
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

describe('Report preview and export in VS Code', function () {
  let uri: vscode.Uri;
  let editor: vscode.TextEditor;

  before(async () => {
    const ext = vscode.extensions.getExtension('committee-reports.committee-reports');
    assert.ok(ext, 'the extension is loaded');
    uri = draft('preview.report.md', ready);
    editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false, viewColumn: vscode.ViewColumn.One });
    await waitFor('activation', () => ext.isActive);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(TMP, { recursive: true, force: true });
  });

  it('opens the preview in a webview panel beside the editor, in the council layout', async () => {
    assert.equal(previewTabs().length, 0);
    assert.equal(await vscode.commands.executeCommand('committeeReports.showPreviewToSide'), true);
    const tab = await waitFor('a preview tab', () => previewTabs()[0]);
    assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'beside the editor');
    assert.match(tab.label, /preview\.report\.md/);
    // The webview itself says what it shows.
    const s = await waitFor('the webview to show the report', async () => {
      const st = await state(uri);
      return st && st.shownVersion === editor.document.version && st.shownText.includes('Useful information') && st;
    });
    const title = /^# (.+)$/m.exec(ready)![1]!;
    assert.ok(s.shownText.includes(title), 'the title is shown');
    assert.match(s.html, /<header class="cr-header">/);
    assert.match(s.html, /<section class="cr-section cr-level-2"/);
    assert.doesNotMatch(s.html, /<script/);
    await screenshot('preview-open');
  });

  it('updates as the draft is edited', async () => {
    const before = (await state(uri))!;
    const line = editor.document.getText().split('\n').findIndex((l) => /^## 1\. /.test(l));
    assert.ok(line > 0);
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(line + 1, 0), '\n1.9 PREVIEW-MARKER typed in the editor.\n')));
    const s = await waitFor('the webview to show the edit', async () => {
      const st = await state(uri);
      return st && st.shownVersion === editor.document.version && st.shownText.includes('PREVIEW-MARKER typed in the editor.') && st;
    });
    assert.ok(s.updates > before.updates);
    assert.match(s.html, /<span class="cr-num">1\.9<\/span><div class="cr-body"><p>PREVIEW-MARKER typed in the editor\.<\/p>/);
    // Raw HTML typed into the draft never reaches the webview.
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(line + 1, 0), '\n<script>window.x = 1</script>\n\n1.8 <img src=x onerror="window.y = 1"> [link](javascript:void(0)) AFTER-SCRIPT\n')));
    const s2 = await waitFor('the second edit', async () => {
      const st = await state(uri);
      return st && st.shownVersion === editor.document.version && st.shownText.includes('AFTER-SCRIPT') && st;
    });
    assert.doesNotMatch(s2.html, /<script|onerror|javascript:/);
  });

  it('scrolls with the editor', async () => {
    const last = editor.document.lineCount - 1;
    editor.revealRange(new vscode.Range(last, 0, last, 0), vscode.TextEditorRevealType.AtTop);
    const s = await waitFor('the preview to follow', async () => {
      const st = await state(uri);
      return st && st.scrolledLine > 20 && st.scrollY > 0 && st;
    });
    assert.ok(s.scrolledLine <= last);
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    await waitFor('the preview back at the top', async () => {
      const st = await state(uri);
      return st && st.scrolledLine < 5 && st.scrollY < s.scrollY && st;
    });
  });

  it('lists the remaining problems in the readiness panel', async () => {
    const doc = editor.document;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), defective);
    assert.ok(await vscode.workspace.applyEdit(edit));
    // The defective draft's own problems (not the previous text's).
    const codeOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
    await waitFor('diagnostics of the new text', () => vscode.languages.getDiagnostics(uri).some((d) => d.source === 'committee-reports' && codeOf(d) === 'metadata/unknown-key')).catch((e: Error) => {
      throw new Error(`${e.message}; diagnostics: ${vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line}:${codeOf(d)}`).join(', ')}; text: ${JSON.stringify(doc.getText().slice(0, 300))}`);
    });
    const s = await waitFor('the panel to list them', async () => {
      const st = await state(uri);
      const n = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'committee-reports').length;
      return st && n > 0 && st.shownProblems === n && st.shownPanel.includes('verison') && st;
    });
    assert.equal(s.shownVersion, doc.version);
    await screenshot('preview-readiness');
  });

  it('exports to Word and HTML (force skips the confirmation for a report with errors)', async () => {
    const docx = vscode.Uri.file(path.join(TMP, 'out.docx'));
    const html = vscode.Uri.file(path.join(TMP, 'out.html'));
    const r1 = await vscode.commands.executeCommand<string | undefined>('committeeReports.exportDocx', uri, { target: docx, force: true });
    assert.equal(r1, docx.toString());
    assert.equal(fs.readFileSync(docx.fsPath).subarray(0, 2).toString(), 'PK');
    const clean = draft('clean.report.md', ready);
    const r2 = await vscode.commands.executeCommand<string | undefined>('committeeReports.exportHtml', clean, { target: html });
    assert.equal(r2, html.toString());
    const page = fs.readFileSync(html.fsPath, 'utf8');
    assert.match(page, /^<!DOCTYPE html>/);
    assert.match(page, /Content-Security-Policy/);
    assert.doesNotMatch(page, /<script/);
  });

  it('closing the panel disposes the preview', async () => {
    const tab = previewTabs()[0]!;
    await vscode.window.tabGroups.close(tab);
    await waitFor('the preview to go', async () => previewTabs().length === 0 && (await state(uri)) === undefined);
  });
});
