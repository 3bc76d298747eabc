import DATA from './data/bodies.json';

/** Names of bodies and statutes written wrongly, and bodies or guidance since replaced (data: `data/bodies.json`). */
export interface WrongName {
  re: RegExp;
  right: string;
  note?: string;
}

export interface Outdated {
  re: RegExp;
  /** `yyyy-mm-dd`: replaced on this day. */
  since: string;
  by: string;
}

const bounded = (src: string, flags: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])(?:${src})(?![\\p{L}\\p{N}])`, flags);

export const WRONG_NAMES: readonly WrongName[] = DATA.names.map((n) => ({ re: bounded(n.wrong, 'gu'), right: n.right, ...('note' in n && n.note ? { note: n.note } : {}) }));
export const OUTDATED: readonly Outdated[] = DATA.outdated.map((o) => ({ re: bounded(o.old, 'gu'), since: o.since, by: o.by }));

/**
 * One pattern that matches wherever any of `sources` does (their alternation, without the
 * word bounds): a text it does not match holds none of them, so the per-name patterns
 * need not each scan it.
 */
function anyOf(sources: readonly string[]): RegExp {
  return new RegExp(sources.map((s) => `(?:${s})`).join('|'), 'u');
}

/** Whether a text may hold one of the wrong names (else no name's pattern matches it). */
export const ANY_WRONG_NAME = anyOf(DATA.names.map((n) => n.wrong));

const anyOutdated = new Map<string, RegExp>();
/** A pattern that matches wherever one of `live` (entries of OUTDATED) does, made once per set. */
export function anyOutdatedOf(live: readonly Outdated[]): RegExp {
  const key = live.map((o) => OUTDATED.indexOf(o)).join(' ');
  let re = anyOutdated.get(key);
  if (!re) anyOutdated.set(key, (re = anyOf(live.map((o) => DATA.outdated[OUTDATED.indexOf(o)]!.old))));
  return re;
}

/** A mention written as history: "the former CCGs", "was replaced by", "until 2022". */
const HISTORY_BEFORE = /\b(?:former(?:ly)?|previous(?:ly)?|predecessors?|legacy|old|until|abolished|replaced|superseded|succeeded|prior to|before|then|was|were|had been|used to|in (?:19|20)\d\d)\b[^.;]{0,60}$/i;
const HISTORY_AFTER = /^[^.;]{0,50}\b(?:now|since|replaced|became|was|were|had|abolished|former(?:ly)?|until|ceased|transferred|merged)\b/i;

export function historical(before: string, after: string): boolean {
  return HISTORY_BEFORE.test(before) || HISTORY_AFTER.test(after);
}
