import { defineUnitMemo, unitMemo, unitMemoIfAny, type ReportModel, type Unit } from '../model.js';
import type { Unchanged } from '../types.js';
import { inSpans, quotedSpans, unitSegments, wordsOf } from './segments.js';
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
  return form.replace(/[- ]/g, '');
}

/** The group of a lower-case word or spaced compound: its variant group, else the word closed up (so "well-being" and "wellbeing" meet). */
export function groupOfWord(lower: string): string {
  return GROUP.get(lower) ?? closed(lower);
}

/** Whether two written forms of one group are different words that happen to meet ("re-sign", "resign"). */
export function differentWords(a: string, b: string): boolean {
  return DIFFERENT.has(`${a} ${b}`) || DIFFERENT.has(`${b} ${a}`);
}

/** Not a word to compare: short, figures, codes, acronyms and capitals, mixed case. */
function notAWord(w: string): boolean {
  return w.length < 3 || /[0-9_]/.test(w) || /^[A-Z][A-Z'’s-]*$/.test(w) || /[a-z][A-Z]/.test(w);
}

/** The words of one unit's prose, as `forms` (kind letter + form) with their counts. */
export function unitForms(model: ReportModel, unit: Unit): UnitForms {
  return unitMemo(model, unit, FORMS);
}

/**
 * Calls `found` with each word of a unit's prose as a form (kind letter + form) and its
 * absolute offsets: what the memo counts, and where the rule finds a form again.
 */
export function eachForm(model: ReportModel, unit: Unit, found: (form: string, start: number, end: number) => void): void {
  for (const seg of unitSegments(model, unit)) {
    if (seg.shouted) continue;
    const quoted = quotedSpans(seg.text);
    const words = wordsOf(seg);
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const rel = w.start - seg.start;
      if (quoted.length > 0 && inSpans(quoted, rel, rel + w.text.length)) continue;
      const lead = /^['’]*/.exec(w.text)![0].length;
      const text = w.text.slice(lead).replace(/['’]s?$/, '');
      if (notAWord(text)) continue;
      // A file name's extension ("report.pdf") is not a word of the prose.
      if (/[\p{L}\p{N}]\.$/u.test(model.text.slice(w.start - 2, w.start))) continue;
      const start = w.start + lead;
      const end = start + text.length;
      if (/^[a-z]/.test(text)) {
        found(`w${text}`, start, end);
        continue;
      }
      const first = i === 0 || /[.!?:]\s*$/.test(seg.text.slice(words[i - 1]!.end - seg.start, rel));
      found(`n${text}`, start, end);
      // At the start of a sentence a capital says nothing: the word counts as the word too.
      if (first && seg.kind !== 'heading' && /^[A-Z][a-z'’-]*$/.test(text)) found(`w${text.toLowerCase()}`, start, end);
    }
    for (let m = SPACED.exec(seg.text); m; m = SPACED.exec(seg.text)) {
      if (quoted.length > 0 && inSpans(quoted, m.index, m.index + m[0].length)) continue;
      found(`p${m[0].toLowerCase().replace(/\s+/g, ' ')}`, seg.start + m.index, seg.start + m.index + m[0].length);
    }
  }
}

let counted = 0;

/** How many units' words were counted in this process (tests: an edit counts only the units it replaced). */
export function unitsCounted(): number {
  return counted;
}

const FORMS = defineUnitMemo<UnitForms>({
  compute(unit, model) {
    counted++;
    const tally = new Map<string, number>();
    eachForm(model, unit, (k) => void tally.set(k, (tally.get(k) ?? 0) + 1));
    return { forms: [...tally.keys()], counts: [...tally.values()] };
  },
});

/** A form's counts added up over the report, kept per session and updated from the units an edit replaced. */
interface Totals {
  serial: number | undefined;
  units: readonly Unit[];
  totals: Map<string, number>;
  /** Forms whose count the edit since the previous check changed (unset after a full count). */
  changed?: Set<string>;
}

const lastTotals = new WeakMap<object, Totals>();

function addForms(totals: Map<string, number>, f: UnitForms, sign: 1 | -1, changed?: Set<string>): void {
  for (let i = 0; i < f.forms.length; i++) {
    const k = f.forms[i]!;
    const n = (totals.get(k) ?? 0) + sign * f.counts[i]!;
    if (n > 0) totals.set(k, n);
    else totals.delete(k);
    changed?.add(k);
  }
}

/** Every form of the report's prose with its count. */
export function reportForms(model: ReportModel): Totals {
  const session = model.session;
  const last = session && lastTotals.get(session);
  if (last && last.serial === model.serial) return last;
  const sp = model.splice;
  let out: Totals | undefined;
  if (last && sp && last.serial === sp.prevSerial) {
    const gone = last.units.slice(sp.at, sp.at + sp.removed).map((u) => unitMemoIfAny(u, FORMS));
    if (gone.every((g) => g !== undefined)) {
      const changed = new Set<string>();
      for (const g of gone) addForms(last.totals, g!, -1, changed);
      for (let i = sp.at; i < sp.at + sp.added; i++) addForms(last.totals, unitForms(model, model.units[i]!), 1, changed);
      out = { serial: model.serial, units: model.units, totals: last.totals, changed };
    }
  }
  if (!out) {
    const totals = new Map<string, number>();
    for (const u of model.units) addForms(totals, unitForms(model, u), 1);
    out = { serial: model.serial, units: model.units, totals };
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
      if (!notAWord(text)) out.set(`n${text}`, (out.get(`n${text}`) ?? 0) + 1);
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
 * a name with a letter dropped or doubled ("Beaumont", "Beamont"), when `knownPair` does
 * not say both forms are words in their own right.
 */
export function spellingGroups(totals: ReadonlyMap<string, number>, front: ReadonlyMap<string, number>, knownPair?: (a: string, b: string) => boolean): SpellingGroup[] {
  const words = new Map<string, Map<string, number>>();
  const names = new Map<string, number>();
  for (const [k, n] of front) names.set(k.slice(1), n);
  for (const [k, n] of totals) {
    const kind = k[0];
    const form = k.slice(1);
    if (kind === 'n') names.set(form, (names.get(form) ?? 0) + n);
    else {
      const g = groupOfWord(form);
      let m = words.get(g);
      if (!m) words.set(g, (m = new Map()));
      m.set(k, (m.get(k) ?? 0) + n);
    }
  }
  const out: SpellingGroup[] = [];
  for (const [g, m] of words) {
    if (m.size < 2) continue;
    const forms = [...m].map(([form, count]) => ({ form, count }));
    // Forms that are different words drop out of the comparison.
    const kept = forms.filter((f) => !forms.some((o) => o !== f && differentWords(f.form.slice(1), o.form.slice(1))));
    if (kept.length < 2) continue;
    out.push({ key: `w${g}`, kind: 'word', forms: kept.sort((a, b) => b.count - a.count) });
  }
  if (knownPair) {
    // A name and the same name with one letter more (dropped, or doubled): deletions of
    // each name looked up among the names.
    const seen = new Set<string>();
    for (const [name, count] of names) {
      if (name.length < 5) continue;
      for (let i = 0; i < name.length; i++) {
        // "Leys" and "Ley", "Walkers" and "Walker": a plural or possessive, not a slip.
        if (i === name.length - 1 && name[i] === 's') continue;
        const shorter = name.slice(0, i) + name.slice(i + 1);
        const other = names.get(shorter);
        if (other === undefined || seen.has(`${name} ${shorter}`) || knownPair(name, shorter)) continue;
        seen.add(`${name} ${shorter}`);
        const forms = [
          { form: `n${name}`, count },
          { form: `n${shorter}`, count: other },
        ].sort((a, b) => b.count - a.count);
        out.push({ key: `n${name} ${shorter}`, kind: 'name', forms });
      }
    }
  }
  return out;
}

/**
 * The groups an edit left as they were (for `RuleContext.keyed`): none of their forms
 * changed count, and the edit moved no line. Undefined after a full count.
 */
export function unchangedGroups(model: ReportModel, t: Totals, groups: readonly SpellingGroup[]): Unchanged | undefined {
  const sp = model.splice;
  if (!t.changed || !sp || sp.dLine !== 0) return undefined;
  const changed = t.changed;
  const keys = new Set(groups.filter((g) => !g.forms.some((f) => changed.has(f.form))).map((g) => g.key));
  return { since: sp.prevSerial, has: (k) => typeof k === 'string' && keys.has(k) };
}
