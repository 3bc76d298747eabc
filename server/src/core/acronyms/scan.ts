import { defineUnitMemo, joinUnits, unitMemo, unitMemoIfAny, type Block, type ReportModel, type Section, type Unit } from '../model.js';
import { ENGLISH_CAPS, NOT_ACRONYMS, PLACE_CAPS, isRomanNumeral } from './lexicon.js';
import { builtinEntry } from './builtin.js';
import { dictionary, knownWord } from '../prose/dictionary.js';
import { lastAtOrBefore, ownString, stripEnd } from '../text.js';
import { acronymLetters, fitAcronym, fitAllowed, fitPrefixes, fittingSuffix, isStopWord, splitWords, titleCaseSuffix, type Word } from './expansion.js';

/**
 * One pass over a report that finds every acronym-like token and every place an acronym
 * is spelt out. It depends only on the text, so it is computed once per report model and
 * shared by the acronym rules, hover, completion and the glossary command (see
 * `scanAcronyms`). What the tokens mean (which are known, which are defined where) is the
 * job of `analyse.ts`, which also knows the configuration.
 */

export type Weakness =
  /** An English word in capitals (`NOT`, `AND`, `CARE`). */
  | 'english'
  /** A long all-capitals word (7+ letters): a shouted word or a name (`IMPOWER`), rarely an acronym. */
  | 'long'
  /** A 5+ letter token in a line written in capitals (`TRANSFORMING SEND AND INCLUSION`). */
  | 'shouted'
  /** One capital and digits (`B1`, `Y6`): a reference more often than an acronym. */
  | 'letter-digit';

export interface Occurrence {
  /** As written, without a plural `s` or possessive: `EHCP` for `EHCPs`, `DfE` for `DfE's`. */
  key: string;
  /** The token as written (`EHCPs`). */
  written: string;
  plural: boolean;
  start: number;
  end: number;
  /** In a heading (the title included). */
  heading: boolean;
  /** In a line written mostly in capitals. */
  shouted: boolean;
  /** 0 for the report, n for the n-th appendix. */
  scope: number;
  /** Set when the token counts as an acronym only if something defines it. */
  weak?: Weakness;
  /** This token is the acronym of a definition. */
  definition?: Definition;
  /** Inside the expansion of another acronym (`Transforming SEND and Inclusion in Leicestershire (TSIL)`). */
  inExpansion?: boolean;
}

export type DefinitionForm = 'long-first' | 'acronym-first' | 'glossary';

export interface Definition {
  key: string;
  written: string;
  plural: boolean;
  form: DefinitionForm;
  /** The acronym token. */
  start: number;
  end: number;
  expansion: string;
  expStart: number;
  expEnd: number;
  /** The expansion with any descriptive words after the name (`Adolescence Safety and Diversion Board` for ASD). */
  fullExpansion: string;
  /** The whole definition: `Full Name (ACR)` or `ACR (Full Name)` (a glossary line: the expansion). */
  spanStart: number;
  spanEnd: number;
  /** The span written without the expansion: `DSG`, `EHC Plan` (for `... (EHC Plan)`), `ISS providers` (for `Independent Special School providers (ISS)`). */
  short: string;
  /** The span written without the acronym: `Dedicated Schools Grant`. */
  plain: string;
  /** Whether the expansion's initials fit the acronym. */
  fits: boolean;
  heading: boolean;
  scope: number;
}

export interface GlossarySectionInfo {
  section: Section;
  start: number;
  end: number;
  entries: Definition[];
}

export interface AcronymScan {
  /** Every acronym-like token outside glossary sections, in document order. */
  occurrences: Occurrence[];
  /** Definitions in document order (glossary-section entries included). */
  definitions: Definition[];
  glossarySections: GlossarySectionInfo[];
  /** Offsets where appendices start (scope n starts at appendixStarts[n - 1]). */
  appendixStarts: number[];
  /** Whether a span of the text is running text (not a heading, code, a link or a glossary section). */
  isProse(start: number, end: number): boolean;
  /**
   * Whether the tokens and definitions of the units this model kept from the session's
   * previous one are what they were in that model's scan (the same objects, in the same
   * groups), and nothing else was in it: no glossary section then or now, no hyphenated
   * token read differently.
   */
  stable: boolean;
}

const cache = new WeakMap<ReportModel, AcronymScan>();

/** The acronym scan of a report model, computed once per model. */
export function scanAcronyms(model: ReportModel): AcronymScan {
  let scan = cache.get(model);
  if (!scan) {
    scan = buildScan(model);
    cache.set(model, scan);
  }
  return scan;
}

/** Drops a model's cached scan (for benchmarks that time the scan on one model again and again). */
export function forgetAcronymScan(model: ReportModel): void {
  cache.delete(model);
}

const GLOSSARY_TITLE = /^(?:useful\s+)?(?:acronyms?|glossary|abbreviations?)(?:\s+(?:and|&)\s+(?:acronyms?|abbreviations?|terms?|definitions?))?(?:\s+(?:used|of terms))?\s*:?$/i;

export function isGlossaryHeading(title: string): boolean {
  // Most titles have none of the words (nor an emphasis mark that could split one): no more to ask.
  if (!GLOSSARY_WORD.test(title)) return false;
  // Asked of every heading on every check: the answers are kept (a long report has some thousands of titles).
  let yes = glossaryTitles.get(title);
  if (yes === undefined) {
    scanWork.titlesRead++;
    if (glossaryTitles.size >= 10_000) glossaryTitles.clear();
    glossaryTitles.set(ownString(title), (yes = GLOSSARY_TITLE.test(title.replace(/[*_]/g, '').trim())));
  }
  return yes;
}

const glossaryTitles = new Map<string, boolean>();

/** Work counted for tests: heading titles read against the glossary pattern, and tokens and definitions made to move with their unit. */
export const scanWork = { titlesRead: 0, moving: 0 };
const GLOSSARY_WORD = /acronym|glossary|abbreviation|[*_]/i;

const PROSE_KINDS = new Set(['paragraph', 'item', 'table', 'quote', 'other']);

interface Segment {
  start: number;
  end: number;
  heading: boolean;
  table: boolean;
  /**
   * The unit whose scan this is, in an editing session: its tokens and definitions count
   * their offsets from its start (see `FromUnitStart`). Unset for a report checked once,
   * whose units never move: its tokens are plain objects (no copies of their strings, and
   * offsets read without a getter).
   */
  unit?: Unit | undefined;
}

/**
 * Offsets kept from a unit's start, which moves with the unit after an edit before it, so
 * a scan kept across edits has nothing of its own to move: the base of a unit scan's
 * tokens and definitions. (Their strings are their own: `unitMemo` does not look inside
 * class instances.)
 */
abstract class FromUnitStart {
  private from: number;
  private to: number;
  constructor(
    protected readonly unit: Unit,
    start: number,
    end: number,
  ) {
    this.from = start - unit.start;
    this.to = end - unit.start;
  }
  get start(): number {
    return this.unit.start + this.from;
  }
  set start(v: number) {
    this.from = v - this.unit.start;
  }
  get end(): number {
    return this.unit.start + this.to;
  }
  set end(v: number) {
    this.to = v - this.unit.start;
  }
}

/** A token of a unit's scan (see `UNIT_SCAN`), its offsets kept from the unit's start. */
class MovingOccurrence extends FromUnitStart implements Occurrence {
  key: string;
  written: string;
  plural: boolean;
  heading: boolean;
  shouted: boolean;
  scope: number;
  weak?: Weakness;
  definition?: Definition;
  inExpansion?: boolean;
  constructor(unit: Unit, o: Occurrence) {
    super(unit, o.start, o.end);
    this.key = ownString(o.key);
    this.written = ownString(o.written);
    this.plural = o.plural;
    this.heading = o.heading;
    this.shouted = o.shouted;
    this.scope = o.scope;
    if (o.weak) this.weak = o.weak;
  }
}

/** A definition of a unit's scan, its offsets kept from the unit's start. */
class MovingDefinition extends FromUnitStart implements Definition {
  key: string;
  written: string;
  plural: boolean;
  form: DefinitionForm;
  expansion: string;
  fullExpansion: string;
  short: string;
  plain: string;
  fits: boolean;
  heading: boolean;
  scope: number;
  /** The expansion's and the whole span's offsets, from the unit's start. */
  private readonly at: number[];
  constructor(unit: Unit, d: Definition) {
    super(unit, d.start, d.end);
    this.key = ownString(d.key);
    this.written = ownString(d.written);
    this.plural = d.plural;
    this.form = d.form;
    this.expansion = ownString(d.expansion);
    this.fullExpansion = ownString(d.fullExpansion);
    this.short = ownString(d.short);
    this.plain = ownString(d.plain);
    this.fits = d.fits;
    this.heading = d.heading;
    this.scope = d.scope;
    const u = unit.start;
    this.at = [d.expStart - u, d.expEnd - u, d.spanStart - u, d.spanEnd - u];
  }
  get expStart(): number {
    return this.unit.start + this.at[0]!;
  }
  get expEnd(): number {
    return this.unit.start + this.at[1]!;
  }
  get spanStart(): number {
    return this.unit.start + this.at[2]!;
  }
  get spanEnd(): number {
    return this.unit.start + this.at[3]!;
  }
}

/** One heading or prose block of a top-level node, scanned (see `UNIT_SCAN`). */
interface ScannedSegment {
  /** Where it is, relative to its unit's start (so it never moves). */
  from: number;
  to: number;
  heading: boolean;
  /** The segment's source with code, links, addresses and HTML blanked. */
  masked: string;
  /** The block, for blocks (a glossary section's blocks are read as glossary entries instead). */
  block: Block | undefined;
  occurrences: readonly Occurrence[];
  definitions: readonly Definition[];
  /** Hyphenated tokens, as written (`whole`) and as their head alone; which holds depends on the whole report. */
  compounds: readonly Compound[];
}

interface Compound {
  occ: Occurrence;
  /** The unit the token is in: `whole.end` and `head.end` are offsets from its start. */
  unit: Unit;
  whole: { key: string; written: string; plural: boolean; end: number };
  head: { key: string; written: string; plural: boolean; end: number };
  /** Whether the last scan read it as its head alone (unset before the first). */
  asHead?: boolean;
}

interface UnitScan {
  segments: ScannedSegment[];
  /** Whether any segment has tokens or definitions. */
  tokens: boolean;
  /** The appendix scope the unit's findings carry (set by the document-level pass). */
  scope: number;
}

/**
 * The tokens and definitions of one top-level node's headings and prose blocks, which
 * depend only on its own source; kept while the node is reused. What depends on the
 * rest of the report (appendix scope, glossary sections, hyphenated tokens) is settled by
 * `buildScan` on every check.
 */
const UNIT_SCAN = defineUnitMemo<UnitScan>({
  compute(unit, model) {
    const text = model.text;
    const segments: ScannedSegment[] = [];
    let tokens = false;
    const add = (seg: Segment, block?: Block): void => {
      const masked = maskSegment(text.slice(seg.start, seg.end));
      const s: ScannedSegment = { from: seg.start - unit.start, to: seg.end - unit.start, heading: seg.heading, masked, block, occurrences: NONE, definitions: NONE, compounds: NONE };
      segments.push(s);
      const cands = candidatesIn(masked, seg.start);
      // Most blocks have no token: they share the empty lists.
      if (cands.length === 0) return;
      const occurrences: Occurrence[] = [];
      const definitions: Definition[] = [];
      const heads = new Map<Occurrence, CompoundHead>();
      scanSegment(masked, seg, cands, 0, occurrences, definitions, heads);
      if (occurrences.length === 0 && definitions.length === 0) return;
      tokens = true;
      const compounds: Compound[] = [];
      for (const [occ, head] of heads) compounds.push({ occ, unit, whole: { key: occ.key, written: occ.written, plural: occ.plural, end: occ.end - unit.start }, head: { ...head, end: head.end - unit.start } });
      markExpansions(occurrences, definitions);
      s.occurrences = occurrences;
      s.definitions = definitions;
      if (compounds.length > 0) s.compounds = compounds;
    };
    const moving = model.session ? unit : undefined;
    if (unit.heading) add({ start: unit.heading.textStart, end: unit.heading.textEnd, heading: true, table: false, unit: moving });
    for (const b of unit.blocks ?? []) if (PROSE_KINDS.has(b.kind)) add({ start: b.start, end: b.end, heading: false, table: b.kind === 'table', unit: moving }, b);
    return { segments, tokens, scope: 0 };
  },
  // Nothing to move after an edit before the unit: every offset is kept from its start.
});

/** The tokens, definitions and hyphenated tokens of one unit's headings and prose blocks. */
export type UnitTokens = Readonly<UnitScan>;

/** A unit's scan (computed on first use). */
export function unitTokens(model: ReportModel, unit: Unit): UnitTokens {
  return unitMemo(model, unit, UNIT_SCAN);
}

/** A unit's scan if some model's scan read it. */
export function unitTokensIfAny(unit: Unit): UnitTokens | undefined {
  return unitMemoIfAny(unit, UNIT_SCAN);
}

function setCompound(c: Compound, to: Compound['whole']): void {
  const o = c.occ;
  const end = c.unit.start + to.end;
  o.key = to.key;
  o.written = to.written;
  o.plural = to.plural;
  o.end = end;
  if (o.definition) {
    o.definition.key = to.key;
    o.definition.written = to.written;
    o.definition.plural = to.plural;
    o.definition.end = end;
  }
}

const NONE: readonly never[] = [];

/** Keys of the lists `buildScan` joins from units (see `joinUnits`). */
const OCCURRENCES = {};
const DEFINITIONS = {};
const COMPOUNDS = {};

/** What the last scan of a session's model depended on beyond each unit's own text. */
const lastContext = new WeakMap<object, { appendices: number; glossary: boolean }>();

function buildScan(model: ReportModel): AcronymScan {
  const text = model.text;
  const appendixStarts = model.headings.filter((h) => h.depth === 1 && /^appendix\b/i.test(h.title || h.text)).map((h) => lineStartOf(text, h.textStart));
  const scopeAt = (offset: number): number => lastAtOrBefore(appendixStarts, offset, (a) => a) + 1;

  const glossarySections: GlossarySectionInfo[] = [];
  const glossaryBlocks = new Set<object>();
  for (const s of model.allSections) {
    if (!isGlossaryHeading(s.heading.title)) continue;
    glossarySections.push({ section: s, start: s.start, end: s.end, entries: [] });
    for (const b of s.blocks) glossaryBlocks.add(b);
  }

  // The lists of the session's last model hold for the units this edit kept when no
  // glossary section skips any of their blocks and the appendices are the same ones (an
  // edit elsewhere cannot move a kept unit into another appendix without changing their number).
  const context = { appendices: appendixStarts.length, glossary: glossarySections.length > 0 };
  const before = model.session ? lastContext.get(model.session) : undefined;
  const reusable = !context.glossary && before !== undefined && !before.glossary && before.appendices === context.appendices;
  if (model.session) lastContext.set(model.session, context);

  /** A unit's scan, in its appendix scope. */
  const scanOf = (unit: Unit): UnitScan => {
    const u = unitMemo(model, unit, UNIT_SCAN);
    const scope = scopeAt(unit.start);
    if (u.scope !== scope) {
      u.scope = scope;
      for (const s of u.segments) {
        for (const o of s.occurrences) o.scope = scope;
        for (const d of s.definitions) d.scope = scope;
      }
    }
    return u;
  };
  const inText = (s: ScannedSegment): boolean => glossaryBlocks.size === 0 || !(s.block && glossaryBlocks.has(s.block));
  const flat = <T>(unit: Unit, of: (s: ScannedSegment) => readonly T[]): readonly T[] => {
    const scanned = scanOf(unit);
    // Most units have no token at all.
    if (!scanned.tokens) return NONE;
    const out: T[] = [];
    for (const s of scanned.segments) if (inText(s)) for (const x of of(s)) out.push(x);
    return out;
  };
  // Indexed loops and joined lists: this runs on each check, over every node of the report.
  const occurrences = joinUnits(model, OCCURRENCES, (unit) => flat(unit, (s) => s.occurrences), reusable);
  let definitions = joinUnits(model, DEFINITIONS, (unit) => flat(unit, (s) => s.definitions), reusable);
  const compounds = joinUnits(model, COMPOUNDS, (unit) => flat(unit, (s) => (s.compounds.length === 0 ? NONE : s.compounds.map((c) => ({ c, seg: s })))), reusable);
  for (let i = 0; i < compounds.length; i++) setCompound(compounds[i]!.c, compounds[i]!.c.whole);

  if (glossarySections.length > 0) {
    // A copy: the joined list is kept for the next edit.
    definitions = definitions.slice();
    for (const g of glossarySections) {
      for (const b of g.section.blocks) {
        for (const d of readGlossaryBlock(text, b.start, b.end, b.kind === 'table')) {
          d.scope = scopeAt(d.start);
          g.entries.push(d);
          definitions.push(d);
        }
      }
    }
    definitions.sort((a, b) => a.start - b.start);
  }

  let stable = reusable;
  if (compounds.length > 0) {
    // Not defined as a whole: `MPS` in `MPS-2024` is the acronym.
    const defined = new Set(definitions.map((d) => d.key));
    const touched = new Set<ScannedSegment>();
    for (const { c, seg } of compounds) {
      const asHead = !defined.has(c.whole.key);
      if (asHead) setCompound(c, c.head);
      if (c.asHead !== undefined && c.asHead !== asHead) stable = false;
      c.asHead = asHead;
      touched.add(seg);
    }
    // What lies inside an expansion depends on where each token ends.
    for (const seg of touched) {
      for (const o of seg.occurrences) o.inExpansion = undefined;
      markExpansions(seg.occurrences, seg.definitions);
    }
  }

  return {
    occurrences,
    definitions,
    glossarySections,
    appendixStarts,
    stable,
    isProse(start, end) {
      const units = model.units;
      const unit = units[lastAtOrBefore(units, start, (u) => u.start)];
      if (!unit) return false;
      const segments = unitMemo(model, unit, UNIT_SCAN).segments;
      const from = start - unit.start;
      const to = end - unit.start;
      const s = segments[lastAtOrBefore(segments, from, (x) => x.from)];
      if (!s || s.heading || to > s.to || !inText(s)) return false;
      return s.masked.slice(from - s.from, to - s.from) === text.slice(start, end);
    },
  };
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

// ---------------------------------------------------------------------------------------
// Masking: code, links, URLs, e-mail addresses and HTML become spaces (offsets are kept).
// A match may start only where a run of its characters starts (the lookbehinds) and
// stops at the next opening character, so no text is scanned twice: time stays linear
// on a long word without an `@` or a top-level domain, or many `<` without `>`.

const MASKS: { test: string | RegExp; re: RegExp; from?: number }[] = [
  { test: '`', re: /(?<!`)(`+)[^`][\s\S]*?\1/g },
  { test: '<', re: /<!--[\s\S]*?-->|<[^<>\n]*>/g },
  { test: '](', re: /\]\([^)\]\n]*\)/g, from: 1 },
  { test: ']:', re: /^[ \t]*\[[^\]\n]+\]:.*$/gm },
  // Quotes are not part of an address, nor is punctuation that ends it (as GFM reads one):
  // `see "www.gov.uk".` keeps its closing quote and full stop.
  { test: /:\/\/|www\./i, re: /\b(?:https?:\/\/|www\.)[^\s<>|\])"\u201c\u201d]*[^\s<>|\])"\u201c\u201d.,;:!?'*_~]/gi },
  { test: '@', re: /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g },
  { test: /\.(?:uk|com|org|net|gov|io|co|ac|nhs|edu|info|eu)\b/i, re: /(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:uk|com|org|net|gov|io|co|ac|nhs|edu|info|eu)\b(?:\/[^\s|)]*)?/gi },
];

const ANY_MASK = /[`<@]|\]\(|\]:|:\/\/|www\.|\.(?:uk|com|org|net|gov|io|co|ac|nhs|edu|info|eu)\b/i;

export function maskSegment(source: string): string {
  if (!ANY_MASK.test(source)) return source;
  let out = source;
  for (const m of MASKS) {
    if (typeof m.test === 'string' ? !out.includes(m.test) : !m.test.test(out)) continue;
    out = out.replace(m.re, (s: string) => s.slice(0, m.from ?? 0) + ' '.repeat(s.length - (m.from ?? 0)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Tokens.

/**
 * Words with two capitals, or a capital and a digit, with hyphenated parts (`EHCPs`, `DfE`,
 * `KS2`, `C&YP`, `C-DOP`, `MPS-Spr-25`, `SEND` in `non-SEND`). Ordinary words never match,
 * so the scan costs little on long reports.
 */
const TOKEN_RE = /(?:^|[^A-Za-z0-9&+])((?:[A-Z]-)?[A-Z][a-z]?[A-Z0-9&+][A-Za-z0-9&+]*(?:-[A-Za-z0-9&+]+)*)/g;

interface Candidate {
  key: string;
  written: string;
  plural: boolean;
  start: number;
  end: number;
  weak?: Weakness;
  /** A hyphenated token whose qualifier parts are kept only if the report defines it (`MPS-Spr-25`). */
  compoundHead?: { key: string; written: string; plural: boolean; end: number };
}

/** Reads one word as an acronym, or undefined. */
export function readToken(word: string): { key: string; plural: boolean; weak?: Weakness } | undefined {
  const c0 = word.charCodeAt(0);
  if (c0 < 65 || c0 > 90) return undefined;
  if (/^[A-Z]\d+$/.test(word)) return /^Q[1-4]$/.test(word) ? { key: word, plural: false } : { key: word, plural: false, weak: 'letter-digit' };
  // One pass: capitals, letters, and whether two lower-case letters follow each other.
  let upper = 0;
  let letters = 0;
  let lowerRun = 0;
  let twoLower = -1;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      upper++;
      letters++;
      lowerRun = 0;
    } else if (c >= 97 && c <= 122) {
      letters++;
      if (++lowerRun === 2 && twoLower === -1) twoLower = i;
    } else lowerRun = 0;
  }
  let key = word;
  let plural = false;
  const last = word.charCodeAt(word.length - 1);
  const before = word.charCodeAt(word.length - 2);
  if (last === 115 /* s */ && ((before >= 65 && before <= 90) || (before >= 48 && before <= 57)) && upper >= 2) {
    key = word.slice(0, -1);
    plural = true;
    letters--;
  }
  if (upper < 2 || letters > 10) return undefined;
  if (twoLower !== -1 && twoLower < key.length) return undefined;
  if (!plural && isRomanNumeral(key)) return undefined;
  if (NOT_ACRONYMS.has(key)) return undefined;
  if (upper === letters) {
    if (ENGLISH_CAPS.has(key) || PLACE_CAPS.has(key)) return { key, plural, weak: 'english' };
    if (letters >= 7) return { key, plural, weak: 'long' };
  }
  return { key, plural };
}

function candidate(r: NonNullable<ReturnType<typeof readToken>>, written: string, start: number, end: number): Candidate {
  const c: Candidate = { key: r.key, written, plural: r.plural, start, end };
  if (r.weak) c.weak = r.weak;
  return c;
}

function candidatesIn(m: string, base: number): Candidate[] {
  const out: Candidate[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let t = TOKEN_RE.exec(m); t; t = TOKEN_RE.exec(m)) {
    const raw = t[1]!;
    const at = base + t.index + t[0].length - raw.length;
    if (!raw.includes('-')) {
      const r = readToken(raw);
      if (r) out.push(candidate(r, raw, at, at + raw.length));
      continue;
    }
    const parts = raw.split('-');
    if (parts.every((p) => /^[A-Z0-9&+]+$/.test(p)) && !parts.every((p) => /^\d+$/.test(p))) {
      // `C-DOP`, `COVID-19`: one acronym (unless it is two, `SEND-AP`).
      if (parts.filter((p) => /[A-Z]{2}/.test(p)).length <= 1 || parts.some((p) => p.length === 1)) {
        out.push({ key: raw, written: raw, plural: false, start: at, end: at + raw.length });
        continue;
      }
    }
    let offset = 0;
    parts.forEach((p, i) => {
      const r = readToken(p);
      if (r) {
        const c = candidate(r, p, at + offset, at + offset + p.length);
        if (i === 0 && parts.slice(1).every((q) => /\d|^[A-Z][a-z]{1,3}$/.test(q))) {
          c.compoundHead = { key: c.key, written: c.written, plural: c.plural, end: c.end };
          c.key = raw;
          c.written = raw;
          c.plural = false;
          c.end = at + raw.length;
        }
        out.push(c);
      }
      offset += p.length + 1;
    });
  }
  return out;
}

/** A line written mostly in capitals: a shouted title or header. Counts words of 2+ letters in one pass. */
function shoutedLine(m: string, from: number, to: number, heading: boolean): boolean {
  let caps = 0;
  let lower = 0;
  let len = 0;
  let hasLower = false;
  for (let i = from; i <= to; i++) {
    const c = i < to ? m.charCodeAt(i) : 32;
    const isUpper = c >= 65 && c <= 90;
    const isLower = c >= 97 && c <= 122;
    if (isUpper || isLower || (len > 0 && (c === 39 || c === 0x2019))) {
      len++;
      if (isLower) hasLower = true;
      continue;
    }
    if (len >= 2) {
      if (hasLower) {
        // No hope left: even if every remaining word were in capitals (3+ characters each).
        if (++lower * 2 > caps + (to - i) / 3 + 1) return false;
      } else caps++;
    }
    len = 0;
    hasLower = false;
  }
  return heading ? caps >= 2 && caps >= 2 * lower : caps >= 3 && caps >= 2 * lower;
}

type CompoundHead = NonNullable<Candidate['compoundHead']>;

/**
 * A word of a line written in capitals (a title, a heading, a "NOT FOR PUBLICATION"
 * banner) that the English dictionary knows, and that is not a known acronym (SEND,
 * CAMHS): DEAL, BUY, SIX, LOST. Before the dictionary is loaded (the server loads it
 * after its first results) only the short list in lexicon.ts applies.
 */
function englishInCapitals(key: string): boolean {
  if (!/^[A-Z]{2,}$/.test(key) || builtinEntry(key)) return false;
  const dict = dictionary();
  return dict !== undefined && knownWord(dict, key.toLowerCase());
}

/**
 * Letters written after a person's name for an office or an honour ("Mrs H. L. Richardson
 * CC", a county councillor; "Jane Smith MBE"): part of the name, not an acronym to spell out.
 */
const POSTNOMINALS = new Set(['CC', 'MP', 'MEP', 'MBE', 'OBE', 'CBE', 'BEM', 'KC', 'QC', 'JP', 'DL']);
/** A surname after an initial or a first name ("H. L. Richardson ", "Jane Smith "), not "The " or "The Council ". */
const AFTER_NAME = /(?:^|[^\p{L}])(?!(?:The|A|An|This|That|These|Those|Our|Their|Its|Each|Every|Any|All|Some|No|County|City|Borough|District|Parish)\b)(?:[A-Z]\.|[A-Z][a-z\u2019'-]+)[ \t]+[A-Z][a-z\u2019'-]+[ \t]+$/u;

function scanSegment(m: string, seg: Segment, cands: readonly Candidate[], scope: number, occurrences: Occurrence[], definitions: Definition[], compounds: Map<Occurrence, CompoundHead>): void {
  let lineFrom = -1;
  let lineTo = -1;
  let lineShouted = false;
  for (const c of cands) {
    const rel = c.start - seg.start;
    if (POSTNOMINALS.has(c.written) && AFTER_NAME.test(m.slice(Math.max(0, rel - 40), rel))) continue;
    if (rel < lineFrom || rel >= lineTo) {
      lineFrom = m.lastIndexOf('\n', rel - 1) + 1;
      const e = m.indexOf('\n', rel);
      lineTo = e === -1 ? m.length : e;
      lineShouted = shoutedLine(m, lineFrom, lineTo, seg.heading);
    }
    const lit: Occurrence = {
      key: c.key,
      written: c.written,
      plural: c.plural,
      start: c.start,
      end: c.end,
      heading: seg.heading,
      shouted: lineShouted,
      scope,
    };
    let weak = c.weak;
    if (!weak && lineShouted && c.key === c.key.toUpperCase() && acronymLetters(c.key).replace(/[^A-Z]/g, '').length >= 5) weak = 'shouted';
    if (!weak && lineShouted && englishInCapitals(c.key)) weak = 'english';
    if (weak) lit.weak = weak;
    if (seg.unit) scanWork.moving++;
    const occ = seg.unit ? new MovingOccurrence(seg.unit, lit) : lit;
    if (c.compoundHead) compounds.set(occ, c.compoundHead);
    occurrences.push(occ);
    const read = readDefinition(m, seg, c, scope);
    const def = read && seg.unit ? new MovingDefinition(seg.unit, read) : read;
    if (def) {
      occ.definition = def;
      definitions.push(def);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Definitions in running text.

const QUOTES = `'"‘’“”*_`;
/** A clause boundary: `.;:!?()[]|` and straight or curly double quotes. */
function isBoundary(c: number): boolean {
  switch (c) {
    case 46: // .
    case 59: // ;
    case 58: // :
    case 33: // !
    case 63: // ?
    case 40: // (
    case 41: // )
    case 91: // [
    case 93: // ]
    case 124: // |
    case 34: // "
    case 0x201c: // “
    case 0x201d: // ”
      return true;
    default:
      return false;
  }
}

function readDefinition(m: string, seg: Segment, c: Candidate, scope: number): Definition | undefined {
  const rel = c.start - seg.start;
  const relEnd = c.end - seg.start;
  // `Full Name (ACR)`: the token inside brackets (possibly after other words: `(TSIL CI)`).
  let o = rel - 1;
  while (o >= 0 && rel - o < 60 && m[o] !== '(' && m[o] !== ')' && m[o] !== '\n' && m[o] !== '|') o--;
  if (o >= 0 && m[o] === '(') {
    const close = closingBracket(m, relEnd);
    if (close !== undefined) {
      const d = longFirst(m, seg, c, o, close, scope);
      if (d) return d;
    }
  }
  // `ACR (Full Name)`: brackets right after the token.
  let p = relEnd;
  while (p < m.length && (m[p] === ' ' || QUOTES.includes(m[p]!))) p++;
  if (m[p] === '(') {
    const close = closingBracket(m, p + 1);
    if (close !== undefined) return acronymFirst(m, seg, c, p, close, scope);
  }
  return undefined;
}

function closingBracket(m: string, from: number): number | undefined {
  for (let i = from; i < m.length && i < from + 200; i++) {
    const ch = m[i]!;
    if (ch === ')') return i;
    if (ch === '(' || ch === '\n' || ch === '|') return undefined;
  }
  return undefined;
}

function sameWords(a: readonly Word[], b: readonly Word[]): boolean {
  return a.length === b.length && a.every((w, i) => w.text.toLowerCase() === b[i]!.text.toLowerCase());
}

function longFirst(m: string, seg: Segment, c: Candidate, open: number, close: number, scope: number): Definition | undefined {
  const rel = c.start - seg.start;
  const relEnd = c.end - seg.start;
  const head = splitWords(m.slice(open + 1, rel), open + 1);
  const tail = splitWords(m.slice(relEnd, close), relEnd);
  // Words before the bracket, back to the start of the clause.
  let lo = open - 1;
  const limit = Math.max(0, open - 20 * (acronymLetters(c.key).length * 2 + 4));
  while (lo >= limit && !isBoundary(m.charCodeAt(lo))) lo--;
  let words = splitWords(m.slice(lo + 1, open), lo + 1);
  if (tail.length > 0) {
    // `Education Health and Care Plan (EHC Plan)`, `Subsidy Control Act 2022 (SCA 2022)`.
    if (!sameWords(words.slice(-tail.length), tail)) return undefined;
    words = words.slice(0, -tail.length);
  }
  const key = c.key;
  const letters = acronymLetters(key).length;
  let from: number;
  let fits = false;
  const r = fittingSuffix(key, words, letters * 2 + 4);
  if (head.length > 0) {
    // `TSIL Continuous Improvement (TSIL CI)`: the head is written before the expansion too.
    if (!r || r.from < head.length || !sameWords(words.slice(r.from - head.length, r.from), head)) return undefined;
    from = r.from;
    fits = true;
  } else if (r) {
    from = r.from;
    fits = true;
  } else {
    // `... funding for High Needs (HNB)`: a Title Case name that does not fit the letters.
    let t = titleCaseSuffix(words);
    if (t === undefined) return undefined;
    // The name starts at the first capitalised word with the acronym's first letter.
    const lead = key[0]!.toLowerCase();
    t = Math.max(t, words.length - letters - 3);
    while (t < words.length && (isStopWord(words[t]!.text) || words[t]!.text[0]!.toLowerCase() !== lead)) t++;
    if (t >= words.length) return undefined;
    from = t;
    const parts = words.slice(from).reduce((n, w) => n + (isStopWord(w.text) ? 0 : w.text.split('-').filter(Boolean).length), 0);
    if (parts < 2) return undefined;
  }
  // Descriptive words after the name are not part of it: `Independent Special School providers (ISS)`.
  const to = fits ? nameEnd(key, words, from) : words.length;
  const expStart = words[from]!.start;
  const expEnd = words[to - 1]!.end;
  const spanStart = expStart;
  const spanEnd = close + 1;
  const trailing = to < words.length ? m.slice(words[to]!.start, words[words.length - 1]!.end) : '';
  return {
    key: c.key,
    written: c.written,
    plural: c.plural,
    form: 'long-first',
    start: c.start,
    end: c.end,
    expansion: m.slice(expStart, expEnd),
    expStart: seg.start + expStart,
    expEnd: seg.start + expEnd,
    fullExpansion: m.slice(expStart, words[words.length - 1]!.end),
    spanStart: seg.start + spanStart,
    spanEnd: seg.start + spanEnd,
    short: trimQuotes(m.slice(open + 1, close)) + (trailing ? ' ' + trailing : ''),
    plain: m.slice(expStart, open).trimEnd(),
    fits,
    heading: seg.heading,
    scope,
  };
}

/** Where the name ends: past it, only words that give the acronym no letter. */
function nameEnd(key: string, words: readonly Word[], from: number): number {
  // The fit of every run of words from `from`, in one pass.
  const costs = fitPrefixes(key, words.slice(from).map((w) => w.text));
  const allowed = fitAllowed(key);
  const full = costs[words.length - from]!;
  // Content words from each word on.
  const after = new Array<number>(words.length + 1).fill(0);
  for (let e = words.length - 1; e > from; e--) after[e] = after[e + 1]! + (isStopWord(words[e]!.text) ? 0 : 1);
  for (let e = from + 1; e < words.length; e++) {
    const cost = costs[e - from]!;
    if (cost > allowed) continue;
    if (Math.abs(full - cost - 0.5 * after[e]!) < 1e-9 && !isStopWord(words[e - 1]!.text)) return e;
  }
  return words.length;
}

function trimQuotes(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s[a] === ' ' || QUOTES.includes(s[a]!))) a++;
  while (b > a && (s[b - 1] === ' ' || QUOTES.includes(s[b - 1]!))) b--;
  return s.slice(a, b);
}

function acronymFirst(m: string, seg: Segment, c: Candidate, open: number, close: number, scope: number): Definition | undefined {
  let words = splitWords(m.slice(open + 1, close), open + 1);
  while (words.length > 0 && /^(the|i\.?e|or|aka)$/i.test(words[0]!.text)) words = words.slice(1);
  if (words.length === 0) return undefined;
  // `SEND (SEN)`, `DSG (2024)`: not an expansion.
  if (words.length === 1 && (readToken(words[0]!.text) || /^\d/.test(words[0]!.text))) return undefined;
  const texts = words.map((w) => w.text);
  let fits = fitAcronym(c.key, texts).fits;
  if (!fits) {
    const content = texts.filter((t) => !isStopWord(t));
    if (content.length < 2 || !content.every((t) => /^[\p{Lu}]/u.test(t)) || content[0]![0]!.toLowerCase() !== c.key[0]!.toLowerCase()) return undefined;
    if (content.length > acronymLetters(c.key).length + 3) return undefined;
    fits = false;
  }
  const expStart = words[0]!.start;
  const expEnd = words[words.length - 1]!.end;
  return {
    key: c.key,
    written: c.written,
    plural: c.plural,
    form: 'acronym-first',
    start: c.start,
    end: c.end,
    expansion: m.slice(expStart, expEnd),
    expStart: seg.start + expStart,
    expEnd: seg.start + expEnd,
    fullExpansion: m.slice(expStart, expEnd),
    spanStart: c.start,
    spanEnd: seg.start + close + 1,
    short: c.written,
    plain: m.slice(expStart, expEnd),
    fits,
    heading: seg.heading,
    scope,
  };
}

// ---------------------------------------------------------------------------------------
// Glossary sections: `| ACR | Meaning |` tables and `ACR – Meaning` lines.

// The separator is spaces and a dash or colon, or spaces with a tab; the meaning runs to the
// end of the line (checked after the match: a `$` here would make a line with a stray line
// break try every split of the dashes again).
const GLOSSARY_LINE = /^([ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?[*_`]*)([A-Z][A-Za-z0-9&+-]*)([*_`]*(?:[ \t]*[–—:=-][ \t]*| *\t[ \t]*))(\S.*)/;

function readGlossaryBlock(text: string, start: number, end: number, table: boolean): Definition[] {
  const out: Definition[] = [];
  let lineStart = start;
  let row = 0;
  while (lineStart < end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > end) lineEnd = end;
    const line = text.slice(lineStart, lineEnd);
    const d = table ? glossaryRow(line, lineStart, row++) : glossaryLine(line, lineStart);
    if (d) out.push(d);
    lineStart = lineEnd + 1;
  }
  return out;
}

function glossaryEntry(written: string, at: number, expansion: string, expAt: number): Definition | undefined {
  const r = readToken(written);
  const key = r?.key ?? (/^[A-Z][A-Z0-9&+-]+$/.test(written) ? written : undefined);
  if (!key || !expansion.trim()) return undefined;
  const exp = expansion.replace(/[*_`]+/g, (s) => ' '.repeat(s.length));
  const lead = exp.length - exp.trimStart().length;
  const clean = exp.trim();
  const expStart = expAt + lead;
  return {
    key,
    written,
    plural: r?.plural ?? false,
    form: 'glossary',
    start: at,
    end: at + written.length,
    expansion: clean,
    expStart,
    expEnd: expStart + clean.length,
    fullExpansion: clean,
    spanStart: expStart,
    spanEnd: expStart + clean.length,
    short: written,
    plain: clean,
    fits: fitAcronym(key, splitWords(clean).map((w) => w.text)).fits,
    heading: false,
    scope: 0,
  };
}

function glossaryLine(line: string, at: number): Definition | undefined {
  const m = GLOSSARY_LINE.exec(line);
  if (!m || m[0].length !== line.length) return undefined;
  const written = stripEnd(m[2]!, /-/);
  const tokenAt = at + m[1]!.length;
  return glossaryEntry(written, tokenAt, stripEnd(m[4]!, /[ \t]/), tokenAt + m[2]!.length + m[3]!.length);
}

function glossaryRow(line: string, at: number, row: number): Definition | undefined {
  if (/^[\s|:-]+$/.test(line)) return undefined;
  const cells: { text: string; start: number }[] = [];
  let i = line.indexOf('|') === -1 ? 0 : line.indexOf('|') + 1;
  let cellStart = i;
  for (; i <= line.length; i++) {
    if (i === line.length || (line[i] === '|' && line[i - 1] !== '\\')) {
      cells.push({ text: line.slice(cellStart, i), start: cellStart });
      cellStart = i + 1;
    }
  }
  if (cells.length < 2) return undefined;
  const first = cells[0]!;
  const raw = first.text.replace(/[*_`]/g, ' ');
  const written = raw.trim();
  if (row === 0 && /acronym|abbreviation|term/i.test(written)) return undefined;
  if (!/^[A-Z][A-Za-z0-9&+-]*$/.test(written)) return undefined;
  const second = cells[1]!;
  return glossaryEntry(written, at + first.start + raw.indexOf(written), second.text, at + second.start);
}

// ---------------------------------------------------------------------------------------

function markExpansions(occurrences: readonly Occurrence[], definitions: readonly Definition[]): void {
  const spans = definitions.filter((d) => d.form !== 'glossary').map((d) => [d.expStart, d.expEnd] as const);
  if (spans.length === 0) return;
  let k = 0;
  for (const o of occurrences) {
    while (k < spans.length && spans[k]![1] <= o.start) k++;
    for (let j = k; j < spans.length && spans[j]![0] <= o.start; j++) {
      if (o.start >= spans[j]![0] && o.end <= spans[j]![1]) {
        o.inExpansion = true;
        break;
      }
    }
  }
}
