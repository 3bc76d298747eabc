import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { ImportError, type DocxPackage } from './package.js';

/**
 * What the importer reads from the package's WordprocessingML itself, before mammoth
 * turns the document into HTML:
 *
 * - automatic paragraph numbers. Word computes them from `word/numbering.xml` (levels,
 *   start values, overrides, restarts, `%1.%2` patterns) and the paragraphs' list and
 *   style properties; mammoth keeps only "an ordered list item at level n". Each number
 *   is computed here in document order and written into its paragraph as text, as an
 *   officer would type it, and the paragraph's list property is switched off, so "3.2"
 *   stays "3.2" and typed and automatic numbers go through one path. Bullets stay lists.
 * - tracked changes and comments, listed with the place a Word user finds them (mammoth
 *   keeps inserted text and drops deleted text: all changes accepted; comments dropped).
 *
 * Walks are iterative (no recursion on document depth).
 */

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

type El = Element;

function parseXml(text: string, name: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: (level: string, msg: unknown) => {
      if (level !== 'warning') errors.push(String(msg));
    },
  }).parseFromString(text, 'application/xml') as unknown as Document | undefined;
  if (errors.length > 0 || !doc?.documentElement) {
    throw new ImportError(`The .docx file is damaged: ${name} is not well-formed XML (${(errors[0] ?? 'no root element').split('\n')[0]}). Open it in Word, which offers to repair it, and save it again.`, 'damaged');
  }
  return doc as unknown as Document;
}

/** Child elements with a local name in the Word namespace. */
function kids(el: El | null | undefined, local?: string): El[] {
  const out: El[] = [];
  if (!el) return out;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as El).namespaceURI === W && (local === undefined || (n as El).localName === local)) out.push(n as El);
  }
  return out;
}

function kid(el: El | null | undefined, local: string): El | undefined {
  return kids(el, local)[0];
}

function val(el: El | null | undefined): string | undefined {
  if (!el) return undefined;
  const v = el.getAttributeNS(W, 'val');
  return v === null || v === '' ? (el.hasAttributeNS(W, 'val') ? '' : undefined) : v;
}

function attr(el: El, local: string): string | undefined {
  const v = el.getAttributeNS(W, local);
  return v === null || v === '' ? undefined : v;
}

/** Elements under `root` in document order, without recursion. */
function* descendants(root: Node): Generator<El> {
  let n: Node | null = root.firstChild;
  while (n) {
    if (n.nodeType === 1) yield n as El;
    if (n.firstChild) {
      n = n.firstChild;
      continue;
    }
    while (n && !n.nextSibling && n !== root) n = n.parentNode;
    if (!n || n === root) break;
    n = n.nextSibling;
  }
}

function isW(el: El, local: string): boolean {
  return el.namespaceURI === W && el.localName === local;
}

// ---- numbering definitions -------------------------------------------------------------------

interface Level {
  start: number;
  format: string;
  text: string;
  suffix: 'tab' | 'space' | 'nothing';
  legal: boolean;
  /** `w:lvlRestart`: restart after this (1-based) level; 0 never. */
  restart?: number;
  style?: string;
}

interface AbstractNum {
  levels: Map<number, Level>;
  styleLink?: string;
}

interface Num {
  abstractId: string;
  overrides: Map<number, { start?: number; level?: Level }>;
}

function readLevel(el: El): Level {
  const start = Number(val(kid(el, 'start')) ?? '1');
  const suffix = val(kid(el, 'suff'));
  const restart = val(kid(el, 'lvlRestart'));
  const level: Level = {
    start: Number.isFinite(start) ? start : 1,
    format: val(kid(el, 'numFmt')) ?? 'decimal',
    text: val(kid(el, 'lvlText')) ?? '',
    suffix: suffix === 'space' || suffix === 'nothing' ? suffix : 'tab',
    legal: kid(el, 'isLgl') !== undefined && val(kid(el, 'isLgl')) !== '0' && val(kid(el, 'isLgl')) !== 'false',
  };
  if (restart !== undefined && Number.isFinite(Number(restart))) level.restart = Number(restart);
  const style = val(kid(el, 'pStyle'));
  if (style) level.style = style;
  return level;
}

interface StyleInfo {
  basedOn?: string;
  numId?: string;
  ilvl?: number;
  name?: string;
  outline?: number;
}

class Numbering {
  readonly abstracts = new Map<string, AbstractNum>();
  readonly nums = new Map<string, Num>();
  readonly styles = new Map<string, StyleInfo>();
  /** Abstract id → ilvl by paragraph style linked from a level (`w:pStyle`). */
  readonly levelByStyle = new Map<string, { abstractId: string; ilvl: number }>();

  constructor(numbering: Document | undefined, styles: Document | undefined) {
    if (styles) {
      for (const s of kids(styles.documentElement, 'style')) {
        const id = attr(s, 'styleId');
        if (!id) continue;
        const pPr = kid(s, 'pPr');
        const numPr = kid(pPr, 'numPr');
        const info: StyleInfo = {};
        const based = val(kid(s, 'basedOn'));
        if (based) info.basedOn = based;
        const numId = val(kid(numPr, 'numId'));
        if (numId !== undefined) info.numId = numId;
        const ilvl = val(kid(numPr, 'ilvl'));
        if (ilvl !== undefined) info.ilvl = Number(ilvl);
        const name = val(kid(s, 'name'));
        if (name) info.name = name;
        const outline = val(kid(pPr, 'outlineLvl'));
        if (outline !== undefined) info.outline = Number(outline);
        this.styles.set(id, info);
      }
    }
    if (!numbering) return;
    for (const a of kids(numbering.documentElement, 'abstractNum')) {
      const id = attr(a, 'abstractNumId');
      if (id === undefined) continue;
      const abs: AbstractNum = { levels: new Map() };
      for (const l of kids(a, 'lvl')) {
        const ilvl = Number(attr(l, 'ilvl') ?? '0');
        const level = readLevel(l);
        abs.levels.set(ilvl, level);
        if (level.style) this.levelByStyle.set(level.style, { abstractId: id, ilvl });
      }
      const link = val(kid(a, 'numStyleLink'));
      if (link) abs.styleLink = link;
      this.abstracts.set(id, abs);
    }
    for (const n of kids(numbering.documentElement, 'num')) {
      const id = attr(n, 'numId');
      const abstractId = val(kid(n, 'abstractNumId'));
      if (id === undefined || abstractId === undefined) continue;
      const num: Num = { abstractId, overrides: new Map() };
      for (const o of kids(n, 'lvlOverride')) {
        const ilvl = Number(attr(o, 'ilvl') ?? '0');
        const entry: { start?: number; level?: Level } = {};
        const so = val(kid(o, 'startOverride'));
        if (so !== undefined && Number.isFinite(Number(so))) entry.start = Number(so);
        const lvl = kid(o, 'lvl');
        if (lvl) entry.level = readLevel(lvl);
        num.overrides.set(ilvl, entry);
      }
      this.nums.set(id, num);
    }
  }

  /** The abstract definition behind a num, following numbering-style links (bounded). */
  abstractOf(numId: string): { id: string; abs: AbstractNum } | undefined {
    let id = this.nums.get(numId)?.abstractId;
    for (let hops = 0; id !== undefined && hops < 8; hops++) {
      const abs = this.abstracts.get(id);
      if (!abs) return undefined;
      if (!abs.styleLink) return { id, abs };
      const linked = this.styles.get(abs.styleLink)?.numId;
      id = linked !== undefined ? this.nums.get(linked)?.abstractId : undefined;
    }
    return undefined;
  }

  /** The style chain of a paragraph style, nearest first (bounded against loops). */
  styleChain(styleId: string | undefined): StyleInfo[] {
    const out: StyleInfo[] = [];
    const seen = new Set<string>();
    let id = styleId;
    while (id && !seen.has(id) && out.length < 32) {
      seen.add(id);
      const s = this.styles.get(id);
      if (!s) break;
      out.push(s);
      id = s.basedOn;
    }
    return out;
  }
}

function romanOf(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

function letterOf(n: number): string {
  if (n <= 0) return String(n);
  // Word repeats the letter: a..z, aa..zz, aaa…
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'lowerLetter':
      return letterOf(n);
    case 'upperLetter':
      return letterOf(n).toUpperCase();
    case 'lowerRoman':
      return romanOf(n);
    case 'upperRoman':
      return romanOf(n).toUpperCase();
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'none':
      return '';
    default:
      return String(n);
  }
}

// ---- the walk --------------------------------------------------------------------------------

export interface ParagraphInfo {
  /** The automatic number as Word shows it (`3.2`, `a)`), when it has one. */
  label?: string;
  /** Heading level (1-based) from the style name or outline level. */
  heading?: number;
  /** The paragraph's visible text (inserted text included, deleted text not). */
  text: string;
}

export interface Revision {
  kind: 'insertion' | 'deletion' | 'move' | 'formatting' | 'row';
  author?: string;
  date?: string;
  text: string;
  place: string;
}

export interface CommentInfo {
  author?: string;
  text: string;
  place: string;
}

export interface WordXml {
  /** The main document with automatic numbers written in (for mammoth). */
  documentXml: string;
  paragraphs: ParagraphInfo[];
  revisions: Revision[];
  comments: CommentInfo[];
  /** How many paragraphs had an automatic number written in. */
  numbered: number;
}

function paragraphText(p: El): string {
  let s = '';
  for (const e of descendants(p)) {
    if (!isW(e, 't') && !isW(e, 'tab')) continue;
    // Deleted runs' text is in w:delText, so w:t inside w:del does not occur.
    s += isW(e, 'tab') ? ' ' : (e.textContent ?? '');
  }
  return s.replace(/\s+/g, ' ').trim();
}

/** First words of a text, for a place a reader can find. */
export function firstWords(text: string, max = 6): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const head = words.slice(0, max).join(' ');
  return words.length > max ? `${head}…` : head;
}

const NUMBER_AT_START = /^((?:\d+\.)*\d+\.?|[a-z]\)|\([a-z]\))\s+/i;

/** Where a paragraph is, as a Word user finds it: its number or its heading, and its first words. */
export function describePlace(info: ParagraphInfo | undefined, lastHeading: string | undefined): string {
  if (!info) return 'in the document';
  const typed = NUMBER_AT_START.exec(info.text);
  const number = info.label ?? (typed ? typed[1] : undefined);
  const body = typed && !info.label ? info.text.slice(typed[0].length) : info.text;
  if (info.heading !== undefined) return `heading "${[info.label, firstWords(info.text, 10)].filter(Boolean).join(' ')}"`;
  if (number) return `paragraph ${number.replace(/\.$/, '')} "${firstWords(body)}"`;
  const under = lastHeading ? ` under "${lastHeading}"` : '';
  return `paragraph "${firstWords(body)}"${under}`;
}

function headingLevel(numbering: Numbering, styleId: string | undefined, pPr: El | undefined): number | undefined {
  const outline = val(kid(pPr, 'outlineLvl'));
  if (outline !== undefined && Number(outline) < 9) return Number(outline) + 1;
  for (const s of numbering.styleChain(styleId)) {
    const m = /^heading\s*(\d)$/i.exec(s.name ?? '');
    if (m) return Number(m[1]);
    if (s.outline !== undefined && s.outline < 9) return s.outline + 1;
  }
  return undefined;
}

/** Reads the main document (with styles and numbering), writes automatic numbers in, lists revisions and comments. */
export function readWordXml(pkg: DocxPackage, documentPath: string, partPath: (rel: string) => string | undefined): WordXml {
  const docText = pkg.parts.get(documentPath);
  if (docText === undefined) throw new ImportError('The .docx file has no main document part; it is damaged or not a Word document.', 'damaged');
  const doc = parseXml(docText, documentPath);
  const stylesPath = partPath('styles');
  const numberingPath = partPath('numbering');
  const stylesText = stylesPath ? pkg.parts.get(stylesPath) : undefined;
  const numberingText = numberingPath ? pkg.parts.get(numberingPath) : undefined;
  const numbering = new Numbering(numberingText ? parseXml(numberingText, numberingPath!) : undefined, stylesText ? parseXml(stylesText, stylesPath!) : undefined);

  const counters = new Map<string, (number | undefined)[]>();
  const paragraphs: ParagraphInfo[] = [];
  const byElement = new Map<El, ParagraphInfo>();
  let numbered = 0;
  const body = kid(doc.documentElement, 'body') ?? doc.documentElement;
  const paras: El[] = [];
  for (const e of descendants(body)) if (isW(e, 'p')) paras.push(e);

  for (const p of paras) {
    const pPr = kid(p, 'pPr');
    const styleId = val(kid(pPr, 'pStyle'));
    const info: ParagraphInfo = { text: paragraphText(p) };
    const h = headingLevel(numbering, styleId, pPr);
    if (h !== undefined) info.heading = h;
    const label = numberParagraph(numbering, counters, pPr, styleId);
    if (label !== undefined) {
      info.label = label.text;
      writeLabel(doc, p, pPr, label);
      numbered++;
    }
    paragraphs.push(info);
    byElement.set(p, info);
  }

  // Places for revisions and comments: the enclosing paragraph, and the last heading before it.
  const lastHeadingBefore = new Map<El, string>();
  let last: string | undefined;
  for (const p of paras) {
    const info = byElement.get(p)!;
    if (last !== undefined) lastHeadingBefore.set(p, last);
    if (info.heading !== undefined && info.text) last = [info.label, info.text].filter(Boolean).join(' ');
  }
  const placeOf = (el: El): string => {
    let n: Node | null = el;
    while (n && !(n.nodeType === 1 && isW(n as El, 'p'))) n = n.parentNode;
    const p = n as El | null;
    return p ? describePlace(byElement.get(p), lastHeadingBefore.get(p)) : 'in the document';
  };

  const revisions: Revision[] = [];
  const commentPlaces = new Map<string, string>();
  for (const e of descendants(body)) {
    if (e.namespaceURI !== W) continue;
    const local = e.localName;
    const who = (r: Revision): Revision => {
      const a = attr(e, 'author');
      const d = attr(e, 'date');
      if (a) r.author = a;
      if (d) r.date = d;
      return r;
    };
    if (local === 'ins' || local === 'del' || local === 'moveFrom' || local === 'moveTo') {
      const parent = e.parentNode as El | null;
      // Paragraph-mark and row marks live in properties.
      if (parent && (isW(parent, 'rPr') || isW(parent, 'trPr'))) {
        if (isW(parent, 'trPr')) revisions.push(who({ kind: 'row', text: local === 'del' ? 'deleted table row' : 'inserted table row', place: placeOf(parent) }));
        continue;
      }
      let text = '';
      for (const t of descendants(e)) if (isW(t, 't') || isW(t, 'delText')) text += t.textContent ?? '';
      if (local === 'moveFrom') continue; // reported once, at its destination
      revisions.push(who({ kind: local === 'ins' ? 'insertion' : local === 'del' ? 'deletion' : 'move', text, place: placeOf(e) }));
    } else if (local === 'rPrChange' || local === 'pPrChange') {
      revisions.push(who({ kind: 'formatting', text: '', place: placeOf(e) }));
    } else if (local === 'commentRangeStart' || local === 'commentReference') {
      const id = attr(e, 'id');
      if (id !== undefined && !commentPlaces.has(id)) commentPlaces.set(id, placeOf(e));
    }
  }

  const comments: CommentInfo[] = [];
  const commentsPath = partPath('comments');
  const commentsText = commentsPath ? pkg.parts.get(commentsPath) : undefined;
  if (commentsText) {
    const cdoc = parseXml(commentsText, commentsPath!);
    for (const c of kids(cdoc.documentElement, 'comment')) {
      const id = attr(c, 'id') ?? '';
      let text = '';
      for (const t of descendants(c)) {
        if (isW(t, 't')) text += t.textContent ?? '';
        else if (isW(t, 'p') && text) text += ' ';
      }
      const info: CommentInfo = { text: text.replace(/\s+/g, ' ').trim(), place: commentPlaces.get(id) ?? 'in the document' };
      const author = attr(c, 'author');
      if (author) info.author = author;
      comments.push(info);
    }
  }

  return { documentXml: numbered > 0 ? new XMLSerializer().serializeToString(doc as unknown as Node) : docText, paragraphs, revisions, comments, numbered };
}

interface Label {
  text: string;
  suffix: Level['suffix'];
}

/** The paragraph's automatic number (advancing the counters), or undefined (none, or a bullet). */
function numberParagraph(numbering: Numbering, counters: Map<string, (number | undefined)[]>, pPr: El | undefined, styleId: string | undefined): Label | undefined {
  const numPr = kid(pPr, 'numPr');
  let numId = val(kid(numPr, 'numId'));
  let ilvlText = val(kid(numPr, 'ilvl'));
  const chain = numbering.styleChain(styleId);
  if (numId === undefined) {
    const s = chain.find((c) => c.numId !== undefined);
    if (s) {
      numId = s.numId;
      if (ilvlText === undefined && s.ilvl !== undefined) ilvlText = String(s.ilvl);
    }
  }
  if (numId === undefined || numId === '0') return undefined;
  const found = numbering.abstractOf(numId);
  if (!found) return undefined;
  let ilvl = ilvlText !== undefined ? Number(ilvlText) : undefined;
  if (ilvl === undefined && styleId) {
    const linked = numbering.levelByStyle.get(styleId);
    if (linked && linked.abstractId === found.id) ilvl = linked.ilvl;
  }
  ilvl = ilvl !== undefined && Number.isInteger(ilvl) && ilvl >= 0 && ilvl < 9 ? ilvl : 0;
  const num = numbering.nums.get(numId)!;
  const levelOf = (i: number): Level | undefined => num.overrides.get(i)?.level ?? found.abs.levels.get(i);
  const startOf = (i: number): number => num.overrides.get(i)?.start ?? levelOf(i)?.start ?? 1;
  const level = levelOf(ilvl);
  if (!level) return undefined;
  // A num with start overrides is its own list; otherwise nums sharing an abstract continue one list.
  const hasStart = [...num.overrides.values()].some((o) => o.start !== undefined);
  const key = hasStart ? `num:${numId}` : `abs:${found.id}`;
  let counts = counters.get(key);
  if (!counts) {
    counts = [];
    counters.set(key, counts);
  }
  counts[ilvl] = counts[ilvl] === undefined ? startOf(ilvl) : counts[ilvl]! + 1;
  for (let j = ilvl + 1; j < 9; j++) {
    const r = levelOf(j)?.restart;
    if (r === 0) continue;
    if (r === undefined || ilvl < r) counts[j] = undefined;
  }
  if (level.format === 'bullet') return undefined;
  const text = level.text.replace(/%([1-9])/g, (_, d: string) => {
    const i = Number(d) - 1;
    const n = counts![i] ?? startOf(i);
    return formatNumber(n, level.legal ? 'decimal' : (levelOf(i)?.format ?? 'decimal'));
  });
  if (!text.trim()) return undefined;
  return { text: text.trim(), suffix: level.suffix };
}

/** Writes the number into the paragraph as text and switches its list property off (numId 0). */
function writeLabel(doc: Document, p: El, pPr: El | undefined, label: Label): void {
  const mk = (local: string): El => doc.createElementNS(W, `w:${local}`) as unknown as El;
  let props = pPr;
  if (!props) {
    props = mk('pPr');
    p.insertBefore(props, p.firstChild);
  }
  const old = kid(props, 'numPr');
  const numPr = mk('numPr');
  const ilvl = mk('ilvl');
  ilvl.setAttributeNS(W, 'w:val', '0');
  const numId = mk('numId');
  numId.setAttributeNS(W, 'w:val', '0');
  numPr.appendChild(ilvl);
  numPr.appendChild(numId);
  if (old) props.replaceChild(numPr, old);
  else props.insertBefore(numPr, props.firstChild);
  const run = mk('r');
  const t = mk('t');
  t.setAttribute('xml:space', 'preserve');
  // No separator (`w:suff nothing`) still needs a space in the draft: "1.Summary" is not a numbered heading.
  t.appendChild(doc.createTextNode(label.text + (label.suffix === 'tab' ? '' : ' ')));
  run.appendChild(t);
  const after = props.nextSibling;
  p.insertBefore(run, after);
  if (label.suffix === 'tab') {
    const tabRun = mk('r');
    tabRun.appendChild(mk('tab'));
    p.insertBefore(tabRun, run.nextSibling);
  }
}
