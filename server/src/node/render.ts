/**
 * The preview's and the export commands' side of the one rendering: settings for the
 * report's folder, then the core's `analyseReport` → `buildDocument` → writers. Runs in
 * the language server's checking thread (the editor client asks for it), and in plain
 * Node tests.
 */
import { analyseReport, checkReport } from '../core/check.js';
import { loadWorkspaceSettings, type WorkspaceSettings } from '../core/workspace.js';
import { nodeFileSystem } from '../node/fs.js';
import {
  buildDocument,
  groupProblems,
  renderDocx,
  renderHtml,
  renderReadinessHtml,
  renderStandaloneHtml,
  localImageUrl,
  type HtmlOptions,
  type Problem,
  type ReportDocument,
} from '../core/render/index.js';
import { readinessText, type ExportParams, type ExportResult, type RenderPreviewParams, type RenderPreviewResult } from '../lsp/protocol.js';
import type { Finding } from '../core/types.js';
import { defaultConfig, type ResolvedConfig } from '../core/config.js';
import { RULES } from '../core/rules/index.js';

const cache = new Map<string, WorkspaceSettings>();

/** Config and profiles in force for a folder (`undefined`: untitled, built-ins only). */
export function settingsFor(dir: string | undefined): WorkspaceSettings | undefined {
  if (!dir) return undefined;
  const key = dir.replace(/\\/g, '/');
  let s = cache.get(key);
  if (!s) {
    s = loadWorkspaceSettings(nodeFileSystem, key);
    cache.set(key, s);
  }
  return s;
}

/** Forget cached settings (a config or profile file changed). */
export function clearSettingsCache(): void {
  cache.clear();
}

export interface RenderInput {
  text: string;
  /** The report's folder (absolute, `/`-separated), for its workspace config. */
  dir?: string;
  /** Editor setting `committeeReports.defaultTemplate`, used when no config names one. */
  defaultTemplate?: string;
}

export function documentFor(input: RenderInput): ReportDocument {
  const settings = settingsFor(input.dir);
  let config: ResolvedConfig | undefined = settings?.config;
  if (input.defaultTemplate && !config?.defaultTemplate) config = { ...(config ?? defaultConfig(RULES)), defaultTemplate: input.defaultTemplate };
  return buildDocument(analyseReport(input.text, settings?.profiles, config));
}

export interface PreviewRender {
  doc: ReportDocument;
  html: string;
}

export function renderPreview(input: RenderInput, html: HtmlOptions = {}): PreviewRender {
  const doc = documentFor(input);
  return { doc, html: renderHtml(doc, html) };
}

export interface ReadinessRender {
  html: string;
  summary: string;
  errors: number;
}

export function renderReadiness(doc: ReportDocument, problems: readonly Problem[]): ReadinessRender {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const p of problems) {
    if (p.severity === 'error') counts.errors++;
    else if (p.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  const summary = readinessText(counts);
  return { html: renderReadinessHtml(groupProblems(doc, problems), summary), summary, errors: counts.errors };
}

/** Errors a check finds in the text (the export gate; same check as the CLI's). */
export function errorsIn(input: RenderInput): Finding[] {
  const settings = settingsFor(input.dir);
  const opts = settings ? { profiles: settings.profiles, config: settings.config } : {};
  return checkReport(input.text, opts).findings.filter((f) => f.severity === 'error');
}

export async function exportBytes(input: RenderInput, format: 'docx' | 'html'): Promise<Uint8Array> {
  const doc = documentFor(input);
  return format === 'docx' ? renderDocx(doc) : new TextEncoder().encode(renderStandaloneHtml(doc));
}

// ---- the language server's side of the editor's preview and export ---------------------------

/** The last render of each open preview (by key): the readiness panel alone re-uses it. */
const previews = new Map<string, { text: string; dir: string | undefined; defaultTemplate: string | undefined; imageBase: string | undefined; doc: ReportDocument }>();

/** Renders the preview's report (unless only the readiness changed) and its readiness panel. */
export function previewFor(p: RenderPreviewParams): RenderPreviewResult {
  const input: RenderInput = { text: p.text };
  if (p.dir) input.dir = p.dir;
  if (p.defaultTemplate) input.defaultTemplate = p.defaultTemplate;
  const last = previews.get(p.key);
  const same = last && last.text === p.text && last.dir === p.dir && last.defaultTemplate === p.defaultTemplate && last.imageBase === p.imageBase;
  let doc: ReportDocument;
  let html: string | undefined;
  if (same && p.readinessOnly) {
    doc = last.doc;
  } else {
    const base = p.imageBase;
    const r = renderPreview(input, { imageSrc: (src) => (base ? localImageUrl(src, base) : undefined) });
    doc = r.doc;
    html = r.html;
    previews.set(p.key, { text: p.text, dir: p.dir, defaultTemplate: p.defaultTemplate, imageBase: p.imageBase, doc });
  }
  const ready = renderReadiness(doc, p.problems);
  const out: RenderPreviewResult = { title: doc.title, readiness: ready.html, summary: ready.summary, errors: ready.errors };
  if (html !== undefined) out.html = html;
  return out;
}

export function forgetPreview(key: string): void {
  previews.delete(key);
}

/** The export's gate (`format: 'errors'`) or its bytes, base64. */
export async function exportFor(p: ExportParams): Promise<ExportResult> {
  const input: RenderInput = { text: p.text };
  if (p.dir) input.dir = p.dir;
  if (p.defaultTemplate) input.defaultTemplate = p.defaultTemplate;
  if (p.format === 'errors') return { errors: errorsIn(input).map((f) => ({ line: f.range.start.line, message: f.message })) };
  return { errors: [], data: Buffer.from(await exportBytes(input, p.format)).toString('base64') };
}
