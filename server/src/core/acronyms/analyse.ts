import { defineUnitMemo, unitMemo, unitMemoIfAny, type ReportModel, type Unit } from '../model.js';
import type { ResolvedConfig } from '../config.js';
import { firstAtOrAfter, keptFor, lastAtOrBefore, ownString } from '../text.js';
import { builtinAccepts, builtinEntry, isBuiltinCommon, type GlossaryEntry } from './builtin.js';
import { acronymLetters, expansionSimilarity, isStopWord, normExpansion, pluralExpansion, sameExpansion, splitWords } from './expansion.js';
import { readToken, scanAcronyms, unitTokens, unitTokensIfAny, type AcronymScan, type Definition, type Occurrence, type UnitTokens } from './scan.js';
import type { Unchanged } from '../types.js';

/**
 * What the report's acronyms mean, given the configuration: for each acronym (grouped
 * regardless of case and plural, so `DfE`, `DFE` and `EHCPs`/`EHCP` go together) its uses,
 * its definitions in the report, and what the workspace and built-in glossaries say.
 * Cached per model and configuration, so every acronym rule shares one analysis.
 */

export interface AcronymInfo {
  /** Upper-case group key (`DFE`). */
  id: string;
  /** How the report should write it: its first definition, else the workspace or built-in glossary, else its first use. */
  form: string;
  /** Tokens that count as uses (not the acronym of a definition), in order. */
  uses: Occurrence[];
  /** Every token of the group, definitions included. */
  occurrences: Occurrence[];
  /** Definitions in the report, in order (glossary-section entries included). */
  definitions: Definition[];
  workspace?: { key: string; expansion: string };
  builtin?: { key: string; entry: GlossaryEntry };
  /** Common knowledge: never needs spelling out. */
  common: boolean;
}

export interface AcronymAnalysis {
  scan: AcronymScan;
  model: ReportModel;
  /** By upper-case key (in no particular order). */
  acronyms: Map<string, AcronymInfo>;
  /**
   * What the edit since the session's previous analysis (of model number `since`) can
   * have changed: the groups of the tokens and definitions in the units it replaced, and
   * the initials of the capitalised phrases there; whether their headings differ from
   * their replacements'. Unset after a full analysis.
   */
  delta?: { since: number; ids: Set<string>; initials: Set<string>; headings: boolean };
}

/** Every token and definition of one group, weak tokens that do not count included, in document order. */
interface Members {
  occurrences: Occurrence[];
  definitions: Definition[];
}

const cache = new WeakMap<ReportModel, { config: ResolvedConfig['acronyms']; analysis: AcronymAnalysis }>();

/** A session's last analysis, with the members of each group, for the next model's (see `update`). */
const lastAnalysis = new WeakMap<object, { analysis: AcronymAnalysis; config: ResolvedConfig['acronyms']; members: Map<string, Members> }>();

export function analyseAcronyms(model: ReportModel, config: Pick<ResolvedConfig, 'acronyms'>): AcronymAnalysis {
  const hit = cache.get(model);
  if (hit && hit.config === config.acronyms) return hit.analysis;
  const analysis = (model.session && update(model, config.acronyms)) || build(model, config.acronyms);
  cache.set(model, { config: config.acronyms, analysis });
  return analysis;
}

/** Drops a model's cached analysis (see `forgetAcronymScan`). */
export function forgetAcronymAnalysis(model: ReportModel): void {
  cache.delete(model);
  if (model.session) lastAnalysis.delete(model.session);
}

export function groupId(key: string): string {
  return key.toUpperCase();
}

function workspaceIndex(glossary: Record<string, string>): Map<string, { key: string; expansion: string }> {
  const out = new Map<string, { key: string; expansion: string }>();
  for (const [key, expansion] of Object.entries(glossary)) out.set(groupId(key.replace(/(?<=[A-Z0-9])s$/, '')), { key, expansion });
  return out;
}

/** Workspace glossary and common acronyms by group, once per configuration. */
const lookups = new WeakMap<ResolvedConfig['acronyms'], { workspace: Map<string, { key: string; expansion: string }>; common: Set<string> }>();

function lookupsFor(config: ResolvedConfig['acronyms']): { workspace: Map<string, { key: string; expansion: string }>; common: Set<string> } {
  let l = lookups.get(config);
  if (!l) lookups.set(config, (l = { workspace: workspaceIndex(config.glossary), common: new Set(config.common.map(groupId)) }));
  return l;
}

function build(model: ReportModel, config: ResolvedConfig['acronyms']): AcronymAnalysis {
  const scan = scanAcronyms(model);
  const members = new Map<string, Members>();
  const membersOf = (id: string): Members => {
    let m = members.get(id);
    if (!m) members.set(id, (m = { occurrences: [], definitions: [] }));
    return m;
  };
  for (const o of scan.occurrences) membersOf(groupId(o.key)).occurrences.push(o);
  for (const d of scan.definitions) membersOf(groupId(d.key)).definitions.push(d);
  const acronyms = new Map<string, AcronymInfo>();
  for (const [id, m] of members) {
    const info = infoOf(id, m, config);
    if (info) acronyms.set(id, info);
  }
  const analysis: AcronymAnalysis = { scan, model, acronyms };
  if (model.session) lastAnalysis.set(model.session, { analysis, config, members });
  return analysis;
}

/**
 * The analysis of a session's model from the previous model's, when the edit between
 * them replaced a few units and left every other token as it was (`AcronymScan.stable`):
 * only the groups with tokens or definitions in the replaced units are made again.
 */
function update(model: ReportModel, config: ResolvedConfig['acronyms']): AcronymAnalysis | undefined {
  const last = lastAnalysis.get(model.session!);
  const sp = model.splice;
  if (!last || !sp || last.config !== config || last.analysis.model.serial !== sp.prevSerial) return undefined;
  const scan = scanAcronyms(model);
  if (!scan.stable) return undefined;
  const before = last.analysis.model;
  const gone = before.units.slice(sp.at, sp.at + sp.removed);
  const added = model.units.slice(sp.at, sp.at + sp.added);
  const ids = new Set<string>();
  const initials = new Set<string>();
  const left = new Set<Occurrence | Definition>();
  const note = (scanned: UnitTokens, runs: UnitRuns, out?: Set<Occurrence | Definition>): void => {
    for (const s of scanned.segments) {
      for (const o of s.occurrences) {
        ids.add(groupId(o.key));
        out?.add(o);
      }
      for (const d of s.definitions) {
        ids.add(groupId(d.key));
        out?.add(d);
      }
      for (const c of s.compounds) {
        ids.add(groupId(c.whole.key));
        ids.add(groupId(c.head.key));
      }
    }
    for (const key of unitKeys(runs).keys()) initials.add(key);
  };
  for (const u of gone) {
    const scanned = unitTokensIfAny(u);
    if (!scanned) return undefined;
    // The phrase index may never have read a unit; its text is still the previous model's.
    note(scanned, unitMemoIfAny(u, UNIT_RUNS) ?? UNIT_RUNS.compute(u, before), left);
  }
  for (const u of added) note(unitTokens(model, u), unitMemo(model, u, UNIT_RUNS));

  const members = last.members;
  const acronyms = new Map(last.analysis.acronyms);
  // The new units' tokens and definitions: the joined lists between their offsets.
  const from = added[0]?.start ?? 0;
  const to = added.length > 0 ? added[added.length - 1]!.end : 0;
  const freshOccurrences = scan.occurrences.slice(firstAtOrAfter(scan.occurrences, from), firstAtOrAfter(scan.occurrences, to));
  const freshDefinitions = scan.definitions.slice(firstAtOrAfter(scan.definitions, from), firstAtOrAfter(scan.definitions, to));
  for (const id of ids) {
    const was = members.get(id);
    const m: Members = { occurrences: [], definitions: [] };
    // Kept members (moved in place) in order, the new units' ones where they belong.
    const join = <T extends Occurrence | Definition>(old: readonly T[], now: readonly T[], out: T[]): void => {
      let i = 0;
      for (; i < old.length && old[i]!.start < from; i++) if (!left.has(old[i]!)) out.push(old[i]!);
      for (const x of now) if (groupId(x.key) === id) out.push(x);
      for (; i < old.length; i++) if (!left.has(old[i]!)) out.push(old[i]!);
    };
    join(was?.occurrences ?? [], freshOccurrences, m.occurrences);
    join(was?.definitions ?? [], freshDefinitions, m.definitions);
    if (m.occurrences.length === 0 && m.definitions.length === 0) members.delete(id);
    else members.set(id, m);
    const info = infoOf(id, m, config);
    if (info) acronyms.set(id, info);
    else acronyms.delete(id);
  }
  const analysis: AcronymAnalysis = { scan, model, acronyms, delta: { since: before.serial!, ids, initials, headings: !sameHeadings(gone, added) } };
  lastAnalysis.set(model.session!, { analysis, config, members });
  return analysis;
}

/** Whether two runs of units hold the same headings (so the sections around them are the same). */
function sameHeadings(a: readonly Unit[], b: readonly Unit[]): boolean {
  const ha = a.filter((u) => u.heading);
  const hb = b.filter((u) => u.heading);
  return ha.length === hb.length && ha.every((u, i) => u.heading!.depth === hb[i]!.heading!.depth && u.heading!.text === hb[i]!.heading!.text);
}

/** A group's analysis from its members, or undefined when none of its tokens counts and nothing defines it. */
function infoOf(id: string, m: Members, config: ResolvedConfig['acronyms']): AcronymInfo | undefined {
  const { workspace, common } = lookupsFor(config);
  const defined = m.definitions.length > 0;
  let info: AcronymInfo | undefined;
  for (const o of m.occurrences) {
    if (o.weak && !counts(o, id, defined, workspace, common)) continue;
    info ??= newInfo(id, o.key, workspace, common);
    info.occurrences.push(o);
    if (!o.definition) info.uses.push(o);
  }
  if (defined) {
    info ??= newInfo(id, m.definitions[0]!.key, workspace, common);
    info.definitions = m.definitions;
  }
  if (!info) return undefined;
  info.form = info.definitions[0]?.key ?? info.workspace?.key ?? (info.builtin && groupId(info.builtin.key) === info.id ? info.builtin.key : undefined) ?? info.occurrences[0]?.key ?? info.form;
  return info;
}

function newInfo(id: string, key: string, workspace: Map<string, { key: string; expansion: string }>, common: Set<string>): AcronymInfo {
  const info: AcronymInfo = { id, form: key, uses: [], occurrences: [], definitions: [], common: common.has(id) || isBuiltinCommon(id) };
  const w = workspace.get(id);
  if (w) info.workspace = w;
  const b = builtinEntry(id);
  if (b) info.builtin = b;
  return info;
}

/**
 * Which groups an edit left as they were, for rules that keep their findings by group
 * (see `RuleContext.keyed`): unset unless the edit moved no line and the replaced units'
 * headings are their replacements' (then every place outside the replaced units, and
 * every section, is as it was). A group is unchanged when none of its tokens or
 * definitions was in the replaced units and no capitalised phrase there has its initials.
 */
export function unchangedGroups(analysis: AcronymAnalysis): Unchanged | undefined {
  const delta = analysis.delta;
  if (!delta || delta.headings || analysis.model.splice?.dLine !== 0) return undefined;
  let unchanged = unchangedCache.get(analysis);
  if (!unchanged) {
    // Every acronym rule asks about every group: each answer once per analysis.
    const answers = new Map<string, boolean>();
    unchanged = {
      since: delta.since,
      has(id) {
        if (typeof id !== 'string') return false;
        let a = answers.get(id);
        if (a === undefined) {
          const info = analysis.acronyms.get(id);
          a = !delta.ids.has(id) && info !== undefined && !delta.initials.has(initialsKey(acronymLetters(info.form)));
          answers.set(id, a);
        }
        return a;
      },
    };
    unchangedCache.set(analysis, unchanged);
  }
  return unchanged;
}

const unchangedCache = new WeakMap<AcronymAnalysis, Unchanged>();

function counts(o: Occurrence, id: string, defined: boolean, workspace: Map<string, unknown>, common: Set<string>): boolean {
  if (defined || workspace.has(id) || common.has(id)) return true;
  // An English word in capitals is an acronym only if the report or the workspace says so.
  if (o.weak === 'english') return false;
  return builtinEntry(id) !== undefined || isBuiltinCommon(id);
}

// ---------------------------------------------------------------------------------------
// Questions the rules ask.

/** Definitions that spell the acronym out in the running text (not glossary-section entries). */
export function inlineDefinitions(info: AcronymInfo): Definition[] {
  return info.definitions.filter((d) => d.form !== 'glossary');
}

/** Whether a glossary (the report's section, or the workspace's) covers the acronym for the whole report. */
export function inGlossary(info: AcronymInfo): boolean {
  return info.workspace !== undefined || info.definitions.some((d) => d.form === 'glossary');
}

/** Exempt from being spelt out: common knowledge, or in the workspace glossary. */
export function exempt(info: AcronymInfo): boolean {
  return info.common || info.workspace !== undefined;
}

/** Definitions that explain a use in `scope`: those in the report body or in the same appendix. */
export function covering(info: AcronymInfo, scope: number): Definition[] {
  return info.definitions.filter((d) => d.form === 'glossary' || d.scope === 0 || d.scope === scope);
}

/** The first definition that explains a use in `scope`, or undefined. */
export function firstCovering(info: AcronymInfo, scope: number): Definition | undefined {
  return info.definitions.find((d) => d.form === 'glossary' || d.scope === 0 || d.scope === scope);
}

/** The expansions the glossaries know, best first: the workspace's, then the built-in senses. */
export function knownExpansions(info: AcronymInfo): { expansion: string; source: 'workspace' | 'builtin' }[] {
  const out: { expansion: string; source: 'workspace' | 'builtin' }[] = [];
  if (info.workspace) out.push({ expansion: info.workspace.expansion, source: 'workspace' });
  if (info.builtin) for (const s of info.builtin.entry.senses) if (!out.some((o) => sameExpansion(o.expansion, s))) out.push({ expansion: s, source: 'builtin' });
  return out;
}

/** Whether an expansion agrees with the workspace glossary, or else with the built-in one. */
export function agreesWithGlossary(info: AcronymInfo, expansion: string, plural: boolean): boolean | undefined {
  if (info.workspace) return sameExpansion(info.workspace.expansion, expansion, plural || /s$/.test(info.workspace.key));
  if (info.builtin) return builtinAccepts(info.builtin.entry, expansion) || (info.builtin.entry.plural !== undefined && sameExpansion(info.builtin.entry.plural, expansion, true));
  return undefined;
}

/** Whether a definition agrees with the glossaries, reading its expansion with or without the words after the name. */
export function definitionAgrees(info: AcronymInfo, d: Definition): boolean | undefined {
  const a = agreesWithGlossary(info, d.expansion, d.plural);
  if (a !== false || d.fullExpansion === d.expansion) return a;
  return agreesWithGlossary(info, d.fullExpansion, d.plural);
}

/**
 * The expansion a report's definitions should all use: the one that agrees with the
 * workspace glossary, else with the built-in glossary, else the first. Undefined when all
 * definitions agree.
 */
export function preferredDefinition(info: AcronymInfo): Definition | undefined {
  const defs = info.definitions;
  if (defs.length < 2) return undefined;
  if (defs.every((d) => sameAs(d, defs[0]!))) return undefined;
  return defs.find((d) => definitionAgrees(info, d) === true) ?? defs[0]!;
}

/** The definition to show for an acronym: the preferred one, else the first in the text (not a heading's). */
export function displayDefinition(info: AcronymInfo): Definition | undefined {
  return preferredDefinition(info) ?? info.definitions.find((d) => !d.heading && d.expansion !== d.expansion.toUpperCase()) ?? info.definitions[0];
}

/** Whether two definitions give the same expansion (allowing for plurals and for words after the name). */
export function sameAs(a: Definition, b: Definition): boolean {
  const p = a.plural !== b.plural;
  return (
    sameExpansion(a.expansion, b.expansion, p) ||
    sameExpansion(a.fullExpansion, b.fullExpansion, p) ||
    sameExpansion(a.expansion, b.fullExpansion, p) ||
    sameExpansion(a.fullExpansion, b.expansion, p)
  );
}

/**
 * The glossary expansion a definition seems to misspell (`Designated Schools Grant` for
 * `Dedicated Schools Grant`), or undefined when it agrees, or is an unrelated meaning.
 */
export function nonstandardAgainst(info: AcronymInfo, d: Definition): { expansion: string; source: 'workspace' | 'builtin' } | undefined {
  if (definitionAgrees(info, d) !== false) return undefined;
  const candidates = info.workspace
    ? [{ expansion: info.workspace.expansion, source: 'workspace' as const }]
    : (info.builtin?.entry.senses ?? []).map((s) => ({ expansion: s, source: 'builtin' as const }));
  let best: { expansion: string; source: 'workspace' | 'builtin' } | undefined;
  let bestScore = 0;
  for (const c of candidates) {
    const score = expansionSimilarity(c.expansion, d.expansion);
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  if (!best || bestScore < 0.5) return undefined;
  if (normExpansion(best.expansion, true) === normExpansion(d.expansion, true)) return undefined;
  return best;
}

const SMALL = '(?:(?:and|of|for|the|in|to|on|at|by|with|or|a|an|from|&)[ \\t]+)*';

/** The key of an acronym in the phrase index: its capitals and digits (`DfE` -> `DE`, `C&YP` -> `CYP`). */
function initialsKey(letters: string): string {
  return letters.replace(/[^A-Z0-9]/g, '');
}

type Phrase = { start: number; end: number; text: string };
/** A run of capitalised words: word offsets relative to its unit, and the words' initials. */
type Run = { starts: number[]; ends: number[]; initials: string; offsets: number[] };
// A run starts at the first capital of a word (the lookbehind, lazy so that it stops at the
// nearest capital): starting again at each later capital of a long word finds nothing new.
const RUN_RE = new RegExp(`[A-Z](?<![A-Z][A-Za-z'’-]*?[A-Z])[A-Za-z'’-]*(?:[ \\t]+${SMALL}(?:[A-Z][A-Za-z'’-]*|[0-9]+(?![A-Za-z0-9])))+`, 'g');

/** Whether a character starts a word of a run (`[A-Za-z0-9]`), or may go on one (those and `'’-`). */
function runWordStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}
function inRunWord(c: number): boolean {
  return runWordStart(c) || c === 39 || c === 0x2019 || c === 45;
}

/**
 * The runs of capitalised words in one top-level node (`Public Law Outline`, `Children and
 * Young People`: a run never crosses a line), with the initials of their content words,
 * and (see `unitKeys`) every sub-run of two or more words (or a word of two or more
 * digits) indexed by its initials (`PLO`, `LO`, `CYP`, `YP`), up to `MAX_KEY` initials.
 * Offsets are relative to the node, so nothing moves when the node does.
 */
interface UnitRuns {
  runs: Run[];
  /** Initials -> flat (run, first word, end word) triples; made when first asked for (see `unitKeys`). */
  byKey?: Map<string, number[]>;
}

const MAX_KEY = 12;

const UNIT_RUNS = defineUnitMemo<UnitRuns>({
  compute(unit, model) {
    acronymWork.unitRuns++;
    const runs: Run[] = [];
    let run: Run | undefined;
    readRuns(
      model.text.slice(unit.start, unit.end),
      () => runs.push((run = { starts: [], ends: [], initials: '', offsets: [] })),
      (start, end, initials) => {
        run!.starts.push(start);
        run!.ends.push(end);
        run!.offsets.push(run!.initials.length);
        run!.initials += initials;
      },
    );
    return { runs };
  },
});

/**
 * Reads the runs of capitalised words of `source` (see `RUN_RE`): `run` at the start of
 * each, then `word` for each of its words that is not a small word, with its offsets in
 * `source` and its initials (its first letter, or all of a word that starts with a digit).
 */
function readRuns(source: string, run: () => void, word: (start: number, end: number, initials: string) => void): void {
  RUN_RE.lastIndex = 0;
  for (let m = RUN_RE.exec(source); m; m = RUN_RE.exec(source)) {
    run();
    // The words (`[A-Za-z0-9][A-Za-z0-9'’-]*`), read by character: a run is a few words, and
    // a pattern's match objects and a slice of each word cost more than the reading.
    const s = m[0];
    for (let i = 0; i < s.length; ) {
      const c = s.charCodeAt(i);
      if (!runWordStart(c)) {
        i++;
        continue;
      }
      const from = i++;
      while (i < s.length && inRunWord(s.charCodeAt(i))) i++;
      // Only short words are small words (see `isStopWord`).
      if (i - from <= 5 && isStopWord(s.slice(from, i))) continue;
      word(m.index + from, m.index + i, c <= 57 ? s.slice(from, i) : s[from]!);
    }
  }
}

/**
 * A unit's sub-runs by initials, made on first use: an editing session's index lists the
 * units under each of their keys, while a report checked once searches its runs as they
 * are (see `JoinedRuns`) and most never need them.
 */
function unitKeys(unitRuns: UnitRuns): Map<string, number[]> {
  let byKey = unitRuns.byKey;
  if (byKey) return byKey;
  acronymWork.unitsKeyed++;
  byKey = new Map();
  const runs = unitRuns.runs;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    const n = run.starts.length;
    for (let i = 0; i + 1 < n; i++) {
      for (let j = i + 1; j <= n; j++) {
        const key = run.initials.slice(run.offsets[i]!, j < n ? run.offsets[j]! : run.initials.length);
        if (key.length > MAX_KEY) break;
        if (key.length < 2) continue;
        let list = byKey.get(key);
        if (!list) byKey.set(key, (list = []));
        list.push(r, i, j);
      }
    }
  }
  return (unitRuns.byKey = byKey);
}

/**
 * The runs of every unit of a report checked once (outside an editing session), their
 * initials joined in one string (each run's followed by a space) that a search for some
 * initials reads natively: such a check asks about a few acronyms, and listing every
 * sub-run of every unit under its initials would cost more than those searches. Each
 * search is counted; past `MAX_SEARCHES` the units are indexed by key after all, so a
 * report with very many acronyms stays linear.
 */
interface JoinedRuns {
  text: string;
  /** Per word of every run, in order: its absolute start and end, its unit (an index of `model.units`), and where its initials start in `text`. */
  starts: number[];
  ends: number[];
  units: number[];
  at: number[];
  /** Per character of `text`: the word whose initials start there, or -1. */
  wordAt: number[];
  /** Searches made so far (a search for names in another order counts its letters). */
  searches: number;
}

const MAX_SEARCHES = 100;

function joinRuns(model: ReportModel): JoinedRuns {
  // Read straight into flat lists: no run objects, and no unit keeps runs of its own (a
  // report checked once is not checked again).
  const j: JoinedRuns = { text: '', starts: [], ends: [], units: [], at: [], wordAt: [], searches: 0 };
  const parts: string[] = [];
  const wordAt = j.wordAt;
  let open = false;
  const units = model.units;
  for (let ui = 0; ui < units.length; ui++) {
    const base = units[ui]!.start;
    readRuns(
      model.text.slice(base, units[ui]!.end),
      () => {
        if (open) {
          parts.push(' ');
          wordAt.push(-1);
        }
        open = true;
      },
      (start, end, initials) => {
        wordAt.push(j.starts.length);
        for (let k = 1; k < initials.length; k++) wordAt.push(-1);
        j.at.push(wordAt.length - initials.length);
        j.starts.push(base + start);
        j.ends.push(base + end);
        j.units.push(ui);
        parts.push(initials);
      },
    );
  }
  if (open) {
    parts.push(' ');
    wordAt.push(-1);
  }
  j.text = parts.join('');
  return j;
}

/** Whether word `w` of the joined runs is followed by another of its run. */
function notLastOfRun(joined: JoinedRuns, w: number): boolean {
  return w + 1 < joined.at.length && joined.text.charCodeAt(joined.at[w + 1]! - 1) !== 32;
}

/** The last word of the sub-run whose initials end at `q` in the joined text (at a word's start or a run's end), or -1 when `q` is inside a word's initials. */
function lastWordBefore(joined: JoinedRuns, q: number): number {
  const { text, wordAt } = joined;
  if (text.charCodeAt(q) !== 32 && wordAt[q] === -1) return -1;
  let k = q - 1;
  while (k > 0 && wordAt[k] === -1) k--;
  return wordAt[k]!;
}

/**
 * The joined runs to search `searches` more times, or undefined when the index by key is
 * to be used (a model in an editing session, or enough searches made: then the index is made).
 */
function joinedFor(model: ReportModel, searches: number): JoinedRuns | undefined {
  const index = phraseIndex(model);
  const joined = index.joined;
  if (!joined) return undefined;
  joined.searches += searches;
  if (joined.searches <= MAX_SEARCHES) return joined;
  index.joined = undefined;
  indexUnits(model, index, model.units, []);
  return undefined;
}

/** Visits the sub-runs of the joined runs whose initials are exactly `key`, in document order, until `visit` returns true. */
function joinedPhrases(joined: JoinedRuns, key: string, visit: (start: number, end: number) => boolean): void {
  const text = joined.text;
  // A key never holds the space between runs, so a match lies within one run.
  for (let p = text.indexOf(key); p !== -1; p = text.indexOf(key, p + 1)) {
    // As `unitKeys` lists them: from a word that is not the run's last, to the end of a word.
    const i = joined.wordAt[p]!;
    if (i === -1 || !notLastOfRun(joined, i)) continue;
    const last = lastWordBefore(joined, p + key.length);
    if (last === -1) continue;
    if (visit(joined.starts[i]!, joined.ends[last]!)) return;
  }
}

/** The sub-runs of the joined runs whose initials are `key`'s letters in any order, by unit (absolute start and end pairs), in document order. */
function permutedPhrases(model: ReportModel, joined: JoinedRuns, key: string): Map<Unit, number[]> {
  const out = new Map<Unit, number[]>();
  const sorted = lettersSorted(key);
  const n = key.length;
  // Letters a sub-run may hold, and their sum: a quick test before sorting its initials.
  let sum = 0;
  for (let k = 0; k < n; k++) sum += key.charCodeAt(k);
  const { text, at } = joined;
  for (let i = 0; i < at.length; i++) {
    // The sub-run from word i (not its run's last) whose initials are as long as the key, if one is.
    const from = at[i]!;
    if (from + n >= text.length || !notLastOfRun(joined, i)) continue;
    // The key's letters only (so no space between runs), summing to the key's sum.
    let s = 0;
    let ok = true;
    for (let k = from; k < from + n && ok; k++) {
      s += text.charCodeAt(k);
      ok = key.includes(text[k]!);
    }
    if (!ok || s !== sum) continue;
    const last = lastWordBefore(joined, from + n);
    if (last === -1 || lettersSorted(text.slice(from, from + n)) !== sorted) continue;
    const unit = model.units[joined.units[i]!]!;
    let list = out.get(unit);
    if (!list) out.set(unit, (list = []));
    list.push(joined.starts[i]!, joined.ends[last]!);
  }
  return out;
}

/**
 * Which nodes hold a sub-run with given initials, in document order. One index per
 * editing session (per model without one), brought up to date on each new model from
 * what the edit replaced (`ReportModel.splice`): those nodes leave their lists, the new
 * ones are inserted by position. Nodes kept keep their relative order, so the lists stay
 * sorted and an edit costs the nodes it replaced. Without a splice it is built again.
 */
interface PhraseIndex {
  /** The model whose nodes are indexed. */
  model?: ReportModel;
  byKey: Map<string, Unit[]>;
  /** For a model outside an editing session: its runs to search, until enough searches are made (then `byKey` is made). */
  joined?: JoinedRuns;
}

const phraseIndexes = new WeakMap<object, PhraseIndex>();

function phraseIndex(model: ReportModel): PhraseIndex {
  const owner = model.session ?? model;
  let index = phraseIndexes.get(owner);
  if (!index) phraseIndexes.set(owner, (index = { byKey: new Map() }));
  if (index.model === model) return index;
  const last = index.model;
  index.model = model;
  if (!model.session) {
    index.joined = joinRuns(model);
    return index;
  }
  const sp = model.splice;
  if (sp && last && last.serial === sp.prevSerial) {
    // The units the edit replaced, and those that replaced them.
    indexUnits(model, index, model.units.slice(sp.at, sp.at + sp.added), last.units.slice(sp.at, sp.at + sp.removed));
  } else {
    index.byKey = new Map();
    indexUnits(model, index, model.units, []);
  }
  return index;
}

/** Takes units that left out of the index's lists and puts units added in. */
function indexUnits(model: ReportModel, index: PhraseIndex, added: readonly Unit[], gone: readonly Unit[]): void {
  // Nodes that left: out of each list they were in (a native search; lists of common
  // initials such as `TC` hold thousands of nodes, and an edit removes one or two).
  for (const u of gone) {
    for (const key of unitKeys(unitMemoIfAny(u, UNIT_RUNS)!).keys()) {
      const list = index.byKey.get(key)!;
      const i = list.indexOf(u);
      if (i >= 0) list.splice(i, 1);
    }
  }
  for (let ui = 0; ui < added.length; ui++) {
    const u = added[ui]!;
    for (const key of unitKeys(unitMemo(model, u, UNIT_RUNS)).keys()) {
      let list = index.byKey.get(key);
      if (!list) index.byKey.set(key, (list = []));
      if (list.length === 0 || list[list.length - 1]!.start < u.start) list.push(u);
      else list.splice(lastAtOrBefore(list, u.start, (x) => x.start) + 1, 0, u);
    }
  }
}

/** The first sub-run of capitalised words whose initials are exactly `key` and that `accept` takes. */
function findPhrase(analysis: AcronymAnalysis, key: string, accept: (p: Phrase) => boolean): Phrase | undefined {
  let found: Phrase | undefined;
  eachPhrase(analysis, key, (p) => {
    if (!accept(p)) return false;
    found = p;
    return true;
  });
  return found;
}

/** Visits the sub-runs of capitalised words whose initials are exactly `key`, in document order, until `visit` returns true. */
function eachPhrase(analysis: AcronymAnalysis, key: string, visit: (p: Phrase) => boolean): void {
  if (key.length < 2 || key.length > MAX_KEY) return;
  const model = analysis.model;
  const at = (start: number, end: number): boolean => visit({ start, end, text: phraseText(model.text, start, end) });
  const joined = joinedFor(model, 1);
  if (joined) return joinedPhrases(joined, key, at);
  for (const unit of phraseIndex(model).byKey.get(key) ?? []) {
    if (unitPhrases(model, unit, key, at)) return;
  }
}

/** A phrase's words as written, without a possessive 's. */
function phraseText(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(/['’]s$/, '');
}

/**
 * Visits the sub-runs of capitalised words in one unit whose initials are exactly `key`
 * (absolute offsets), until `visit` returns true; true when it did.
 */
function unitPhrases(model: ReportModel, unit: Unit, key: string, visit: (start: number, end: number) => boolean): boolean {
  acronymWork.phraseLookups++;
  const unitRuns = unitMemo(model, unit, UNIT_RUNS);
  const runs = unitRuns.runs;
  const list = unitKeys(unitRuns).get(key);
  if (!list) return false;
  for (let k = 0; k < list.length; k += 3) {
    const run = runs[list[k]!]!;
    if (visit(unit.start + run.starts[list[k + 1]!]!, unit.start + run.ends[list[k + 2]! - 1]!)) return true;
  }
  return false;
}

/** The content words of a name, lower case (`Change Partnership Programme` -> change, partnership, programme). */
function contentWords(text: string): string[] {
  return splitWords(text)
    .map((w) => w.text.toLowerCase())
    .filter((w) => !isStopWord(w));
}

/** Every order of the letters of `key` (at most 6 letters: 720 orders), without repeats. */
function orders(key: string): readonly string[] {
  // The same initials come up in report after report (`SEND`, `DSG`): each listed once.
  return keptFor(ordersOf, key, 2_000, listOrdersCounted);
}

function listOrdersCounted(key: string): readonly string[] {
  acronymWork.orders++;
  return listOrders(key);
}

const ordersOf = new Map<string, readonly string[]>();

function listOrders(key: string): string[] {
  if (key.length <= 1) return [key];
  const out = new Set<string>();
  for (let i = 0; i < key.length; i++) {
    if (key.indexOf(key[i]!) !== i) continue;
    for (const rest of listOrders(key.slice(0, i) + key.slice(i + 1))) out.add(key[i]! + rest);
  }
  return [...out];
}

/**
 * Capitalised names in the prose with the words of `expansion` in another order
 * (`Change Programme Partnership` for `Change Partnership Programme`): the same name
 * written two ways. Names of three to six content words, not part of a longer name.
 */
export function reorderedNames(analysis: AcronymAnalysis, expansion: string): Phrase[] {
  acronymWork.reorderedNames++;
  const words = contentWords(expansion);
  if (words.length < 3 || words.length > 6) return [];
  const key = initialsKey(words.map((w) => w[0]!.toUpperCase()).join(''));
  if (key.length !== words.length) return [];
  const model = analysis.model;
  // The units holding a phrase with these initials in some order, in document order or
  // each once, and a unit's such phrases (absolute start and end pairs).
  let units: Iterable<Unit>;
  let phrasesIn: (unit: Unit) => number[];
  const joined = joinedFor(model, key.length);
  if (joined) {
    // A report checked once: one pass over its runs.
    const found = permutedPhrases(model, joined, key);
    units = found.keys();
    phrasesIn = (unit) => found.get(unit)!;
  } else {
    // The orders some phrase of the report has (few of the 720 of six letters).
    const index = phraseIndex(model);
    const keys: string[] = [];
    const set = new Set<Unit>();
    for (const k of orders(key)) {
      const list = index.byKey.get(k);
      if (!list || list.length === 0) continue;
      keys.push(k);
      for (const u of list) set.add(u);
    }
    units = set;
    phrasesIn = (unit) => {
      const spans: number[] = [];
      for (const k of keys) unitPhrases(model, unit, k, (start, end) => (spans.push(start, end), false));
      return spans;
    };
  }
  const out: Phrase[] = [];
  let own: string | undefined;
  for (const unit of units) {
    // What a unit's own text says, kept with the unit while an edit leaves it alone (a long
    // report holds a common name in hundreds of units, and an edit near one searches again).
    const found = unitMemo(model, unit, UNIT_REORDERED);
    let spans = found.get(expansion);
    if (!spans) {
      spans = reorderedInUnit(model.text, unit, phrasesIn(unit), words);
      found.set((own ??= ownString(expansion)), spans);
    }
    for (let i = 0; i < spans.length; i += 2) {
      const start = unit.start + spans[i]!;
      const end = unit.start + spans[i + 1]!;
      // Running text: not a glossary, which another part of the report decides.
      if (analysis.scan.isProse(start, end)) out.push({ start, end, text: phraseText(model.text, start, end) });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Per unit: the names with the words of an expansion in another order, by expansion (offsets from the unit's start, in pairs). */
const UNIT_REORDERED = defineUnitMemo<Map<string, number[]>>({ compute: () => new Map() });

/**
 * Of the phrases of one unit whose initials are the name's in some order (absolute start
 * and end pairs), those whose content words are `words` in another order, each the whole
 * name (not part of a longer one: "Programme Change Partnership Group"), as start and end
 * offsets from the unit's start.
 */
function reorderedInUnit(text: string, unit: Unit, phrases: readonly number[], words: readonly string[]): number[] {
  const sorted = [...words].sort().join(' ');
  const written = words.join(' ');
  const out: { start: number; end: number }[] = [];
  for (let k = 0; k < phrases.length; k += 2) {
    const start = phrases[k]!;
    const end = phrases[k + 1]!;
    acronymWork.reorderedPhrases++;
    const w = contentWords(phraseText(text, start, end));
    // Most phrases found are the name as defined (its words in its order): nothing more to read.
    if (w.join(' ') === written || [...w].sort().join(' ') !== sorted) continue;
    const whole = !/^[ \t]+[A-Z][a-z]/.test(text.slice(end, end + 3)) && !/[A-Z][a-z'’-]+[ \t]+$/.test(text.slice(Math.max(0, start - 40), start));
    if (whole) out.push({ start, end });
  }
  out.sort((a, b) => a.start - b.start);
  return out.flatMap((p) => [p.start - unit.start, p.end - unit.start]);
}

/** A key's letters in alphabetical order: the same for every order of a name's initials. */
function lettersSorted(key: string): string {
  return [...key].sort().join('');
}

/**
 * The groups whose `reorderedNames` (of their definitions' expansions) an edit left as
 * they were, when it moved no line: those with no token or definition in the replaced
 * units, none of whose definitions' names has initials that, in some order, a capitalised
 * phrase in the replaced units has.
 */
export function unchangedReordered(analysis: AcronymAnalysis): Unchanged | undefined {
  const delta = analysis.delta;
  // Sections play no part (unlike in `unchangedGroups`): an edit of a heading's words keeps the rest.
  if (!delta || analysis.model.splice?.dLine !== 0) return undefined;
  let touched: Set<string> | undefined;
  return {
    since: delta.since,
    has(id) {
      if (typeof id !== 'string' || delta.ids.has(id)) return false;
      const info = analysis.acronyms.get(id);
      if (!info) return false;
      touched ??= new Set([...delta.initials].map(lettersSorted));
      for (const d of info.definitions) {
        let sorted = nameLetters.get(d);
        if (sorted === undefined) {
          const words = contentWords(d.expansion);
          sorted = words.length >= 3 && words.length <= 6 ? lettersSorted(initialsKey(words.map((w) => w[0]!.toUpperCase()).join(''))) : '';
          nameLetters.set(d, sorted);
        }
        if (sorted && touched.has(sorted)) return false;
      }
      return true;
    },
  };
}

/** A definition's name's initials in alphabetical order ('' when `reorderedNames` does not look at it), once per definition. */
const nameLetters = new WeakMap<Definition, string>();

/**
 * Work counted for tests: searches for names written in another order, the orders of
 * initials listed, the units asked for phrases with given initials, and the units whose
 * sub-runs were listed by initials.
 */
export const acronymWork = { reorderedNames: 0, reorderedPhrases: 0, orders: 0, phraseLookups: 0, unitsKeyed: 0, unitRuns: 0 };

const patterns = new Map<string, RegExp>();

/** A pattern for words whose initials spell `letters`: capitals when `title`, any case otherwise. */
function initialsPattern(letters: string, title: boolean): RegExp {
  const re = keptFor(patterns, (title ? 'T' : 't') + letters, 2_000, patternOfKey);
  re.lastIndex = 0;
  return re;
}

/** `initialsPattern`'s memo key (`T` or `t`, then the letters) made into its pattern. */
function patternOfKey(key: string): RegExp {
  return makeInitialsPattern(key.slice(1), key[0] === 'T');
}

function makeInitialsPattern(letters: string, title: boolean): RegExp {
  const word = (ch: string): string => {
    if (ch === '&') return '(?:&|and)';
    if (/[0-9+]/.test(ch)) return ch === '+' ? '(?:Plus|plus|\\+)' : ch + '[0-9]*';
    const up = ch.toUpperCase();
    const low = ch.toLowerCase();
    return (title && ch === up ? up : `[${up}${low}]`) + "[A-Za-z'’-]*";
  };
  const parts = [...letters].map(word);
  // The first letter leads (no look-behind), so the engine can skip ahead to it; the word start is checked after.
  return new RegExp(`${parts.join(`[ \\t]+${SMALL}`)}(?![A-Za-z0-9'’-])`, 'g');
}

/**
 * A phrase in the report whose initials spell the acronym but that is not tied to it: a
 * Title Case name anywhere (`Public Law Outline` for PLO), or for longer acronyms a
 * lower-case one in the same block as the use (`community of practice` for COP). When a
 * glossary knows the acronym, a Title Case name elsewhere counts only if it is the
 * glossary's (`Demand for Education, ...` does not explain DfE).
 */
export function untiedPhrase(analysis: AcronymAnalysis, info: AcronymInfo, near?: { start: number; end: number }): { start: number; end: number; text: string } | undefined {
  const letters = acronymLetters(info.form);
  if (letters.length < 2 || !/^[A-Za-z]/.test(letters)) return undefined;
  const text = analysis.model.text;
  const ok = (start: number, phrase: string): boolean => {
    if (start > 0 && /[A-Za-z0-9'’-]/.test(text[start - 1]!)) return false;
    const words = splitWords(phrase);
    return !words.some((w) => readToken(w.text)) && !isStopWord(words[0]!.text) && analysis.scan.isProse(start, start + phrase.length);
  };
  const known = knownExpansions(info);
  const found = findPhrase(
    analysis,
    initialsKey(letters),
    (p) => (known.length === 0 || known.some((k) => sameExpansion(k.expansion, p.text, true))) && ok(p.start, text.slice(p.start, p.end)),
  );
  if (found) return found;
  if (near && letters.length >= 3) {
    const block = blockAt(analysis.model, near.start);
    if (block) {
      for (const m of block.source.matchAll(initialsPattern(letters, false))) {
        const start = block.start + m.index;
        if (m.index > 0 && /[A-Za-z0-9'’-]/.test(block.source[m.index - 1]!)) continue;
        if (ok(start, m[0])) return { start, end: start + m[0].length, text: m[0].replace(/['’]s$/, '') };
      }
    }
  }
  return undefined;
}

/** The expansion to write before a token: plural when the token is (`EHCPs` -> `... Plans`). */
export function expansionFor(info: AcronymInfo, expansion: string, plural: boolean): string {
  if (!plural) return expansion;
  const p = info.builtin?.entry.plural;
  if (p && sameExpansion(info.builtin!.entry.senses[0]!, expansion)) return p;
  return pluralExpansion(expansion);
}


function blockAt(model: ReportModel, offset: number): ReportModel['blocks'][number] | undefined {
  const b = model.blocks[lastAtOrBefore(model.blocks, offset, (x) => x.start)];
  return b && offset < b.end ? b : undefined;
}
