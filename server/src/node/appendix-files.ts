import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { appendixFileLabel } from '../core/crossref/analysis.js';
import { reportStem } from '../core/paths.js';
import { addTo } from '../core/text.js';

/** Work counted for tests: folders listed. */
export const appendixWork = { listed: 0 };

interface Listing {
  at: number;
  names: string[];
  /** The names of the form `<stem>.appendix-X.<ext>`, by their stem in lower case (made when first asked). */
  byStem?: Map<string, string[]>;
}

/** A folder's file names, read at most once a second (the editor checks on every pause in typing). */
const listings = new Map<string, Listing>();

function listingOf(dir: string, maxAgeMs: number): Listing {
  const now = Date.now();
  const hit = listings.get(dir);
  if (hit && now - hit.at < maxAgeMs) return hit;
  appendixWork.listed++;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    names = [];
  }
  if (listings.size > 200) listings.clear();
  const listing = { at: now, names };
  listings.set(dir, listing);
  return listing;
}

/** An appendix file's name ends `.appendix-X.<ext>` (see `appendixFileLabel`); what comes before is its report's stem. */
const APPENDIX_END = /\.appendix-(?:\d{1,3}|[A-Za-z])\.[^.]+$/i;

function byStem(names: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const n of names) {
    const m = APPENDIX_END.exec(n);
    if (!m) continue;
    addTo(out, n.slice(0, m.index).toLowerCase(), n);
  }
  return out;
}

/**
 * The files beside a report that are its appendices by the convention in
 * docs/report-format.md: `<report>.appendix-X.<ext>` (`budget.report.md` →
 * `budget.appendix-B.xlsx`). Full paths, in the folder's order. `maxAgeMs`: how old a
 * folder listing may be (the editor's default of a second; 0 reads the folder afresh, as a
 * CLI run does the first time it meets the folder). The listing's names are indexed by
 * report once, so that each report of a large folder does not test every name.
 */
export function appendixFilesBeside(file: string, maxAgeMs = 1000): string[] {
  const dir = dirname(file);
  const report = basename(file);
  const listing = listingOf(dir, maxAgeMs);
  const stem = reportStem(report).toLowerCase();
  const named = (listing.byStem ??= byStem(listing.names)).get(stem);
  return named ? named.filter((n) => n !== report && appendixFileLabel(report, n) !== undefined).map((n) => join(dir, n)) : [];
}
