import type { ReportModel, Section } from '../model.js';
import type { TemplateMatch } from '../templates/match.js';
import type { Range, TextEdit } from '../types.js';
import { analyseCrossrefs, firstWords, neighbours, type AppendixTarget, type CrossrefAnalysis, type ResolvedRef, type Target } from './analysis.js';
import { describeRef, type RefLabel } from './refs.js';
import { addTo } from '../text.js';

/**
 * Editor features on references: what a reference points at (go to definition), its
 * first words (hover), document links, and the reference edits that go with a
 * renumbering. Pure: the server turns these into protocol shapes.
 */

export interface RefAt {
  ref: ResolvedRef;
  label?: RefLabel;
  /** The label's range (the whole reference for "the chart below"). */
  range: Range;
  target: Target | AppendixTarget | undefined;
}

function isAppendix(t: Target | AppendixTarget): t is AppendixTarget {
  return !('textStart' in t);
}

/** The reference under `offset` (on a label, or on its noun when it has one label). Binary search over the references. */
export function referenceAt(model: ReportModel, match: TemplateMatch | undefined, offset: number, appendixFiles?: readonly string[]): RefAt | undefined {
  const a = analyseCrossrefs(model, match, appendixFiles, appendixFiles === undefined);
  const refs = a.refs;
  let lo = 0;
  let hi = refs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (refs[mid]!.ref.end < offset) lo = mid + 1;
    else hi = mid;
  }
  const r = refs[lo];
  if (!r || r.ref.start > offset || r.ref.end < offset) return undefined;
  if (r.ref.direction) return { ref: r, range: model.index.range(r.ref.start, r.ref.end), target: r.hits[0] };
  const i = r.ref.labels.findIndex((l) => l.start <= offset && offset <= l.end);
  const at = i >= 0 ? i : r.ref.labels.length === 1 ? 0 : -1;
  if (at < 0) return undefined;
  const label = r.ref.labels[at]!;
  return { ref: r, label, range: model.index.range(label.start, label.end), target: r.hits[at] };
}

/** Where "go to definition" goes: a place in the report, or an appendix file beside it. */
export type Definition = { range: Range } | { file: string };

export function crossrefDefinition(model: ReportModel, match: TemplateMatch | undefined, offset: number, appendixFiles?: readonly string[]): Definition | undefined {
  const at = referenceAt(model, match, offset, appendixFiles);
  if (!at?.target) return undefined;
  const t = at.target;
  if (isAppendix(t)) return t.file ? { file: t.file } : t.range ? { range: t.range } : undefined;
  return { range: t.range };
}

function lineOf(r: Range): number {
  return r.start.line + 1;
}

/** Hover text (Markdown) for the reference under `offset`: the paragraph's first words, or what is missing. */
export function crossrefHover(model: ReportModel, match: TemplateMatch | undefined, offset: number, appendixFiles?: readonly string[]): { contents: string; range: Range } | undefined {
  const at = referenceAt(model, match, offset, appendixFiles);
  if (!at) return undefined;
  const name = describeRef(at.ref.ref, at.label);
  const title = name[0]!.toUpperCase() + name.slice(1);
  const a = analyseCrossrefs(model, match, appendixFiles, appendixFiles === undefined);
  const t = at.target;
  if (!t) return { contents: `**${title}**: not in this report.${missingDetail(a, at)}`, range: at.range };
  if (isAppendix(t)) {
    const where = t.file ? `file \`${t.file}\`` : `line ${lineOf(t.range!)}`;
    return { contents: `**${title}**${t.title ? `: ${t.title}` : ''} (${where})`, range: at.range };
  }
  return { contents: `**${title}** (line ${lineOf(t.range)})\n\n${firstWords(model, t)}`, range: at.range };
}

function missingDetail(a: CrossrefAnalysis, at: RefAt): string {
  const kind = at.ref.ref.kind;
  if (!at.label || (kind !== 'paragraph' && kind !== 'section')) return '';
  const { below, above } = neighbours(kind === 'paragraph' ? a.paragraphs : a.sections, at.label.value);
  const near = [below, above].filter((x): x is Target => x !== undefined).map((x) => `${x.label} (line ${lineOf(x.range)})`);
  return near.length ? ` Nearest: ${near.join(', ')}.` : '';
}

export interface CrossrefLink {
  range: Range;
  /** A line of this report (0-based), or an appendix file. */
  line?: number;
  file?: string;
  tooltip: string;
}

/** Document links: every resolved reference label, to its target. */
export function crossrefLinks(model: ReportModel, match: TemplateMatch | undefined, appendixFiles?: readonly string[]): CrossrefLink[] {
  const a = analyseCrossrefs(model, match, appendixFiles, appendixFiles === undefined);
  const out: CrossrefLink[] = [];
  for (const r of a.refs) {
    const spans = r.ref.direction ? [{ start: r.ref.start, end: r.ref.end, label: undefined }] : r.ref.labels.map((l) => ({ start: l.start, end: l.end, label: l }));
    spans.forEach((s, i) => {
      const t = r.hits[i];
      if (!t) return;
      const tooltip = `Go to ${describeRef(r.ref, s.label)}`;
      const range = model.index.range(s.start, s.end);
      if (isAppendix(t)) {
        if (t.file) out.push({ range, file: t.file, tooltip });
        else if (t.range) out.push({ range, line: t.range.start.line, tooltip });
      } else out.push({ range, line: t.range.start.line, tooltip });
    });
  }
  return out;
}

/**
 * Edits that renumber the references to a paragraph whose number changes (`start` is
 * where its number is written): "see paragraph 4.3" follows 4.3 → 4.2.
 */
export function referenceRenumbering(model: ReportModel, match: TemplateMatch | undefined): (numberStart: number, value: string) => TextEdit[] {
  let byTarget: Map<number, RefLabel[]> | undefined;
  return (numberStart, value) => {
    if (!byTarget) {
      byTarget = new Map();
      const a = analyseCrossrefs(model, match, undefined, true);
      for (const r of a.refs) {
        if (r.ref.kind !== 'paragraph' && r.ref.kind !== 'section') continue;
        r.ref.labels.forEach((l, i) => {
          const t = r.hits[i];
          if (!t || isAppendix(t) || t.kind !== 'block') return;
          addTo(byTarget!, t.start, l);
        });
      }
    }
    return (byTarget.get(numberStart) ?? []).map((l) => ({ range: model.index.range(l.start, l.end), newText: value }));
  };
}

/** How many referring places an outline entry names before "and N more". */
const MAX_REFERRERS = 8;

/**
 * For the outline: the places that refer to each section (to its heading, one of its own
 * numbered paragraphs, or, for an appendix, the appendix), by paragraph number where the
 * reference stands in a numbered paragraph, else by its section's number or heading.
 * In document order, each place once: `referred to from 2.1, 4.3`. One binary search
 * per reference, so linear in the references.
 */
export function referrersBySection(model: ReportModel, match: TemplateMatch | undefined): Map<Section, string> {
  const a = analyseCrossrefs(model, match, undefined, true);
  const sections = model.allSections;
  const starts = sections.map((s) => s.start);
  /** The innermost section holding `offset`: the last to start at or before it, or the one of its parents that still holds it. */
  const sectionAt = (offset: number): Section | undefined => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    for (let s: Section | undefined = sections[lo - 1]; s; s = s.parent) if (offset < s.end) return s;
    return undefined;
  };
  const places = new Map<Section, Set<string>>();
  for (const r of a.refs) {
    const from = r.block.number?.value ?? (r.section ? r.section.heading.number ?? `"${r.section.heading.title || r.section.heading.text.trim()}"` : 'the opening');
    for (const hit of r.hits) {
      if (!hit) continue;
      const target = isAppendix(hit) ? hit.section : sectionAt(hit.start);
      if (!target || (!isAppendix(hit) && target === r.section && hit.kind === 'block' && r.block.start <= hit.start && hit.start < r.block.end)) continue;
      let set = places.get(target);
      if (!set) places.set(target, (set = new Set()));
      set.add(from);
    }
  }
  const out = new Map<Section, string>();
  for (const [s, set] of places) {
    const list = [...set];
    const shown = list.slice(0, MAX_REFERRERS).join(', ');
    out.set(s, `referred to from ${shown}${list.length > MAX_REFERRERS ? ` and ${list.length - MAX_REFERRERS} more` : ''}`);
  }
  return out;
}
