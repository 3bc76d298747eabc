import type { Block, ReportModel, Section } from '../model.js';
import type { SectionMatch, TemplateMatch } from '../templates/match.js';
import type { Range, TextEdit } from '../types.js';
import { beforeFirst } from '../text.js';

/**
 * Sign-off analysis shared by the `signoff/*` rules. For every template implications
 * block (a matched section whose spec has kind `implications`), one pass over its
 * paragraphs, and those of its sub-headings, finds:
 *
 * - sign lines: `Signed: ...`, `Dated: ...` and their variants (`Date:`, no colon,
 *   `Signed off by`, value on the next line or paragraph, bold labels);
 * - bare sign-off lines: `Name, Role[, Ext ...]` with no `Signed:` label, as written
 *   in older reports (only after the block's last paragraph of text);
 * - whether the block says anything besides its sign-off, and whether that is only a
 *   nil answer ("None.").
 *
 * It is more forgiving than the model's `signoffs` (which only reads a section's own
 * blocks) and is cached per check.
 */

export type SignKind = 'signed' | 'dated';

export interface Span {
  text: string;
  start: number;
  end: number;
}

export interface SignedValue {
  /** Comma-separated parts of the value. */
  parts: Span[];
  /** Index of the first part that reads as a person's name. */
  name?: number;
  /** Index of the first part that reads as a job title. */
  role?: number;
  /** `Name - Role` written with a dash instead of a comma. */
  dash?: { name: Span; role: Span };
}

export interface SignLine {
  kind: SignKind;
  /** Label as written: `Signed`, `Dated`, `Date`, `Signed off by` ... */
  label: string;
  colon: boolean;
  /** Bold marker around the label (`**Signed:**`), kept by fixes. */
  bold: string;
  /** Offsets of the line, without its line break. */
  lineStart: number;
  lineEnd: number;
  /** From the label (after indentation) to the end of the label's colon and markup. */
  labelStart: number;
  labelEnd: number;
  value: string;
  valueStart: number;
  valueEnd: number;
  /** The value was found on the next line or in the next paragraph. */
  valueOnNextLine: boolean;
  signed?: SignedValue;
  block: Block;
}

export interface BareLine {
  text: string;
  start: number;
  end: number;
  value: SignedValue;
  block: Block;
}

export interface SignEntry {
  signed?: SignLine;
  /** A `Name, Role` line with no `Signed:` label. */
  bare?: BareLine;
  /** Legacy layout: `Name, Role` on its own line, then `Signed: <initials/name>`. */
  legacy?: BareLine;
  dated?: SignLine;
}

export interface ImplicationsBlock {
  match: SectionMatch;
  section: Section;
  /** The template requires a sign-off here. */
  required: boolean;
  /** Role the template names for the signer, when any. */
  role?: string;
  entries: SignEntry[];
  lines: SignLine[];
  /** Text besides the sign-off. */
  hasText: boolean;
  /** Text besides the sign-off that is more than a nil answer such as "None.". */
  substantive: boolean;
}

const cache = new WeakMap<TemplateMatch, ImplicationsBlock[]>();

const LABEL_RE = /^([ \t]*)(\*\*|__)?(signed off by|signed|sign-off|sign off|signature|dated|date)\b(\*\*|__)?([ \t]*:)?(\*\*|__)?[ \t]*([^ \t\n\r\u2028\u2029].*|)$/i;

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const DATE_LIKE = new RegExp(`^(?:\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}|${MONTH}\\s+\\d{1,2}\\b|\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}\\b|\\d{4}-\\d{2}-\\d{2}\\b)`, 'i');

/** Words that make a part a job title. */
export const ROLE_RE =
  /\b(officer|head|director|solicitor|lawyer|barrister|manager|accountant|adviser|advisor|lead|chief|principal|analyst|consultant|specialist|co-?ordinator|partner|executive|secretary|clerk|treasurer|assistant|deputy|controller|auditor|surveyor|engineer|planner|monitoring|chair|mayor|commissioner)\b/i;

/** Words that belong to department names rather than to people's names. */
const ORG_WORDS = new Set(
  'services service care social education health public legal council finance children law team department division directorate commercial contracts safeguarding planning housing adult adults policy strategy commissioning equalities equality sustainability climate leicester leicestershire city county the and of for with group unit board commission'.split(
    ' ',
  ),
);

const PARTICLES = new Set(['de', 'van', 'von', 'der', 'den', 'la', 'le', 'bin', 'al', 'da', 'di', 'du', 'del', 'st']);

const EXT_LABEL = /^(?:ext\.?|extension|tel\.?|telephone|phone)\s*(?::\s*)?$/i;

export function looksLikeDate(s: string): boolean {
  return DATE_LIKE.test(s.trim());
}

export function isRole(s: string): boolean {
  return ROLE_RE.test(s);
}

/** `ext. 2649`, `Tel: 0116 305 2649`: a label, then four or more digits and spaces to the end. */
export function isExt(s: string): boolean {
  const t = s.trim();
  let digits = t.length;
  while (digits > 0 && /[\d ]/.test(t[digits - 1]!)) digits--;
  return t.length - digits >= 4 && EXT_LABEL.test(t.slice(0, digits));
}

/** A person's name: 2-5 capitalised words or initials, no digits, no job or department words. */
export function isName(s: string): boolean {
  const t = s.trim().replace(/^(?:cllr|councillor|dr|mr|mrs|ms|miss|prof)\.?\s+/i, '');
  if (!t || t.length > 50 || /\d/.test(t) || isRole(t)) return false;
  const words = t.split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  return words.every((w) => !ORG_WORDS.has(w.toLowerCase()) && (/^[A-Z][\p{L}'’.-]*$/u.test(w) || PARTICLES.has(w.toLowerCase())));
}

/** Splits `Name, Role, Ext 37 nnnn` into parts with offsets. */
export function parseSigned(text: string, offset: number): SignedValue {
  const parts: Span[] = [];
  let pos = 0;
  for (const raw of text.split(',')) {
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (t) parts.push({ text: t, start: offset + pos + lead, end: offset + pos + lead + t.length });
    pos += raw.length + 1;
  }
  const v: SignedValue = { parts };
  if (parts.length === 1 && parts[0]!.text.length <= 120) {
    // `Name - Role`: one part that is a name and a role joined by a dash.
    // eslint-disable-next-line regexp/no-super-linear-backtracking -- at most 120 characters (above)
    const m = /^(.+?)\s+[-–—]\s+(.+)$/.exec(parts[0]!.text);
    if (m && isName(m[1]!) && isRole(m[2]!)) {
      const base = parts[0]!.start;
      v.dash = {
        name: { text: m[1]!, start: base, end: base + m[1]!.length },
        role: { text: m[2]!, start: base + m[0].length - m[2]!.length, end: base + m[0].length },
      };
      return v;
    }
  }
  parts.forEach((p, i) => {
    if (v.name === undefined && isName(p.text)) v.name = i;
    if (v.role === undefined && !isExt(p.text) && isRole(p.text)) v.role = i;
  });
  return v;
}

/** Name and role in template order, when the value is readable: `Surinder Singh, Equalities Officer, Ext 37 4148`. */
export function templateOrder(v: SignedValue): string | undefined {
  if (v.dash) return `${v.dash.name.text}, ${v.dash.role.text}`;
  if (v.name === undefined || v.role === undefined) return undefined;
  const rest = v.parts.filter((_, i) => i !== v.name && i !== v.role).map((p) => p.text);
  return [v.parts[v.name]!.text, v.parts[v.role]!.text, ...rest].join(', ');
}

/** Role written before the name: `Equalities Officer, Surinder Singh`. */
export function roleFirst(v: SignedValue): boolean {
  return v.name !== undefined && v.role !== undefined && v.role < v.name;
}

/** A value that is only a name (and perhaps an extension): no role. */
export function nameOnly(v: SignedValue): boolean {
  if (v.dash || v.name === undefined || v.role !== undefined) return false;
  return v.parts.every((p, i) => i === v.name || isExt(p.text));
}

/** A value that names a role but no person. */
export function roleOnly(v: SignedValue): boolean {
  return v.name === undefined && v.role !== undefined && !v.dash && v.parts.every((p, i) => i === v.role || isExt(p.text));
}

const NIL_RE = /^(?:none|nil|n\/?a|not applicable|no\b|there are no\b|no other\b)/i;

function isNil(text: string): boolean {
  const t = text.replace(/[*_]/g, '').trim();
  return t.length < 120 && NIL_RE.test(t);
}

function isBareCandidate(text: string): boolean {
  if (text.length > 120 || /[.:;]$/.test(text) || /^[a-z]/.test(text)) return false;
  const v = parseSigned(text, 0);
  if (v.parts.length < 2 || v.parts.length > 5 || v.parts.some((p) => p.text.length > 70)) return false;
  return v.name !== undefined && v.role !== undefined;
}

interface Line {
  start: number;
  end: number;
  text: string;
}

function linesOf(text: string, b: Block): Line[] {
  const out: Line[] = [];
  let s = b.start;
  while (s < b.end) {
    let e = text.indexOf('\n', s);
    if (e === -1 || e > b.end) e = b.end;
    let ee = e;
    if (ee > s && text[ee - 1] === '\r') ee--;
    // HTML comments (notes, suppressions) are blanked so they never join a value.
    const raw = text.slice(s, ee);
    let clean = '';
    let from = 0;
    for (let open = raw.indexOf('<!--'); open >= 0; open = raw.indexOf('<!--', from)) {
      const close = raw.indexOf('-->', open + 4);
      if (close < 0) break;
      clean += raw.slice(from, open) + ' '.repeat(close + 3 - open);
      from = close + 3;
    }
    out.push({ start: s, end: ee, text: clean + raw.slice(from) });
    s = e + 1;
  }
  return out;
}

/** Reads a line as a sign line, or returns undefined for prose that merely starts with "Date". */
function readSignLine(line: Line, alone: boolean, block: Block): SignLine | undefined {
  const m = LABEL_RE.exec(line.text);
  if (!m) return undefined;
  const [, indent = '', b1 = '', label = '', b2 = '', colonRaw, b3 = '', rest = ''] = m;
  const value = rest.trimEnd();
  const colon = colonRaw !== undefined;
  const kind: SignKind = /^dated?$/i.test(label) ? 'dated' : 'signed';
  if (colon) {
    // "Date: the advice was given ..." is prose; a short value is read, right or wrong.
    const prose = value.length > 40 || /[.!?]$/.test(value);
    if (value && prose && (kind === 'dated' ? !looksLikeDate(value) : parseSigned(value, 0).name === undefined)) return undefined;
  } else {
    if (value === '') {
      if (!alone) return undefined;
    } else if (kind === 'dated') {
      if (!looksLikeDate(value)) return undefined;
    } else {
      // Without a colon, only a line that goes on with a person's name is a sign-off.
      const v = parseSigned(value, 0);
      if (line.text.length > 140 || (v.name === undefined && !v.dash)) return undefined;
    }
  }
  const labelStart = line.start + indent.length;
  const labelEnd = labelStart + b1.length + label.length + b2.length + (colonRaw?.length ?? 0) + b3.length;
  const valueStart = value ? line.start + line.text.indexOf(value, labelEnd - line.start) : labelEnd;
  const sl: SignLine = {
    kind,
    label,
    colon,
    bold: b1 || b2 || b3 ? b1 || b3 || b2 : '',
    lineStart: line.start,
    lineEnd: line.end,
    labelStart,
    labelEnd,
    value,
    valueStart,
    valueEnd: valueStart + value.length,
    valueOnNextLine: false,
    block,
  };
  if (kind === 'signed' && value) sl.signed = parseSigned(value, valueStart);
  return sl;
}

function fitsValue(kind: SignKind, text: string): boolean {
  return kind === 'dated' ? looksLikeDate(text) : isBareCandidate(text) || isName(text);
}

function blocksUnder(section: Section, out: Block[]): void {
  out.push(...section.blocks);
  for (const c of section.children) blocksUnder(c, out);
}

export function implicationsBlocks(model: ReportModel, match: TemplateMatch): ImplicationsBlock[] {
  const hit = cache.get(match);
  if (hit) return hit;
  const out: ImplicationsBlock[] = [];
  for (const m of match.matches) {
    if (m.spec.kind !== 'implications' || m.section.inAppendix) continue;
    out.push(readBlock(model, m));
  }
  cache.set(match, out);
  return out;
}

type Item = { t: 'sign'; line: SignLine } | { t: 'bare'; bare: BareLine } | { t: 'text'; text: string; start: number; end: number; block: Block };

function readBlock(model: ReportModel, m: SectionMatch): ImplicationsBlock {
  const text = model.text;
  const blocks: Block[] = [];
  blocksUnder(m.section, blocks);
  blocks.sort((a, b) => a.start - b.start);
  const items: Item[] = [];
  const consumed = new Set<Block>();
  for (let bi = 0; bi < blocks.length; bi++) {
    const b = blocks[bi]!;
    if (consumed.has(b) || b.kind === 'html') continue;
    if (b.kind !== 'paragraph') {
      items.push({ t: 'text', text: b.source, start: b.start, end: b.end, block: b });
      continue;
    }
    const lines = linesOf(text, b);
    for (let li = 0; li < lines.length; li++) {
      const line = lines[li]!;
      if (!line.text.trim()) continue;
      const sl = readSignLine(line, lines.length === 1, b);
      if (!sl) {
        const t = line.text.trim();
        const start = line.start + line.text.indexOf(t);
        items.push({ t: 'text', text: t, start, end: start + t.length, block: b });
        continue;
      }
      if (!sl.value) {
        // The value may sit on the next line, or alone in the next paragraph.
        const nextLine = lines[li + 1];
        const nb = blocks[bi + 1];
        if (nextLine && !LABEL_RE.test(nextLine.text) && fitsValue(sl.kind, nextLine.text.trim())) {
          setValue(sl, nextLine.text.trim(), nextLine.start + (nextLine.text.length - nextLine.text.trimStart().length));
          li++;
        } else if (!nextLine && nb && nb.kind === 'paragraph' && !nb.source.trim().includes('\n') && !LABEL_RE.test(nb.source) && fitsValue(sl.kind, nb.source.trim())) {
          setValue(sl, nb.source.trim(), nb.start + (nb.source.length - nb.source.trimStart().length));
          consumed.add(nb);
        }
      }
      items.push({ t: 'sign', line: sl });
    }
  }
  // Bare `Name, Role` lines count as sign-offs only after the block's last text.
  let lastText = -1;
  items.forEach((it, i) => {
    if (it.t === 'text') lastText = i;
  });
  for (let i = lastText; i >= 0; i--) {
    const it = items[i]!;
    if (it.t !== 'text') continue;
    if (it.block.kind !== 'paragraph' || !isBareCandidate(it.text)) break;
    items[i] = { t: 'bare', bare: { text: it.text, start: it.start, end: it.end, value: parseSigned(it.text, it.start), block: it.block } };
  }
  const entries: SignEntry[] = [];
  const lines: SignLine[] = [];
  let hasText = false;
  let substantive = false;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.t === 'text') {
      hasText = true;
      if (!isNil(it.text)) substantive = true;
      continue;
    }
    if (it.t === 'bare') {
      const next = items[i + 1];
      if (next?.t === 'sign' && next.line.kind === 'signed' && next.line.signed && nameOnly(next.line.signed)) {
        lines.push(next.line);
        entries.push({ signed: next.line, legacy: it.bare });
        i++;
      } else {
        entries.push({ bare: it.bare });
      }
      continue;
    }
    const sl = it.line;
    lines.push(sl);
    const last = entries[entries.length - 1];
    if (sl.kind === 'signed') entries.push({ signed: sl });
    else if (last && !last.dated) last.dated = sl;
    else entries.push({ dated: sl });
  }
  const spec = m.spec;
  const block: ImplicationsBlock = {
    match: m,
    section: m.section,
    required: spec.signoff?.required === true,
    entries,
    lines,
    hasText,
    substantive,
  };
  if (spec.signoff?.role) block.role = spec.signoff.role;
  return block;
}

function setValue(sl: SignLine, value: string, start: number): void {
  sl.value = value;
  sl.valueStart = start;
  sl.valueEnd = start + value.length;
  sl.valueOnNextLine = true;
  if (sl.kind === 'signed') sl.signed = parseSigned(value, start);
}

/**
 * Sign lines left from the template with nothing filled in, in a block that needs no
 * sign-off and says nothing else: reported once by `signoff/empty`, ignored by the rest.
 */
/** Each sign-off entry of the implications blocks that are not left-over template lines. */
export function* signEntries(model: ReportModel, match: TemplateMatch): Generator<[ImplicationsBlock, SignEntry]> {
  for (const b of implicationsBlocks(model, match)) {
    if (isTemplateLeftover(b)) continue;
    for (const e of b.entries) yield [b, e];
  }
}

export function isTemplateLeftover(b: ImplicationsBlock): boolean {
  return !b.required && !b.substantive && b.lines.length > 0 && b.lines.every((l) => !l.value) && b.entries.every((e) => !e.bare && !e.legacy);
}

/** Whether an entry carries someone's signature (a name, with or without a label). */
export function hasSignature(e: SignEntry): boolean {
  return e.bare !== undefined || (e.signed !== undefined && e.signed.value !== '');
}

export function rangeOf(model: ReportModel, start: number, end: number): Range {
  return model.index.range(start, end);
}

export function replace(model: ReportModel, start: number, end: number, newText: string): TextEdit {
  return { range: model.index.range(start, end), newText };
}

/** A short name for the block in messages: `5.1 Financial implications`. */
export function blockLabel(b: ImplicationsBlock): string {
  return beforeFirst(b.section.heading.text.trim(), '(').trimEnd();
}
