import { distance } from 'fastest-levenshtein';
import { defineRule } from '../rules/define.js';
import { entryText } from '../frontmatter.js';
import { replaceFix } from '../rules/util.js';
import { keptFor } from '../text.js';

/** Same words, any case and spacing: "CHILDREN AND FAMILIES ..." is the committee's name in capitals. */
export function sameCommittee(a: string, b: string): boolean {
  return normalName(a) === normalName(b);
}

/** Names normalised, and committee lists ranked against a value (tests). */
export const committeeStats = { normalised: 0, ranked: 0 };

function normalName(s: string): string {
  committeeStats.normalised++;
  return s.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[^a-z0-9']+/g, ' ').trim();
}

/** Words that join a name's words; an abbreviation has no letter for them ("CYPE"). */
const JOINING = new Set(['and', 'of', 'the', 'for']);

/** Words every committee's name shares, which say nothing about which committee is meant. */
const GENERIC = new Set([...JOINING, 'committee', 'commission', 'scrutiny', 'overview', 'board', 'sub', 'select', 'panel', 'council']);

/** A name's words, plural and possessive endings off ("families" and "family's" are "family"). */
function stems(name: string): string[] {
  return normalName(name)
    .split(' ')
    .map((w) => w.replace(/'s?$/, '').replace(/ies$/, 'y').replace(/(?<=[^s])s$/, ''));
}

/**
 * `value` with an abbreviation spelt out where it is the initials of a run of the
 * committee's words ("CYPE Scrutiny Commission" against "Children, Young People and
 * Education Scrutiny Commission"), so that it is compared with the words it stands for.
 */
function expandInitials(value: string, committee: string): string {
  const words = normalName(committee).split(' ');
  const significant = words.filter((w) => !JOINING.has(w));
  const initials = significant.map((w) => w[0]).join('');
  return value.replace(/\b[A-Z]{2,6}\b/g, (abbr) => {
    const at = initials.indexOf(abbr.toLowerCase());
    if (at < 0) return abbr;
    const first = words.indexOf(significant[at]!);
    const last = words.indexOf(significant[at + abbr.length - 1]!, first);
    return words.slice(first, last + 1).join(' ');
  });
}

interface Candidate {
  name: string;
  /** Words that tell committees apart, shared with the value. */
  shared: number;
  /** Edit distance between the two names, written out and in lower case. */
  edits: number;
}

/**
 * The council's committees in order of likeness to `value`: most shared telling words
 * first (the committee's subject), then fewest edits. Linear in the names' lengths.
 */
export function likelyCommittees(value: string, committees: readonly string[]): Candidate[] {
  const out: Candidate[] = committees.map((name) => {
    const written = expandInitials(value, name);
    const mine = new Set(stems(written).filter((w) => !GENERIC.has(w)));
    let shared = 0;
    for (const w of new Set(stems(name))) if (!GENERIC.has(w) && mine.has(w)) shared++;
    return { name, shared, edits: distance(normalName(written), normalName(name)) };
  });
  return out.sort((a, b) => b.shared - a.shared || a.edits - b.edits);
}

/**
 * A profile's committees as `sameCommittee` compares them, and the rankings asked for so
 * far by value: the same for every report on the profile (a folder's reports repeat their
 * committee lines). The rankings are bounded.
 */
interface Known {
  names: Set<string>;
  ranked: Map<string, Candidate[]>;
}
const known = new WeakMap<readonly string[], Known>();

function knownOf(committees: readonly string[]): Known {
  let k = known.get(committees);
  if (!k) {
    k = { names: new Set(committees.map(normalName)), ranked: new Map() };
    known.set(committees, k);
  }
  return k;
}

function rankedFor(k: Known, value: string, committees: readonly string[]): Candidate[] {
  // keptFor keeps a key of its own: the value is cut from the report's text.
  const r = keptFor(k.ranked, value, 500, () => {
    committeeStats.ranked++;
    return likelyCommittees(value, committees);
  });
  return r;
}

export const unknownCommittee = defineRule({
  id: 'pack/unknown-committee',
  title: 'Committee is not one the council has',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    why: "The committee line says where the report is decided or scrutinised, and it goes on the agenda and in the minutes. A committee written from memory (\"Children and Young People's Scrutiny Commission\"), abbreviated (\"CYPE Scrutiny Commission\") or renamed since is a different body on paper. The council's committees are listed in its template profile (`committees`); capitals are accepted. The finding names the committees most like the one written and offers each as a fix.",
    bad: '---\ntemplate: leicester-city/scrutiny\ncommittee: CYPE Scrutiny Commission\n---',
    good: '---\ntemplate: leicester-city/scrutiny\ncommittee: Children, Young People and Education Scrutiny Commission\n---',
  },
  check(ctx) {
    const { model, profile } = ctx;
    const committees = profile?.committees ?? [];
    if (committees.length === 0) return;
    const e = model.frontMatter.byKey.get('committee');
    const value = entryText(e);
    if (!e || !value) return;
    const k = knownOf(committees);
    if (k.names.has(normalName(value))) return;
    const ranked = rankedFor(k, value, committees);
    // Those as like it as the best (by the words they share), at most three; when it
    // shares no telling word with any, the three nearest in spelling.
    const best = ranked[0]!.shared;
    const likely = ranked.filter((c) => c.shared === best).slice(0, 3);
    const names = likely.map((c) => `"${c.name}"`);
    const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
    ctx.report({
      message: `"${value}" is not a committee of ${profile!.council}${best > 0 ? `; did you mean ${listed}?` : ` (its ${committees.length} committees are in the template profile); nearest in spelling: ${listed}.`}`,
      range: e.valueRange,
      fixes: likely.map((c) => replaceFix(`Change to "${c.name}"`, e.valueRange, c.name, false)),
    });
  },
});
