import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ExportRequest,
  ForgetPreviewNotification,
  LANGUAGE_ID,
  RenderPreviewRequest,
  SOURCE,
  type ExportParams,
  type ExportResult,
  type PreviewProblem,
  type RenderPreviewParams,
  type RenderPreviewResult,
} from '../../../server/src/lsp/protocol.js';
import { makeNonce } from '../../../server/src/core/render/escape.js';
import { previewPage } from './page.js';

/**
 * The report preview (a webview beside the editor, like VS Code's Markdown preview) and the
 * export commands. Both render through the core's one layout (`buildDocument`), in the
 * language server (`committeeReports/renderPreview`, `committeeReports/export`): the
 * client bundles no renderer.
 */

export const PREVIEW_VIEW_TYPE = 'committeeReports.preview';

export const PreviewCommands = {
  showPreview: 'committeeReports.showPreview',
  showPreviewToSide: 'committeeReports.showPreviewToSide',
  exportDocx: 'committeeReports.exportDocx',
  exportHtml: 'committeeReports.exportHtml',
  /** Internal, for the integration tests: what a preview shows. */
  previewState: 'committeeReports.preview.state',
} as const;

export interface PreviewOptions {
  /** Problems for the readiness panel; default: this extension's diagnostics for the document. */
  getProblems?: (uri: vscode.Uri) => PreviewProblem[];
  /** Milliseconds between an edit and the preview's update (default 150). */
  delay?: number;
}

export interface ExportOptions {
  /** Where to write; without it, a save dialog. */
  target?: vscode.Uri | string;
  /** Export without asking even when the report has errors. */
  force?: boolean;
}

/** What a preview shows, for tests (`committeeReports.preview.state`). */
export interface PreviewState {
  uri: string;
  visible: boolean;
  /** Document version last rendered and sent to the webview. */
  version: number;
  /** Version the webview says it has put on screen, and its text. */
  shownVersion: number;
  shownText: string;
  shownProblems: number;
  /** Text of the readiness panel as shown. */
  shownPanel: string;
  html: string;
  updates: number;
  /** Last editor line the webview scrolled to, and its scroll offset then. */
  scrolledLine: number;
  scrollY: number;
  /** The last render's failure, if it failed. */
  error?: string;
}

const SEVERITY: Record<number, PreviewProblem['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'info',
};

function diagnosticsAsProblems(uri: vscode.Uri): PreviewProblem[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE)
    .map((d) => {
      const code = typeof d.code === 'object' && d.code !== null ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
      const p: PreviewProblem = {
        severity: SEVERITY[d.severity] ?? 'info',
        message: d.message,
        range: { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } },
      };
      if (code) p.ruleId = code;
      return p;
    });
}

function posixDir(uri: vscode.Uri): string | undefined {
  return uri.scheme === 'file' ? path.dirname(uri.fsPath).split(path.sep).join('/') : undefined;
}

/** What the server needs to render a document: its text, folder and default template. */
function renderInput(doc: vscode.TextDocument): Pick<ExportParams, 'text' | 'dir' | 'defaultTemplate'> {
  const input: Pick<ExportParams, 'text' | 'dir' | 'defaultTemplate'> = { text: doc.getText() };
  const dir = posixDir(doc.uri);
  if (dir) input.dir = dir;
  const def = vscode.workspace.getConfiguration('committeeReports', doc.uri).get<string>('defaultTemplate', '');
  if (def) input.defaultTemplate = def;
  return input;
}

/**
 * What the webview may load: the extension's own files and the report's folder (its
 * images; the server keeps image paths inside that folder).
 */
function previewRoots(extensionUri: vscode.Uri, report: vscode.Uri): vscode.Uri[] {
  return report.scheme === 'file' ? [extensionUri, vscode.Uri.file(path.dirname(report.fsPath))] : [extensionUri];
}

function isReport(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && (doc.languageId === LANGUAGE_ID || /\.report\.md$/i.test(doc.uri.path));
}

class ReportPreview implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** How long the last full render took: big drafts wait longer between renders. */
  private lastRenderMs = 0;
  private ready = false;
  private disposed = false;
  private pendingFull = false;
  private updating: Promise<void> = Promise.resolve();
  /** Until this time, the editor's scrolling was caused by the preview: don't echo it back. */
  private ignoreEditorScrollUntil = 0;
  readonly state: PreviewState;
  private readonly changed = new vscode.EventEmitter<PreviewState>();
  readonly onDidChange = this.changed.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly uri: vscode.Uri,
    private readonly client: LanguageClient,
    private readonly options: PreviewOptions,
    private readonly extensionUri: vscode.Uri,
    private readonly onDispose: () => void,
    private readonly log?: (msg: string) => void,
  ) {
    this.state = { uri: uri.toString(), visible: true, version: -1, shownVersion: -1, shownText: '', shownProblems: 0, shownPanel: '', html: '', updates: 0, scrolledLine: -1, scrollY: 0 };
    panel.webview.options = this.webviewOptions();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState((e) => {
        const shown = e.webviewPanel.visible && !this.state.visible;
        this.state.visible = e.webviewPanel.visible;
        // Messages posted while it was hidden were lost: bring it up to date.
        if (shown) void this.update();
      }),
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.uri.toString() && e.contentChanges.length > 0) this.schedule();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === this.uri.toString())) this.schedule(true);
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        if (e.textEditor.document.uri.toString() !== this.uri.toString() || Date.now() < this.ignoreEditorScrollUntil) return;
        const top = e.visibleRanges[0]?.start.line;
        if (top !== undefined) void this.panel.webview.postMessage({ type: 'scrollTo', line: top });
      }),
    );
  }

  private webviewOptions(): vscode.WebviewOptions {
    return { enableScripts: true, enableCommandUris: false, enableForms: false, localResourceRoots: previewRoots(this.extensionUri, this.uri) };
  }

  private async document(): Promise<vscode.TextDocument> {
    return vscode.workspace.openTextDocument(this.uri);
  }

  /** Asks the language server for the report and the readiness panel. */
  private async render(doc: vscode.TextDocument, readinessOnly: boolean): Promise<RenderPreviewResult> {
    const params: RenderPreviewParams = { key: this.uri.toString(), ...renderInput(doc), problems: this.problems() };
    // Images: paths inside the report's folder, as the webview loads them (the server drops the rest).
    if (this.uri.scheme === 'file') params.imageBase = this.panel.webview.asWebviewUri(vscode.Uri.file(path.dirname(this.uri.fsPath))).toString();
    if (readinessOnly) params.readinessOnly = true;
    const started = Date.now();
    const r = await this.client.sendRequest<RenderPreviewResult>(RenderPreviewRequest, params);
    if (r.html !== undefined) this.lastRenderMs = Date.now() - started;
    return r;
  }

  /** First render: the whole page. */
  async initialise(): Promise<void> {
    const doc = await this.document();
    const r = await this.render(doc, false);
    this.state.version = doc.version;
    this.state.html = r.html ?? '';
    this.state.updates++;
    this.panel.title = `Preview ${path.basename(this.uri.path)}`;
    this.panel.webview.html = previewPage({
      cspSource: this.panel.webview.cspSource,
      nonce: makeNonce(),
      body: r.html ?? '',
      readiness: r.readiness,
      summary: r.summary,
      errors: r.errors,
      title: r.title || 'Committee report preview',
      version: doc.version,
      uri: this.uri.toString(),
    });
    this.changed.fire(this.state);
  }

  private problems(): PreviewProblem[] {
    return (this.options.getProblems ?? diagnosticsAsProblems)(this.uri);
  }

  private schedule(readinessOnly = false): void {
    if (this.timer) clearTimeout(this.timer);
    // A pending full render stays full when the problems change too.
    this.pendingFull ||= !readinessOnly;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const full = this.pendingFull;
      this.pendingFull = false;
      void this.update(!full);
    }, readinessOnly && !this.pendingFull ? 50 : Math.min(5000, Math.max(this.options.delay ?? 150, this.lastRenderMs * 2)));
  }

  /**
   * Later renders: replace the report (and panel) in place, keeping the scroll position.
   * Renders run one after another; a failure is logged and shown, never left unhandled.
   */
  update(readinessOnly = false): Promise<void> {
    this.updating = this.updating.then(() => this.doUpdate(readinessOnly)).catch((e: unknown) => {
      if (this.disposed) return;
      const msg = e instanceof Error ? e.message : String(e);
      this.log?.(`preview of ${this.uri.toString()} failed: ${msg}`);
      this.state.error = msg;
      this.changed.fire(this.state);
    });
    return this.updating;
  }

  private async doUpdate(readinessOnly: boolean): Promise<void> {
    if (this.disposed) return;
    const doc = await this.document();
    const message: Record<string, unknown> = { type: 'update', version: doc.version };
    const full = !readinessOnly || this.state.version !== doc.version;
    const r = await this.render(doc, !full);
    if (this.disposed) return;
    if (r.html !== undefined) {
      this.state.html = r.html;
      this.state.version = doc.version;
      this.panel.title = `Preview ${path.basename(this.uri.path)}`;
      message.html = r.html;
    }
    message.readiness = r.readiness;
    message.summary = r.summary;
    message.errors = r.errors;
    this.state.updates++;
    await this.panel.webview.postMessage(message);
    this.changed.fire(this.state);
  }

  private onMessage(raw: unknown): void {
    if (!raw || typeof raw !== 'object') return;
    const m = raw as Record<string, unknown>;
    const n = (k: string): number => (typeof m[k] === 'number' && Number.isFinite(m[k]) ? Math.max(0, Math.floor(m[k])) : 0);
    switch (m.type) {
      case 'ready':
        // A hidden webview is unloaded and reloads its first page when shown again: send
        // it what it missed.
        if (this.ready) void this.update();
        this.ready = true;
        break;
      case 'rendered':
        this.state.shownVersion = typeof m.version === 'number' ? m.version : -1;
        this.state.shownText = typeof m.text === 'string' ? m.text : '';
        this.state.shownProblems = n('problems');
        this.state.shownPanel = typeof m.panel === 'string' ? m.panel : '';
        this.changed.fire(this.state);
        break;
      case 'scrolled':
        this.state.scrolledLine = n('line');
        this.state.scrollY = n('scrollY');
        this.changed.fire(this.state);
        break;
      case 'reveal':
        void this.reveal(new vscode.Range(n('line'), n('character'), n('endLine'), n('endCharacter')));
        break;
      case 'revealLine':
        this.revealLine(n('line'));
        break;
    }
  }

  private editors(): vscode.TextEditor[] {
    return vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === this.uri.toString());
  }

  /** Shows a place in the editor beside the preview and selects it. */
  async reveal(range: vscode.Range): Promise<void> {
    const existing = this.editors()[0];
    const doc = await this.document();
    const column = existing?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: false, selection: range });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** The preview was scrolled: scroll the editor to the same place. */
  private revealLine(line: number): void {
    for (const editor of this.editors()) {
      this.ignoreEditorScrollUntil = Date.now() + 300;
      const l = Math.min(line, editor.document.lineCount - 1);
      editor.revealRange(new vscode.Range(l, 0, l, 0), vscode.TextEditorRevealType.AtTop);
    }
  }

  get isReady(): boolean {
    return this.ready;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.client.sendNotification(ForgetPreviewNotification, { key: this.uri.toString() }).catch(() => undefined);
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.onDispose();
    this.changed.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

export class PreviewManager implements vscode.Disposable {
  private readonly previews = new Map<string, ReportPreview>();
  private readonly visibility = new vscode.EventEmitter<void>();
  /** A preview was shown, hidden or closed. */
  readonly onDidChangeVisibility = this.visibility.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
    private readonly options: PreviewOptions = {},
    private readonly log?: (msg: string) => void,
  ) {}

  private exportRequest(params: ExportParams): Promise<ExportResult> {
    return this.client.sendRequest<ExportResult>(ExportRequest, params);
  }

  /** Opens (or reveals) the preview of a report. */
  async show(uri: vscode.Uri | undefined, toSide: boolean): Promise<vscode.WebviewPanel | undefined> {
    const editor = vscode.window.activeTextEditor;
    const target = uri ?? (isReport(editor?.document) ? editor.document.uri : undefined);
    if (!target) {
      void vscode.window.showWarningMessage('Open a committee report (*.report.md) to preview it.');
      return undefined;
    }
    const existing = this.previews.get(target.toString());
    const column = toSide ? vscode.ViewColumn.Beside : (editor?.viewColumn ?? vscode.ViewColumn.Active);
    if (existing) {
      existing.panel.reveal(column, toSide);
      return existing.panel;
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, `Preview ${path.basename(target.path)}`, { viewColumn: column, preserveFocus: toSide }, {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: true,
      localResourceRoots: previewRoots(this.context.extensionUri, target),
    });
    await this.attach(panel, target);
    return panel;
  }

  private async attach(panel: vscode.WebviewPanel, uri: vscode.Uri): Promise<ReportPreview> {
    const key = uri.toString();
    const preview = new ReportPreview(
      panel,
      uri,
      this.client,
      this.options,
      this.context.extensionUri,
      () => {
        if (this.previews.get(key) === preview) this.previews.delete(key);
      },
      this.log,
    );
    this.previews.set(key, preview);
    // After the preview's own listeners, so that its state is up to date.
    panel.onDidChangeViewState(() => this.visibility.fire());
    panel.onDidDispose(() => this.visibility.fire());
    await preview.initialise();
    return preview;
  }

  /** Restores a preview after a reload (`registerWebviewPanelSerializer`). */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const uri = state && typeof state === 'object' && typeof (state as { uri?: unknown }).uri === 'string' ? vscode.Uri.parse((state as { uri: string }).uri) : undefined;
    if (!uri) {
      panel.dispose();
      return;
    }
    await this.attach(panel, uri);
  }

  state(uri?: vscode.Uri | string): PreviewState | undefined {
    const key = uri === undefined ? [...this.previews.keys()][0] : uri.toString();
    return key === undefined ? undefined : this.previews.get(key)?.state;
  }

  /** Exports a report to Word or HTML; asks before exporting one with errors. */
  async export(format: 'docx' | 'html', uri?: vscode.Uri, opts: ExportOptions = {}): Promise<vscode.Uri | undefined> {
    const editor = vscode.window.activeTextEditor;
    const source = uri ?? (isReport(editor?.document) ? editor.document.uri : undefined);
    if (!source) {
      void vscode.window.showWarningMessage('Open a committee report (*.report.md) to export it.');
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(source);
    const input = renderInput(doc);
    const { errors } = await this.exportRequest({ ...input, format: 'errors' });
    if (errors.length > 0 && !opts.force) {
      const go = 'Export Anyway';
      const first = errors[0]!;
      const pick = await vscode.window.showWarningMessage(
        `${path.basename(source.path)} has ${errors.length} error${errors.length === 1 ? '' : 's'} and is not ready to submit. Export it anyway?`,
        { modal: true, detail: `First: line ${first.line + 1}: ${first.message}` },
        go,
      );
      if (pick !== go) return undefined;
    }
    let target = typeof opts.target === 'string' ? vscode.Uri.parse(opts.target) : opts.target;
    if (!target) {
      const base = source.scheme === 'file' ? source.fsPath.replace(/(\.report)?\.md$/i, '') : path.join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '', 'report');
      target = await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.file(`${base}.${format}`),
        filters: format === 'docx' ? { 'Word document': ['docx'] } : { 'Web page (print or save as PDF)': ['html'] },
        title: format === 'docx' ? 'Export report to Word' : 'Export report to HTML',
      });
      if (!target) return undefined;
    }
    const { data } = await this.exportRequest({ ...input, format });
    const bytes = Buffer.from(data ?? '', 'base64');
    await vscode.workspace.fs.writeFile(target, bytes);
    if (!opts.target) {
      const open = 'Open';
      void vscode.window.showInformationMessage(`Exported ${path.basename(source.path)} to ${path.basename(target.path)}.`, open).then((a) => {
        if (a === open) void vscode.env.openExternal(target!);
      });
    }
    return target;
  }

  dispose(): void {
    for (const p of [...this.previews.values()]) p.dispose();
    this.previews.clear();
    this.visibility.dispose();
  }
}

/**
 * Registers the preview and export commands, the webview serializer and the settings
 * cache invalidation. Returns the manager (for the extension's API and tests).
 */
export function registerPreview(context: vscode.ExtensionContext, client: LanguageClient, options: PreviewOptions = {}, log?: (msg: string) => void): PreviewManager {
  const manager = new PreviewManager(context, client, options, log);
  const uriArg = (a: unknown): vscode.Uri | undefined => (a instanceof vscode.Uri ? a : typeof a === 'string' ? vscode.Uri.parse(a) : undefined);
  context.subscriptions.push(
    manager,
    vscode.commands.registerCommand(PreviewCommands.showPreview, async (uri?: unknown) => !!(await manager.show(uriArg(uri), false))),
    vscode.commands.registerCommand(PreviewCommands.showPreviewToSide, async (uri?: unknown) => !!(await manager.show(uriArg(uri), true))),
    vscode.commands.registerCommand(PreviewCommands.exportDocx, async (uri?: unknown, opts?: ExportOptions) => (await manager.export('docx', uriArg(uri), opts ?? {}))?.toString()),
    vscode.commands.registerCommand(PreviewCommands.exportHtml, async (uri?: unknown, opts?: ExportOptions) => (await manager.export('html', uriArg(uri), opts ?? {}))?.toString()),
    vscode.commands.registerCommand(PreviewCommands.previewState, (uri?: unknown) => {
      const s = manager.state(uriArg(uri));
      return s ? { ...s } : undefined;
    }),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => manager.restore(panel, state),
    }),
  );
  return manager;
}
