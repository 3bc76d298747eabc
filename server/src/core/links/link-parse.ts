import type { Nodes, PhrasingContent } from 'mdast';
import { walkTree } from '../walk.js';
import { phrasingText, defineUnitMemo, joinUnitMemos, unchangedUnitItems, type ReportModel } from '../model.js';
import type { Unchanged } from '../types.js';

/**
 * Link targets as the link rules read them, with the exact source range of each target
 * (the text between `(` and `)`, inside any `<...>`), computed once per model by walking
 * the remark tree: inline links, `<...>` autolinks, GFM bare URLs, reference
 * definitions, `href="..."` in raw HTML, and text that was meant to be a link but is not
 * one (`[text](a b)`, which CommonMark leaves as text because of the space).
 */

export type TargetKind =
  /** `[text](target)` */
  | 'inline'
  /** `<https://...>` */
  | 'autolink'
  /** A bare `https://...`, `www....` or e-mail address (GFM autolink literal). */
  | 'literal'
  /** `[label]: target` */
  | 'definition'
  /** `<a href="target">` */
  | 'html'
  /** `[text](target)` that did not parse as a link. */
  | 'broken';

export interface LinkTarget {
  kind: TargetKind;
  /** The target as written (escapes not resolved). */
  raw: string;
  /** The target as parsed (for `literal`: remark's URL with `http://` / `mailto:` added). */
  url: string;
  /** Offsets of `raw` in the document. */
  start: number;
  end: number;
  /** Whole link (from `[` or `<` to `)` or `>`). */
  nodeStart: number;
  nodeEnd: number;
  /** Visible text (inline links), plain. */
  label?: string;
  /** Source range of the visible text (inline links). */
  labelStart?: number;
  labelEnd?: number;
  /** Offsets of the `()` pair of an inline link, for reporting an empty target. */
  parenStart?: number;
  parenEnd?: number;
  /** The target was written between angle brackets. */
  angle: boolean;
  /** `(<target)`: an opening angle bracket without its closing one (broken links only). */
  unclosedAngle?: boolean;
}

const cache = new WeakMap<ReportModel, LinkTarget[]>();

/**
 * What every target needs in its unit's source: `](` (an inline link, or a broken one),
 * `]:` (a definition), `<` (an autolink or raw HTML), and for a GFM bare address `://`,
 * `www` (any case, as GFM reads it) or the `@` of an e-mail address.
 */
const LINK_HINT = /\]\(|\]:|<|:\/\/|www|@/i;

/** Units whose tree was walked for links (tests). */
export const linkStats = { walks: 0 };

/** The link targets of one top-level node (kept while the node is reused). */
const UNIT_LINKS = defineUnitMemo<LinkTarget[]>({
  compute(unit, model) {
    const out: LinkTarget[] = [];
    const text = model.text;
    // Most units hold no link: skip the walk of their tree when the source has nothing a target needs.
    if (!LINK_HINT.test(text.slice(unit.start, unit.end))) return out;
    linkStats.walks++;
    const textNodes: [number, number][] = [];
    const walk = (n: Nodes): boolean => {
      const s = n.position?.start.offset;
      const e = n.position?.end.offset;
      if (s === undefined || e === undefined) return false;
      switch (n.type) {
        case 'link': {
          const t = readLink(text, n, s, e);
          if (t) out.push(t);
          return false; // a link holds no links
        }
        case 'definition': {
          const t = readDefinition(text, n.url, s, e);
          if (t) out.push(t);
          return false;
        }
        case 'linkReference':
        case 'imageReference':
        case 'image':
          return false;
        case 'inlineCode':
        case 'code':
        case 'yaml':
          return false;
        case 'html':
          for (const t of readHtml(n.value, s)) out.push(t);
          return false;
        case 'text':
          textNodes.push([s, e]);
          return false;
      }
      return true;
    };
    walkTree(unit.node, true, walk);
    for (const t of readBroken(text, textNodes, unit.start, unit.end)) out.push(t);
    return out.sort((a, b) => a.start - b.start);
  },
  shift(targets, d) {
    for (const t of targets) {
      t.start += d;
      t.end += d;
      t.nodeStart += d;
      t.nodeEnd += d;
      if (t.labelStart !== undefined) t.labelStart += d;
      if (t.labelEnd !== undefined) t.labelEnd += d;
      if (t.parenStart !== undefined) t.parenStart += d;
      if (t.parenEnd !== undefined) t.parenEnd += d;
    }
  },
});

export function readLinks(model: ReportModel): LinkTarget[] {
  const hit = cache.get(model);
  if (hit) return hit;
  const out = joinUnitMemos(model, UNIT_LINKS);
  cache.set(model, out);
  return out;
}

/** The links an edit left as they were (see `unchangedUnitItems`), the link as key. */
export function unchangedLinks(model: ReportModel): Unchanged | undefined {
  return unchangedUnitItems(model, UNIT_LINKS);
}

/** Scans a link destination starting at `i` (after `(` and spaces): [start, end, angle]. */
function scanDestination(text: string, i: number, limit: number): { start: number; end: number; angle: boolean; after: number } {
  if (text[i] === '<') {
    let j = i + 1;
    while (j < limit && text[j] !== '>' && text[j] !== '\n') {
      if (text[j] === '\\') j++;
      j++;
    }
    return { start: i + 1, end: Math.min(j, limit), angle: true, after: Math.min(j + 1, limit) };
  }
  let j = i;
  let depth = 0;
  while (j < limit) {
    const c = text[j]!;
    if (c === '\\') {
      j += 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') break;
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) break;
      depth--;
    }
    j++;
  }
  return { start: i, end: Math.min(j, limit), angle: false, after: Math.min(j, limit) };
}

function skipSpace(text: string, i: number, limit: number): number {
  while (i < limit && /\s/.test(text[i]!)) i++;
  return i;
}

function readLink(text: string, n: Extract<Nodes, { type: 'link' }>, s: number, e: number): LinkTarget | undefined {
  const first = text[s];
  if (first === '[') {
    const ls = n.children[0]?.position?.start.offset ?? s + 1;
    const le = n.children[n.children.length - 1]?.position?.end.offset ?? s + 1;
    // The label may end in markup (`*x*`): find the `](` that closes it.
    const close = text.indexOf('](', le);
    if (close === -1 || close >= e) return undefined;
    const d = scanDestination(text, skipSpace(text, close + 2, e), e);
    return {
      kind: 'inline',
      raw: text.slice(d.start, d.end),
      url: n.url,
      start: d.start,
      end: d.end,
      nodeStart: s,
      nodeEnd: e,
      label: phrasingText(n.children as PhrasingContent[]).trim(),
      labelStart: ls,
      labelEnd: close,
      parenStart: close + 1,
      parenEnd: e,
      angle: d.angle,
    };
  }
  if (first === '<') return { kind: 'autolink', raw: text.slice(s + 1, e - 1), url: n.url, start: s + 1, end: e - 1, nodeStart: s, nodeEnd: e, angle: true };
  return { kind: 'literal', raw: text.slice(s, e), url: n.url, start: s, end: e, nodeStart: s, nodeEnd: e, angle: false };
}

function readDefinition(text: string, url: string, s: number, e: number): LinkTarget | undefined {
  // `[label]: target "title"`: the first unescaped `]:`.
  let i = s + 1;
  while (i < e && !(text[i] === ']' && text[i + 1] === ':' && text[i - 1] !== '\\')) i++;
  if (i >= e) return undefined;
  const d = scanDestination(text, skipSpace(text, i + 2, e), e);
  return { kind: 'definition', raw: text.slice(d.start, d.end), url, start: d.start, end: d.end, nodeStart: s, nodeEnd: e, angle: d.angle };
}

const HREF_RE = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

function readHtml(value: string, offset: number): LinkTarget[] {
  const out: LinkTarget[] = [];
  HREF_RE.lastIndex = 0;
  for (let m = HREF_RE.exec(value); m; m = HREF_RE.exec(value)) {
    const raw = m[1] ?? m[2] ?? '';
    const start = offset + m.index + m[0].length - raw.length - 1;
    out.push({ kind: 'html', raw, url: decodeEntities(raw), start, end: start + raw.length, nodeStart: offset + m.index, nodeEnd: offset + m.index + m[0].length, angle: false });
  }
  return out;
}

function decodeEntities(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

/**
 * `[text](target with spaces)`: CommonMark does not make it a link, so it shows as
 * text. Found as `](` in text that no link covers, with the target up to the `)` on
 * the same line.
 */
function readBroken(text: string, textNodes: [number, number][], from: number, to: number): LinkTarget[] {
  const out: LinkTarget[] = [];
  // One forward sweep over every `](` in the document, with pointers that only move
  // forward (the text node it sits in, the last `[` and line start before it, the next
  // `)` and line end after it), so the whole scan is linear.
  let k = 0;
  let lastOpen = -1;
  let lineStart = text.lastIndexOf('\n', from - 1) + 1;
  let swept = lineStart;
  let nextClose = -2;
  let nextLine = -2;
  // Searched within [from, to) only: a search of the whole text from each block would
  // read the rest of the document once per block (quadratic in the number of blocks).
  const part = text.slice(from, to);
  const find = (needle: string, at: number): number => {
    const j = part.indexOf(needle, at - from);
    return j === -1 ? -1 : from + j;
  };
  for (let i = find('](', from); i !== -1; i = find('](', i + 2)) {
    while (k < textNodes.length && textNodes[k]![1] <= i) k++;
    if (k >= textNodes.length) break;
    for (; swept < i; swept++) {
      const c = text[swept];
      if (c === '[') lastOpen = swept;
      else if (c === '\n') lineStart = swept + 1;
    }
    if (textNodes[k]![0] > i || text[i - 1] === '\\') continue;
    if (nextClose !== -1 && nextClose < i + 2) nextClose = find(')', i + 2);
    if (nextLine !== -1 && nextLine < i) nextLine = find('\n', i);
    const lineEnd = nextLine === -1 ? to : nextLine;
    const close = nextClose;
    const open = lastOpen;
    if (close === -1 || close >= lineEnd || open < lineStart) continue;
    let ds = skipSpace(text, i + 2, close);
    let de = close;
    const angle = text[ds] === '<';
    if (angle) ds++;
    while (de > ds && /\s/.test(text[de - 1]!)) de--;
    const closed = text[de - 1] === '>';
    if (closed) de--;
    const raw = text.slice(ds, de);
    const unclosedAngle = angle && !closed;
    if (/\s/.test(raw) || unclosedAngle) {
      out.push({
        kind: 'broken',
        raw,
        url: raw,
        start: ds,
        end: de,
        nodeStart: open,
        nodeEnd: close + 1,
        label: text.slice(open + 1, i),
        labelStart: open + 1,
        labelEnd: i,
        parenStart: i + 1,
        parenEnd: close + 1,
        angle,
        unclosedAngle,
      });
    }
  }
  return out;
}

/** `scheme:` of an absolute URL, lower case, or undefined for a relative reference. */
export function schemeOf(url: string): string | undefined {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
  return m ? m[1]!.toLowerCase() : undefined;
}
