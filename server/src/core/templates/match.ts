import { distance } from 'fastest-levenshtein';
import type { ReportModel, Section } from '../model.js';
import type { Profile, SectionSpec } from './schema.js';
import { canonicalHeading, flattenSpecs, specParents } from './loader.js';
import { ownString, stripEnd } from '../text.js';

/**
 * How the draft's headings line up with the template: which section answers which
 * template slot, and how close its wording is.
 */
export type Wording =
  /** Exactly the template's wording. */
  | 'exact'
  /** Same words; case, punctuation, quotes or number punctuation differ. */
  | 'style'
  /** Another wording the template accepts. */
  | 'alias'
  /** A known wrong wording or a near miss: to be corrected. */
  | 'near'
  /** Template prompt text left in the heading. */
  | 'prompt'
  /** Part of the template's wording, standing where that section belongs ("Circulation"). */
  | 'shortened';

export interface SectionMatch {
  spec: SectionSpec;
  section: Section;
  wording: Wording;
}

export interface TemplateMatch {
  profile: Profile;
  /** Matched sections, in document order. */
  matches: SectionMatch[];
  bySpec: Map<string, SectionMatch>;
  bySection: Map<Section, SectionMatch>;
  /** Specs in template order (depth first). */
  order: SectionSpec[];
}

/** Lower case, straight quotes, no trailing punctuation, single spaces. */
export function normaliseHeading(s: string): string {
  const spaced = s
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\*+|_+/g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?\/ ?/g, ' / ')
    .replace(/ {2,}/g, ' ');
  return stripEnd(spaced, /[ :.;,]/).trim();
}

/**
 * A heading as the form prints it: straight quotes, no trailing colon. The forms print
 * most headings with a colon ("6. Background information and other papers:") but not
 * always, so the colon is neither required nor a deviation.
 */
export function formText(s: string): string {
  return s
    .trim()
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/:$/, '')
    .trimEnd();
}

/**
 * A template section's wordings as the matching compares them: the same for every report
 * on the profile, so worked out once per profile and section (a folder's thousand reports
 * on one template would otherwise normalise every template heading for every heading of
 * every report).
 */
interface SpecForms {
  /** `formText` of the heading as the form prints it, number and all. */
  printed: string;
  /** `formText` of each alias as printed, number and all. */
  aliasesPrinted: string[];
  /** `normaliseHeading` of the title, each alias, each misnomer. */
  title: string;
  aliases: string[];
  misnomers: string[];
  /** `normaliseHeading` of the prompt, when the spec has one. */
  prompt?: string;
  /**
   * `score` of the headings compared with this spec so far, by what it reads of a heading
   * (text, title, number): reports on one template repeat their headings, and comparing
   * one with a spec it does not match costs an edit distance per wording. Bounded.
   */
  scores: Map<string, Scored>;
}

type Scored = { score: number; wording: Wording };

const specForms = new WeakMap<Profile, WeakMap<SectionSpec, SpecForms>>();

/** How many times a spec's forms were worked out (tests: once per profile and spec), and headings scored against a spec. */
export const matchStats = { specForms: 0, scored: 0, headingForms: 0, layouts: 0 };

function formsOf(spec: SectionSpec, profile: Profile): SpecForms {
  let byProfile = specForms.get(profile);
  if (!byProfile) specForms.set(profile, (byProfile = new WeakMap()));
  let forms = byProfile.get(spec);
  if (!forms) {
    matchStats.specForms++;
    forms = {
      printed: formText(canonicalHeading(spec, profile)),
      aliasesPrinted: spec.aliases.map((a) => formText(canonicalHeading({ ...spec, title: a }, profile))),
      title: normaliseHeading(spec.title),
      aliases: spec.aliases.map(normaliseHeading),
      misnomers: spec.misnomers.map(normaliseHeading),
      ...(spec.prompt ? { prompt: normaliseHeading(spec.prompt) } : {}),
      scores: new Map(),
    };
    byProfile.set(spec, forms);
  }
  return forms;
}

/** A heading's forms as the matching compares them, worked out once per heading (not once per template section). */
interface HeadingForms {
  /** `formText` of the heading as written. */
  written: string;
  /** `normaliseHeading` of its title. */
  title: string;
}

/**
 * Headings' forms by their key (see `headingKey`): reports on one template repeat their
 * headings, so a folder's reports would otherwise normalise the same few hundred headings
 * again and again. Bounded, like the scores.
 */
const headingFormsByKey = new Map<string, HeadingForms>();

function headingForms(section: Section, key: string): HeadingForms {
  let f = headingFormsByKey.get(key);
  if (!f) {
    matchStats.headingForms++;
    if (headingFormsByKey.size >= 2000) headingFormsByKey.clear();
    f = { written: formText(section.heading.text), title: normaliseHeading(section.heading.title) };
    // Its own copies: strings cut from the document would keep the document alive.
    headingFormsByKey.set(ownString(key), { written: ownString(f.written), title: ownString(f.title) });
  }
  return f;
}

/** What the matching reads of a heading (its text, title and number) as one string; lengths first, so no two headings share a key. */
function headingKey(section: Section): string {
  const h = section.heading;
  const n = h.number ?? '';
  return `${n.length}:${n}${h.title.length}:${h.title}${h.text}`;
}

const STOP_WORDS = new Set(['a', 'an', 'and', 'of', 'the', 'to', 'for', 'in', 'on', 'or', 'with', 'under', 'other']);

/**
 * A heading that is a run of whole words of the template's wording ("Circulation" for
 * "Circulation under the Local Issues Alert Procedure"): a shortened template heading.
 * At least one word of four letters or more that is not a stop word.
 */
function partOfWording(heading: string, wording: string): boolean {
  const h = heading.split(/[^a-z0-9()'"]+/).filter(Boolean);
  const w = wording.split(/[^a-z0-9()'"]+/).filter(Boolean);
  if (h.length === 0 || h.length >= w.length) return false;
  if (!h.some((x) => x.length >= 4 && !STOP_WORDS.has(x))) return false;
  for (let i = 0; i + h.length <= w.length; i++) {
    let ok = true;
    for (let j = 0; j < h.length && ok; j++) ok = w[i + j] === h[j];
    if (ok) return true;
  }
  return false;
}

export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const max = Math.max(a.length, b.length);
  return max === 0 ? 1 : 1 - distance(a, b) / max;
}

export const NEAR_MISS = 0.75;

function stripPrompt(title: string, nt: string, spec: SectionSpec, p: string | undefined): string | undefined {
  if (!spec.prompt || p === undefined) return undefined;
  if (nt.endsWith(p) && nt.length > p.length) return title.slice(0, title.length - spec.prompt.length).trim() || undefined;
  const idx = title.indexOf('(');
  if (idx > 0 && similarity(normaliseHeading(title.slice(idx)), p) > 0.8) return title.slice(0, idx).trim();
  return undefined;
}

function score(section: Section, heading: HeadingForms, key: string, spec: SectionSpec, profile: Profile): Scored {
  const forms = formsOf(spec, profile);
  const h = section.heading;
  let r = forms.scores.get(key);
  if (!r) {
    matchStats.scored++;
    if (forms.scores.size >= 2000) forms.scores.clear();
    // A key of its own: one made of the heading's strings would keep the document they were cut from alive.
    forms.scores.set(ownString(key), (r = scoreOf(h, heading, spec, forms, profile)));
  }
  return r;
}

function scoreOf(h: Section['heading'], heading: HeadingForms, spec: SectionSpec, forms: SpecForms, profile: Profile): Scored {
  const title = h.title;
  const written = heading.written;
  if (written === forms.printed) return { score: 3, wording: 'exact' };
  // Another wording the form prints, exactly as printed (case included).
  for (const a of forms.aliasesPrinted) if (written === a) return { score: 2.5, wording: 'alias' };
  const nt = heading.title;
  const numberOk = !profile.numberedHeadings || !spec.number || h.number === spec.number;
  const bonus = numberOk ? 0.01 : 0;
  if (nt === forms.title) return { score: 2 + bonus, wording: 'style' };
  for (const a of forms.aliases) if (nt === a) return { score: 2 + bonus, wording: 'alias' };
  for (const m of forms.misnomers) if (nt === m) return { score: 1.5 + bonus, wording: 'near' };
  const stripped = stripPrompt(title, nt, spec, forms.prompt);
  if (stripped !== undefined && normaliseHeading(stripped) === forms.title) return { score: 1.9 + bonus, wording: 'prompt' };
  let best = similarity(nt, forms.title);
  for (const a of forms.aliases) best = Math.max(best, similarity(nt, a));
  for (const m of forms.misnomers) best = Math.max(best, similarity(nt, m));
  if (best >= NEAR_MISS) return { score: best + bonus, wording: 'near' };
  // A numbered heading in the right slot with a poor wording is still that section.
  if (numberOk && profile.numberedHeadings && spec.number && h.number === spec.number && best >= 0.45) return { score: best, wording: 'near' };
  return { score: 0, wording: 'near' };
}

/** Whether the heading (`nt`: its title normalised) is a shortened form of the spec's wording (see `partOfWording`). */
function shortened(section: Section, nt: string, spec: SectionSpec, profile: Profile): boolean {
  const numberOk = !profile.numberedHeadings || !spec.number || section.heading.number === undefined || section.heading.number === spec.number;
  if (!numberOk) return false;
  const forms = formsOf(spec, profile);
  return partOfWording(nt, forms.title) || forms.aliases.some((w) => partOfWording(nt, w));
}

/**
 * Template sections a report on a variant of the form does without: those a section
 * it has stands for (`insteadOf`: "3. Detailed Report" for 3 and 4), and the variant's
 * own section when a section it would stand for is there.
 */
export function notNeeded(match: TemplateMatch): Set<string> {
  const out = new Set<string>();
  for (const m of match.matches) for (const id of m.spec.insteadOf) out.add(id);
  for (const spec of match.order) if (spec.insteadOf.some((id) => match.bySpec.has(id))) out.add(spec.id);
  return out;
}

/** A profile's sections in template order and each one's template parent: the same for every report on the profile. */
interface Layout {
  order: SectionSpec[];
  parentOf: Map<SectionSpec, SectionSpec | undefined>;
}

const layouts = new WeakMap<Profile, Layout>();

function layoutOf(profile: Profile): Layout {
  let l = layouts.get(profile);
  if (!l) {
    matchStats.layouts++;
    l = { order: flattenSpecs(profile.sections), parentOf: specParents(profile) };
    layouts.set(profile, l);
  }
  return l;
}

export function matchTemplate(model: ReportModel, profile: Profile): TemplateMatch {
  const matches: SectionMatch[] = [];
  const bySpec = new Map<string, SectionMatch>();
  const bySection = new Map<Section, SectionMatch>();
  // Shared by every match on the profile: read only.
  const { order, parentOf } = layoutOf(profile);

  for (const section of model.allSections) {
    if (section.inAppendix || section.level < 2) continue;
    // Only headings at a template level are candidates; under a matched parent, prefer its children.
    const parentMatch = section.parent ? bySection.get(section.parent) : undefined;
    let candidates = order.filter((s) => s.level === section.level && !bySpec.has(s.id));
    if (parentMatch && parentMatch.spec.children.length > 0) {
      candidates = candidates.filter((s) => parentOf.get(s) === parentMatch.spec);
    } else if (section.level > 2) {
      // A sub-heading under an unmatched or childless parent: only its own template parent's children.
      candidates = candidates.filter((s) => {
        const p = parentOf.get(s);
        return p === undefined || !parentMatch || p === parentMatch.spec;
      });
      if (parentMatch && parentMatch.spec.children.length === 0) candidates = [];
    }
    let best: { spec: SectionSpec; score: number; wording: Wording } | undefined;
    if (candidates.length === 0) continue;
    const key = headingKey(section);
    const heading = headingForms(section, key);
    for (const spec of candidates) {
      const r = score(section, heading, key, spec, profile);
      if (r.score > 0 && (!best || r.score > best.score)) best = { spec, ...r };
    }
    if (!best) continue;
    const m: SectionMatch = { spec: best.spec, section, wording: best.wording };
    matches.push(m);
    bySpec.set(best.spec.id, m);
    bySection.set(section, m);
  }
  matchShortened(model, profile, order, parentOf, matches, bySpec, bySection);
  return { profile, matches, bySpec, bySection, order };
}

/**
 * A second pass for headings that are a shortened template heading ("Circulation"):
 * only for a template section nothing else answered, and only when the heading stands
 * where that section belongs (after the matched section before it in the template and
 * before the one after it), so that a topic heading elsewhere is never taken for it.
 */
function matchShortened(
  model: ReportModel,
  profile: Profile,
  order: SectionSpec[],
  parentOf: Map<SectionSpec, SectionSpec | undefined>,
  matches: SectionMatch[],
  bySpec: Map<string, SectionMatch>,
  bySection: Map<Section, SectionMatch>,
): void {
  let added = false;
  for (const section of model.allSections) {
    if (section.inAppendix || section.level < 2 || bySection.has(section)) continue;
    const parentMatch = section.parent ? bySection.get(section.parent) : undefined;
    let nt: string | undefined;
    for (const spec of order) {
      if (spec.level !== section.level || bySpec.has(spec.id)) continue;
      const parent = parentOf.get(spec);
      if (parent ? parentMatch?.spec !== parent : parentMatch !== undefined && section.level > 2) continue;
      if (!shortened(section, (nt ??= normaliseHeading(section.heading.title)), spec, profile)) continue;
      if (!inPlace(section, spec, order, parentOf, bySpec)) continue;
      const m: SectionMatch = { spec, section, wording: 'shortened' };
      matches.push(m);
      bySpec.set(spec.id, m);
      bySection.set(section, m);
      added = true;
      break;
    }
  }
  if (added) matches.sort((a, b) => a.section.start - b.section.start);
}

/** The section lies after the matched sibling before `spec` in the template and before the matched sibling after it. */
function inPlace(section: Section, spec: SectionSpec, order: SectionSpec[], parentOf: Map<SectionSpec, SectionSpec | undefined>, bySpec: Map<string, SectionMatch>): boolean {
  const parent = parentOf.get(spec);
  const siblings = order.filter((s) => parentOf.get(s) === parent);
  const i = siblings.indexOf(spec);
  for (let j = i - 1; j >= 0; j--) {
    const m = bySpec.get(siblings[j]!.id);
    if (m) {
      if (m.section.start > section.start) return false;
      break;
    }
  }
  for (let j = i + 1; j < siblings.length; j++) {
    const m = bySpec.get(siblings[j]!.id);
    if (m) {
      if (m.section.start < section.start) return false;
      break;
    }
  }
  return true;
}
