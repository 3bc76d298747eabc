import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  CancellationToken,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type Disposable,
  type InitializeResult,
} from 'vscode-languageserver';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Worker } from 'node:worker_threads';
import { baseName, dirnameOf } from '../core/paths.js';
import { CONFIG_FILE_NAMES, MANIFEST_NAMES } from '../core/file-names.js';
import { classifyWatchedFiles, type WatchedChange } from '../core/watched-files.js';
import { todayIso } from '../core/today.js';
import { disableRuleEdit } from '../core/directives.js';
import { applyWordAddition, wordAddition } from '../core/prose/word-list.js';
import { existsSync, readFileSync } from 'node:fs';
import { AnalysisWorker, Cancelled, type PoolStats } from './pool.js';
import { CHECKS_LANE } from './spawn.js';
import type { CheckDone, ConfigProblems } from './analyzer.js';
import { pathToUri, uriToPath } from './uri.js';
import { problemDiagnostic, quickFixes } from './convert.js';
import { importWord } from './import-word.js';
import {
  ImportWordRequest,
  type ImportWordParams,
  CheckFilesRequest,
  Commands,
  ExportRequest,
  ForgetPreviewNotification,
  RenderPreviewRequest,
  type ExportParams,
  type ExportResult,
  type RenderPreviewParams,
  type RenderPreviewResult,
  FIX_ALL_KIND,
  InsertMissingSectionsRequest,
  InsertGlossaryRequest,
  type InsertGlossaryResult,
  NewReportRequest,
  SOURCE,
  StatsRequest,
  TemplatesRequest,
  readSettings,
  ruleDocsUrl,
  type CheckFilesParams,
  type CheckFilesResult,
  type DiagnosticData,
  type EditorSettings,
  type InsertMissingSectionsParams,
  type InsertMissingSectionsResult,
  type NewReportParams,
  type Stats,
  type TemplatesParams,
} from './protocol.js';

/** Documents at or above this size are checked in a thread that is replaced when a check is cancelled. */
const HEAVY_BYTES = 256 * 1024;
const CONFIG_GLOB = '**/.committee-reports.{json,yaml,yml}';
/** Agenda packs: their manifests, and the Markdown files that may be their reports. */
const PACK_GLOBS = [`**/{${MANIFEST_NAMES.join(',')}}`, '**/*.md'];

export interface ServerOptions {
  /** The entry the analysis threads run (thread.cjs, which loads worker.cjs). */
  workerScript: string;
  /** The checking thread, which the entry started before this code was loaded. */
  prestarted: { checks: Worker };
}

/** Starts the server on the process's own connection (stdio, IPC or socket, from the command line). */
export function main(options: ServerOptions): void {
  startServer(createConnection(ProposedFeatures.all), options);
}

/**
 * The language server: a thin adapter between the protocol and the core. It keeps the
 * document text, reads settings, debounces and cancels checks, publishes problems of
 * the workspace config files, and hands every computation to a worker thread (two
 * once a very large draft is open).
 */
export function startServer(connection: Connection, options: ServerOptions): void {
  const docs = new Map<string, TextDocument>();
  let folders: string[] = [];
  let configurationSupport = false;
  let watcherSupport = false;
  let relativePatternSupport = false;
  let codeLensRefreshSupport = false;
  let diagnosticRefreshSupport = false;
  let foldersSupport = false;
  const stats: PoolStats & { checks: number } = { checks: 0, skipped: 0, aborted: 0, workerStarts: 0, idleCollections: 0 };
  const watched: Stats['watched'] = { settings: 0, packFolders: 0, documents: 0 };
  const packEdits: Stats['packEdits'] = { reports: 0, documents: 0 };
  const log = (m: string): void => connection.console.log(m);
  const mirror = () => ({ folders, documents: [...docs.values()].map((d) => ({ uri: d.uri, languageId: d.languageId, version: d.version, text: d.getText() })) });
  // One thread checks ordinary reports and answers the editor's feature requests on them
  // (a feature reuses the model of the last check). Very large drafts get a thread of
  // their own, so their slow parses never hold up the others.
  const checks = new AnalysisWorker(CHECKS_LANE, options.workerScript, mirror, stats, log, options.prestarted.checks);
  const heavyLane = new AnalysisWorker('large documents', options.workerScript, mirror, stats, log);
  const workers = [checks, heavyLane];
  const isHeavy = (uri: string): boolean => (docs.get(uri)?.getText().length ?? 0) >= HEAVY_BYTES;
  /**
   * The thread that checks `uri`: the large-documents thread for a large document; for an
   * ordinary one, the checks thread, unless that thread is checking another document and
   * the other thread is free: one document slow to check (hostile text, below the size
   * limit) then does not hold back the diagnostics of the others.
   */
  const checkLane = (uri: string): AnalysisWorker => (isHeavy(uri) || (checks.busyWithOther(uri) && heavyLane.idle()) ? heavyLane : checks);
  const checker = { run: <T>(kind: string, params: { uri: string; settings: EditorSettings }, token?: CancellationToken): Promise<T> => checkLane(params.uri).run<T>(kind, params, token, isHeavy(params.uri)) };
  const featureLane = (uri: string): AnalysisWorker => (isHeavy(uri) ? heavyLane : checks);
  const checkedOnce = new Set<string>();
  /** Counts changes of settings, config and profile files: part of every diagnostics result id. */
  let settingsGeneration = 0;
  /** Counts, per open document, changes to its agenda pack (on disk, or another open report's facts): part of its diagnostics result id. */
  const packGeneration = new Map<string, number>();
  /** The pack facts of each open report in a pack, as its latest check found them (their key), with the version checked. */
  const packMembers = new Map<string, { version: number; key: string }>();
  /** Folders known to have a pack manifest (those of the folders in `configDirs`): a report deleted there after its folder may be one of a pack's. */
  let manifestDirs = new Set<string>();
  // A checking thread loaded its dictionary after its first results: what it answered before
  // lacks the spelling findings, so every document is pulled again.
  for (const w of workers) {
    w.onRefresh = () => {
      settingsGeneration++;
      connection.languages.diagnostics.refresh().catch(() => undefined);
    };
  }

  // ---- settings -----------------------------------------------------------------------------
  const settingsCache = new Map<string, Promise<EditorSettings>>();
  const settingsFor = (uri: string): Promise<EditorSettings> => {
    if (!configurationSupport) return Promise.resolve(readSettings({}));
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'committeeReports' }).then(readSettings, () => readSettings({}));
      settingsCache.set(uri, s);
    }
    return s;
  };

  // ---- config and profile files ----------------------------------------------------------------
  /** Folders whose config is in force for some document, to re-read on change (the checking thread knows the workspace folder of each). */
  const configDirs = new Set<string>();
  const problemFiles = new Map<string, number>();
  let watchedFiles = new Set<string>();
  let watcherRegistration: Promise<Disposable> | undefined;

  // Config files are read and validated on the checking thread (this one does not load the
  // checker); a newer round supersedes an older one still in flight.
  let configRound = 0;
  const publishConfigProblems = async (): Promise<void> => {
    const round = ++configRound;
    let found: ConfigProblems;
    try {
      found = (await checks.run('configProblems', { dirs: [...configDirs] })) as ConfigProblems;
    } catch (e) {
      if (!(e instanceof Cancelled)) connection.console.error(`Reading the config files failed: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (round !== configRound) return;
    const now = new Map<string, Diagnostic[]>();
    const files = new Set(found.files);
    for (const [file, problems] of found.problems) now.set(file, problems.map(problemDiagnostic));
    for (const [file, diagnostics] of found.manifests) if (diagnostics.length > 0) now.set(file, [...(now.get(file) ?? []), ...diagnostics]);
    manifestDirs = new Set(found.manifests.map(([file]) => dirnameOf(file)));
    for (const file of problemFiles.keys()) if (!now.has(file)) void connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: [] });
    problemFiles.clear();
    for (const [file, diagnostics] of now) {
      problemFiles.set(file, diagnostics.length);
      void connection.sendDiagnostics({ uri: pathToUri(file), diagnostics });
    }
    void watch(files);
  };

  const addScope = (uri: string): void => {
    const path = uriToPath(uri);
    const dir = path ? dirnameOf(path) : (uriToPath(folders[0] ?? '') ?? '');
    if (!dir || configDirs.has(dir)) return;
    configDirs.add(dir);
    void publishConfigProblems();
  };

  /**
   * Watches the config file names everywhere, every profile file a config names, and the
   * agenda packs' manifests and reports.
   */
  const watch = async (files: Set<string>): Promise<void> => {
    if (!watcherSupport) return;
    const named = (f: string, names: readonly string[]): boolean => names.includes(baseName(f));
    const extra = [...files].filter((f) => !named(f, CONFIG_FILE_NAMES) && !named(f, MANIFEST_NAMES));
    const key = new Set(extra);
    if (watcherRegistration && key.size === watchedFiles.size && [...key].every((f) => watchedFiles.has(f))) return;
    watchedFiles = key;
    const previous = watcherRegistration;
    const watchers = [{ globPattern: CONFIG_GLOB }, ...PACK_GLOBS.map((globPattern) => ({ globPattern })), ...extra.map((f) => (relativePatternSupport ? { globPattern: { baseUri: pathToUri(dirnameOf(f)), pattern: f.slice(dirnameOf(f).length + 1) } } : { globPattern: f }))];
    watcherRegistration = connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    if (previous) (await previous).dispose();
  };

  /**
   * The open reports in these folders (but `except`) get new result ids, so the client's
   * re-pull checks them and no other. `now`: checked at once, not after the edit delay.
   * Returns how many.
   */
  const bumpPackReports = (dirs: readonly string[], except: string | undefined, now: boolean): number => {
    const stale = new Set(dirs);
    let affected = 0;
    for (const uri of docs.keys()) {
      const path = uriToPath(uri);
      if (!path || uri === except || !stale.has(dirnameOf(path))) continue;
      packGeneration.set(uri, (packGeneration.get(uri) ?? 0) + 1);
      if (now) checkedOnce.delete(uri);
      affected++;
    }
    if (affected > 0) connection.languages.diagnostics.refresh().catch(() => undefined);
    return affected;
  };

  /**
   * Agenda packs changed on disk: the checking threads read these folders again, their
   * open reports are checked again, and the manifests' findings are published again (none
   * for a folder that is gone, which is then no longer looked at).
   */
  const packsChanged = (dirs: string[]): void => {
    watched.packFolders += dirs.length;
    for (const w of workers) w.post({ type: 'packsChanged', dirs });
    watched.documents += bumpPackReports(dirs, undefined, true);
    if (dirs.some((d) => configDirs.has(d))) {
      for (const d of dirs) if (!existsSync(d)) configDirs.delete(d);
      void publishConfigProblems();
    }
  };

  /**
   * A check of an open report found its pack facts (committee, meeting date, title,
   * officers' details: what the other reports are checked against). When they differ from
   * those its pack had (an edit, saved or not, changed them), both threads' packs take them
   * and the other open reports of the folder are checked again, after the usual delay for
   * edits; an edit that leaves them as they were checks nothing else.
   */
  const packFactsChecked = (uri: string, done: CheckDone): void => {
    const doc = docs.get(uri);
    if (!doc) return;
    if (!done.pack) {
      packMembers.delete(uri);
      return;
    }
    const recorded = packMembers.get(uri);
    // A check of an older text that answered late says nothing new.
    if (recorded && recorded.version > done.version) return;
    const key = done.pack.key;
    packMembers.set(uri, { version: done.version, key });
    const changed = recorded ? recorded.key !== key : done.pack.changed;
    const path = uriToPath(uri)!;
    // The first facts go to the other thread too: it need not analyse the buffer for them.
    if (changed || !recorded) for (const w of workers) w.post({ type: 'packMember', file: path, member: done.pack.member });
    if (!changed) return;
    packEdits.reports++;
    packEdits.documents += bumpPackReports([dirnameOf(path)], uri, false);
  };

  /**
   * An open report of a pack was closed: its facts in the pack are its file's again. When
   * they differ from its text's (it was closed unsaved), the other open reports there are
   * checked again.
   */
  const packReportClosed = async (uri: string): Promise<void> => {
    const recorded = packMembers.get(uri);
    packMembers.delete(uri);
    const path = uriToPath(uri);
    if (!recorded || !path) return;
    let onDisk: string | null;
    try {
      onDisk = await checks.run<string | null>('packMemberKey', { uri }, CancellationToken.None);
    } catch (e) {
      if (!(e instanceof Cancelled)) log(`reading the pack of ${uri} failed: ${String(e)}`);
      return;
    }
    if (onDisk === recorded.key || docs.has(uri)) return;
    const dir = dirnameOf(path);
    for (const w of workers) w.post({ type: 'packsChanged', dirs: [dir] });
    packEdits.reports++;
    packEdits.documents += bumpPackReports([dir], undefined, false);
  };

  const settingsChanged = (): void => {
    settingsGeneration++;
    for (const w of workers) w.post({ type: 'invalidate' });
    checkedOnce.clear();
    void publishConfigProblems();
    connection.languages.diagnostics.refresh().catch(() => undefined);
    if (codeLensRefreshSupport) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  };

  // ---- lifecycle --------------------------------------------------------------------------------
  connection.onInitialize((params): InitializeResult => {
    folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    // The checking thread started before the client said which folders are open.
    for (const w of workers) w.post({ type: 'folders', folders });
    const ws = params.capabilities.workspace;
    configurationSupport = ws?.configuration === true;
    watcherSupport = ws?.didChangeWatchedFiles?.dynamicRegistration === true;
    relativePatternSupport = ws?.didChangeWatchedFiles?.relativePatternSupport === true;
    codeLensRefreshSupport = ws?.codeLens?.refreshSupport === true;
    diagnosticRefreshSupport = ws?.diagnostics?.refreshSupport === true;
    foldersSupport = ws?.workspaceFolders === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        diagnosticProvider: { identifier: SOURCE, interFileDependencies: false, workspaceDiagnostics: false },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] },
        documentSymbolProvider: { label: 'Committee report' },
        foldingRangeProvider: true,
        completionProvider: { triggerCharacters: ['#', ':'] },
        hoverProvider: true,
        definitionProvider: true,
        documentLinkProvider: { resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'committee-reports', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (configurationSupport) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'committeeReports' });
    if (foldersSupport) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => f.uri));
        folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
        for (const w of workers) w.post({ type: 'folders', folders });
        configDirs.clear();
        for (const f of folders) addScope(`${f.replace(/\/$/, '')}/x`);
        settingsChanged();
      });
    }
    for (const f of folders) addScope(`${f.replace(/\/$/, '')}/x`);
    if (configDirs.size === 0) void watch(new Set());
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    settingsChanged();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    const files: WatchedChange[] = [];
    for (const c of changes) {
      const path = uriToPath(c.uri);
      if (path) files.push({ path, kind: c.type === FileChangeType.Created ? 'created' : c.type === FileChangeType.Deleted ? 'deleted' : 'changed' });
    }
    const openFiles = new Set([...docs.keys()].map(uriToPath).filter((p): p is string => p !== undefined));
    const hasManifest = (dir: string): boolean => manifestDirs.has(dir) || MANIFEST_NAMES.some((n) => existsSync(`${dir}/${n}`));
    const knownDirs = new Set([...configDirs, ...[...openFiles].map(dirnameOf)]);
    const stale = classifyWatchedFiles(files, { settingsFiles: watchedFiles, openFiles, hasManifest, knownDirs });
    if (stale.settings) {
      // Everything is read and checked again, the packs with the rest.
      watched.settings++;
      settingsChanged();
    } else if (stale.packFolders.length > 0) packsChanged(stale.packFolders);
  });

  connection.onDidOpenTextDocument(({ textDocument: t }) => {
    docs.set(t.uri, TextDocument.create(t.uri, t.languageId, t.version, t.text));
    for (const w of workers) w.post({ type: 'open', uri: t.uri, languageId: t.languageId, version: t.version, text: t.text });
    addScope(t.uri);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const doc = docs.get(textDocument.uri);
    if (!doc) return;
    docs.set(textDocument.uri, TextDocument.update(doc, contentChanges, textDocument.version));
    for (const w of workers) w.post({ type: 'change', uri: textDocument.uri, version: textDocument.version, changes: contentChanges });
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    docs.delete(textDocument.uri);
    settingsCache.delete(textDocument.uri);
    checkedOnce.delete(textDocument.uri);
    packGeneration.delete(textDocument.uri);
    for (const w of workers) w.post({ type: 'close', uri: textDocument.uri });
    void packReportClosed(textDocument.uri);
  });

  // ---- diagnostics (pull) -----------------------------------------------------------------------
  const cancelled = (): ResponseError<{ retriggerRequest: boolean }> => new ResponseError(LSPErrorCodes.ServerCancelled, 'superseded by a newer edit', { retriggerRequest: true });

  const wait = (ms: number, token: CancellationToken): Promise<void> =>
    new Promise((resolve) => {
      if (ms <= 0 || token.isCancellationRequested) return resolve();
      const t = setTimeout(done, ms);
      const sub = token.onCancellationRequested(done);
      function done(): void {
        clearTimeout(t);
        sub.dispose();
        resolve();
      }
    });

  /** Waits after an edit; longer for large documents, whose checks cost more. */
  const delayFor = (doc: TextDocument, s: EditorSettings): number => Math.min(2000, s.checkDelay + Math.floor(doc.getText().length / 2000));

  /**
   * A result depends on the text, the settings and config files, the report's agenda pack
   * on disk, and the date (the date rules). When the client already holds the result for
   * all four, it is told so and nothing is checked again.
   */
  const resultIdFor = (doc: TextDocument): string => `${doc.version}:${settingsGeneration}:${packGeneration.get(doc.uri) ?? 0}:${todayIso()}`;

  connection.languages.diagnostics.on(async (params, token) => {
    const uri = params.textDocument.uri;
    const doc = docs.get(uri);
    if (!doc) return { kind: 'full', items: [] };
    const resultId = resultIdFor(doc);
    if (params.previousResultId === resultId) return { kind: 'unchanged', resultId };
    const settings = await settingsFor(uri);
    if (!settings.enable) return { kind: 'full', items: [] };
    if (checkedOnce.has(uri)) await wait(delayFor(doc, settings), token);
    if (token.isCancellationRequested) {
      stats.skipped++;
      throw cancelled();
    }
    try {
      // A client that re-pulls when told may be given the first results early (stages.ts).
      const done = await checker.run<CheckDone | null>('check', { uri, settings, ...(diagnosticRefreshSupport ? { early: true } : {}) }, token);
      if (!done) return { kind: 'full', items: [] };
      stats.checks++;
      packFactsChecked(uri, done);
      // Part of the findings: no result id (a pull that names it must not be told
      // "unchanged"), and the pull for the full set, asked for by the checking thread, is
      // not held back by the delay for edits.
      if (done.partial) return { kind: 'full', items: done.diagnostics };
      checkedOnce.add(uri);
      for (const e of done.ruleErrors) log(`rule ${e.ruleId} failed on ${uri}: ${e.error}`);
      // The id of the state that was checked (the document may have changed meanwhile).
      const checked = docs.get(uri);
      return checked?.version === done.version && resultIdFor(checked) === resultId ? { kind: 'full', resultId, items: done.diagnostics } : { kind: 'full', items: done.diagnostics };
    } catch (e) {
      if (e instanceof Cancelled) throw cancelled();
      log(`check of ${uri} failed: ${e instanceof Error ? e.stack : String(e)}`);
      return { kind: 'full', items: [] };
    }
  });

  // ---- code actions -----------------------------------------------------------------------------
  const wants = (only: string[] | undefined, kind: string): boolean => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));

  /**
   * "Add to workspace dictionary": puts the word in the spelling rule's word list in the
   * workspace folder's `.committee-reports.json` (created when missing); the config watcher
   * then checks again. Not offered beside a YAML config or a JSON one that does not parse.
   */
  const addWordAction = (uri: string, word: string, d: Diagnostic): CodeAction[] => {
    const path = uriToPath(uri);
    const folder = folders.map((f) => uriToPath(f)).find((f) => f && path?.startsWith(f + '/')) ?? (path ? dirnameOf(path) : undefined);
    if (!folder || !word) return [];
    const read = (f: string): string | undefined => {
      try {
        return readFileSync(f, 'utf8');
      } catch {
        return undefined;
      }
    };
    if (read(`${folder}/.committee-reports.yaml`) !== undefined || read(`${folder}/.committee-reports.yml`) !== undefined) return [];
    const file = `${folder}/.committee-reports.json`;
    const before = read(file);
    const add = wordAddition(word);
    let after: string;
    try {
      after = applyWordAddition(before, add);
    } catch {
      return [];
    }
    const fileUri = pathToUri(file);
    const whole = { start: { line: 0, character: 0 }, end: { line: before === undefined ? 0 : before.split('\n').length, character: 0 } };
    const change = { textDocument: { uri: fileUri, version: null }, edits: [{ range: whole, newText: after }] };
    return [
      {
        title: add.description,
        kind: 'quickfix',
        diagnostics: [d],
        edit: { documentChanges: before === undefined ? [{ kind: 'create', uri: fileUri, options: { ignoreIfExists: true } }, change] : [change] },
      },
    ];
  };

  connection.onCodeAction(async (params, token) => {
    const uri = params.textDocument.uri;
    const doc = docs.get(uri);
    if (!doc) return [];
    const only = params.context.only;
    const actions: CodeAction[] = [];
    if (wants(only, 'quickfix')) {
      const seen = new Set<string>();
      const ours = params.context.diagnostics.filter((d) => d.source === SOURCE && d.data);
      for (const d of ours) actions.push(...quickFixes(uri, d));
      for (const d of ours) if ((d.data as DiagnosticData).ruleId === 'prose/spelling') actions.push(...addWordAction(uri, doc.getText(d.range), d));
      for (const d of ours) {
        const ruleId = (d.data as DiagnosticData).ruleId;
        const key = `${ruleId}\0${d.range.start.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const lines = doc.lineCount;
        const lineAt = (n: number): string => doc.getText({ start: { line: n, character: 0 }, end: { line: n + 1, character: 0 } }).replace(/\r?\n$/, '');
        const { edit, scope } = disableRuleEdit(lineAt, lines, d.range.start.line, ruleId);
        actions.push({
          title: scope === 'file' ? `Disable ${ruleId} for this file` : `Disable ${ruleId} for this line`,
          kind: 'quickfix',
          diagnostics: [d],
          edit: { changes: { [uri]: [edit] } },
        });
      }
      const rules = new Set<string>();
      for (const d of ours) {
        const ruleId = (d.data as DiagnosticData).ruleId;
        if (rules.has(ruleId)) continue;
        rules.add(ruleId);
        actions.push({ title: `Show documentation for ${ruleId}`, kind: 'quickfix', diagnostics: [d], command: { title: `Show documentation for ${ruleId}`, command: Commands.showRuleDocs, arguments: [ruleId, ruleDocsUrl(ruleId)] } });
      }
    }
    if (only && wants(only, FIX_ALL_KIND) && only.some((k) => k !== 'quickfix')) {
      const settings = await settingsFor(uri);
      try {
        const r = await checker.run<{ edits: { range: never; newText: string }[]; fixed: number } | null>('fixAll', { uri, settings }, token);
        if (r && r.edits.length > 0) actions.push({ title: `Fix ${r.fixed} report problem${r.fixed === 1 ? '' : 's'}`, kind: FIX_ALL_KIND, edit: { changes: { [uri]: r.edits } } });
      } catch (e) {
        if (!(e instanceof Cancelled)) log(`fix-all failed: ${String(e)}`);
      }
    }
    return actions;
  });

  // ---- features (worker) ---------------------------------------------------------------------------
  const feature = async <T>(kind: string, uri: string, token: CancellationToken, extra: Record<string, unknown> = {}): Promise<T | null> => {
    const doc = docs.get(uri);
    if (!doc) return null;
    const settings = await settingsFor(uri);
    try {
      return await featureLane(uri).run<T>(kind, { uri, settings, ...extra }, token, isHeavy(uri));
    } catch (e) {
      if (e instanceof Cancelled) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      log(`${kind} failed: ${e instanceof Error ? e.stack : String(e)}`);
      return null;
    }
  };

  connection.onDocumentSymbol((p, token) => feature('symbols', p.textDocument.uri, token));
  connection.onFoldingRanges((p, token) => feature('folding', p.textDocument.uri, token));
  connection.onCompletion((p, token) => feature('completion', p.textDocument.uri, token, { position: p.position }));
  connection.onHover((p, token) => feature('hover', p.textDocument.uri, token, { position: p.position }));
  connection.onDefinition((p, token) => feature('definition', p.textDocument.uri, token, { position: p.position }));
  connection.onDocumentLinks((p, token) => feature('links', p.textDocument.uri, token));
  connection.onCodeLens((p, token) => feature('codeLens', p.textDocument.uri, token));

  // ---- custom requests ---------------------------------------------------------------------------
  connection.onRequest(TemplatesRequest, (p: TemplatesParams, token) => checks.run('templates', { uri: p.uri }, token));
  connection.onRequest(NewReportRequest, (p: NewReportParams, token) => checks.run('newReport', p, token));
  connection.onRequest(ImportWordRequest, (p: ImportWordParams) => importWord(p));
  connection.onRequest(InsertMissingSectionsRequest, async (p: InsertMissingSectionsParams, token): Promise<InsertMissingSectionsResult> => {
    const r = await feature<InsertMissingSectionsResult>('insertMissing', p.uri, token);
    return r ?? { inserted: 0, edits: [] };
  });
  connection.onRequest(InsertGlossaryRequest, async (p: InsertMissingSectionsParams, token): Promise<InsertGlossaryResult> => {
    const r = await feature<InsertGlossaryResult>('insertGlossary', p.uri, token);
    return r ?? { count: 0, edits: [] };
  });
  connection.onRequest(CheckFilesRequest, async (p: CheckFilesParams, token): Promise<CheckFilesResult> => {
    const files: CheckFilesResult['files'] = [];
    for (const uri of p.uris) {
      if (token.isCancellationRequested) break;
      const settings = await settingsFor(uri);
      if (!settings.enable) continue;
      addScope(uri);
      try {
        const done = await checker.run<CheckDone | null>('check', { uri, settings }, token);
        if (done) {
          stats.checks++;
          packFactsChecked(uri, done);
          files.push({ uri, diagnostics: done.diagnostics, errors: done.errors, warnings: done.warnings, infos: done.infos });
        }
      } catch (e) {
        if (e instanceof Cancelled) break;
        log(`check of ${uri} failed: ${String(e)}`);
      }
    }
    // The pack manifests of the reports' folders: their findings are part of the check.
    if (!token.isCancellationRequested && files.length > 0) {
      try {
        const dirs = [...new Set(files.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined).map(dirnameOf))];
        const found = (await checks.run('configProblems', { dirs }, token)) as ConfigProblems;
        for (const [file, diagnostics] of found.manifests) {
          if (diagnostics.length > 0) files.push({ uri: pathToUri(file), diagnostics, ...countSeverities(diagnostics), manifest: true });
        }
      } catch (e) {
        if (!(e instanceof Cancelled)) log(`reading the pack manifests failed: ${String(e)}`);
      }
    }
    return { files };
  });
  // The editor's preview and export render here (the client bundles no renderer).
  connection.onRequest(RenderPreviewRequest, (p: RenderPreviewParams, token) => checks.run<RenderPreviewResult>('renderPreview', p, token));
  connection.onNotification(ForgetPreviewNotification, (p: { key: string }) => void checks.run('forgetPreview', p, CancellationToken.None).catch(() => undefined));
  connection.onRequest(ExportRequest, (p: ExportParams, token) => checks.run<ExportResult>('export', p, token));
  connection.onRequest(StatsRequest, (): Stats => {
    const { heapUsed, heapTotal, rss } = process.memoryUsage();
    return {
      pid: process.pid,
      checks: stats.checks,
      skipped: stats.skipped,
      aborted: stats.aborted,
      workerStarts: stats.workerStarts,
      idleCollections: stats.idleCollections,
      watched: { ...watched },
      packEdits: { ...packEdits },
      running: workers.map((w) => w.runningJob()).filter((j) => j?.kind === 'check').map((j) => (j!.params as { uri: string }).uri),
      configProblems: Object.fromEntries(problemFiles),
      memory: { heapUsed, heapTotal, rss },
      ...(stats.codeCache ? { codeCache: stats.codeCache } : {}),
      ...(stats.firstCheck ? { firstCheck: stats.firstCheck } : {}),
    };
  });

  connection.onShutdown(() => {
    for (const w of workers) w.dispose();
  });

  connection.listen();
}

/** Errors, warnings and notes among diagnostics. */
function countSeverities(ds: Diagnostic[]): { errors: number; warnings: number; infos: number } {
  return { errors: ds.filter((d) => d.severity === 1).length, warnings: ds.filter((d) => d.severity === 2).length, infos: ds.filter((d) => d.severity !== 1 && d.severity !== 2).length };
}
