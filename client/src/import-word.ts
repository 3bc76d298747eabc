import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IMPORT_WORD_COMMAND, ImportWordRequest, LANGUAGE_ID, type ImportWordResult } from '../../server/src/lsp/protocol.js';

/**
 * "Import Word Report…": the server converts the .docx; the draft opens as a new untitled
 * `.report.md` beside it, so nothing is written until the officer saves. What the import
 * accepted or dropped (tracked changes, comments, pictures) is shown in the output channel.
 */
export function registerImportWord(context: vscode.ExtensionContext, lc: LanguageClient): void {
  let channel: vscode.OutputChannel | undefined;
  context.subscriptions.push(
    vscode.commands.registerCommand(IMPORT_WORD_COMMAND, async (uri?: vscode.Uri) => {
      const source =
        uri ?? (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Import', filters: { 'Word document': ['docx', 'docm'] }, title: 'Import Word Report' }))?.[0];
      if (!source) return undefined;
      const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Importing ${vscode.workspace.asRelativePath(source)}…` }, () =>
        lc.sendRequest<ImportWordResult>(ImportWordRequest, { uri: source.toString() }),
      );
      if (r.text === undefined || !r.draftPath) {
        void vscode.window.showErrorMessage(`Cannot import ${vscode.workspace.asRelativePath(source)}: ${r.error ?? 'unknown error'}`);
        return undefined;
      }
      const target = vscode.Uri.file(r.draftPath).with({ scheme: 'untitled' });
      const doc = await vscode.workspace.openTextDocument(target);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(target, new vscode.Range(0, 0, doc.lineCount, 0), r.text);
      await vscode.workspace.applyEdit(edit);
      if (doc.languageId !== LANGUAGE_ID) await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
      await vscode.window.showTextDocument(doc);
      if (r.notes.length > 0) {
        channel ??= vscode.window.createOutputChannel('Committee Reports: Word import');
        channel.appendLine(`${source.fsPath}${r.template ? ` (${r.template})` : ''}`);
        for (const n of r.notes) channel.appendLine(n);
        channel.appendLine('');
        // Not awaited: the message stays until it is dismissed, and the draft is open already.
        const shown = channel;
        void vscode.window.showInformationMessage(r.notes[0]!.split('\n')[0]!, 'Show Details').then((pick) => pick && shown.show(true));
      }
      return target.toString();
    }),
  );
}
