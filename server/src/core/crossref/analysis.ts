import { baseName, reportStem } from '../paths.js';
import { defineUnitMemo, joinUnits, sameAsLastCheck, unitMemo, unitMemoIfAny, type Block, type ReportModel, type Section, type Unit } from '../model.js';
import type { RuleContext } from '../rules/define.js';
import type { TemplateMatch } from '../templates/match.js';
import type { Range, Unchanged } from '../types.js';
import { scanReferences, type Reference, type RefLabel } from './refs.js';
import { lastAtOrBefore, stripEnd } from '../text.js';

/**
 * What a report's references can point at, and the references themselves: one pass over
 * the model per check (cached by model and appendix files), shared by the `crossref/*`
 * rules and the editor features (go to definition, hover, links, renumbering).
 *
 * Targets:
 * - paragraphs: every numbered paragraph or list item before the appendices, and every
 *   numbered heading (`### 4.2 Legal implications` is paragraph and section 4.2);
 * - sections: numbered headings (as written, or their template slot's number);
 * - appendices: a `# Appendix X` section of the report, or a file beside the report named
 *   `<report>.appendix-X.<ext>` (the caller lists those: the core reads no files);
 * - tables and figures: a block or heading that opens with the caption ("Table 2: ...",
 *   "**Figure 1** Budget"), or an image whose alt text does; "the chart below" needs a
 *   table or an image after the reference in the same section ("above": before it).
 *
 * References are read from the body's paragraphs, list items, tables and quotes before
 * the first `# Appendix` (an appendix is often another document, with its own numbers),
 * outside the "Summary of appendices" (which lists appendices; see `appendixSummary`).
 */

export interface Target {
  label: string;
  /** Where it is: the number, the heading text, the caption. */
  range: Range;
  start: number;
  end: number;
  /** The block or heading it names, for hover text (its first words). */
  textStart: number;
  textEnd: number;
  kind: 'block' | 'heading';
}

export interface AppendixTarget {
  /** Normalised label (`1`, `b`), or '' for an unlabelled `# Appendix`. */
  label: string;
  title: string;
  /** The heading, when a section of the report. */
  section?: Section;
  range?: Range;
  /** The file name, when a file beside the report. */
  file?: string;
}

export interface ResolvedRef {
  ref: Reference;
  /** One per label (or one for "the chart below"); undefined: nothing there. */
  hits: (Target | AppendixTarget | undefined)[];
  block: Block;
  section: Section | undefined;
}

export interface CrossrefAnalysis {
  /** Paragraph numbers (and numbered headings), sorted by number. */
  paragraphs: Map<string, Target>;
  sections: Map<string, Target>;
  appendices: AppendixTarget[];
  /**
   * Headings below level one that read as an appendix's own ("## Appendix A: Budget"),
   * outside the Summary of appendices: the officer meant an appendix, but only a level-one
   * heading starts one, so the rules that find an appendix missing point at these.
   */
  demoted: AppendixTarget[];
  /** Captions by `table 2`, `figure 1`, `chart 3`. */
  captions: Map<string, Target>;
  refs: ResolvedRef[];
  /** The "Summary of appendices" section, when the template has one and the report matched it. */
  summary?: Section;
}

const cache = new WeakMap<object, { files: readonly string[] | undefined; value: CrossrefAnalysis }>();

const SCANNED = new Set(['paragraph', 'item', 'table', 'quote']);
const CAPTION_RE = /^(?:\s|[-*+>]|\*\*|__|\*|_|!?\[){0,8}(table|figure|fig\.?|chart|graph|diagram)\s+(\d{1,3}(?:\.\d{1,3})?|[A-Z])(?![\w])/i;
const IMAGE_ALT_RE = /!\[([^\]\n]{0,300})\]/g;
const VISUAL_RE = /!\[|<img\b|<figure\b|<svg\b|<table\b|<picture\b/i;
const APPENDIX_HEADING_RE = /^appendix(?:\s+(\d{1,3}|[A-Za-z])(?!\w))?[\s:.\-–—]*([^\s:.\-–—].*|)$/i;

/** `fig.` / `Figure` → `figure`; `Table` → `table`. */
function captionKey(noun: string, label: string): string {
  const n = noun.toLowerCase().replace(/\.$/, '');
  return `${n === 'fig' ? 'figure' : n} ${/^\d/.test(label) ? label.split('.').map(Number).join('.') : label.toUpperCase()}`;
}

export function normaliseAppendixLabel(written: string): string {
  return /^\d/.test(written) ? String(Number(written)) : written.toLowerCase();
}

/** `# Appendix B: Budget` → label `b`, title `Budget`; `# Appendix: Action plan` → '' and the title. */
export function readAppendixHeading(text: string): { label: string; title: string } | undefined {
  const m = APPENDIX_HEADING_RE.exec(text.trim());
  if (!m) return undefined;
  return { label: m[1] ? normaliseAppendixLabel(m[1]) : '', title: m[2]!.trim() };
}

/** The label of a file beside the report named by the convention `<report>.appendix-X.<ext>`, or undefined. */
export function appendixFileLabel(reportFile: string, file: string): string | undefined {
  const stem = reportStem(reportFile);
  const name = baseName(file);
  if (!name.toLowerCase().startsWith(`${stem.toLowerCase()}.appendix-`)) return undefined;
  const m = /^(\d{1,3}|[A-Za-z])\.[^.]+$/.exec(name.slice(stem.length + '.appendix-'.length));
  return m ? normaliseAppendixLabel(m[1]!) : undefined;
}

function firstLineEnd(text: string, start: number, end: number): number {
  const nl = text.indexOf('\n', start);
  return nl === -1 || nl > end ? end : nl;
}

/**
 * The analysis for one check. `anyFiles`: the caller needs no appendix (renumbering), so
 * an analysis made with any list of appendix files will do.
 */
export function analyseCrossrefs(model: ReportModel, match: TemplateMatch | undefined, appendixFiles?: readonly string[], anyFiles = false): CrossrefAnalysis {
  const key: object = match ?? model;
  const hit = cache.get(key);
  if (hit && (anyFiles || hit.files === appendixFiles)) return hit.value;
  crossrefWork.analyses++;
  const value = analyse(model, match, appendixFiles);
  cache.set(key, { files: appendixFiles, value });
  return value;
}

function analyse(model: ReportModel, match: TemplateMatch | undefined, appendixFiles: readonly string[] | undefined): CrossrefAnalysis {
  const text = model.text;
  const paragraphs = new Map<string, Target>();
  const sections = new Map<string, Target>();
  const captions = new Map<string, Target>();
  const appendices: AppendixTarget[] = [];
  const demoted: AppendixTarget[] = [];
  let summary: Section | undefined;
  const inSummary = (s: Section): boolean => {
    for (let t: Section | undefined = s; t; t = t.parent) if (t === summary) return true;
    return false;
  };

  for (const s of model.allSections) {
    const h = s.heading;
    if (!summary && match?.bySection.get(s)?.spec.kind === 'appendices') summary = s;
    if (s.inAppendix) {
      if (h.depth === 1) {
        const a = readAppendixHeading(h.text);
        if (a) appendices.push({ ...a, section: s, range: h.textRange });
      }
    } else {
      if (h.depth > 1 && !h.number && !inSummary(s)) {
        const a = readAppendixHeading(h.text);
        if (a?.label) demoted.push({ ...a, section: s, range: h.textRange });
      }
      const written = h.number;
      const slot = written ? undefined : match?.bySection.get(s)?.spec.number;
      const num = written ?? slot;
      if (num) {
        const label = num.split('.').map(Number).join('.');
        const t: Target = { label, range: h.textRange, start: h.textStart, end: h.textEnd, textStart: h.textStart, textEnd: h.textEnd, kind: 'heading' };
        if (!sections.has(label)) sections.set(label, t);
        if (written && !paragraphs.has(label)) paragraphs.set(label, t);
      }
    }
    const c = CAPTION_RE.exec(h.text);
    if (c) captions.set(captionKey(c[1]!, c[2]!), { label: c[2]!, range: h.textRange, start: h.textStart, end: h.textEnd, textStart: h.textStart, textEnd: h.textEnd, kind: 'heading' });
  }
  for (const f of appendixFiles ?? []) {
    const name = baseName(f);
    const label = /\.appendix-(\d{1,3}|[A-Za-z])\.[^.]+$/i.exec(name)?.[1];
    if (label !== undefined) appendices.push({ label: normaliseAppendixLabel(label), title: '', file: name });
  }

  const refs: ResolvedRef[] = [];
  const pending: { ref: Reference; block: Block }[] = [];
  // Only the blocks with something to read (a number, a caption, a reference), each read
  // once while its node is unchanged (see `BLOCK_SCANS`).
  const all = model.allSections;
  const scanned = joinUnits(model, BLOCK_SCANS_KEY, (unit) => unitBlockScans(model, unit));
  for (let i = 0; i < scanned.length; i++) {
    const { block: b, scan } = scanned[i]!;
    if (scan.caption) {
      const c = scan.caption;
      if (!captions.has(c.key)) captions.set(c.key, { label: c.label, range: model.index.range(c.start, c.end), start: c.start, end: c.end, textStart: b.start, textEnd: b.end, kind: 'block' });
    }
    if (scan.images) {
      for (const c of scan.images) {
        if (!captions.has(c.key)) captions.set(c.key, { label: c.label, range: model.index.range(c.start, c.end), start: c.start, end: c.end, textStart: b.start, textEnd: b.end, kind: 'block' });
      }
    }
    if (b.start >= model.appendixStart) continue;
    if (b.number) {
      const label = scan.label!;
      if (!paragraphs.has(label)) paragraphs.set(label, { label, range: b.number.range, start: b.number.start, end: b.number.end, textStart: b.number.end, textEnd: b.end, kind: 'block' });
    }
    if (!scan.refs) continue;
    const s = all[lastAtOrBefore(all, b.start, (x) => x.start)];
    if (s && summary && inSummary(s)) continue;
    for (const ref of scan.refs) pending.push({ ref, block: b });
  }

  const visuals = new Map<Section | undefined, VisualIndex>();
  const visualsOf = (section: Section | undefined): VisualIndex => {
    let vi = visuals.get(section);
    if (!vi) {
      const first = model.allSections[0]?.start ?? text.length;
      vi = visualIndex(section ? section.blocks : model.blocks.filter((b) => b.start < first));
      visuals.set(section, vi);
    }
    return vi;
  };
  for (const { ref, block } of pending) {
    const section = all[lastAtOrBefore(all, block.start, (x) => x.start)];
    let hits: ResolvedRef['hits'];
    if (ref.direction) hits = [visualNear(model, block, visualsOf(section), ref.direction)];
    else hits = ref.labels.map((l) => resolveLabel(ref, l, paragraphs, sections, appendices, captions));
    refs.push({ ref, hits, block, section });
  }
  const out: CrossrefAnalysis = { paragraphs, sections, appendices, demoted, captions, refs };
  if (summary) out.summary = summary;
  return out;
}

/** A caption read from a block: its key (`table 2`), label as written, and where it is. */
interface Caption {
  key: string;
  label: string;
  start: number;
  end: number;
}

/** What one block holds for the cross-references (absolute offsets); only blocks with something are listed. */
interface BlockScan {
  /** The block's index in its unit's blocks. */
  bi: number;
  /** Its paragraph number as a label (`4.1`). */
  label?: string;
  /** A caption opening the block. */
  caption?: Caption;
  /** Captions in images' alt texts. */
  images?: Caption[];
  /** The references it makes, when it is of a kind read for them. */
  refs?: Reference[];
}

function shiftCaption(c: Caption, d: number): void {
  c.start += d;
  c.end += d;
}

/** Per node: what each of its blocks holds for the cross-references, kept while the node is unchanged. */
const BLOCK_SCANS = defineUnitMemo<BlockScan[]>({
  compute(unit, model) {
    const out: BlockScan[] = [];
    const text = model.text;
    const blocks = unit.blocks ?? [];
    crossrefWork.blocksRead += blocks.length;
    for (let bi = 0; bi < blocks.length; bi++) {
      const b = blocks[bi]!;
      if (b.kind === 'code' || b.kind === 'rule') continue;
      const scan: BlockScan = { bi };
      // Captions: the block's first line, and any image's alt text.
      const headEnd = firstLineEnd(text, b.start, b.end);
      const c = CAPTION_RE.exec(text.slice(b.start, headEnd));
      if (c) scan.caption = { key: captionKey(c[1]!, c[2]!), label: c[2]!, start: b.start, end: headEnd };
      if (b.source.includes('![')) {
        IMAGE_ALT_RE.lastIndex = 0;
        for (let m = IMAGE_ALT_RE.exec(b.source); m !== null; m = IMAGE_ALT_RE.exec(b.source)) {
          const ic = CAPTION_RE.exec(m[1]!);
          if (!ic) continue;
          const s = b.start + m.index;
          (scan.images ??= []).push({ key: captionKey(ic[1]!, ic[2]!), label: ic[2]!, start: s, end: s + m[0].length });
        }
      }
      if (b.number) scan.label = b.number.parts.join('.');
      if (SCANNED.has(b.kind)) {
        const refs = scanReferences(b.source, b.start);
        if (refs.length > 0) scan.refs = refs;
      }
      if (scan.caption || scan.images || scan.label !== undefined || scan.refs) out.push(scan);
    }
    return out;
  },
  shift(scans, d) {
    for (const s of scans) {
      if (s.caption) shiftCaption(s.caption, d);
      if (s.images) for (const c of s.images) shiftCaption(c, d);
      if (s.refs) {
        for (const r of s.refs) {
          r.start += d;
          r.end += d;
          for (const l of r.labels) {
            l.start += d;
            l.end += d;
          }
        }
      }
    }
  },
  still: (scans) => scans.every((s) => !s.caption && !s.images && !s.refs),
});

const BLOCK_SCANS_KEY = {};

/** Work counted for tests: blocks read for captions, numbers and references; blocks tested for a table or an image. */
export const crossrefWork = { blocksRead: 0, visualTests: 0, analyses: 0 };
const NO_SCANS: readonly never[] = [];

/** A node's blocks that hold something for the cross-references, each with what it holds. */
function unitBlockScans(model: ReportModel, unit: Unit): readonly { block: Block; scan: BlockScan }[] {
  const scans = unitMemo(model, unit, BLOCK_SCANS);
  return scans.length === 0 ? NO_SCANS : scans.map((scan) => ({ block: unit.blocks![scan.bi]!, scan }));
}

function resolveLabel(
  ref: Reference,
  l: RefLabel,
  paragraphs: Map<string, Target>,
  sections: Map<string, Target>,
  appendices: AppendixTarget[],
  captions: Map<string, Target>,
): Target | AppendixTarget | undefined {
  switch (ref.kind) {
    case 'paragraph':
      return paragraphs.get(l.value) ?? sections.get(l.value);
    case 'section':
      return sections.get(l.value) ?? paragraphs.get(l.value);
    case 'appendix':
      return appendices.find((a) => a.label === l.value);
    default:
      return captions.get(captionKey(ref.noun, l.value));
  }
}

/**
 * Whether a block is a table or an image (or opens with a caption), kept with the block:
 * a block an edit leaves alone keeps its source, and the sections around an edit are
 * indexed again on each check.
 */
const visualBlocks = new WeakMap<Block, boolean>();

function isVisual(b: Block): boolean {
  let v = visualBlocks.get(b);
  if (v === undefined) {
    crossrefWork.visualTests++;
    v = b.kind === 'table' || ((b.kind === 'paragraph' || b.kind === 'html' || b.kind === 'item') && VISUAL_RE.test(b.source)) || CAPTION_RE.test(b.source.slice(0, 80));
    visualBlocks.set(b, v);
  }
  return v;
}

interface VisualIndex {
  at: Map<Block, number>;
  blocks: Block[];
  /** For each block, the index of the first visual block after (before) it, or -1. */
  next: number[];
  prev: number[];
}

/** Per section, built once per analysis (a report with many "the chart below" stays linear). */
function visualIndex(blocks: Block[]): VisualIndex {
  const at = new Map<Block, number>();
  const next = new Array<number>(blocks.length).fill(-1);
  const prev = new Array<number>(blocks.length).fill(-1);
  let seen = -1;
  for (let i = 0; i < blocks.length; i++) {
    at.set(blocks[i]!, i);
    prev[i] = seen;
    if (isVisual(blocks[i]!)) seen = i;
  }
  seen = -1;
  for (let i = blocks.length - 1; i >= 0; i--) {
    next[i] = seen;
    if (isVisual(blocks[i]!)) seen = i;
  }
  return { at, blocks, next, prev };
}

/** A table or image after (before) `block` among its section's blocks, up to the next heading. */
function visualNear(model: ReportModel, block: Block, vi: VisualIndex, direction: 'below' | 'above'): Target | undefined {
  const i = vi.at.get(block);
  if (i === undefined) return undefined;
  // The block itself may hold the image ("The chart below: ![...](...)").
  if (block.kind !== 'table' && /!\[|<img\b/i.test(block.source)) return target(model, block);
  const j = direction === 'below' ? vi.next[i]! : vi.prev[i]!;
  return j >= 0 ? target(model, vi.blocks[j]!) : undefined;
}

function target(model: ReportModel, b: Block): Target {
  const end = firstLineEnd(model.text, b.start, b.end);
  return { label: '', range: model.index.range(b.start, end), start: b.start, end, textStart: b.start, textEnd: b.end, kind: 'block' };
}

/** Numeric order of paragraph numbers (`4.10` after `4.9`). */
export function compareNumbers(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

const sortedCache = new WeakMap<Map<string, Target>, Target[]>();

/** The existing numbers just below and above a missing one, in number order (binary search over a sorted copy). */
export function neighbours(map: Map<string, Target>, missing: string): { below?: Target; above?: Target } {
  let sorted = sortedCache.get(map);
  if (!sorted) {
    sorted = [...map.values()].sort((a, b) => compareNumbers(a.label, b.label));
    sortedCache.set(map, sorted);
  }
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareNumbers(sorted[mid]!.label, missing) < 0) lo = mid + 1;
    else hi = mid;
  }
  const out: { below?: Target; above?: Target } = {};
  if (lo > 0) out.below = sorted[lo - 1]!;
  const above = sorted[lo]?.label === missing ? sorted[lo + 1] : sorted[lo];
  if (above) out.above = above;
  return out;
}

/** A target's first words, for hover text and messages: up to `max` characters of its text. */
export function firstWords(model: ReportModel, t: Target, max = 160): string {
  const raw = model.text.slice(t.textStart, Math.min(t.textEnd, t.textStart + max * 2));
  const flat = raw.replace(/<!--[\s\S]*?-->/g, ' ').replace(/[*_`#>|]/g, '').replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  // Without the last word cut short (and the space before it).
  const cut = flat.slice(0, max - 1);
  const word = stripEnd(cut, /\S/);
  return `${word ? stripEnd(word, /\s/) : cut}…`;
}

/** The one key a cross-reference rule files its findings under (see `crossrefRule`). */
const ALL_REFS = {};

/** The appendix files of the session's last check (see `sameAsLastCheck`). */
const lastFiles = new WeakMap<object, readonly string[] | undefined>();
const keptFor = new WeakMap<ReportModel, Unchanged | undefined>();

/**
 * Runs a cross-reference rule's `check` on the whole report, or, in an editing session,
 * reports again what it reported at the last check when the edit since cannot have changed
 * it (see `crossrefUnchanged`): then the analysis is not made at all.
 */
export function crossrefRule(ctx: RuleContext<unknown>, check: () => void): void {
  ctx.keyed(ALL_REFS, crossrefUnchanged(ctx.model, ctx.match, ctx.appendixFiles), check);
}

/**
 * Whether what the cross-reference rules report is the same as at the session's last
 * check: the edit moved no line (the messages name lines), the appendix files are the same,
 * and the units it changed (see `ReportModel.splice`), as they were and as they are, hold
 * nothing the analysis reads: no heading (so the sections, the template match and the
 * appendices are as they were), no block with a caption, number or reference, no table or
 * image, none in a summary of appendices. The findings' places are then all in units the
 * edit kept or read again as they were, on the same lines and characters.
 */
function crossrefUnchanged(model: ReportModel, match: TemplateMatch | undefined, appendixFiles: readonly string[] | undefined): Unchanged | undefined {
  if (keptFor.has(model)) return keptFor.get(model);
  let out: Unchanged | undefined;
  // Recorded on every check, whatever the edit: the next check compares with it.
  const sameFiles = sameAsLastCheck(lastFiles, model, appendixFiles);
  const sp = model.splice;
  if (sameFiles && sp && sp.dLine === 0) {
    // Only the units the edit changed (those read again as they were hold the same for the analysis, on the same lines).
    const { head, tail } = sp.same;
    let quiet = true;
    for (let ui = sp.at + head; quiet && ui < sp.at + sp.added - tail; ui++) quiet = quietUnit(model, model.units[ui]!, unitMemo(model, model.units[ui]!, BLOCK_SCANS), match);
    for (let ui = head; quiet && ui < sp.removedUnits.length - tail; ui++) quiet = quietUnit(model, sp.removedUnits[ui]!, unitMemoIfAny(sp.removedUnits[ui]!, BLOCK_SCANS), match);
    if (quiet) out = { since: sp.prevSerial, has: (key) => key === ALL_REFS };
  }
  keptFor.set(model, out);
  return out;
}

/** Whether a unit holds nothing the cross-reference analysis reads (`scans`: its block scans, undefined if never read). */
function quietUnit(model: ReportModel, unit: Unit, scans: BlockScan[] | undefined, match: TemplateMatch | undefined): boolean {
  if (unit.heading || !scans || scans.length > 0) return false;
  const blocks = unit.blocks ?? [];
  for (let i = 0; i < blocks.length; i++) if (isVisual(blocks[i]!)) return false;
  if (!match) return true;
  // In (or under) a summary of appendices, which the rules read line by line. (A removed
  // unit was where the fresh ones are: the edit changed no heading.)
  const all = model.allSections;
  for (let t: Section | undefined = all[lastAtOrBefore(all, unit.start, (x) => x.start)]; t; t = t.parent) if (match.bySection.get(t)?.spec.kind === 'appendices') return false;
  return true;
}
