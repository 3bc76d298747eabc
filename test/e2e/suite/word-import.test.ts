// Import Word Report… in real VS Code (issue 19): a Word report with tracked changes opens as an
// unsaved draft beside the .docx with its findings; the README's picture is taken here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DeletedTextRun, InsertedTextRun, PatchType, patchDocument } from 'docx';
import type { CommitteeReportsApi } from '../../../client/src/extension.js';
import { WORKSPACE, screenshot, sleep, waitFor } from './util.js';

const REPO = path.resolve(__dirname, '../../../..');
const SCRATCH = path.join(WORKSPACE, '.scratch-word');
const SOURCE = 'committee-reports';

const codeOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const codes = (uri: vscode.Uri): string[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE).map(codeOf);

/**
 * Last year's report as an officer receives it: the typical mistakes, exported to Word by the
 * extension, then a figure changed with Word's change tracking on (85% deleted, 90% inserted).
 */
async function wordReport(): Promise<vscode.Uri> {
  fs.mkdirSync(SCRATCH, { recursive: true });
  const draft = path.join(SCRATCH, 'hnb-recovery-plan.report.md');
  const docx = path.join(SCRATCH, 'hnb-recovery-plan.docx');
  const text = fs.readFileSync(path.join(REPO, 'examples', 'typical-mistakes.report.md'), 'utf8');
  assert.match(text, /risen by 90% since/);
  fs.writeFileSync(draft, text.replace('risen by 90% since', 'risen by {{rise}} since'));
  const out = await vscode.commands.executeCommand<string | undefined>('committeeReports.exportDocx', vscode.Uri.file(draft), { target: vscode.Uri.file(docx), force: true });
  assert.equal(out, vscode.Uri.file(docx).toString());
  fs.rmSync(draft);
  const by = { author: 'Jane Smith', date: '2026-02-10T10:00:00Z' };
  const patched = await patchDocument({
    outputType: 'uint8array',
    data: fs.readFileSync(docx),
    patches: { rise: { type: PatchType.PARAGRAPH, children: [new DeletedTextRun({ text: '85%', id: 901, ...by }), new InsertedTextRun({ text: '90%', id: 902, ...by })] } },
  });
  fs.writeFileSync(docx, patched);
  return vscode.Uri.file(docx);
}

describe('Import Word Report in VS Code', function () {
  let api: CommitteeReportsApi;

  before(async () => {
    const ext = vscode.extensions.getExtension<CommitteeReportsApi>('committee-reports.committee-reports')!;
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(WORKSPACE, 'drafts', 'ready.report.md'))));
    api = await waitFor('activation', () => ext.isActive && ext.exports);
    await api.whenRunning();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(SCRATCH, { recursive: true, force: true });
  });

  it('opens the Word report as an unsaved draft beside the .docx, checked, with the tracked changes accepted; takes the README picture', async function () {
    const docx = await wordReport();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The command returns once the draft is open (the message about the changes stays on screen).
    const opened = await vscode.commands.executeCommand<string | undefined>('committeeReports.importWord', docx);
    assert.ok(opened, 'imported');
    const uri = vscode.Uri.parse(opened);
    assert.equal(uri.scheme, 'untitled');
    assert.equal(uri.fsPath, path.join(SCRATCH, 'hnb-recovery-plan.report.md'));
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), uri.toString());
    assert.equal(editor.document.languageId, 'committee-report');
    assert.ok(editor.document.isDirty, 'not saved');
    assert.equal(fs.existsSync(uri.fsPath), false, 'nothing written until the officer saves');
    const text = editor.document.getText();
    assert.match(text, /^template: leicester-city\/executive$/m);
    assert.match(text, /^1\.3 Demand for EHCPs has risen by 90% since 2017\.$/m, 'the insertion accepted, the deletion made');
    assert.doesNotMatch(text, /85%|\{\{/);
    // The imported draft is checked like any report: the Word file's own mistakes.
    await waitFor('findings on the imported draft', () => ['numbering/gap', 'signoff/missing-date', 'acronym/undefined'].every((c) => codes(uri).includes(c)) && codes(uri)).catch((e: Error) => {
      throw new Error(`${e.message}: ${codes(uri).join(', ')}`);
    });
    await waitFor('readiness', () => /not ready to submit/.test(api.statusText()));

    // The picture: the draft beside its .docx in the Explorer, the findings in the Problems view.
    await vscode.commands.executeCommand('revealInExplorer', docx);
    await vscode.window.showTextDocument(editor.document, { preview: false });
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const gap = vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'numbering/gap')!;
    editor.selection = new vscode.Selection(gap.range.start, gap.range.start);
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    await vscode.window.showTextDocument(editor.document, { preview: false });
    await sleep(1500); // let the panel and the message paint (nothing is asserted on time)
    const png = await screenshot('import-word');
    // The officer closes it unsaved: nothing was ever written beside the .docx.
    await vscode.window.showTextDocument(editor.document, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor('the draft closed', () => !vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && !d.isClosed && d.isDirty));
    assert.deepEqual(fs.readdirSync(SCRATCH), ['hnb-recovery-plan.docx']);
    if (!png) return this.skip();
    fs.mkdirSync(path.join(REPO, 'docs', 'images'), { recursive: true });
    fs.copyFileSync(png, path.join(REPO, 'docs', 'images', 'import-word.png'));
  });
});
