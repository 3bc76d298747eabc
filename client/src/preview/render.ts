/**
 * The preview's and the export commands' side of the one rendering: settings for the
 * report's folder, then the core's `analyseReport` → `buildDocument` → writers. No
 * `vscode` import, so it runs in plain Node tests too.
 */
import { analyseReport, checkReport } from '../../../server/src/core/check.js';
import { loadWorkspaceSettings, type WorkspaceSettings } from '../../../server/src/core/workspace.js';
import { nodeFileSystem } from '../../../server/src/node/fs.js';
import {
  buildDocument,
  groupProblems,
  renderDocx,
  renderHtml,
  renderReadinessHtml,
  renderStandaloneHtml,
  type HtmlOptions,
  type Problem,
  type ReportDocument,
} from '../../../server/src/core/render/index.js';
import { readinessText } from '../../../server/src/lsp/protocol.js';
import type { Finding } from '../../../server/src/core/types.js';
import { defaultConfig, type ResolvedConfig } from '../../../server/src/core/config.js';
import { RULES } from '../../../server/src/core/rules/index.js';

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
