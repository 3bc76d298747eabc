import { defineUnitMemo, unitMemo, unitMemoIfAny, type ReportModel, type Unit } from '../model.js';
import type { Unchanged } from '../types.js';
import { ownString } from '../text.js';
import { endsStop, inSpans, modelToken, notAWord, proseWork, quotedSpans, segmentWords, unitSegments, wordEnd, wordSlot, wordStart, type ProseSegment, type Word } from './segments.js';
import { apostropheAt } from './dictionary.js';
import VARIANTS from './data/variant-spellings.json';

/**
 * How the report spells each word, for prose/one-spelling: per unit, the distinct forms of
 * its words with their counts (kept while an edit leaves the unit alone), added up for
 * the report (in a session, updated from the previous check's totals by the units the
 * edit replaced), and grouped into words written in more than one way.
 *
 * A form is stored with a kind letter: `w` a word in running text as written in lower
 * case (a capital at the start of a sentence or heading dropped), `n` a capitalised word
 * (a name, or a word starting a sentence), `p` a spaced compound of the variant list
 * ("per cent", "well being").
 */

export interface UnitForms {
  forms: string[];
  counts: number[];
}

/** Variant groups of the data file: each form's group id (its first form, closed up). */
const GROUP = new Map<string, string>();
for (const g of VARIANTS.groups) for (const f of g) GROUP.set(f, closed(g[0]!));
/** Hyphenated and closed forms that are different words ("re-cover" and "recover"). */
const DIFFERENT = new Set(VARIANTS.differentWords.map((g) => g.join(' ')));
/** The spaced compounds of the variant list, found by their text (two words are not one word). */
const SPACED = new RegExp(`\\b(?:${VARIANTS.groups.flat().filter((f) => f.includes(' ')).map((f) => f.replace(/ /g, '(?:[ \\t]+(?:\\n[ \\t]*)?|\\n[ \\t]*)')).join('|')})\\b`, 'gi');

function closed(form: string): string {
  return form.includes('-') || form.includes(' ') ? form.replace(/[- ]/g, '') : form;
}

/** The group of a lower-case word or spaced compound: its variant group, else the word closed up (so "well-being" and "wellbeing" meet). */
export function groupOfWord(lower: string): string {
  return GROUP.get(lower) ?? closed(lower);
}

/** Whether two written forms of one group are different words that happen to meet ("re-sign", "resign"). */
export function differentWords(a: string, b: string): boolean {
  return DIFFERENT.has(`${a} ${b}`) || DIFFERENT.has(`${b} ${a}`);
}

/** The words of one unit's prose, as `forms` (kind letter + form) with their counts. */
export function unitForms(model: ReportModel, unit: Unit): UnitForms {
  return unitMemo(model, unit, FORMS);
}

/** The kinds of form, by number (see `FORM_KINDS`). */
export const WORD = 0;
export const NAME = 1;
export const PHRASE = 2;
/** The kind letters of forms. */
export const FORM_KINDS = ['w', 'n', 'p'] as const;

/**
 * Calls `found` with each word of a unit's prose as a form (its kind, see `FORM_KINDS`,
 * and the form) and its absolute offsets: what the memo counts, and where the rule finds
 * a form again.
 */
export function eachForm(model: ReportModel, unit: Unit, found: (kind: number, form: string, start: number, end: number) => void): void {
  const report = model.text;
  for (const seg of unitSegments(model, unit)) {
    if (seg.shouted) continue;
    const quoted = quotedSpans(seg.text);
    // Three numbers a word: start, end, number (see `numberedWords`).
    const words = numberedWords(model, seg);
    for (let k = 0; k < words.length; k += 3) {
      const wStart = words[k]!;
      const rel = wStart - seg.start;
      if (quoted.length > 0 && inSpans(quoted, rel, rel + (words[k + 1]! - wStart))) continue;
      const all = wordText(words[k + 2]!);
      const text = formText(all);
      if (text === undefined || extensionAt(report, wStart)) continue;
      const start = wStart + leadingApostrophes(all);
      const end = start + text.length;
      const c = text.charCodeAt(0);
      if (c >= 97 && c <= 122) {
        found(WORD, text, start, end);
        continue;
      }
      found(NAME, text, start, end);
      // At the start of a sentence a capital says nothing: the word counts as the word too.
      if (seg.kind !== 'heading' && capitalThenLower(text) && (k === 0 || endsStop(seg.text, words[k - 2]! - seg.start, rel))) found(WORD, text.toLowerCase(), start, end);
    }
    for (let m = SPACED.exec(seg.text); m; m = SPACED.exec(seg.text)) {
      if (quoted.length > 0 && inSpans(quoted, m.index, m.index + m[0].length)) continue;
      found(PHRASE, m[0].toLowerCase().replace(/\s+/g, ' '), seg.start + m.index, seg.start + m.index + m[0].length);
    }
  }
}

/** How many apostrophes a word begins with. */
function leadingApostrophes(all: string): number {
  let lead = 0;
  while (lead < all.length && apostropheAt(all, lead)) lead++;
  return lead;
}

/**
 * A word as a form: without apostrophes before it, and one after it or before a last "s"
 * (they are not the word's); undefined for what is not a word (`notAWord`).
 */
function formText(all: string): string | undefined {
  const lead = leadingApostrophes(all);
  let cut = all.length;
  if (cut > lead && apostropheAt(all, cut - 1)) cut--;
  else if (cut - 1 > lead && all.charCodeAt(cut - 1) === 0x73 && apostropheAt(all, cut - 2)) cut -= 2;
  const text = lead > 0 || cut < all.length ? all.slice(lead, cut) : all;
  return notAWord(text) ? undefined : text;
}

/** Whether the word starting at `start` is a file name's extension ("report.pdf"): not a word of the prose. */
function extensionAt(report: string, start: number): boolean {
  return report.charCodeAt(start - 1) === 0x2e && /[\p{L}\p{N}]\.$/u.test(report.slice(start - 2, start));
}

/** What `/^[A-Z][a-z'’-]*$/` says of a word. */
function capitalThenLower(text: string): boolean {
  const first = text.charCodeAt(0);
  if (!(first >= 65 && first <= 90)) return false;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || c === 0x27 || c === 0x2019 || c === 0x2d)) return false;
  }
  return true;
}

/**
 * Words numbered by their text, kept across checks (see `wordNumbers`): a report writes
 * some 2,800 words, 800 of them distinct, and a folder of reports the same words again. A
 * rule that works out something of a word's text alone does it once per number, and
 * finds it again at each place by the number, with no look-up by text.
 */
const table = { numbers: new Map<string, number>(), texts: [] as string[], size: 0, epoch: 0, token: undefined as object | undefined };
/** Each segment's word list (from `segmentWords`, one per segment and model) as numbers, and the table's epoch they are of. */
const numberedLists = new WeakMap<readonly Word[], { epoch: number; numbers: Int32Array }>();
/** A token per model: the table remembers the last model it numbered words for, and keeps no model alive. */
const modelTokens = new WeakMap<ReportModel, object>();
/** Past this many, the table starts again (at the next model): its numbers, and what is kept by them. */
export const MAX_NUMBERED = 50_000;

/**
 * The number of each word of a segment's word list (from `segmentWords`): the same number
 * for the same text, while `numberingEpoch` stays the same (the table is emptied only
 * when it is full and a new model's words are numbered, so never during one check).
 */
export function wordNumbers(model: ReportModel, words: readonly Word[]): Int32Array {
  const hit = numberedLists.get(words);
  if (hit !== undefined && hit.epoch === table.epoch) return hit.numbers;
  numberingFor(model);
  spellingWork.numbered += words.length;
  const out = new Int32Array(words.length);
  const numbers = table.numbers;
  for (let i = 0; i < words.length; i++) {
    const text = words[i]!.text;
    let n = numbers.get(text);
    // A copy of its own: a slice would keep the report's text alive.
    if (n === undefined) n = numberNew(text);
    out[i] = n;
  }
  spellingWork.numbersAside++;
  numberedLists.set(words, { epoch: table.epoch, numbers: out });
  return out;
}

/** Starts numbering the words of `model`: the table is emptied here, when it is full and the model is not the last one's. */
function numberingFor(model: ReportModel): void {
  let token = modelTokens.get(model);
  if (!token) modelTokens.set(model, (token = {}));
  if (token !== table.token) {
    table.token = token;
    if (table.size >= MAX_NUMBERED) {
      table.numbers.clear();
      table.texts = [];
      table.size = 0;
      table.epoch++;
    }
  }
}

/** Gives word `text`, not numbered yet, the next number. */
function numberNew(text: string): number {
  // A copy of its own: a slice would keep the report's text alive.
  const own = ownString(text);
  const n = table.size++;
  table.numbers.set(own, n);
  table.texts.push(own);
  return n;
}

/** The text of word number `n` (of the current epoch). */
export function wordText(n: number): string {
  return table.texts[n]!;
}

/** Scratch room for `numberedWords`: three numbers a word, grown as needed. */
let scratch = new Int32Array(3 * 1024);

/**
 * The words of a segment (what `segmentWords` gives) as numbers, three a word: its start
 * and end (absolute offsets) and its number (see `wordNumbers`; its text is `wordText`).
 * Outside an editing session the words are split and numbered in one pass, kept on the
 * segment, with no object or string kept per word (a report writes some 2,800 words, and
 * the lists lived through the check); else made from `segmentWords` and `wordNumbers`.
 */
export function numberedWords(model: ReportModel, seg: ProseSegment): Int32Array {
  const slot = wordSlot(model, seg);
  if (slot === undefined) {
    const words = segmentWords(model, seg);
    const hit = tripleLists.get(words);
    const numbers = wordNumbers(model, words);
    if (hit !== undefined && hit.numbers === numbers) return hit.triples;
    const triples = new Int32Array(3 * words.length);
    for (let i = 0; i < words.length; i++) {
      triples[3 * i] = words[i]!.start;
      triples[3 * i + 1] = words[i]!.end;
      triples[3 * i + 2] = numbers[i]!;
    }
    tripleLists.set(words, { numbers, triples });
    return triples;
  }
  const token = modelToken(model);
  if (slot.numbered !== undefined && slot.numberedFor === token && slot.numberedEpoch === table.epoch) return slot.numbered;
  numberingFor(model);
  proseWork.tokenised++;
  const t = seg.text;
  const base = seg.start;
  const n = t.length;
  const numbers = table.numbers;
  let out = scratch;
  let k = 0;
  // The words of `wordsOf`: a letter, then letters, apostrophes and hyphens, ending on a letter.
  for (let i = wordStart(t, 0); i < n; ) {
    const end = wordEnd(t, i);
    const text = t.slice(i, end);
    let num = numbers.get(text);
    if (num === undefined) num = numberNew(text);
    if (k + 3 > out.length) {
      const grown = new Int32Array(out.length * 2);
      grown.set(out);
      scratch = out = grown;
    }
    out[k] = base + i;
    out[k + 1] = base + end;
    out[k + 2] = num;
    k += 3;
    i = wordStart(t, end);
  }
  spellingWork.numbered += k / 3;
  const kept = out.slice(0, k);
  slot.numbered = kept;
  slot.numberedFor = token;
  slot.numberedEpoch = table.epoch;
  return kept;
}

/** `numberedWords` of a segment's word list made by `segmentWords` (in a session), with the numbers they were made from. */
const tripleLists = new WeakMap<readonly Word[], { numbers: Int32Array; triples: Int32Array }>();

/** The numbering's epoch: numbers of one epoch are not those of another. */
export function numberingEpoch(): number {
  return table.epoch;
}

/** How many words are numbered (the numbers run from 0 to this, exclusive). */
export function wordsNumbered(): number {
  return table.size;
}

/** `a`, or a copy of it long enough for index `n - 1`, the new places filled with `fill`. */
export function room(a: Int32Array<ArrayBuffer>, n: number, fill: number): Int32Array<ArrayBuffer> {
  if (n <= a.length) return a;
  const out = new Int32Array(Math.max(n, a.length * 2, 64)).fill(fill);
  out.set(a);
  return out;
}

/** A word number's form not worked out yet; not a word (see `formText`), or not a capitalised word. */
const UNSEEN = -2;
const NONE = -1;

/**
 * Forms by number, kept with the word numbers (and emptied with them): each word's form
 * and, for a capitalised word, its form in lower case at the start of a sentence.
 */
const formTable = {
  epoch: -1,
  /** Form (kind letter + form) -> its number; and the forms by number. */
  numbers: new Map<string, number>(),
  forms: [] as string[],
  /** By word number: its form's number (UNSEEN, NONE), its lower-case form's (UNSEEN, NONE), its form's text. */
  formOf: new Int32Array(0),
  lowerOf: new Int32Array(0),
  texts: [] as (string | undefined)[],
  /** By form number: the count it was last given a place in (see `countReportForms`), and its place. */
  stamp: new Int32Array(0),
  slot: new Int32Array(0),
  count: 0,
  /**
   * By form number, what `FormIndex.add` works out of a form's text alone, made at the
   * form's first count in any report: a word's or compound's group (`groupOfWord`); a
   * name's text, the names one letter shorter (`shorterNames`), and whether `comparedBy`
   * compares it (0 not asked, 1 yes, 2 no).
   */
  groups: [] as (string | undefined)[],
  names: [] as (string | undefined)[],
  shorter: [] as (string[] | undefined)[],
  comparedBy: undefined as ((name: string) => boolean) | undefined,
  compared: new Int8Array(0),
};

/** Work counted for tests: forms whose group or shorter names `FormIndex.add` worked out from their text. */
export const formWork = { worked: 0 };

function formNumber(form: string): number {
  let f = formTable.numbers.get(form);
  if (f === undefined) {
    // A copy of its own: kept across checks, a slice would keep a report's text alive.
    const own = ownString(form);
    formTable.numbers.set(own, (f = formTable.forms.length));
    formTable.forms.push(own);
  }
  return f;
}

/**
 * The forms of the whole report's prose with their counts, in the order first written:
 * what adding up every unit's `unitForms` gives, counted straight from the words (a check
 * outside an editing session keeps no tally per unit). Each distinct word is made a form
 * once (kept across checks, by its number); each of its places costs a look at its number.
 */
export function countReportForms(model: ReportModel): UnitForms & { numbers: number[] } {
  const ft = formTable;
  const forms: string[] = [];
  const counts: number[] = [];
  if (ft.forms.length >= 2 * MAX_NUMBERED) {
    // Past this many forms, they are numbered again from none (the words' forms with them).
    ft.numbers.clear();
    ft.forms = [];
    ft.stamp = new Int32Array(0);
    ft.slot = new Int32Array(0);
    ft.formOf = new Int32Array(0);
    ft.lowerOf = new Int32Array(0);
    ft.texts = [];
    ft.groups = [];
    ft.names = [];
    ft.shorter = [];
    ft.compared = new Int8Array(0);
  }
  const count = ++ft.count;
  const numbers: number[] = [];
  /** Counts a place of form number `f`: its place in `forms` made at its first place counted (the forms stay in the order first written). */
  const place = (f: number): void => {
    if (f >= ft.stamp.length) {
      ft.stamp = room(ft.stamp, ft.forms.length, 0);
      ft.slot = room(ft.slot, ft.forms.length, 0);
    }
    if (ft.stamp[f] !== count) {
      ft.stamp[f] = count;
      ft.slot[f] = forms.length;
      forms.push(ft.forms[f]!);
      numbers.push(f);
      counts.push(1);
    } else counts[ft.slot[f]!]!++;
  };
  const report = model.text;
  for (const unit of model.units) {
    for (const seg of unitSegments(model, unit)) {
      if (seg.shouted) continue;
      const quoted = quotedSpans(seg.text);
      const words = numberedWords(model, seg);
      if (ft.epoch !== table.epoch) {
        // New numbers (a new model's words, never during one count): what the old ones kept goes.
        ft.epoch = table.epoch;
        ft.formOf = new Int32Array(0);
        ft.lowerOf = new Int32Array(0);
        ft.texts = [];
      }
      const size = wordsNumbered();
      const formOf = (ft.formOf = room(ft.formOf, size, UNSEEN));
      const lowerOf = (ft.lowerOf = room(ft.lowerOf, size, UNSEEN));
      for (let k = 0; k < words.length; k += 3) {
        const start = words[k]!;
        const rel = start - seg.start;
        if (quoted.length > 0 && inSpans(quoted, rel, rel + (words[k + 1]! - start))) continue;
        const n = words[k + 2]!;
        let f = formOf[n]!;
        if (f === NONE) continue;
        if (f === UNSEEN) {
          const text = formText(wordText(n));
          if (text === undefined) {
            formOf[n] = NONE;
            continue;
          }
          const c = text.charCodeAt(0);
          // A copy of its own, kept with the numbers.
          const own = ownString(text);
          ft.texts[n] = own;
          formOf[n] = f = formNumber(FORM_KINDS[c >= 97 && c <= 122 ? WORD : NAME] + own);
        }
        if (extensionAt(report, start)) continue;
        place(f);
        // At the start of a sentence a capital says nothing: the word counts as the word too.
        if (seg.kind === 'heading') continue;
        let l = lowerOf[n]!;
        if (l === UNSEEN) {
          const text = ft.texts[n]!;
          const c = text.charCodeAt(0);
          lowerOf[n] = l = !(c >= 97 && c <= 122) && capitalThenLower(text) ? formNumber(FORM_KINDS[WORD] + text.toLowerCase()) : NONE;
        }
        if (l !== NONE && (k === 0 || endsStop(seg.text, words[k - 2]! - seg.start, rel))) place(l);
      }
      for (let m = SPACED.exec(seg.text); m; m = SPACED.exec(seg.text)) {
        if (quoted.length > 0 && inSpans(quoted, m.index, m.index + m[0].length)) continue;
        place(formNumber(FORM_KINDS[PHRASE] + m[0].toLowerCase().replace(/\s+/g, ' ')));
      }
    }
  }
  return { forms, counts, numbers };
}

/** The group (`groupOfWord`) of word or compound form number `f` (of the last `countReportForms`), worked out once per form. */
function formGroup(f: number): string {
  const ft = formTable;
  let group = ft.groups[f];
  if (group === undefined) {
    formWork.worked++;
    ft.groups[f] = group = groupOfWord(ft.forms[f]!.slice(1));
  }
  return group;
}

/** The text of name form number `f` (without its kind letter), made once per form. */
function formName(f: number): string {
  const ft = formTable;
  let name = ft.names[f];
  if (name === undefined) ft.names[f] = name = ft.forms[f]!.slice(1);
  return name;
}

/**
 * The names one letter shorter (`shorterNames`) of name form number `f`, or undefined when
 * `compared` (which depends on the name alone) does not compare it: both worked out once
 * per form (for one `compared`).
 */
function formShorter(f: number, compared: (name: string) => boolean): string[] | undefined {
  const ft = formTable;
  if (ft.comparedBy !== compared) {
    ft.comparedBy = compared;
    ft.compared = new Int8Array(0);
  }
  if (f >= ft.compared.length) {
    const grown = new Int8Array(Math.max(ft.forms.length, ft.compared.length * 2, 64));
    grown.set(ft.compared);
    ft.compared = grown;
  }
  let yes = ft.compared[f]!;
  if (yes === 0) ft.compared[f] = yes = compared(formName(f)) ? 1 : 2;
  if (yes === 2) return undefined;
  let shorter = ft.shorter[f];
  if (shorter === undefined) {
    formWork.worked++;
    ft.shorter[f] = shorter = shorterNames(formName(f));
  }
  return shorter;
}

let counted = 0;

/** How many units' words were counted in this process (tests: an edit counts only the units it replaced). */
export function unitsCounted(): number {
  return counted;
}

const FORMS = defineUnitMemo<UnitForms>({
  compute(unit, model) {
    counted++;
    // Each form's place in `forms`, by kind: the forms in the order first written, each made once.
    const at = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
    const forms: string[] = [];
    const counts: number[] = [];
    eachForm(model, unit, (kind, text) => {
      const k = at[kind]!.get(text);
      if (k !== undefined) counts[k]!++;
      else {
        at[kind]!.set(text, forms.length);
        forms.push(FORM_KINDS[kind] + text);
        counts.push(1);
      }
    });
    return { forms, counts };
  },
});

/**
 * The report's forms with their counts (the front matter's names included), and indexes
 * over them kept up to date as forms come and go: the word forms of each group, and for
 * each name the names one letter longer. Kept per session and updated from the units an
 * edit replaced.
 */
class FormIndex {
  readonly totals = new Map<string, number>();
  /** Word forms present, by group (`groupOfWord`): one form as itself, more as a set. */
  readonly words = new Map<string, string | Set<string>>();
  /** Names present, each under every name one letter shorter ("Beamont" under "Beaumont"'s deletions); only the names `compared` accepts. One name as itself, more as a set. */
  readonly longer = new Map<string, string | Set<string>>();
  front = new Map<string, number>();

  /** `compared`: which names are compared at all (none without it). */
  constructor(readonly compared?: (name: string) => boolean) {}

  /** Adds `n` places of form `k`; `f`: its number, when it is the last `countReportForms`'s (what its text alone decides is then kept by it). */
  add(k: string, n: number, changed?: Set<string>, f = -1): void {
    const was = this.totals.get(k) ?? 0;
    const now = was + n;
    if (now > 0) this.totals.set(k, now);
    else this.totals.delete(k);
    changed?.add(k);
    if (was > 0 === now > 0) return;
    if (k.charCodeAt(0) !== 0x6e) {
      const id = f >= 0 ? formGroup(f) : groupOfWord(k.slice(1));
      const cur = this.words.get(id);
      if (now > 0) {
        if (cur === undefined) this.words.set(id, k);
        else if (typeof cur === 'string') this.words.set(id, new Set([cur, k]));
        else cur.add(k);
      } else if (cur === k) this.words.delete(id);
      else if (typeof cur === 'object' && cur.delete(k) && cur.size === 1) this.words.set(id, [...cur][0]!);
      return;
    }
    const compared = this.compared;
    if (compared === undefined) return;
    let form: string;
    let shorter: string[] | undefined;
    if (f >= 0) {
      shorter = formShorter(f, compared);
      if (shorter === undefined) return;
      form = formName(f);
    } else {
      form = k.slice(1);
      if (!compared(form)) return;
      formWork.worked++;
      shorter = shorterNames(form);
    }
    const longer = this.longer;
    for (const d of shorter) {
      const cur = longer.get(d);
      if (now > 0) {
        if (cur === undefined) longer.set(d, form);
        else if (typeof cur === 'string') longer.set(d, new Set([cur, form]));
        else cur.add(form);
      } else if (cur === form) longer.delete(d);
      else if (typeof cur === 'object' && cur.delete(form) && cur.size === 0) longer.delete(d);
    }
  }

  /** The tallies that hold a form, for the forms asked about so far (see `unitsWithForm`). */
  places?: Map<string, Set<UnitForms>>;

  addUnit(f: UnitForms, sign: 1 | -1, changed?: Set<string>): void {
    for (let i = 0; i < f.forms.length; i++) this.add(f.forms[i]!, sign * f.counts[i]!, changed);
    const places = this.places;
    if (places) {
      for (let i = 0; i < f.forms.length; i++) {
        const set = places.get(f.forms[i]!);
        if (set && sign > 0) set.add(f);
        else set?.delete(f);
      }
    }
  }

  /** Replaces the front matter's names (marking the ones that differ as changed). */
  setFront(front: Map<string, number>, changed?: Set<string>, numbered = false): void {
    for (const [k, n] of this.front) if (front.get(k) !== n) this.add(k, -n, changed);
    // `numbered`: by their form numbers, as the forms of `countReportForms` (a report's names are another's too).
    for (const [k, n] of front) if (this.front.get(k) !== n) this.add(k, n, changed, numbered ? formNumber(k) : -1);
    this.front = front;
  }
}

/**
 * The names one letter shorter than `name` (five letters or more), a letter dropped inside
 * it: not the last ("Africa" and "African", "Walker" and "Walkers" are different words),
 * and not a hyphen or apostrophe (closed and hyphenated forms are the word groups' part).
 */
function shorterNames(name: string): string[] {
  const out: string[] = [];
  if (name.length < 5) return out;
  for (let i = 1; i < name.length - 1; i++) {
    const c = name.charCodeAt(i);
    // Dropping any letter of a run of one letter ("Allan") gives the same name: made once, for the first.
    if (i > 1 && c === name.charCodeAt(i - 1)) continue;
    if (c < 128 ? (c | 32) >= 97 && (c | 32) <= 122 : /\p{L}/u.test(name[i]!)) out.push(name.slice(0, i) + name.slice(i + 1));
  }
  return out;
}

/** The report's forms at one check. */
export interface Totals {
  serial: number | undefined;
  /** Each unit's tally (not the units: they would keep this version's text alive); none outside a session (see `countReportForms`). */
  tallies: (UnitForms | undefined)[];
  /** Whether `tallies` holds the units' tallies (in a session). */
  tallied: boolean;
  index: FormIndex;
  /** Forms whose count the edit since the previous check changed (unset after a full count). */
  changed?: Set<string>;
  /** The previous check's groups, and whether names were compared then. */
  previous?: { groups: SpellingGroup[]; names: boolean };
  /** This check's groups, once worked out. */
  groups?: { groups: SpellingGroup[]; names: boolean };
}

const lastTotals = new WeakMap<object, Totals>();

/** Work counted for tests: tallies looked through for the places of a form. */
export const spellingWork = { tallies: 0, numbered: 0, numbersAside: 0 };

/** The unit of each tally counted in a session (see `unitsWithForm`). */
const unitOf = new WeakMap<UnitForms, Unit>();

/**
 * The units whose prose has a form, in document order: in a session, from an index of the
 * forms asked about (built on the first ask by one pass over the tallies, then kept up to
 * date by the units each edit replaced); undefined outside a session.
 */
export function unitsWithForm(model: ReportModel, totals: Totals, form: string): Unit[] | undefined {
  if (!model.session || totals.serial !== model.serial) return undefined;
  const places = (totals.index.places ??= new Map());
  let set = places.get(form);
  if (!set) {
    places.set(form, (set = new Set()));
    const tallies = totals.tallies;
    spellingWork.tallies += tallies.length;
    for (let i = 0; i < tallies.length; i++) {
      const t = tallies[i];
      if (!t || !t.forms.includes(form)) continue;
      unitOf.set(t, model.units[i]!);
      set.add(t);
    }
  }
  const out: Unit[] = [];
  for (const t of set) out.push(unitOf.get(t)!);
  return out.sort((a, b) => a.start - b.start);
}

/** Every form of the report's prose and front matter with its count (names indexed for comparison when `compared` accepts them). */
export function reportForms(model: ReportModel, compared?: (name: string) => boolean): Totals {
  const session = model.session;
  const found = session && lastTotals.get(session);
  // Names compared now and not then (the dictionary has loaded): counted afresh.
  const last = found && (found.index.compared !== undefined) === (compared !== undefined) ? found : undefined;
  if (last && last.serial === model.serial) return last;
  const sp = model.splice;
  const front = frontMatterNames(model);
  let out: Totals | undefined;
  if (last && sp && last.serial === sp.prevSerial) {
    const gone = last.tallies.slice(sp.at, sp.at + sp.removed);
    if (gone.every((g) => g !== undefined)) {
      const changed = new Set<string>();
      const index = last.index;
      for (const g of gone) index.addUnit(g!, -1, changed);
      for (let i = sp.at; i < sp.at + sp.added; i++) {
        const u = model.units[i]!;
        const f = unitForms(model, u);
        unitOf.set(f, u);
        index.addUnit(f, 1, changed);
      }
      index.setFront(front, changed);
      // In place: the previous check's list is out of date, and a new one per edit is a pass over every unit.
      const tallies = last.tallies;
      const fresh: (UnitForms | undefined)[] = [];
      for (let i = sp.at; i < sp.at + sp.added; i++) fresh.push(unitMemoIfAny(model.units[i]!, FORMS));
      tallies.splice(sp.at, sp.removed, ...fresh);
      out = { serial: model.serial, tallies, tallied: true, index, changed, previous: last.groups };
    }
  }
  if (!out && !session) {
    // A one-off check: the report's forms counted at once, with no tally per unit to keep.
    const index = new FormIndex(compared);
    const all = countReportForms(model);
    for (let i = 0; i < all.forms.length; i++) index.add(all.forms[i]!, all.counts[i]!, undefined, all.numbers[i]!);
    index.setFront(front, undefined, true);
    out = { serial: model.serial, tallies: [], tallied: false, index };
  }
  if (!out) {
    const index = new FormIndex(compared);
    for (const u of model.units) index.addUnit(unitForms(model, u), 1);
    index.setFront(front);
    out = { serial: model.serial, tallies: model.units.map((u) => unitMemoIfAny(u, FORMS)), tallied: true, index };
  }
  if (session) lastTotals.set(session, out);
  return out;
}

/** The names the report gives in its front matter (author, director, wards...), as `n` forms. */
export function frontMatterNames(model: ReportModel): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of model.frontMatter.entries) {
    for (const w of e.source.match(/[\p{Lu}][\p{L}'’-]*/gu) ?? []) {
      const text = w.replace(/['’]s?$/, '');
      // A copy of its own: kept across edits, a slice would keep this version of the text alive.
      if (!notAWord(text)) out.set(ownString(`n${text}`), (out.get(`n${text}`) ?? 0) + 1);
    }
  }
  return out;
}

/** A word the report writes in more than one way: its forms (kind letter + form) and counts, most used first. */
export interface SpellingGroup {
  key: string;
  kind: 'word' | 'name';
  forms: { form: string; count: number }[];
}

/**
 * The words written in more than one way: a word or compound in two forms of the variant
 * list, or closed up and hyphenated or spaced ("wellbeing", "well-being", "well being");
 * a name with a letter dropped or doubled ("Beaumont", "Beamont"), when `knownPair` is
 * given and does not say both forms are words in their own right. After an edit, only the
 * groups of the forms whose count it changed are worked out again.
 */
export function spellingGroups(t: Totals, knownPair?: (a: string, b: string) => boolean): SpellingGroup[] {
  const names = knownPair !== undefined;
  if (t.groups && t.groups.names === names) return t.groups.groups;
  const { totals, words, longer } = t.index;
  const out = new Map<string, SpellingGroup>();
  const wordGroup = (id: string): void => {
    const set = words.get(id);
    if (typeof set !== 'object') return;
    const forms = [...set].map((form) => ({ form, count: totals.get(form)! }));
    // Forms that are different words drop out of the comparison.
    const kept = forms.filter((f) => !forms.some((o) => o !== f && differentWords(f.form.slice(1), o.form.slice(1))));
    if (kept.length >= 2) out.set(`w${id}`, { key: `w${id}`, kind: 'word', forms: kept.sort((a, b) => b.count - a.count) });
  };
  // A name and the same name with one letter more (dropped, or doubled).
  const namePairs = (shorter: string): void => {
    const other = totals.get(`n${shorter}`);
    if (other === undefined) return;
    const longerNames = longer.get(shorter);
    for (const name of longerNames === undefined ? [] : typeof longerNames === 'string' ? [longerNames] : longerNames) {
      if (knownPair!(name, shorter)) continue;
      const forms = [
        { form: `n${name}`, count: totals.get(`n${name}`)! },
        { form: `n${shorter}`, count: other },
      ].sort((a, b) => b.count - a.count);
      out.set(`n${name} ${shorter}`, { key: `n${name} ${shorter}`, kind: 'name', forms });
    }
  };
  const prev = t.previous;
  if (t.changed && prev && prev.names === names) {
    const changed = t.changed;
    for (const g of prev.groups) if (!g.forms.some((f) => changed.has(f.form))) out.set(g.key, g);
    for (const k of changed) {
      if (k[0] !== 'n') wordGroup(groupOfWord(k.slice(1)));
      else if (names) {
        namePairs(k.slice(1));
        for (const d of shorterNames(k.slice(1))) namePairs(d);
      }
    }
  } else {
    for (const id of words.keys()) wordGroup(id);
    if (names) for (const d of longer.keys()) namePairs(d);
  }
  const groups = [...out.values()];
  t.groups = { groups, names };
  return groups;
}

/**
 * The groups an edit left as they were (for `RuleContext.keyed`): none of their forms
 * changed count or is in a unit the edit replaced, so their places are in units kept
 * (moved with their lines when the edit moved lines). Undefined after a full count.
 */
export function unchangedGroups(model: ReportModel, t: Totals, groups: readonly SpellingGroup[]): Unchanged | undefined {
  const sp = model.splice;
  if (!t.changed || !sp) return undefined;
  const changed = t.changed;
  const keys = new Set(groups.filter((g) => !g.forms.some((f) => changed.has(f.form))).map((g) => g.key));
  return { since: sp.prevSerial, has: (k) => typeof k === 'string' && keys.has(k) };
}
