import { distance } from 'fastest-levenshtein';
import type { ReportModel, Section } from '../model.js';
import type { Profile, SectionSpec } from './schema.js';
import { canonicalHeading, flattenSpecs } from './loader.js';

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
  | 'prompt';

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
  return s
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\*+|_+/g, '')
    .replace(/\s*\/\s*/g, ' / ')
    .replace(/\s+/g, ' ')
    .replace(/[\s:.;,]+$/, '')
    .trim();
}

export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const max = Math.max(a.length, b.length);
  return max === 0 ? 1 : 1 - distance(a, b) / max;
}

export const NEAR_MISS = 0.75;

function stripPrompt(title: string, spec: SectionSpec): string | undefined {
  if (!spec.prompt) return undefined;
  const p = normaliseHeading(spec.prompt);
  const t = normaliseHeading(title);
  if (t.endsWith(p) && t.length > p.length) return title.slice(0, title.length - spec.prompt.length).trim() || undefined;
  const idx = title.indexOf('(');
  if (idx > 0 && similarity(normaliseHeading(title.slice(idx)), p) > 0.8) return title.slice(0, idx).trim();
  return undefined;
}

function score(section: Section, spec: SectionSpec, profile: Profile): { score: number; wording: Wording } {
  const h = section.heading;
  const title = h.title;
  const canonical = canonicalHeading(spec, profile);
  if (h.text.trim() === canonical) return { score: 3, wording: 'exact' };
  const nt = normaliseHeading(title);
  const numberOk = !profile.numberedHeadings || !spec.number || h.number === spec.number;
  const bonus = numberOk ? 0.01 : 0;
  if (nt === normaliseHeading(spec.title)) return { score: 2 + bonus, wording: 'style' };
  for (const a of spec.aliases) if (nt === normaliseHeading(a)) return { score: 2 + bonus, wording: 'alias' };
  for (const m of spec.misnomers) if (nt === normaliseHeading(m)) return { score: 1.5 + bonus, wording: 'near' };
  const stripped = stripPrompt(title, spec);
  if (stripped !== undefined && normaliseHeading(stripped) === normaliseHeading(spec.title)) return { score: 1.9 + bonus, wording: 'prompt' };
  let best = similarity(nt, normaliseHeading(spec.title));
  for (const a of [...spec.aliases, ...spec.misnomers]) best = Math.max(best, similarity(nt, normaliseHeading(a)));
  if (best >= NEAR_MISS) return { score: best + bonus, wording: 'near' };
  // A numbered heading in the right slot with a poor wording is still that section.
  if (numberOk && profile.numberedHeadings && spec.number && h.number === spec.number && best >= 0.45) return { score: best, wording: 'near' };
  return { score: 0, wording: 'near' };
}

export function matchTemplate(model: ReportModel, profile: Profile): TemplateMatch {
  const matches: SectionMatch[] = [];
  const bySpec = new Map<string, SectionMatch>();
  const bySection = new Map<Section, SectionMatch>();
  const order = flattenSpecs(profile.sections);
  const parentOf = new Map<SectionSpec, SectionSpec | undefined>();
  const setParents = (list: SectionSpec[], parent: SectionSpec | undefined): void => {
    for (const s of list) {
      parentOf.set(s, parent);
      setParents(s.children, s);
    }
  };
  setParents(profile.sections, undefined);

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
    for (const spec of candidates) {
      const r = score(section, spec, profile);
      if (r.score > 0 && (!best || r.score > best.score)) best = { spec, ...r };
    }
    if (!best) continue;
    const m: SectionMatch = { spec: best.spec, section, wording: best.wording };
    matches.push(m);
    bySpec.set(best.spec.id, m);
    bySection.set(section, m);
  }
  return { profile, matches, bySpec, bySection, order };
}
