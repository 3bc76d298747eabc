import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkStringify from 'remark-stringify';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnoteToMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughToMarkdown } from 'mdast-util-gfm-strikethrough';
import type { Processor } from 'unified';
import remarkFrontmatter from 'remark-frontmatter';
import { defaultHandlers, type Handle, type State } from 'hast-util-to-mdast';
import type { Element, Root as HastRoot } from 'hast';
import type { BlockContent, Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { Document as YamlDocument } from 'yaml';
import type { Profile } from '../../core/templates/schema.js';
import { flattenSpecs } from '../../core/templates/loader.js';
import { normaliseHeading } from '../../core/templates/match.js';
import { phrasingText } from '../../core/model.js';
import { readHeader, type HeaderLine } from './header.js';
import { stripEnd } from '../../core/text.js';

/**
 * mammoth's HTML → the draft's Markdown, through the unified trees: rehype-parse (hast),
 * rehype-remark (mdast, with handlers for footnotes and pictures), then the draft's own
 * shape on the mdast tree (header block → front matter, heading depths, paragraph
 * numbers, sign-offs), then remark-stringify.
 */

export interface ToMarkdownOptions {
  profiles: Profile[];
  /** A profile id given by the user (`--template`): no recognition. */
  template?: Profile;
  /** The workspace's default template, when none is recognised. */
  fallback?: Profile;
}

export interface ToMarkdownResult {
  markdown: string;
  profile?: Profile;
  /** How the template was chosen. */
  recognised: 'given' | 'recognised' | 'default' | 'none';
  images: number;
  footnotes: number;
  notes: string[];
}

const FOOTNOTE_HREF = /^#(footnote|endnote)-(\d+)$/;
const FOOTNOTE_BACK = /^#(footnote|endnote)-ref-\d+$/;
const FOOTNOTE_ID = /^(footnote|endnote)-(\d+)$/;

function noteId(kind: string, n: string): string {
  return kind === 'endnote' ? `e${n}` : n;
}

function toText(node: Element): string {
  let out = '';
  const stack: (Element | Element['children'][number])[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') out += n.value;
    else if (n.type === 'element') for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

function classOf(node: Element): string[] {
  const c = node.properties?.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? String(c).split(/\s+/) : [];
}

function handlers(counts: { images: number; footnotes: number }): Record<string, Handle> {
  return {
    sup(state: State, node: Element) {
      const a = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'a');
      const m = a && typeof a.properties?.href === 'string' ? FOOTNOTE_HREF.exec(a.properties.href) : null;
      if (m) return { type: 'footnoteReference', identifier: noteId(m[1]!, m[2]!), label: noteId(m[1]!, m[2]!) };
      return state.all(node) as PhrasingContent[];
    },
    ol(state: State, node: Element) {
      const items = node.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li');
      const notes = items.map((li) => (typeof li.properties?.id === 'string' ? FOOTNOTE_ID.exec(li.properties.id) : null));
      if (items.length > 0 && notes.every(Boolean)) {
        counts.footnotes += items.length;
        return items.map((li, i) => {
          const id = noteId(notes[i]![1]!, notes[i]![2]!);
          return { type: 'footnoteDefinition', identifier: id, label: id, children: state.toFlow(state.all(li)) as BlockContent[] };
        });
      }
      return defaultHandlers.ol!(state, node);
    },
    a(state: State, node: Element) {
      const href = typeof node.properties?.href === 'string' ? node.properties.href : '';
      if (FOOTNOTE_BACK.test(href)) return undefined;
      // Internal bookmarks (tables of contents) have no meaning in the draft: the words only.
      if (href === '' || href.startsWith('#')) return state.all(node) as PhrasingContent[];
      // An e-mail address linked to itself is written as the address (the draft links it).
      const words = toText(node).trim();
      if (/^mailto:/i.test(href) && href.slice(7).toLowerCase() === words.toLowerCase()) return { type: 'text', value: words };
      return defaultHandlers.a!(state, node);
    },
    img(_state: State, node: Element) {
      counts.images++;
      const alt = typeof node.properties?.alt === 'string' ? node.properties.alt.trim() : '';
      return { type: 'emphasis', children: [{ type: 'text', value: alt ? `(Picture not imported: ${alt})` : '(Picture not imported)' }] };
    },
    h1(state: State, node: Element) {
      const h = defaultHandlers.h1!(state, node) as Heading;
      if (classOf(node).includes('report-title')) h.data = { ...(h.data ?? {}), reportTitle: true } as Heading['data'];
      return h;
    },
  };
}

/** Plain text of a block for the header reader. */
function blockText(node: RootContent): string {
  if (node.type === 'paragraph' || node.type === 'heading') return phrasingText(node.children).replace(/\s+/g, ' ').trim();
  return '';
}

function headingText(h: Heading): string {
  return phrasingText(h.children).replace(/\s+/g, ' ').trim();
}

const HEADING_NUMBER = /^(\d+(?:\.\d+)*)\.?\s+(\S.*|)$/;

function titleOf(text: string): string {
  const m = HEADING_NUMBER.exec(text);
  return m ? m[2]! : text;
}

/** Every wording a profile's sections accept, normalised, with the spec level. */
function sectionWordings(profile: Profile): Map<string, number> {
  const out = new Map<string, number>();
  for (const spec of flattenSpecs(profile.sections)) {
    for (const t of [spec.title, ...spec.aliases, ...spec.misnomers]) {
      const n = normaliseHeading(t);
      if (!out.has(n)) out.set(n, spec.level);
    }
  }
  return out;
}

/** Which profile the headings and header fit best (sections matched, then header labels). */
export function recogniseTemplate(headings: string[], headerText: string, profiles: Profile[]): Profile | undefined {
  let best: { profile: Profile; score: number } | undefined;
  const norm = new Set(headings.map((h) => normaliseHeading(titleOf(h))));
  for (const p of profiles) {
    let score = 0;
    const seen = new Set<string>();
    for (const spec of flattenSpecs(p.sections)) {
      if (seen.has(spec.id)) continue;
      for (const t of [spec.title, ...spec.aliases]) {
        if (norm.has(normaliseHeading(t))) {
          score += 2;
          seen.add(spec.id);
          break;
        }
      }
    }
    for (const f of p.frontMatter) if (f.key !== 'template' && f.key !== 'committee' && headerText.toLowerCase().includes(f.label.toLowerCase())) score += 1;
    if (score > 0 && (!best || score > best.score)) best = { profile: p, score };
  }
  return best?.profile;
}

function isStrongOnly(p: Paragraph): boolean {
  const kids = p.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return kids.length > 0 && kids.every((c) => c.type === 'strong');
}

const SIGN_LINE = /^(Signed off by|Signed|Sign-off|Dated|Date)\b\s*:?/i;
const LIST_NUMBER = /^(\d+)\.\s+/;

/** Splits a paragraph's first text node after its leading `N. `; undefined when it has none. */
function stripListNumber(p: Paragraph): { n: number; children: PhrasingContent[] } | undefined {
  const first = p.children[0];
  if (!first || first.type !== 'text') return undefined;
  const m = LIST_NUMBER.exec(first.value);
  if (!m) return undefined;
  const rest = first.value.slice(m[0].length);
  return { n: Number(m[1]), children: rest ? [{ ...first, value: rest }, ...p.children.slice(1)] : p.children.slice(1) };
}

/** Hard line breaks (Word's Shift+Enter) become the draft's plain line breaks. */
function softBreaks(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const n of nodes) {
    if (n.type === 'break') {
      const prev = out[out.length - 1];
      if (prev && prev.type === 'text') prev.value = stripEnd(prev.value, /[ \t]/) + '\n';
      else out.push({ type: 'text', value: '\n' });
      continue;
    }
    if (n.type === 'text' && out.length > 0 && out[out.length - 1]!.type === 'text' && (out[out.length - 1] as { value: string }).value.endsWith('\n')) {
      (out[out.length - 1] as { value: string }).value += n.value.replace(/^[ \t]+/, '');
      continue;
    }
    if ('children' in n && Array.isArray(n.children)) (n as { children: PhrasingContent[] }).children = softBreaks(n.children as PhrasingContent[]);
    out.push(n);
  }
  return out;
}

/** Words the report writes in capitals (acronyms), to keep when title-casing County lines. */
function capitalWords(nodes: RootContent[]): Set<string> {
  const out = new Set<string>();
  for (const n of nodes) {
    const t = n.type === 'paragraph' || n.type === 'heading' ? phrasingText(n.children) : '';
    for (const m of t.matchAll(/\b[A-Z][A-Z0-9]{1,9}s?\b/g)) out.add(m[0]);
  }
  return out;
}

export async function htmlToMarkdown(html: string, opts: ToMarkdownOptions): Promise<ToMarkdownResult> {
  const counts = { images: 0, footnotes: 0 };
  const hast = unified().use(rehypeParse, { fragment: true }).parse(html) as HastRoot;
  const tree = (await unified()
    .use(rehypeRemark, { handlers: handlers(counts) })
    .run(hast as never)) as unknown as Root;
  const notes: string[] = [];
  const nodes = tree.children;

  // The template: from the headings, and bold paragraphs that may be headings (County forms).
  const boldLines = nodes.filter((n): n is Paragraph => n.type === 'paragraph' && isStrongOnly(n)).map((n) => phrasingText(n.children).replace(/\s+/g, ' ').trim());
  const headings = nodes.filter((n): n is Heading => n.type === 'heading').map(headingText);
  let profile = opts.template;
  let recognised: ToMarkdownResult['recognised'] = profile ? 'given' : 'none';
  if (!profile) {
    const allText = nodes.map((n) => blockText(n) || (n.type === 'list' || n.type === 'table' ? listOrTableText(n) : '')).join('\n');
    profile = recogniseTemplate([...headings, ...boldLines], allText, opts.profiles);
    if (profile) recognised = 'recognised';
    else if (opts.fallback) {
      profile = opts.fallback;
      recognised = 'default';
    }
  }
  const wordings = profile ? sectionWordings(profile) : new Map<string, number>();
  const sectionLevel = (n: RootContent): number | undefined =>
    n.type === 'paragraph' && isStrongOnly(n) ? wordings.get(normaliseHeading(titleOf(phrasingText(n.children).replace(/\s+/g, ' ').trim()))) : undefined;

  // Header zone: everything before the first section heading (the Title style is the title).
  let first = nodes.findIndex((n) => (n.type === 'heading' && !(n.data as { reportTitle?: boolean } | undefined)?.reportTitle) || sectionLevel(n) !== undefined);
  if (first < 0) first = nodes.length;
  const headerNodes = nodes.slice(0, first);

  // Header lines, in order; a two-column table is label → value rows.
  const lines: HeaderLine[] = [];
  let styledTitle: string | undefined;
  headerNodes.forEach((n, i) => {
    if (n.type === 'heading') {
      styledTitle ??= headingText(n);
      return;
    }
    if (n.type === 'paragraph') {
      for (const part of phrasingText(softBreaks(n.children)).split('\n')) lines.push({ text: part, node: i });
    } else if (n.type === 'list') {
      for (const item of n.children) for (const c of item.children) if (c.type === 'paragraph') lines.push({ text: phrasingText(c.children), node: i });
    } else if (n.type === 'table') {
      for (const row of (n as Table).children) {
        const cells = row.children.map((c) => phrasingText(c.children).replace(/\s+/g, ' ').trim());
        if (cells.length >= 2 && cells[0]) lines.push({ text: cells[0], value: cells.slice(1).filter(Boolean).join(', '), node: i });
        else if (cells[0]) lines.push({ text: cells[0], node: i });
      }
    } else {
      lines.push({ text: '', node: i });
    }
  });
  const header = readHeader(lines, profile, capitalWords(nodes.slice(first)), styledTitle);
  for (const u of header.unknown) notes.push(`Header line not in the ${profile?.id ?? ''} template, left out of the front matter: "${u}".`);
  const title = styledTitle ?? header.title;

  // Body.
  const body: RootContent[] = [];
  if (title) body.push({ type: 'heading', depth: 1, children: [{ type: 'text', value: title }] });
  headerNodes.forEach((n, i) => {
    if (header.leftover.has(i) || (!profile && n.type !== 'heading')) body.push(n);
  });

  // Heading depths: the level the first template section is written at becomes `##`.
  const rest = nodes.slice(first);
  let offset: number | undefined;
  for (const n of rest) {
    if (n.type !== 'heading') continue;
    const level = wordings.get(normaliseHeading(titleOf(headingText(n))));
    if (level !== undefined) {
      offset = level - n.depth;
      break;
    }
  }
  if (offset === undefined) {
    const depths = rest.filter((n): n is Heading => n.type === 'heading' && !/^appendix\b/i.test(headingText(n))).map((h) => h.depth);
    offset = depths.length > 0 && Math.min(...depths) === 1 ? 1 : 0;
  }
  const topWord = 2 - offset;
  let pendingList: List | undefined;
  for (const n of rest) {
    let node: RootContent = n;
    // A bold paragraph worded as a template section is that section's heading (County forms).
    const level = sectionLevel(node);
    if (level !== undefined) {
      node = { type: 'heading', depth: level as Heading['depth'], children: [{ type: 'text', value: phrasingText((node as Paragraph).children).replace(/\s+/g, ' ').trim() }] };
    } else if (node.type === 'heading') {
      const text = headingText(node);
      const appendix = /^appendix\b/i.test(text) && node.depth <= topWord;
      const depth = appendix ? 1 : Math.min(6, Math.max(2, node.depth + offset));
      node = { type: 'heading', depth: depth as Heading['depth'], children: [{ type: 'text', value: text }] };
    }
    if (node.type === 'paragraph') {
      node.children = softBreaks(node.children);
      const text = phrasingText(node.children).trim();
      // Sign-off lines are plain text (`Signed: Name, Role`), whatever Word's formatting.
      if (SIGN_LINE.test(text)) {
        // A label with no value ("Dated:") is the form's empty slot, not a sign-off line.
        if (SIGN_LINE.exec(text)![0].length === text.length) {
          pendingList = undefined;
          continue;
        }
        node.children = [{ type: 'text', value: text.replace(/[ \t]+/g, ' ') }];
      }
      // `N. text` is a numbered paragraph: a Markdown ordered-list item, consecutive ones one list.
      const numbered = stripListNumber(node);
      if (numbered) {
        const item: ListItem = { type: 'listItem', spread: false, children: [{ type: 'paragraph', children: numbered.children }] };
        const prev = pendingList;
        if (prev && (prev.start ?? 1) + prev.children.length === numbered.n) {
          prev.children.push(item);
          continue;
        }
        pendingList = { type: 'list', ordered: true, start: numbered.n, spread: false, children: [item] };
        body.push(pendingList);
        continue;
      }
    }
    pendingList = undefined;
    body.push(node);
  }

  // Front matter, in the profile's order.
  const doc = new YamlDocument({});
  if (profile) {
    doc.set('template', profile.id);
    for (const f of profile.frontMatter) {
      const v = header.fields.get(f.key);
      if (v !== undefined && f.key !== 'template') doc.set(f.key, v);
    }
  } else {
    notes.push('No council template recognised: the draft has no front matter. Give one with --template.');
  }
  const out: Root = { type: 'root', children: [...(profile ? [{ type: 'yaml' as const, value: doc.toString({ lineWidth: 0 }).trimEnd() }] : []), ...body] };
  const markdown = unified()
    .use(gfmOut)
    .use(remarkFrontmatter)
    .use(remarkStringify, { bullet: '-', listItemIndent: 'one', emphasis: '*', strong: '*', rule: '-', fences: true })
    .stringify(out);
  const result: ToMarkdownResult = { markdown, recognised, images: counts.images, footnotes: counts.footnotes, notes };
  if (profile) result.profile = profile;
  return result;
}

/**
 * GFM tables, footnotes and strikethrough for the writer, without GFM's autolink-literal
 * escaping: the draft is read with autolink literals, so an address written plainly
 * (`jane.moore@leics.gov.uk`) is linked again; escaped (`jane.moore\@…`) it would not be.
 */
function gfmOut(this: Processor): void {
  const data = this.data() as { toMarkdownExtensions?: unknown[] };
  (data.toMarkdownExtensions ??= []).push(gfmTableToMarkdown(), gfmFootnoteToMarkdown(), gfmStrikethroughToMarkdown());
}

function listOrTableText(n: RootContent): string {
  const out: string[] = [];
  const stack: RootContent[] = [n];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.type === 'paragraph') out.push(phrasingText(x.children));
    else if (x.type === 'tableCell') out.push(phrasingText(x.children));
    else if ('children' in x && Array.isArray(x.children)) for (let i = x.children.length - 1; i >= 0; i--) stack.push(x.children[i] as RootContent);
  }
  return out.join('\n');
}
