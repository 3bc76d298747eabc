import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  CancellationTokenSource,
  type ProtocolConnection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SERVER = join(ROOT, 'server', 'out', 'server.cjs');
/** The date the server checks against (date rules), as in the rule fixtures. */
export const TODAY = '2026-02-20';

export interface TestClientOptions {
  folders?: string[];
  /** `committeeReports` settings by document URI (`*` for every other one). */
  settings?: Record<string, Record<string, unknown>>;
  /** Directory for V8's code cache of the checker (as the extension passes its storage); none by default. */
  codeCache?: string;
  /** Whether the client says it re-pulls diagnostics when the server asks (`workspace/diagnostic/refresh`); yes by default. */
  diagnosticRefresh?: boolean;
}

/**
 * A minimal LSP client for the server over IPC in plain Node: it answers the server's
 * requests (configuration, registrations, refreshes) and records what the server sends.
 */
export class TestClient {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  readonly published = new Map<string, Diagnostic[]>();
  readonly logs: string[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  refreshes = 0;
  readonly docs = new Map<string, TextDocument>();
  settings: Record<string, Record<string, unknown>>;
  init!: InitializeResult;
  /** The last full result of each document pulled with `pull`: its id and its findings. */
  readonly results = new Map<string, { resultId?: string; items: Diagnostic[] }>();
  private publishWaiters: (() => void)[] = [];
  private refreshWaiters: (() => void)[] = [];

  constructor(private readonly opts: TestClientOptions = {}) {
    this.settings = opts.settings ?? {};
    this.child = fork(SERVER, ['--node-ipc'], { execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: this.env() });
    this.child.stderr?.on('data', (d: Buffer) => this.logs.push(d.toString()));
    this.connection = createProtocolConnection(new IPCMessageReader(this.child), new IPCMessageWriter(this.child));
    const c = this.connection;
    c.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) =>
      p.items.map((i) => this.settings[i.scopeUri ?? ''] ?? this.settings['*'] ?? {}),
    );
    c.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    c.onRequest('client/unregisterCapability', () => null);
    c.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      const w = this.refreshWaiters;
      this.refreshWaiters = [];
      for (const f of w) f();
      return null;
    });
    c.onRequest('workspace/codeLens/refresh', () => null);
    c.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    c.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      this.published.set(p.uri, p.diagnostics);
      const w = this.publishWaiters;
      this.publishWaiters = [];
      for (const f of w) f();
    });
    c.listen();
  }

  private env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, COMMITTEE_REPORTS_TODAY: TODAY };
    delete env.COMMITTEE_REPORTS_CODE_CACHE;
    if (this.opts.codeCache) env.COMMITTEE_REPORTS_CODE_CACHE = this.opts.codeCache;
    return env;
  }

  async start(): Promise<this> {
    const folders = this.opts.folders ?? [];
    this.init = (await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0] ? pathToFileURL(folders[0]).href : null,
      workspaceFolders: folders.map((f) => ({ uri: pathToFileURL(f).href, name: f })),
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
          codeLens: { refreshSupport: true },
          diagnostics: { refreshSupport: this.opts.diagnosticRefresh ?? true },
        },
        textDocument: { diagnostic: { dynamicRegistration: false }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } },
      },
    })) as InitializeResult;
    await this.connection.sendNotification('initialized', {});
    return this;
  }

  async open(uri: string, text: string, languageId = 'committee-report'): Promise<TextDocument> {
    const doc = TextDocument.create(uri, languageId, 1, text);
    this.docs.set(uri, doc);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return doc;
  }

  /** Replaces the whole text (a full-document change). */
  async setText(uri: string, text: string): Promise<TextDocument> {
    const doc = this.docs.get(uri)!;
    const next = TextDocument.create(uri, doc.languageId, doc.version + 1, text);
    this.docs.set(uri, next);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: next.version }, contentChanges: [{ text }] });
    return next;
  }

  async applyEdits(uri: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): Promise<TextDocument> {
    const doc = this.docs.get(uri)!;
    return this.setText(uri, TextDocument.applyEdits(doc, edits));
  }

  async diagnostics(uri: string, token?: CancellationTokenSource): Promise<Diagnostic[]> {
    const r = await this.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } }, token);
    return r.kind === 'full' ? r.items : [];
  }

  /**
   * Pulls diagnostics as VS Code does, naming the id of the result it holds: `kind` says
   * whether the server checked again ('full') or not ('unchanged'); `items` are the
   * findings the client now shows either way.
   */
  async pull(uri: string): Promise<{ kind: 'full' | 'unchanged'; items: Diagnostic[] }> {
    const held = this.results.get(uri);
    const r = await this.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, ...(held?.resultId ? { previousResultId: held.resultId } : {}) });
    if (r.kind === 'unchanged') return { kind: 'unchanged', items: held?.items ?? [] };
    this.results.set(uri, { ...(r.resultId ? { resultId: r.resultId } : {}), items: r.items });
    return { kind: 'full', items: r.items };
  }

  /** Tells the server that files changed on disk (`workspace/didChangeWatchedFiles`, as VS Code's file watcher does). */
  async filesChanged(...changes: { path: string; type: 'created' | 'changed' | 'deleted' }[]): Promise<void> {
    const type = { created: 1, changed: 2, deleted: 3 } as const;
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map((c) => ({ uri: pathToFileURL(c.path).href, type: type[c.type] })) });
  }

  /** Resolves once the server has asked to pull diagnostics again more than `since` times in all (see `refreshes`). */
  async waitForRefresh(since: number): Promise<void> {
    while (this.refreshes <= since) await new Promise<void>((r) => this.refreshWaiters.push(r));
  }

  request<T>(method: string, params: unknown, token?: CancellationTokenSource): Promise<T> {
    // Passing an undefined token would send the parameters by position.
    return (token ? this.connection.sendRequest(method, params, token.token) : this.connection.sendRequest(method, params)) as Promise<T>;
  }

  /** Resolves once `test(published)` holds (checked after each publishDiagnostics). */
  async waitForPublished(test: () => boolean): Promise<void> {
    while (!test()) await new Promise<void>((r) => this.publishWaiters.push(r));
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      /* already gone */
    }
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}

export { CancellationTokenSource };
