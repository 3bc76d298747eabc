import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { appendixFileLabel } from '../core/crossref/analysis.js';

/** A folder's file names, read at most once a second (the editor checks on every pause in typing). */
const listings = new Map<string, { at: number; names: string[] }>();

function namesIn(dir: string, maxAgeMs: number): string[] {
  const now = Date.now();
  const hit = listings.get(dir);
  if (hit && now - hit.at < maxAgeMs) return hit.names;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    names = [];
  }
  if (listings.size > 200) listings.clear();
  listings.set(dir, { at: now, names });
  return names;
}

/**
 * The files beside a report that are its appendices by the convention in
 * docs/report-format.md: `<report>.appendix-X.<ext>` (`budget.report.md` →
 * `budget.appendix-B.xlsx`). Full paths. `maxAgeMs`: how old a folder listing may be (the
 * editor's default of a second; 0 reads the folder afresh, as a CLI run and its cache key need).
 */
export function appendixFilesBeside(file: string, maxAgeMs = 1000): string[] {
  const dir = dirname(file);
  const report = basename(file);
  return namesIn(dir, maxAgeMs)
    .filter((n) => n !== report && appendixFileLabel(report, n) !== undefined)
    .map((n) => join(dir, n));
}
