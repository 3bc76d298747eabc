import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { loadWorkspaceSettings, type WorkspaceSettings } from '../../core/workspace.js';
import type { Profile } from '../../core/templates/schema.js';
import { nodeFileSystem } from '../fs.js';
import { importDocx, type ImportResult } from './index.js';
import type { ImportWordResult } from '../../lsp/protocol.js';

/**
 * The editor's import (the language server's `committeeReports/importWord` request):
 * converts the .docx with its folder's settings and returns the draft and a free name
 * beside it. Writes nothing: the officer saves the draft.
 */

/** `report.docx` → `report.report.md` beside it. */
export function draftPathFor(docx: string): string {
  return join(dirname(docx), `${basename(docx).replace(/\.(docx|docm|dotx|doc)$/i, '')}.report.md`);
}

/** The default draft path, or `report-imported.report.md`, `-imported-2` … when taken. */
export function freeDraftPath(docx: string, exists: (p: string) => boolean = existsSync): string {
  const first = draftPathFor(docx);
  if (!exists(first)) return first;
  const stem = first.replace(/\.report\.md$/, '');
  for (let i = 1; ; i++) {
    const p = `${stem}-imported${i === 1 ? '' : `-${i}`}.report.md`;
    if (!exists(p)) return p;
  }
}

/** Imports with a folder's settings: its profiles, and its default template when none is recognised. */
export function importWithSettings(bytes: Uint8Array, settings: WorkspaceSettings, template?: Profile): Promise<ImportResult> {
  const fallback = settings.config.defaultTemplate ? settings.profiles.get(settings.config.defaultTemplate) : undefined;
  return importDocx(bytes, { profiles: settings.profiles.all(), ...(template ? { template } : {}), ...(fallback ? { fallback } : {}) });
}

export async function importForEditor(path: string): Promise<ImportWordResult> {
  try {
    const settings = loadWorkspaceSettings(nodeFileSystem, dirname(path).split(sep).join('/'));
    const r = await importWithSettings(readFileSync(path), settings);
    const out: ImportWordResult = { text: r.markdown, draftPath: freeDraftPath(path), notes: r.notes };
    if (r.profile) out.template = r.profile.id;
    return out;
  } catch (e) {
    return { notes: [], error: e instanceof Error ? e.message : String(e) };
  }
}
