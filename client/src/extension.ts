import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  CheckFilesRequest,
  CLIENT_ID,
  Commands,
  InsertMissingSectionsRequest,
  InsertGlossaryRequest,
  type InsertGlossaryResult,
  LANGUAGE_ID,
  NewReportRequest,
  SOURCE,
  StatsRequest,
  TemplatesRequest,
  readinessText,
  type CheckFilesResult,
  type Counts,
  type InsertMissingSectionsResult,
  type Stats,
  type TemplateInfo,
} from '../../server/src/lsp/protocol.js';
import { registerPreview, type PreviewManager } from './preview/index.js';
import { runWizard, wizardView, type WizardView } from './wizard.js';
import { registerImportWord } from './import-word.js';

/** What activate() returns: for the integration tests and for other extensions. */
export interface CommitteeReportsApi {
  client: LanguageClient;
  /** The status bar's text for the active editor ('' when hidden). */
  statusText(): string;
  /** How many status bar texts have been shown so far (a mark for `statusSince`). */
  statusMark(): number;
  /** The status bar's texts shown since `mark`, oldest first (for the tests: what the officer saw). */
  statusSince(mark: number): string[];
  /** The New Report wizard's current step, if it is open (for the tests). */
  wizard(): WizardView | undefined;
  stats(): Promise<Stats>;
  /** Resolves when the language server is running (again, after a restart). */
  whenRunning(): Promise<void>;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<CommitteeReportsApi> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.cjs'));
  // V8's code cache of the checker lives in the extension's storage (server/src/lsp/code-cache.ts).
  const env = { COMMITTEE_REPORTS_CODE_CACHE: path.join(context.globalStorageUri.fsPath, 'code-cache') };
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env } },
    debug: { module, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const output = vscode.window.createOutputChannel('Committee Reports', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
    ],
    diagnosticPullOptions: { onChange: true, onSave: true },
    outputChannel: output,
  };
  // ---- status bar: the active report's readiness -------------------------------------------------
  const status = vscode.window.createStatusBarItem('committeeReports.readiness', vscode.StatusBarAlignment.Left, 100);
  status.name = 'Committee report readiness';
  status.command = 'workbench.actions.view.problems';
  context.subscriptions.push(status);
  /** Reports the server has answered for since they opened or the server (re)started. */
  const answered = new Set<string>();
  /** The report the status bar speaks of while the focus is elsewhere (Output panel, preview). */
  let lastReport: vscode.Uri | undefined;
  /** The last status texts; `statusShown` counts every text ever shown, so marks never shift. */
  const statusLog: string[] = [];
  let statusShown = 0;
  /** Set once the preview is registered (below). */
  const previews: { manager?: PreviewManager } = {};
  const reportShown = (): vscode.Uri | undefined => {
    const active = vscode.window.activeTextEditor;
    // The Output panel is a text editor too, but not one of the editor area's.
    const editor = active && active.document.uri.scheme !== 'output' && vscode.window.visibleTextEditors.includes(active) ? active : undefined;
    if (editor) {
      if (editor.document.languageId !== LANGUAGE_ID) return undefined;
      lastReport = editor.document.uri;
      return lastReport;
    }
    // No text editor has the focus: keep the last report while it (or its preview) is visible.
    if (!lastReport) return undefined;
    const key = lastReport.toString();
    const visible = vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === key) || previews.manager?.state(lastReport)?.visible === true;
    return visible ? lastReport : undefined;
  };
  const setStatus = (text: string): void => {
    status.text = text;
    if (statusLog.at(-1) === text) return;
    statusLog.push(text);
    statusShown++;
    if (statusLog.length > 200) statusLog.splice(0, 100);
  };
  const updateStatus = (): void => {
    const uri = reportShown();
    const show = vscode.workspace.getConfiguration('committeeReports', uri).get<boolean>('statusBar', true);
    if (!uri || !show) {
      status.hide();
      setStatus('');
      return;
    }
    if (!answered.has(uri.toString())) {
      // Until the first result, nothing is known: never "Ready to submit" before a check.
      setStatus('$(sync~spin) Checking report…');
      status.tooltip = 'Committee report: the checker has not answered yet.';
      status.backgroundColor = undefined;
      status.show();
      return;
    }
    const c: Counts = { errors: 0, warnings: 0, infos: 0 };
    for (const d of vscode.languages.getDiagnostics(uri)) {
      if (d.source !== SOURCE) continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) c.errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) c.warnings++;
      else c.infos++;
    }
    const text = readinessText(c);
    setStatus(`${c.errors > 0 ? '$(error)' : c.warnings > 0 ? '$(warning)' : '$(pass)'} ${text}`);
    status.tooltip = `Committee report: ${c.errors} error(s), ${c.warnings} warning(s), ${c.infos} note(s). Click for the Problems view.`;
    status.backgroundColor = c.errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    status.show();
  };
  context.subscriptions.push(
    vscode.languages.onDidChangeDiagnostics((e) => {
      const shown = reportShown()?.toString();
      if (shown && e.uris.some((u) => u.toString() === shown)) updateStatus();
    }),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.window.onDidChangeVisibleTextEditors(updateStatus),
    vscode.window.tabGroups.onDidChangeTabs(updateStatus),
    vscode.workspace.onDidOpenTextDocument(updateStatus),
    vscode.workspace.onDidCloseTextDocument((d) => {
      answered.delete(d.uri.toString());
      updateStatus();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('committeeReports') && updateStatus()),
  );
  /** A pull answered for the document: its diagnostics are now the server's. */
  const markAnswered = (uri: vscode.Uri): void => {
    answered.add(uri.toString());
    // After the client has stored the answer (an unchanged one fires no diagnostics event).
    setTimeout(updateStatus, 0);
  };
  clientOptions.middleware = {
    provideDiagnostics: async (doc, previousResultId, token, next) => {
      const r = await next(doc, previousResultId, token);
      const uri = doc instanceof vscode.Uri ? doc : doc.uri;
      if (r && !token.isCancellationRequested) markAnswered(uri);
      return r;
    },
  };
  client = new LanguageClient(CLIENT_ID, 'Committee Reports', serverOptions, clientOptions);
  const lc = client;

  // ---- workspace check results (files not open in an editor) -----------------------------------
  const workspaceDiagnostics = vscode.languages.createDiagnosticCollection('committee-reports-workspace');
  context.subscriptions.push(
    workspaceDiagnostics,
    // An open report is checked live; drop its saved-file results.
    vscode.workspace.onDidOpenTextDocument((d) => workspaceDiagnostics.delete(d.uri)),
  );
  // A report deleted on disk, or a folder of them, takes its results from the last check
  // with it (a watcher sees deletions made outside the editor too; a folder's may come
  // as the folder alone).
  const deletions = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
  context.subscriptions.push(
    deletions,
    deletions.onDidDelete((gone) => {
      const inside = gone.toString().replace(/\/?$/, '/');
      const stale: vscode.Uri[] = [];
      workspaceDiagnostics.forEach((uri) => {
        if (uri.toString() === gone.toString() || uri.toString().startsWith(inside)) stale.push(uri);
      });
      for (const uri of stale) workspaceDiagnostics.delete(uri);
    }),
  );

  // ---- commands -----------------------------------------------------------------------------------
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showRuleDocs, async (ruleId: string, url?: string) => {
      const target = url ?? `https://github.com/committee-reports/committee-reports/blob/main/docs/rules.md#${ruleId.replace(/\//g, '-')}`;
      return vscode.env.openExternal(vscode.Uri.parse(target));
    }),
    vscode.commands.registerCommand(Commands.useForDocument, async (uri?: vscode.Uri) => {
      const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!doc) return undefined;
      return vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    }),
    vscode.commands.registerCommand(Commands.restartServer, () => lc.restart()),
    vscode.commands.registerCommand(Commands.insertMissingSections, async (uri?: vscode.Uri) => {
      const editor = uri ? await vscode.window.showTextDocument(uri) : vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== LANGUAGE_ID) {
        void vscode.window.showWarningMessage('Open a committee report to insert its missing sections.');
        return 0;
      }
      const r = await lc.sendRequest<InsertMissingSectionsResult>(InsertMissingSectionsRequest, { uri: editor.document.uri.toString() });
      if (r.inserted === 0) {
        void vscode.window.showInformationMessage('No required section is missing.');
        return 0;
      }
      const edit = new vscode.WorkspaceEdit();
      for (const e of r.edits) edit.replace(editor.document.uri, lc.protocol2CodeConverter.asRange(e.range), e.newText);
      await vscode.workspace.applyEdit(edit);
      void vscode.window.showInformationMessage(`Inserted ${r.inserted} missing section${r.inserted === 1 ? '' : 's'}.`);
      return r.inserted;
    }),
    vscode.commands.registerCommand(Commands.insertGlossary, async (uri?: vscode.Uri) => {
      const editor = uri ? await vscode.window.showTextDocument(uri) : vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== LANGUAGE_ID) {
        void vscode.window.showWarningMessage('Open a committee report to write its acronyms glossary.');
        return 0;
      }
      const r = await lc.sendRequest<InsertGlossaryResult>(InsertGlossaryRequest, { uri: editor.document.uri.toString() });
      if (r.count === 0) {
        void vscode.window.showInformationMessage('The report uses no acronym that needs a glossary entry.');
        return 0;
      }
      const edit = new vscode.WorkspaceEdit();
      for (const e of r.edits) edit.replace(editor.document.uri, lc.protocol2CodeConverter.asRange(e.range), e.newText);
      await vscode.workspace.applyEdit(edit);
      return r.count;
    }),
    vscode.commands.registerCommand(Commands.checkWorkspace, async () => {
      const files = await vscode.workspace.findFiles('**/*.report.md', '**/node_modules/**');
      return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Checking committee reports', cancellable: true }, async (_p, token) => {
        const r = await lc.sendRequest<CheckFilesResult>(CheckFilesRequest, { uris: files.map((f) => f.toString()) }, token);
        // Reports in an open tab are checked live; the others get these results.
        const open = new Set(
          vscode.window.tabGroups.all.flatMap((g) => g.tabs).flatMap((t) => (t.input instanceof vscode.TabInputText ? [t.input.uri.toString()] : [])),
        );
        workspaceDiagnostics.clear();
        let notReady = 0;
        // The reports, and the pack manifests with findings (missing agenda items, manifest problems).
        const reports = r.files.filter((f) => !f.manifest);
        for (const f of r.files) {
          if (f.errors > 0 && !f.manifest) notReady++;
          if (open.has(f.uri)) continue;
          workspaceDiagnostics.set(vscode.Uri.parse(f.uri), await lc.protocol2CodeConverter.asDiagnostics(f.diagnostics as never));
        }
        const manifests = r.files.length - reports.length;
        const summary = `Checked ${reports.length} report${reports.length === 1 ? '' : 's'}: ${notReady === 0 ? 'all ready to submit' : `${notReady} not ready to submit`}${manifests > 0 ? `; ${manifests} agenda pack${manifests === 1 ? ' has' : 's have'} problems in the manifest` : ''}.`;
        void vscode.window.showInformationMessage(summary, 'Show Problems').then((a) => a && vscode.commands.executeCommand('workbench.actions.view.problems'));
        return { checked: reports.length, notReady, summary };
      });
    }),
    vscode.commands.registerCommand(Commands.newReport, (args?: NewReportArgs) => newReport(lc, args)),
  );

  // Preview and export (client/src/preview): its readiness panel reads this extension's diagnostics.
  previews.manager = registerPreview(context, lc, {}, (m) => output.error(m));
  context.subscriptions.push(previews.manager.onDidChangeVisibility(updateStatus));
  registerImportWord(context, lc);

  let running: Promise<void> = Promise.resolve();
  let resolveRunning: (() => void) | undefined;
  const resetRunning = (): void => {
    running = new Promise((r) => (resolveRunning = r));
  };
  resetRunning();
  context.subscriptions.push(
    lc.onDidChangeState((e) => {
      if (e.newState === State.Running) resolveRunning?.();
      else if (e.newState === State.Starting || e.newState === State.Stopped) {
        resetRunning();
        // A new server has checked nothing yet.
        answered.clear();
        updateStatus();
      }
    }),
  );

  await lc.start();
  resolveRunning?.();
  updateStatus();

  return {
    client: lc,
    statusText: () => status.text,
    statusMark: () => statusShown,
    statusSince: (mark) => statusLog.slice(Math.max(0, statusLog.length - (statusShown - mark))),
    wizard: wizardView,
    stats: () => lc.sendRequest<Stats>(StatsRequest),
    whenRunning: () => running,
  };
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

// ---- New report from template ---------------------------------------------------------------------

export interface NewReportArgs {
  template?: string;
  title?: string;
  values?: Record<string, string>;
  /** Where to save the draft; without it, a save dialog (or an untitled editor). */
  target?: vscode.Uri | string;
}

async function newReport(lc: LanguageClient, args: NewReportArgs = {}): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const templates = await lc.sendRequest<TemplateInfo[]>(TemplatesRequest, { uri: folder?.toString() });
  let template = templates.find((t) => t.id === args.template);
  let title = args.title;
  let values: Record<string, string> = { ...(args.values ?? {}) };
  if (!template || !args.values || title === undefined) {
    const r = await runWizard(templates, template);
    if (!r) return undefined;
    template = r.template;
    ({ title = '', ...values } = { ...values, ...r.values });
  }
  const text = await lc.sendRequest<string | null>(NewReportRequest, { uri: folder?.toString(), template: template.id, title: title ?? '', values });
  if (!text) return undefined;
  let target = typeof args.target === 'string' ? vscode.Uri.parse(args.target) : args.target;
  if (!target) {
    const slug = (title ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'new';
    // The filter is "md": with "report.md", a dialog that compares the last extension
    // appends it again (name.report.md.report.md).
    const chosen = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, `${slug}.report.md`) : undefined,
      filters: { 'Committee report': ['md'] },
      title: 'Save the new committee report',
    });
    if (chosen) {
      target = reportUri(chosen);
      if (target.toString() !== chosen.toString() && (await exists(target))) {
        const replace = 'Replace';
        const pick = await vscode.window.showWarningMessage(`${path.basename(target.path)} already exists. Replace it?`, { modal: true }, replace);
        if (pick !== replace) return undefined;
      }
    }
  }
  if (target) {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    const doc = await vscode.workspace.openTextDocument(target);
    if (doc.languageId !== LANGUAGE_ID) await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    await vscode.window.showTextDocument(doc);
    return target;
  }
  const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: text });
  await vscode.window.showTextDocument(doc);
  return doc.uri;
}

/** A report's file name ends in exactly one ".report.md" ("x.md" → "x.report.md", "x" → "x.report.md"). */
export function reportUri(uri: vscode.Uri): vscode.Uri {
  const base = path.posix.basename(uri.path);
  let name = base;
  while (/\.report\.md\.report\.md$/i.test(name)) name = name.slice(0, -'.report.md'.length);
  if (!/\.report\.md$/i.test(name)) name = `${name.replace(/\.md$/i, '')}.report.md`;
  return name === base ? uri : vscode.Uri.joinPath(uri, '..', name);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
