import { nodeFileSystem } from '../node/fs.js';
import { appendixFilesBeside } from '../node/appendix-files.js';
import { pathToUri, uriToPath } from './uri.js';
import { EditorPacks, memberKey } from './packs.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { checkReport, fixReport, todayIso, type CheckOptions, type CheckResult } from '../core/check.js';
import { ReportSession } from '../core/session.js';
import { glossarySectionEdit } from '../core/acronyms/index.js';
import { loadWorkspaceSettings, dirnameOf, joinPath, type WorkspaceSettings } from '../core/workspace.js';
import { checkManifest, packMember, type PackInfo, type PackMember } from '../core/pack/index.js';
import {
  completions,
  countFindings,
  foldingRanges,
  hover,
  insertMissingSections,
  minimalEdit,
  newReport,
  outline,
  signOffLenses,
  withRuleOverrides,
  type FeatureContext,
} from '../core/features.js';
import type { Position } from '../core/types.js';
import type { DataProblem } from '../core/datafile.js';
import { canonicalHeading, flattenSpecs } from '../core/templates/loader.js';
import { toCodeLens, toCompletion, toDiagnostic, toFolding, toHover, toSymbol } from './convert.js';
import { definitionAt, documentLinks, extraCompletions, extraHovers } from './extras.js';
import type { EditorSettings, TemplateInfo } from './protocol.js';
import type { RuleDefinition } from '../core/rules/define.js';

/**
 * The analysis engine that runs in a worker thread: a mirror of the open documents, the
 * workspace settings per folder, and every computation that parses a report. Keeping it
 * off the connection's thread means a long check of a 5 MB draft never delays the
 * server's other answers, and a check that is no longer wanted can be stopped by ending
 * the thread.
 */

/** Config-file problems by file, and every config or profile file in force (to watch). */
export interface ConfigProblems {
  problems: [file: string, problems: DataProblem[]][];
  files: string[];
  /** The findings on the pack manifests (`pack.yaml`) of these folders, as diagnostics, by file (none: an empty list). */
  manifests: [file: string, diagnostics: Diagnostic[]][];
}

export interface JobParams {
  uri: string;
  settings: EditorSettings;
  position?: Position;
  /** A check may answer with part of the findings, the full set to follow on a later pull (the client re-pulls when told). */
  early?: boolean;
}


export class Analyzer {
  private readonly docs = new Map<string, TextDocument>();
  private readonly settingsCache = new Map<string, WorkspaceSettings>();
  private folders: string[] = [];
  private lastCheck = new Map<string, { version: number; key: string; result: CheckDone }>();
  private analysis = new Map<string, { version: number; key: string; ctx: FeatureContext & { result: CheckResult } }>();
  private generation = 0;
  /**
   * Incremental sessions (an edit re-parses only what it touched) and feature contexts
   * hold a document's syntax tree and model, so only the most recently used documents
   * keep them; the others are re-analysed from scratch when they are next used.
   */
  private readonly sessions = new Map<string, ReportSession>();
  /**
   * Agenda packs (folders with a pack.yaml), read at most once a second; an open report's
   * facts are those its last check found in its text (packs.ts).
   */
  private readonly packs = new EditorPacks(
    (file) => this.settingsIn(dirnameOf(file), this.folderOf(dirnameOf(file))),
    (file) => this.docs.get(pathToUri(file))?.getText() ?? nodeFileSystem.readFile(file),
    1000,
  );
  static readonly KEEP_ANALYSED = 4;
  /**
   * Diagnostics kept to answer a repeated request for an unchanged document (about 200 KB
   * for a 186 KB agenda pack). Clients that send the previous result id are answered by
   * the server's thread without asking here at all.
   */
  static readonly KEEP_RESULTS = 16;
  /** Overrides the date (tests). */
  today: string | undefined;

  setFolders(folderUris: string[]): void {
    this.folders = folderUris.map((u) => uriToPath(u)).filter((p): p is string => p !== undefined).sort((a, b) => b.length - a.length);
    this.invalidate();
  }

  /** Whether a session has run rules that read the dictionary before it was loaded. */
  private ranWithoutDictionary = false;
  private dictionaryReady = false;

  /**
   * The dictionary arrived: checks made without it are not kept. Sessions that ran only
   * rules that do not read it (the first results: stages.ts) keep their parse and those
   * rules' findings, so the full check after it runs only the rest.
   */
  dictionaryLoaded(): void {
    this.dictionaryReady = true;
    if (this.ranWithoutDictionary) this.sessions.clear();
    this.invalidate();
  }

  invalidate(): void {
    this.settingsCache.clear();
    this.packs.forgetFolders();
    this.lastCheck.clear();
    this.analysis.clear();
    this.generation++;
  }

  /**
   * Agenda packs changed on disk (a manifest, or a report in these folders): only these
   * folders are read again, and only the results of their reports are dropped.
   */
  packsChanged(dirs: readonly string[]): void {
    this.packs.forgetFolders(dirs);
    this.forgetResultsIn(dirs);
  }

  /** Drops the results kept of the reports in these folders (but `except`): their pack changed. */
  private forgetResultsIn(dirs: readonly string[], except?: string): void {
    const stale = new Set(dirs);
    for (const uri of [...this.lastCheck.keys(), ...this.analysis.keys()]) {
      if (uri === except) continue;
      const path = uriToPath(uri);
      if (!path || !stale.has(dirnameOf(path))) continue;
      this.lastCheck.delete(uri);
      this.analysis.delete(uri);
    }
  }

  /**
   * The pack facts of an open report changed in a check (this thread's or the other's):
   * its pack has them from now on, and the results kept of the other reports there go.
   */
  packMemberChanged(file: string, member: PackMember): void {
    if (this.packs.setOpen(file, member)) this.forgetResultsIn([dirnameOf(file)], pathToUri(file));
  }

  /** The pack facts of a report as its pack has them now (a closed report's: its file's), as a key; null when it is in no pack. */
  packMemberKey(uri: string): string | null {
    const path = uriToPath(uri);
    const member = path ? this.packs.packOf(path)?.members.find((m) => m.file === path) : undefined;
    return member ? memberKey(member) : null;
  }

  open(uri: string, languageId: string, version: number, text: string): void {
    this.docs.set(uri, TextDocument.create(uri, languageId, version, text));
    this.forget(uri);
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    const doc = this.docs.get(uri);
    if (!doc) return;
    this.docs.set(uri, TextDocument.update(doc, changes, version));
  }

  close(uri: string): void {
    this.docs.delete(uri);
    this.forget(uri);
    // Its facts in the pack are its file's again; whether the others must be checked again
    // is the server's to say (it compares the facts: packMemberKey).
    const path = uriToPath(uri);
    if (path && this.packs.closed(path)) this.forgetResultsIn([dirnameOf(path)]);
  }

  private forget(uri: string): void {
    this.sessions.delete(uri);
    this.lastCheck.delete(uri);
    this.analysis.delete(uri);
  }

  /** Checks an open document through its session (a closed file is checked whole). */
  private run(uri: string, text: string, version: number, opts: CheckOptions): CheckResult {
    if (version === -1) return checkReport(text, opts);
    if (!this.dictionaryReady && opts.rules === undefined) this.ranWithoutDictionary = true;
    const session = this.sessions.get(uri) ?? new ReportSession();
    keepRecent(this.sessions, uri, session, Analyzer.KEEP_ANALYSED);
    return session.check(text, opts);
  }

  document(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  /** The folder a file belongs to (longest match), or its own directory outside every folder. */
  private rootFor(path: string | undefined): { dir: string; root: string } {
    if (!path) {
      const root = this.folders[this.folders.length - 1];
      return root ? { dir: root, root } : { dir: '/', root: '/' };
    }
    const dir = dirnameOf(path);
    return { dir, root: this.folderOf(dir) };
  }

  /** The workspace folder a directory is in (the innermost), or `/` outside every folder. */
  private folderOf(dir: string): string {
    return this.folders.find((f) => dir === f || dir.startsWith(f + '/')) ?? '/';
  }

  workspaceSettings(uri: string | undefined): WorkspaceSettings {
    const { dir, root } = this.rootFor(uri ? uriToPath(uri) : undefined);
    return this.settingsIn(dir, root);
  }

  /** The settings in force in `dir` (config files are looked for up to `root`), read once. */
  private settingsIn(dir: string, root: string): WorkspaceSettings {
    const key = `${dir}\0${root}`;
    let s = this.settingsCache.get(key);
    if (!s) {
      s = loadWorkspaceSettings(nodeFileSystem, dir, root);
      this.settingsCache.set(key, s);
    }
    return s;
  }

  private options(uri: string, settings: EditorSettings): CheckOptions {
    const ws = this.workspaceSettings(uri);
    const opts: CheckOptions = { profiles: ws.profiles, config: withRuleOverrides(ws.config, settings.rules, settings.defaultTemplate || undefined) };
    if (this.today) opts.today = this.today;
    const path = uriToPath(uri);
    if (path) {
      opts.appendixFiles = appendixFilesBeside(path);
      const pack = this.packs.packOf(path);
      if (pack) opts.pack = { info: pack, file: path };
    }
    return opts;
  }

  private textOf(uri: string): { text: string; version: number } | undefined {
    const doc = this.docs.get(uri);
    if (doc) return { text: doc.getText(), version: doc.version };
    const path = uriToPath(uri);
    const text = path ? nodeFileSystem.readFile(path) : undefined;
    return text === undefined ? undefined : { text, version: -1 };
  }

  /**
   * Checks a document. `only`: run just these rules (the first results, before the
   * dictionary: stages.ts); the answer is then `partial` and is not kept as the document's.
   */
  check(p: JobParams, only?: readonly RuleDefinition[]): CheckDone | undefined {
    const src = this.textOf(p.uri);
    if (!src) return undefined;
    const key = `${this.generation}\0${JSON.stringify(p.settings)}`;
    const cached = this.lastCheck.get(p.uri);
    if (cached && cached.version === src.version && cached.key === key && src.version !== -1) return cached.result;
    const partial = only !== undefined && src.version !== -1;
    const opts = this.options(p.uri, p.settings);
    let result = this.run(p.uri, src.text, src.version, partial ? { ...opts, rules: only } : opts);
    // An open report's facts for its pack: what its text in the editor says now.
    let pack: CheckDone['pack'];
    if (src.version !== -1 && opts.pack && result.model) {
      const { info, file } = opts.pack;
      const was = info.members.find((m) => m.file === file);
      if (was) {
        const member = packMember(file, result.model, result.profile, result.match);
        const key = memberKey(member);
        const changed = memberKey(was) !== key;
        pack = { member, key, changed };
        // From now on the pack has these facts for it, not its buffer analysed again.
        this.packs.setOpen(file, member, key);
        if (changed) {
          this.forgetResultsIn([dirnameOf(file)], p.uri);
          // The pack's committee or date may be the reports' majority, its own vote in it.
          const now = this.packs.packOf(file);
          if (now && meetingOf(now) !== meetingOf(info)) {
            opts.pack = { info: now, file };
            result = this.run(p.uri, src.text, src.version, partial ? { ...opts, rules: only } : opts);
          }
        }
      }
    }
    const ws = this.workspaceSettings(p.uri);
    const done: CheckDone = {
      version: src.version,
      diagnostics: result.findings.map((f) => toDiagnostic(f, p.uri)),
      ...countFindings(result.findings),
      ruleErrors: result.ruleErrors,
      settingsFiles: ws.files,
      ...(partial ? { partial } : {}),
      ...(pack ? { pack } : {}),
    };
    if (src.version !== -1) {
      if (!partial) keepRecent(this.lastCheck, p.uri, { version: src.version, key, result: done }, Analyzer.KEEP_RESULTS);
      if (result.model) this.remember(p.uri, { version: src.version, key, ctx: this.featureContext(result, opts) });
    }
    return done;
  }

  private remember(uri: string, entry: { version: number; key: string; ctx: FeatureContext & { result: CheckResult } }): void {
    keepRecent(this.analysis, uri, entry, Analyzer.KEEP_ANALYSED);
  }

  private featureContext(result: CheckResult, opts: CheckOptions): FeatureContext & { result: CheckResult } {
    return { model: result.model!, profile: result.profile, match: result.match, profiles: opts.profiles!, today: opts.today ?? todayIso(), config: opts.config, result };
  }

  /** Model, profile and template match for features (no rules run). */
  private context(p: JobParams): (FeatureContext & { result: CheckResult }) | undefined {
    const doc = this.docs.get(p.uri);
    if (!doc) return undefined;
    const key = `${this.generation}\0${JSON.stringify(p.settings)}`;
    const cached = this.analysis.get(p.uri);
    if (cached && cached.version === doc.version && cached.key === key) return cached.ctx;
    const opts = this.options(p.uri, p.settings);
    const result = this.run(p.uri, doc.getText(), doc.version, { ...opts, rules: [] });
    if (!result.model) return undefined;
    const ctx = this.featureContext(result, opts);
    this.remember(p.uri, { version: doc.version, key, ctx });
    return ctx;
  }

  fixAll(p: JobParams): { version: number; edits: { range: unknown; newText: string }[]; fixed: number } | undefined {
    const doc = this.docs.get(p.uri);
    if (!doc) return undefined;
    const text = doc.getText();
    const r = fixReport(text, this.options(p.uri, p.settings));
    return { version: doc.version, fixed: r.fixed, edits: r.text === text ? [] : [minimalEdit(text, r.text)] };
  }

  insertMissing(p: JobParams): { inserted: number; edits: { range: unknown; newText: string }[] } | undefined {
    const doc = this.docs.get(p.uri);
    if (!doc) return undefined;
    const r = insertMissingSections(doc.getText(), this.options(p.uri, p.settings));
    return { inserted: r.inserted, edits: r.edits };
  }

  insertGlossary(p: JobParams): { count: number; edits: { range: unknown; newText: string }[] } | undefined {
    const c = this.context(p);
    if (!c || !c.config) return undefined;
    const edit = glossarySectionEdit(c.model, c.config);
    const count = (edit.newText.match(/^\| (?!Acronym \||---)/gm) ?? []).length;
    return { count, edits: count === 0 ? [] : [edit] };
  }

  symbols(p: JobParams): unknown {
    const c = this.context(p);
    return c ? outline(c.model, c.match).map(toSymbol) : [];
  }

  folding(p: JobParams): unknown {
    const c = this.context(p);
    return c ? foldingRanges(c.model).map(toFolding) : [];
  }

  completion(p: JobParams): unknown {
    const c = this.context(p);
    if (!c || !p.position) return [];
    const offset = c.model.index.offsetAt(p.position);
    const items = completions(c, p.position).map(toCompletion);
    for (const extra of extraCompletions(c, offset)) items.push(extra);
    return items;
  }

  hover(p: JobParams): unknown {
    const c = this.context(p);
    if (!c || !p.position) return null;
    const h = hover(c, p.position);
    if (h) return toHover(h);
    const offset = c.model.index.offsetAt(p.position);
    return extraHovers(c, offset, p.uri) ?? null;
  }

  definition(p: JobParams): unknown {
    const c = this.context(p);
    return c && p.position ? (definitionAt(c, p.uri, c.model.index.offsetAt(p.position)) ?? null) : null;
  }

  links(p: JobParams): unknown {
    const c = this.context(p);
    return c ? documentLinks(c, p.uri) : [];
  }

  codeLens(p: JobParams): unknown {
    if (!p.settings.signOffLens) return [];
    const c = this.context(p);
    return c ? signOffLenses(c.model, c.match).map(toCodeLens) : [];
  }

  /** The problems of the config and profile files in force in these directories, and every such file. */
  configProblems(dirs: string[]): ConfigProblems {
    const problems = new Map<string, DataProblem[]>();
    const files = new Set<string>();
    const manifests = new Map<string, Diagnostic[]>();
    for (const dir of dirs) {
      const ws = this.settingsIn(dir, this.folderOf(dir));
      for (const f of ws.files) files.add(f);
      for (const fp of ws.problems) problems.set(fp.file, fp.problems);
      // The folder's agenda pack: its manifest's findings (pack/manifest, pack/missing-item), watched like a config file.
      const manifest = this.packs.packOf(joinPath(dir, 'pack.yaml'))?.manifest;
      if (!manifest || manifests.has(manifest.file)) continue;
      const uri = pathToUri(manifest.file);
      manifests.set(manifest.file, checkManifest(this.packs.packOf(manifest.file)!, ws.config).map((f) => toDiagnostic(f, uri)));
      files.add(manifest.file);
    }
    return { problems: [...problems], files: [...files], manifests: [...manifests] };
  }

  templates(uri: string | undefined): TemplateInfo[] {
    const ws = this.workspaceSettings(uri);
    return ws.profiles.all().map((p) => ({
      id: p.id,
      council: p.council,
      name: p.name,
      description: p.description,
      fields: p.frontMatter.map((f) => {
        const field: TemplateInfo['fields'][number] = { key: f.key, label: f.label, type: f.type, required: f.required, examples: f.examples };
        if (f.description) field.description = f.description;
        return field;
      }),
      signoffs: flattenSpecs(p.sections)
        .filter((s) => s.required && s.signoff?.required)
        .map((s) => ({ id: s.id, title: canonicalHeading(s, p), ...(s.signoff?.role ? { role: s.signoff.role } : {}) })),
      contact: flattenSpecs(p.sections).some((s) => s.required && s.kind === 'contact'),
    }));
  }

  newReport(uri: string | undefined, template: string, title: string, values: Record<string, string>): string | undefined {
    const profile = this.workspaceSettings(uri).profiles.get(template);
    if (!profile) return undefined;
    return newReport(profile, { title, values });
  }
}

/**
 * Sets `key` as the most recently used entry of a Map (insertion order = least recently
 * used first) and drops the oldest entries beyond `max`.
 */
function keepRecent<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value as K);
}

export interface CheckDone {
  version: number;
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
  infos: number;
  ruleErrors: { ruleId: string; error: string }[];
  settingsFiles: string[];
  /** Only the first results (stages.ts): the full set follows; the thread tells the server when to pull again. */
  partial?: true;
  /**
   * An open report in an agenda pack: its facts for the pack, from this check, and whether
   * they differ from those the pack had for it (the other open reports there are then
   * checked again: the server compares the facts across checks).
   */
  pack?: { member: PackMember; key: string; changed: boolean };
}

/** What of a pack a report's own pack findings read from its own facts: the committee and date most reports give. */
function meetingOf(info: PackInfo): string {
  return `${info.committee ?? ''}\0${info.meetingDate ?? ''}\0${info.meetingDateText ?? ''}`;
}

