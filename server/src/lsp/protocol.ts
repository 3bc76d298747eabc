/**
 * The one truth shared by the extension client and the language server: names, settings
 * and custom requests. Plain data only (no imports), so the client bundle stays small.
 */

export const LANGUAGE_ID = 'committee-report';
export const SOURCE = 'committee-reports';
export const CLIENT_ID = 'committeeReports';
export const FIX_ALL_KIND = 'source.fixAll.committeeReports';

export const DOCS_BASE = 'https://github.com/committee-reports/committee-reports/blob/main/docs/rules.md';

/** The rule's section in docs/rules.md (`signoff/missing-date` → `#signoff-missing-date`). */
export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE}#${ruleId.replace(/\//g, '-')}`;
}

export const Commands = {
  newReport: 'committeeReports.newReport',
  checkWorkspace: 'committeeReports.checkWorkspace',
  insertMissingSections: 'committeeReports.insertMissingSections',
  insertGlossary: 'committeeReports.insertGlossary',
  useForDocument: 'committeeReports.useForDocument',
  showRuleDocs: 'committeeReports.showRuleDocs',
  restartServer: 'committeeReports.restartServer',
} as const;

/** Editor settings (`committeeReports.*`), read per document (resource scope). */
export interface EditorSettings {
  enable: boolean;
  /** Severity per rule id or category, over the workspace config file's. */
  rules: Record<string, 'off' | 'error' | 'warning' | 'info'>;
  /** Profile id for reports without `template:` (when the config file names none). */
  defaultTemplate: string;
  /** Milliseconds to wait after an edit before re-checking (grows with the document's size). */
  checkDelay: number;
  /** Show the sign-off state over each implications block. */
  signOffLens: boolean;
}

export const DEFAULT_SETTINGS: EditorSettings = {
  enable: true,
  rules: {},
  defaultTemplate: '',
  checkDelay: 250,
  signOffLens: true,
};

export function readSettings(raw: unknown): EditorSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<EditorSettings>;
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : DEFAULT_SETTINGS.enable,
    rules: r.rules && typeof r.rules === 'object' ? r.rules : {},
    defaultTemplate: typeof r.defaultTemplate === 'string' ? r.defaultTemplate : '',
    checkDelay: typeof r.checkDelay === 'number' && r.checkDelay >= 0 ? r.checkDelay : DEFAULT_SETTINGS.checkDelay,
    signOffLens: typeof r.signOffLens === 'boolean' ? r.signOffLens : DEFAULT_SETTINGS.signOffLens,
  };
}

/** What a diagnostic carries in `data`, so a code action needs no server state. */
export interface DiagnosticData {
  ruleId: string;
  fixes: { title: string; safe: boolean; edits: { range: LspRange; newText: string }[] }[];
}

interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

// ---- custom requests ---------------------------------------------------------------------

export interface TemplateInfo {
  id: string;
  council: string;
  name: string;
  description: string;
  fields: { key: string; label: string; type: string; required: boolean; examples: string[]; description?: string }[];
  /** Implications blocks that need a sign-off (asked for as `signoff.<id>` values). */
  signoffs: { id: string; title: string; role?: string }[];
  /** Whether the form has an "Officer to Contact" section (`contact_name`, `contact_phone`, `contact_email`). */
  contact: boolean;
}

/** `committeeReports/templates`: the profiles known for a folder (built-in and workspace). */
export const TemplatesRequest = 'committeeReports/templates';
export interface TemplatesParams {
  /** A folder or document URI whose configuration applies. */
  uri?: string;
}

/** `committeeReports/newReport`: the text of a new draft. */
export const NewReportRequest = 'committeeReports/newReport';
export interface NewReportParams {
  uri?: string;
  template: string;
  title: string;
  values: Record<string, string>;
}

/** `committeeReports/insertMissingSections`: edits adding every missing required section. */
export const InsertMissingSectionsRequest = 'committeeReports/insertMissingSections';
export interface InsertMissingSectionsParams {
  uri: string;
}
export interface InsertMissingSectionsResult {
  inserted: number;
  edits: { range: LspRange; newText: string }[];
}

/** `committeeReports/insertGlossary`: the edit that writes the report's Acronyms section. */
export const InsertGlossaryRequest = 'committeeReports/insertGlossary';
export interface InsertGlossaryResult {
  /** Acronyms listed. */
  count: number;
  edits: { range: LspRange; newText: string }[];
}

/** `committeeReports/checkFiles`: checks files on disk (or their open buffers). */
export const CheckFilesRequest = 'committeeReports/checkFiles';
export interface CheckFilesParams {
  uris: string[];
}
export interface CheckFilesResult {
  /** The reports, then the pack manifests of their folders that have findings (`manifest: true`). */
  files: { uri: string; diagnostics: unknown[]; errors: number; warnings: number; infos: number; manifest?: true }[];
}

/**
 * `committeeReports/renderPreview`: the preview's report and readiness panel, rendered by
 * the server (the client bundles no renderer).
 */
export const RenderPreviewRequest = 'committeeReports/renderPreview';
export interface PreviewProblem {
  severity: 'error' | 'warning' | 'info';
  message: string;
  range: LspRange;
  ruleId?: string;
}
export interface RenderPreviewParams {
  /** The preview's key (its document URI): the last render is kept per key. */
  key: string;
  text: string;
  /** The report's folder (absolute, `/`-separated), for its workspace config; images resolve inside it. */
  dir?: string;
  /** Editor setting `committeeReports.defaultTemplate`. */
  defaultTemplate?: string;
  /** URL of the report's folder as the webview loads it; without it, no image is shown. */
  imageBase?: string;
  problems: PreviewProblem[];
  /** Only the readiness panel (the problems changed, the text may not have). */
  readinessOnly?: boolean;
}
export interface RenderPreviewResult {
  /** The report (sanitised HTML); left out when `readinessOnly` and the text is unchanged. */
  html?: string;
  title: string;
  readiness: string;
  summary: string;
  errors: number;
}

/** `committeeReports/export`: the report's errors, or its Word or HTML bytes (base64). */
export const ExportRequest = 'committeeReports/export';
export interface ExportParams {
  text: string;
  dir?: string;
  defaultTemplate?: string;
  /** `errors`: only the errors a check finds (the export's gate). */
  format: 'docx' | 'html' | 'errors';
}
export interface ExportResult {
  errors: { line: number; message: string }[];
  data?: string;
}
/** `committeeReports/forgetPreview`: the preview closed; drop its kept render. */
export const ForgetPreviewNotification = 'committeeReports/forgetPreview';

/** `committeeReports/stats`: counters for tests and troubleshooting. */
export const StatsRequest = 'committeeReports/stats';
export interface Stats {
  pid: number;
  /** Checks run to completion. */
  checks: number;
  /** Check requests dropped because they were cancelled or superseded before they ran. */
  skipped: number;
  /** Checks stopped mid-way (their worker was replaced). */
  aborted: number;
  workerStarts: number;
  /** URIs whose check is running now. */
  running: string[];
  /** Config and profile files read and the problems found in them, by file. */
  configProblems: Record<string, number>;
  /** The connection thread's heap (used and committed) and the whole process's resident set, in bytes. */
  memory: { heapUsed: number; heapTotal: number; rss: number };
  /** How the checking thread's code loaded: 'used' (V8's code cache), 'none' (no cache yet), 'rejected' (stale), 'off'. */
  codeCache?: string;
  /** Times the analysis threads gave memory back when idle (idle-gc.ts). */
  idleCollections: number;
  /**
   * Changes on disk the server acted on: batches that changed config or profile files
   * (everything checked again), pack folders made stale by a manifest or a report, and
   * open reports whose results those folders made stale.
   */
  watched: { settings: number; packFolders: number; documents: number };
  /**
   * Open reports whose pack facts changed in the editor (an edit, saved or not, or a close
   * unsaved), and the other open reports of their packs checked again for it.
   */
  packEdits: { reports: number; documents: number };
  /** What the first checking thread had loaded when it answered its first check. */
  firstCheck?: FirstCheckCost;
}

/**
 * What a checking thread had done by the time it answered its first check: the work kept
 * off the way to the first diagnostics (a test keeps it off).
 */
export interface FirstCheckCost {
  /** Whether the dictionary's reader (node/dictionary.ts: cspell-trie-lib, zlib) had been loaded. */
  dictionaryInstalled: boolean;
  /** Times the dictionary had been loaded. */
  dictionaryLoads: number;
  /** Profile files validated with zod (the built-ins are validated by `npm run generate`, never at run time). */
  profileValidations: number;
  /** Times the profile schemas had been built (on the first validation: core/templates/schema.ts). */
  profileSchemaBuilds: number;
  /** Times the prose rules' patterns of public bodies had been made (on first use: core/prose/bodies.ts). */
  bodyTableBuilds: number;
  /** The kinds of the jobs the thread ran before it (a check waiting behind config reads goes first: lsp/worker.ts). */
  jobsBefore: string[];
}

// ---- readiness -------------------------------------------------------------------------------

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The status bar's words: `3 errors — not ready to submit`, `Ready to submit`. */
export function readinessText(c: Counts): string {
  if (c.errors > 0) return `${plural(c.errors, 'error')} — not ready to submit`;
  if (c.warnings > 0) return `${plural(c.warnings, 'warning')} — ready to submit`;
  return 'Ready to submit';
}

/** Converts a Word report (.docx) into a draft; nothing is written (the client opens it untitled). */
export const ImportWordRequest = 'committeeReports/importWord';
export const IMPORT_WORD_COMMAND = 'committeeReports.importWord';

export interface ImportWordParams {
  /** The .docx file's URI. */
  uri: string;
}

export interface ImportWordResult {
  /** The draft's Markdown; absent when the file could not be imported. */
  text?: string;
  /** A free path for the draft beside the .docx (`report.report.md`). */
  draftPath?: string;
  /** The template the draft names, when one was recognised. */
  template?: string;
  /** What was accepted, dropped or left out (tracked changes, comments, pictures). */
  notes: string[];
  /** Why the file could not be imported. */
  error?: string;
}
