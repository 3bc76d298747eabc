import type { PhrasingContent, RootContent, List, ListItem, Table } from 'mdast';
import type { Analysis } from '../check.js';
import type { Block, ReportModel, Section } from '../model.js';
import { phrasingText } from '../model.js';
import { parseMarkdown } from '../parse.js';
import { entryText } from '../frontmatter.js';
import { fromIso } from '../dates/calendar.js';
import { format } from 'date-fns/format';
import type { Profile } from '../templates/schema.js';
import { stripEnd, stripStart } from '../text.js';

/**
 * The one rendering of a report: the report model laid out as the council prints it, as
 * plain data. The preview (HTML in a webview), the HTML export and the Word export are
 * writers of this structure; none of them looks at the Markdown again.
 *
 * Inline content stays mdast (`PhrasingContent`): it is already a neutral tree, and each
 * writer turns it into its own runs. Every block keeps its source lines (0-based) so the
 * preview can scroll with the editor and reveal a place.
 */

export type Inline = PhrasingContent;

export interface Lines {
  /** First source line, 0-based. */
  line: number;
  /** Last source line, 0-based, inclusive. */
  endLine: number;
}

export type Layout = 'city' | 'county' | 'generic';

export interface HeaderField extends Partial<Lines> {
  key: string;
  /** The label the template prints (`Date of meeting`). */
  label: string;
  /** The value as it will be printed; '' when the draft has none. */
  value: string;
  missing: boolean;
}

/** One element of the header block, in print order. */
export type HeaderItem =
  | ({ type: 'title'; text: string; missing: boolean } & Partial<Lines>)
  /** An unlabelled line (City committee line; County capitalised lines). */
  | ({ type: 'line'; key: string; text: string; missing: boolean } & Partial<Lines>)
  | ({ type: 'field' } & HeaderField)
  /** A titled list of fields (City: "Useful information"). */
  | { type: 'group'; heading: string; fields: HeaderField[] };

export interface HeaderBlock {
  layout: Layout;
  items: HeaderItem[];
}

export interface SignOffLine {
  label: string;
  value: string;
  line: number;
}

export type DocBlock =
  | ({ type: 'paragraph'; number?: string; content: Inline[]; children?: DocBlock[] } & Lines)
  | ({ type: 'list'; ordered: boolean; start?: number; items: DocListItem[] } & Lines)
  | ({ type: 'table'; align: ('left' | 'right' | 'center' | null)[]; head: Inline[][]; rows: Inline[][][] } & Lines)
  | ({ type: 'signoff'; signed?: SignOffLine; dated?: SignOffLine } & Lines)
  | ({ type: 'quote'; blocks: DocBlock[] } & Lines)
  | ({ type: 'code'; value: string } & Lines)
  | ({ type: 'rule' } & Lines);

export interface DocListItem extends Lines {
  blocks: DocBlock[];
}

export interface DocHeading extends Lines {
  depth: number;
  /** Number as the template prints it (`5.`, `5.1`), when the heading has one. */
  number?: string;
  /** Heading text without its number. */
  title: string;
}

export interface DocSection extends Lines {
  heading: DocHeading;
  /** Template section id (`financial`), when the heading matched one. */
  specId?: string;
  /** Template section kind (`implications`, `contact`, `papers` …), when matched. */
  kind?: string;
  blocks: DocBlock[];
  children: DocSection[];
}

export interface ReportDocument {
  templateId?: string;
  council?: string;
  layout: Layout;
  /** Report title (first `#` heading) as plain text. */
  title: string;
  header: HeaderBlock;
  /** Content between the title and the first section. */
  intro: DocBlock[];
  sections: DocSection[];
  /** Sections from the first `# Appendix` heading on (each `#` a root). */
  appendices: DocSection[];
  /** Number of source lines (for scroll mapping). */
  lineCount: number;
  /** Link reference definitions (`[ref]: url`), by normalised identifier. */
  definitions: Record<string, { url: string; title?: string }>;
}

// ---- layouts -----------------------------------------------------------------------------------

/** Which printed layout a profile uses: from its council, else from its fields. */
export function layoutFor(profile: Profile | undefined): Layout {
  if (!profile) return 'generic';
  const council = profile.council.toLowerCase();
  if (profile.id.startsWith('leicestershire-county/') || council.includes('leicestershire county')) return 'county';
  if (profile.id.startsWith('leicester-city/') || council.includes('leicester city')) return 'city';
  const keys = new Set(profile.frontMatter.map((f) => f.key));
  if (keys.has('report_of') && !keys.has('lead_director')) return 'county';
  return 'city';
}

/** City header: unlabelled committee line, then labelled lines, then "Useful information". */
const CITY_TOP = ['decision_maker', 'meeting_date', 'lead_director'];
const CITY_USEFUL = ['wards_affected', 'report_author', 'author_contact', 'version'];
const CITY_LABELS: Record<string, string> = {
  committee: 'Decision-maker / committee',
  decision_maker: 'Decision to be taken by',
  meeting_date: 'Date of meeting',
  lead_director: 'Lead director',
  wards_affected: 'Ward(s) affected',
  report_author: 'Report author',
  author_contact: 'Author contact details',
  version: 'Report version number',
};
const COUNTY_LABELS: Record<string, string> = { committee: 'Committee', meeting_date: 'Meeting date', report_of: 'Report of' };

function labelFromKey(key: string): string {
  const s = key.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---- building ------------------------------------------------------------------------------------

const SIGN_LINE_RE = /^[ \t]*(Signed off by|Signed|Sign-off|Dated|Date)\b/i;

interface Ctx {
  model: ReportModel;
  blocksByStart: Map<number, Block>;
  /** Source lines (0-based) that are sign-off lines or a sign-off's value, per section. */
  signLines: Map<number, { section: Section; kind: 'signed' | 'dated' | 'value' }>;
}

/** Lays out an analysed report (see `analyseReport`) as the council prints it. */
export function buildDocument(analysis: Analysis): ReportDocument {
  const { model, profile, match } = analysis;
  const layout = layoutFor(profile);
  const blocksByStart = new Map<number, Block>();
  for (const b of model.blocks) blocksByStart.set(b.start, b);
  const signLines: Ctx['signLines'] = new Map();
  for (const so of model.signoffs) {
    for (const [kind, sl] of [['signed', so.signed], ['dated', so.dated]] as const) {
      if (!sl) continue;
      signLines.set(sl.lineRange.start.line, { section: so.section, kind });
      if (sl.valueRange.start.line !== sl.lineRange.start.line) signLines.set(sl.valueRange.start.line, { section: so.section, kind: 'value' });
    }
  }
  const ctx: Ctx = { model, blocksByStart, signLines };
  const sectionsByStart = new Map<number, Section>();
  for (const s of model.allSections) sectionsByStart.set(s.start, s);

  const doc: ReportDocument = {
    layout,
    title: '',
    header: { layout, items: [] },
    intro: [],
    sections: [],
    appendices: [],
    lineCount: model.index.lineCount,
    definitions: collectDefinitions(model.tree.children),
  };
  if (profile) {
    doc.templateId = profile.id;
    doc.council = profile.council;
  }
  const titleHeading = model.title && model.title.range.start.line < model.index.positionAt(model.appendixStart).line ? model.title : undefined;
  doc.title = titleHeading ? titleHeading.title || titleHeading.text : '';

  const stack: DocSection[] = [];
  let current: DocSection | undefined;
  let inAppendix = false;
  /** The model section the next blocks belong to (the last heading's). */
  let owner: Section | undefined;
  const pendingSign = new Map<Section, Extract<DocBlock, { type: 'signoff' }>>();

  for (const node of model.tree.children) {
    const pos = node.position;
    if (!pos || pos.start.offset === undefined) continue;
    if (node.type === 'yaml' || node.type === 'html' || node.type === 'definition' || node.type === 'footnoteDefinition') continue;
    if (node.type === 'heading') {
      const section = sectionsByStart.get(pos.start.offset);
      owner = section;
      if (titleHeading && section && section.heading === titleHeading) continue;
      if (!inAppendix && pos.start.offset >= model.appendixStart) {
        inAppendix = true;
        stack.length = 0;
      }
      const h = section?.heading;
      const title = h ? h.title : phrasingText(node.children).trim();
      const heading: DocHeading = { depth: node.depth, title, line: pos.start.line - 1, endLine: pos.end.line - 1 };
      if (h?.number) heading.number = node.depth <= 2 ? `${h.number}.` : h.number;
      const ds: DocSection = { heading, blocks: [], children: [], line: heading.line, endLine: section ? section.range.end.line : heading.endLine };
      const sm = section ? match?.bySection.get(section) : undefined;
      if (sm) {
        ds.specId = sm.spec.id;
        ds.kind = sm.spec.kind;
      }
      while (stack.length > 0 && stack[stack.length - 1]!.heading.depth >= node.depth) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(ds);
      else (inAppendix ? doc.appendices : doc.sections).push(ds);
      stack.push(ds);
      current = ds;
      continue;
    }
    const target = current ? current.blocks : doc.intro;
    for (const b of topBlocks(node, ctx, current ? owner : undefined, pendingSign)) target.push(current && keepsLines(current) ? withLineBreaks(b) : b);
  }
  doc.header = buildHeader(model, profile, layout, doc.title, titleHeading?.range.start.line);
  return doc;
}

function collectDefinitions(nodes: readonly RootContent[], out: ReportDocument['definitions'] = {}): ReportDocument['definitions'] {
  for (const n of nodes) {
    if (n.type === 'definition') {
      // The first definition of an identifier wins (CommonMark).
      if (!(n.identifier in out)) out[n.identifier] = n.title ? { url: n.url, title: n.title } : { url: n.url };
    } else if ('children' in n && Array.isArray(n.children)) {
      collectDefinitions(n.children as RootContent[], out);
    }
  }
  return out;
}

/** Contact details and background papers are printed line by line, as written. */
function keepsLines(s: DocSection): boolean {
  return s.kind === 'contact' || s.kind === 'papers';
}

function withLineBreaks(b: DocBlock): DocBlock {
  if (b.type !== 'paragraph') return b;
  const content: Inline[] = [];
  for (const n of b.content) {
    if (n.type !== 'text' || !n.value.includes('\n')) {
      content.push(n);
      continue;
    }
    const lines = n.value.split('\n');
    lines.forEach((line, i) => {
      // Spaces and tabs around each line break go with it.
      const after = i > 0 ? stripStart(line, /[ \t]/) : line;
      const part = i + 1 < lines.length ? stripEnd(after, /[ \t]/) : after;
      if (i > 0) content.push({ type: 'break' });
      if (part) content.push({ type: 'text', value: part });
    });
  }
  return { ...b, content };
}

function lines(node: { position?: { start: { line: number }; end: { line: number } } | undefined }): Lines {
  return { line: (node.position?.start.line ?? 1) - 1, endLine: (node.position?.end.line ?? 1) - 1 };
}

/** Blocks for a top-level node of a section: numbered paragraphs, sign-offs, the rest. */
function topBlocks(node: RootContent, ctx: Ctx, section: Section | undefined, pending: Map<Section, Extract<DocBlock, { type: 'signoff' }>>): DocBlock[] {
  if (node.type === 'paragraph' && section) {
    const l = lines(node);
    const signed: number[] = [];
    for (let i = l.line; i <= l.endLine; i++) {
      const s = ctx.signLines.get(i);
      if (s && s.section === section) signed.push(i);
    }
    if (signed.length > 0) return signOffBlocks(l, signed, ctx, section, pending);
  }
  if (node.type === 'list' && node.ordered) return orderedAsNumbered(node, ctx);
  return convertBlock(node, ctx, true);
}

function signOffBlocks(
  l: Lines,
  signed: number[],
  ctx: Ctx,
  section: Section,
  pending: Map<Section, Extract<DocBlock, { type: 'signoff' }>>,
): DocBlock[] {
  const out: DocBlock[] = [];
  const idx = ctx.model.index;
  const rest: string[] = [];
  let restStart = -1;
  for (let i = l.line; i <= l.endLine; i++) {
    if (!signed.includes(i)) {
      if (restStart < 0) restStart = i;
      rest.push(idx.lineText(i));
    }
  }
  // Lines of the paragraph that are not sign-off lines stay a paragraph (re-read as Markdown).
  if (rest.length > 0) {
    const reparsed = parseMarkdown(rest.join('\n')).children[0];
    if (reparsed?.type === 'paragraph') out.push({ type: 'paragraph', content: reparsed.children, line: restStart, endLine: restStart + rest.length - 1 });
  }
  let block = pending.get(section);
  const fresh = !block;
  if (!block) {
    block = { type: 'signoff', line: signed[0]!, endLine: signed[signed.length - 1]! };
    pending.set(section, block);
  }
  block.endLine = Math.max(block.endLine, signed[signed.length - 1]!);
  const so = ctx.model.signoffs.find((s) => s.section === section);
  for (const kind of ['signed', 'dated'] as const) {
    const sl = so?.[kind];
    if (!sl || !signed.includes(sl.lineRange.start.line) || block[kind]) continue;
    block[kind] = { label: sl.label, value: sl.value, line: sl.lineRange.start.line };
  }
  if (fresh) out.push(block);
  return out;
}

/** An ordered list at section level is numbered paragraphs (County `9. The programme …`). */
function orderedAsNumbered(list: List, ctx: Ctx): DocBlock[] {
  const out: DocBlock[] = [];
  const text = ctx.model.text;
  list.children.forEach((item, i) => {
    const start = item.position?.start.offset;
    const m = start !== undefined ? /^(\d+[.)])/.exec(text.slice(start, start + 12)) : null;
    const number = m ? m[1]! : `${(list.start ?? 1) + i}.`;
    const [first, ...rest] = item.children;
    const para: DocBlock = { type: 'paragraph', number, content: first?.type === 'paragraph' ? first.children : [], ...lines(item) };
    const children = [...(first && first.type !== 'paragraph' ? [first] : []), ...rest].flatMap((c) => convertBlock(c, ctx, false));
    if (children.length > 0) para.children = children;
    out.push(para);
  });
  return out;
}

function convertBlock(node: RootContent, ctx: Ctx, top: boolean): DocBlock[] {
  const l = lines(node);
  switch (node.type) {
    case 'paragraph': {
      const start = node.position?.start.offset;
      const b = top && start !== undefined ? ctx.blocksByStart.get(start) : undefined;
      if (b?.number && !b.number.listMarker) {
        const written = ctx.model.text.slice(b.number.start, b.number.end);
        return [{ type: 'paragraph', number: written, content: stripPrefix(node.children, b.number.end - start!), ...l }];
      }
      return [{ type: 'paragraph', content: node.children, ...l }];
    }
    case 'list':
      return [listBlock(node, ctx)];
    case 'table':
      return [tableBlock(node)];
    case 'blockquote':
      return [{ type: 'quote', blocks: node.children.flatMap((c) => convertBlock(c, ctx, false)), ...l }];
    case 'code':
      return [{ type: 'code', value: node.value, ...l }];
    case 'thematicBreak':
      return [{ type: 'rule', ...l }];
    case 'heading':
      // Only reached inside containers (`> ## x`): print as a bold paragraph.
      return [{ type: 'paragraph', content: [{ type: 'strong', children: node.children }], ...l }];
    default:
      return [];
  }
}

function listBlock(list: List, ctx: Ctx): DocBlock {
  const items = list.children.map((item: ListItem) => ({ blocks: item.children.flatMap((c) => convertBlock(c, ctx, false)), ...lines(item) }));
  const b: DocBlock = { type: 'list', ordered: list.ordered === true, items, ...lines(list) };
  if (list.ordered && typeof list.start === 'number') b.start = list.start;
  return b;
}

function tableBlock(t: Table): DocBlock {
  const [head, ...rows] = t.children;
  return {
    type: 'table',
    align: (t.align ?? []).map((a) => a ?? null),
    head: head ? head.children.map((c) => c.children) : [],
    rows: rows.map((r) => r.children.map((c) => c.children)),
    ...lines(t),
  };
}

/** Inline content with its first `length` source characters (a paragraph number) and following spaces removed. */
function stripPrefix(children: Inline[], length: number): Inline[] {
  const [first, ...rest] = children;
  if (!first || first.type !== 'text') return children;
  const value = first.value.slice(length).replace(/^[ \t]+/, '');
  return value ? [{ ...first, value }, ...rest] : rest;
}

// ---- header block ----------------------------------------------------------------------------------

function fieldValue(model: ReportModel, key: string, profile: Profile | undefined): { value: string; line?: number; endLine?: number } {
  const e = model.frontMatter.byKey.get(key);
  if (!e) return { value: '' };
  let value = entryText(e);
  const type = profile?.frontMatter.find((f) => f.key === key)?.type;
  if (type === 'date' || key === 'meeting_date') value = printDate(value, profile?.dateStyle ?? 'd MMMM yyyy');
  return { value, line: e.keyRange.start.line, endLine: e.entryRange.end.line };
}

/** An ISO date in the house style; anything else as written. */
export function printDate(value: string, style = 'd MMMM yyyy'): string {
  const d = fromIso(value.trim());
  if (!d) return value;
  try {
    return format(d, style);
  } catch {
    return format(d, 'd MMMM yyyy');
  }
}

function field(model: ReportModel, key: string, label: string, profile: Profile | undefined): HeaderField {
  const v = fieldValue(model, key, profile);
  const f: HeaderField = { key, label, value: v.value, missing: v.value === '' };
  if (v.line !== undefined) {
    f.line = v.line;
    f.endLine = v.endLine ?? v.line;
  }
  return f;
}

function withLines<T extends object>(o: T, f: HeaderField): T & Partial<Lines> {
  return f.line === undefined ? o : { ...o, line: f.line, endLine: f.endLine ?? f.line };
}

function buildHeader(model: ReportModel, profile: Profile | undefined, layout: Layout, title: string, titleLine: number | undefined): HeaderBlock {
  const items: HeaderItem[] = [];
  const titleItem: HeaderItem = { type: 'title', text: title, missing: title === '' };
  if (titleLine !== undefined) Object.assign(titleItem, { line: titleLine, endLine: titleLine });
  const specLabel = (key: string, fallback: Record<string, string>): string => profile?.frontMatter.find((f) => f.key === key)?.label ?? fallback[key] ?? labelFromKey(key);
  const profileKeys = profile ? profile.frontMatter.map((f) => f.key) : model.frontMatter.entries.map((e) => e.key);
  const has = (key: string): boolean => profileKeys.includes(key) || model.frontMatter.byKey.has(key);

  if (layout === 'county') {
    const committee = field(model, 'committee', specLabel('committee', COUNTY_LABELS), profile);
    const date = field(model, 'meeting_date', specLabel('meeting_date', COUNTY_LABELS), profile);
    const reportOf = field(model, 'report_of', specLabel('report_of', COUNTY_LABELS), profile);
    items.push(withLines({ type: 'line', key: 'committee', text: upper(committee.value), missing: committee.missing } as const, committee));
    items.push(withLines({ type: 'line', key: 'meeting_date', text: upper(date.value), missing: date.missing } as const, date));
    items.push({ ...titleItem, text: upper(title) });
    const of = reportOf.value.trim();
    const reportLine = of === '' ? '' : /^(joint\s+)?report\s+of\b/i.test(of) ? upper(of) : `REPORT OF THE ${upper(of.replace(/^the\s+/i, ''))}`;
    items.push(withLines({ type: 'line', key: 'report_of', text: reportLine, missing: reportOf.missing } as const, reportOf));
    return { layout, items };
  }

  if (layout === 'city') {
    items.push(titleItem);
    const committee = field(model, 'committee', specLabel('committee', CITY_LABELS), profile);
    items.push(withLines({ type: 'line', key: 'committee', text: committee.value, missing: committee.missing } as const, committee));
    for (const key of CITY_TOP) {
      if (!has(key)) continue;
      const f = field(model, key, CITY_LABELS[key]!, profile);
      // "Decision to be taken by" is printed only on decision reports.
      if (key === 'decision_maker' && f.missing) continue;
      items.push({ type: 'field', ...f });
    }
    const known = new Set(['template', 'committee', ...CITY_TOP, ...CITY_USEFUL]);
    const useful = CITY_USEFUL.filter(has).map((key) => field(model, key, CITY_LABELS[key]!, profile));
    for (const key of profileKeys) if (!known.has(key)) useful.push(field(model, key, specLabel(key, CITY_LABELS), profile));
    items.push({ type: 'group', heading: 'Useful information', fields: useful });
    return { layout, items };
  }

  // No known template: the title and every front-matter entry, labelled.
  items.push(titleItem);
  for (const e of model.frontMatter.entries) {
    if (e.key === 'template') continue;
    items.push({ type: 'field', ...field(model, e.key, labelFromKey(e.key), profile) });
  }
  return { layout, items };
}

function upper(s: string): string {
  return s.toLocaleUpperCase('en-GB');
}

// ---- helpers for the writers ----------------------------------------------------------------------

/** Plain text of inline content (for docx fallbacks and tests). */
export function inlineText(nodes: Inline[]): string {
  return phrasingText(nodes);
}

/** Every section, depth first, body then appendices. */
export function allDocSections(doc: ReportDocument): DocSection[] {
  const out: DocSection[] = [];
  const walk = (list: DocSection[]): void => {
    for (const s of list) {
      out.push(s);
      walk(s.children);
    }
  };
  walk(doc.sections);
  walk(doc.appendices);
  return out;
}

/** Whether a line is a sign-off line (`Signed:`, `Dated:`); for writers that print raw lines. */
export function isSignLine(line: string): boolean {
  return SIGN_LINE_RE.test(line);
}
