import type { ReportModel, Section } from '../model.js';
import type { Range } from '../types.js';
import { normaliseAppendixLabel, type AppendixTarget, type CrossrefAnalysis } from './analysis.js';

/**
 * The "Summary of appendices" read as a list: one entry per line of its paragraphs and
 * list items ("Appendix 1 - Detail of funded childcare offers", "a. Map of clusters").
 * "None", "n/a" and the like list nothing.
 */
export interface SummaryEntry {
  /** Normalised label (`1`, `b`), or '' when the line names no "Appendix X". */
  label: string;
  written: string;
  title: string;
  range: Range;
}

const NONE_RE = /^(?:none|nil|n\/?a|not applicable|no appendices|there are no appendices(?: to this report)?)\.?$/i;
const ITEM_MARK_RE = /^(?:[-*+]\s+|\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s+)/i;
const ENTRY_RE = /^(?:appendix|annex)\s*(\d{1,3}|[A-Za-z])(?!\w)[\s:.\-–—]*([^\s:.\-–—].*|)$/i;

function plain(s: string): string {
  return s.replace(/<!--.*?-->/g, '').replace(/\*\*|__|[*_`]/g, '').trim();
}

export function summaryEntries(model: ReportModel, summary: Section): SummaryEntry[] {
  const out: SummaryEntry[] = [];
  const text = model.text;
  const blocks = [...summary.blocks, ...summary.children.flatMap((c) => c.blocks)];
  for (const b of blocks) {
    if (b.kind === 'code' || b.kind === 'html' || b.kind === 'rule') continue;
    let lineStart = b.start;
    while (lineStart < b.end) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd === -1 || lineEnd > b.end) lineEnd = b.end;
      const raw = text.slice(lineStart, lineEnd);
      const lead = raw.length - raw.trimStart().length;
      let line = raw.trim();
      let start = lineStart + lead;
      for (let i = 0; i < 2; i++) {
        const m = ITEM_MARK_RE.exec(line);
        if (!m) break;
        line = line.slice(m[0].length);
        start += m[0].length;
      }
      const p = plain(line).trimEnd();
      if (p && !NONE_RE.test(p) && !/^\|?[\s|:-]*$/.test(p)) {
        const m = ENTRY_RE.exec(p);
        const end = start + line.trimEnd().length;
        out.push({
          label: m ? normaliseAppendixLabel(m[1]!) : '',
          written: m ? m[1]! : '',
          title: (m ? m[2]! : p).trim(),
          range: model.index.range(start, end),
        });
      }
      lineStart = lineEnd + 1;
    }
  }
  return out;
}

function norm(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

function sameTitle(a: string, b: string): boolean {
  const x = norm(a);
  const y = norm(b);
  if (!x || !y) return false;
  return x === y || (Math.min(x.length, y.length) >= 10 && (x.includes(y) || y.includes(x)));
}

export interface SummaryCheck {
  entries: SummaryEntry[];
  /** Entries with no appendix in the report or beside it. */
  absent: SummaryEntry[];
  /** Appendices present but not listed. */
  unlisted: AppendixTarget[];
  /** Labels referred to in the text ("see Appendix 3"), neither listed nor present, with the first reference's range. */
  referred: { label: string; written: string; range: Range }[];
}

/** Pairs the summary's entries with the appendices: by label, else by title, else the one left with the one left. */
export function checkSummary(model: ReportModel, a: CrossrefAnalysis): SummaryCheck | undefined {
  if (!a.summary) return undefined;
  const entries = summaryEntries(model, a.summary);
  const free = new Set(a.appendices);
  const matched = new Set<SummaryEntry>();
  const byLabel = new Map<string, AppendixTarget[]>();
  for (const x of a.appendices) if (x.label) byLabel.set(x.label, [...(byLabel.get(x.label) ?? []), x]);
  for (const e of entries) {
    const hit = e.label ? byLabel.get(e.label)?.shift() : undefined;
    if (hit) {
      free.delete(hit);
      matched.add(e);
    }
  }
  // By title: pairwise, so only for a summary of ordinary size.
  for (const e of entries.length <= 200 ? entries : []) {
    if (matched.has(e)) continue;
    const hit = [...free].find((x) => (!e.label || !x.label) && x.title && sameTitle(x.title, e.title));
    if (hit) {
      free.delete(hit);
      matched.add(e);
    }
  }
  const left = entries.filter((e) => !matched.has(e));
  if (left.length === 1 && free.size === 1) {
    const [x] = [...free];
    if (!left[0]!.label || !x!.label) {
      matched.add(left[0]!);
      free.clear();
    }
  }
  const listed = new Set(entries.map((e) => e.label).filter(Boolean));
  const present = new Set(a.appendices.map((x) => x.label).filter(Boolean));
  const referred: SummaryCheck['referred'] = [];
  const seen = new Set<string>();
  for (const r of a.refs) {
    if (r.ref.kind !== 'appendix') continue;
    for (const l of r.ref.labels) {
      if (listed.has(l.value) || present.has(l.value) || seen.has(l.value)) continue;
      seen.add(l.value);
      referred.push({ label: l.value, written: l.written, range: model.index.range(l.start, l.end) });
    }
  }
  return { entries, absent: entries.filter((e) => !matched.has(e)), unlisted: [...free], referred };
}
