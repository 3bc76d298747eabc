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

/**
 * One pattern that matches wherever any of `sources` does (their alternation, without the
 * word bounds): a text it does not match holds none of them, so the per-name patterns
 * need not each scan it.
 */
function anyOf(sources: readonly string[]): RegExp {
  return new RegExp(sources.map((s) => `(?:${s})`).join('|'), 'u');
}

interface Tables {
  wrongNames: readonly WrongName[];
  outdated: readonly Outdated[];
  anyWrongName: RegExp;
}

let tables: Tables | undefined;
let builds = 0;

/**
 * The patterns, made on first use: about 30 of them, each with Unicode classes that V8
 * builds when a pattern is made (about 5 ms), and only the prose rules read them, which
 * a checking thread's first results leave out (lsp/stages.ts).
 */
function built(): Tables {
  if (!tables) {
    builds++;
    tables = {
      wrongNames: DATA.names.map((n) => ({ re: bounded(n.wrong, 'gu'), right: n.right, ...('note' in n && n.note ? { note: n.note } : {}) })),
      outdated: DATA.outdated.map((o) => ({ re: bounded(o.old, 'gu'), since: o.since, by: o.by })),
      anyWrongName: anyOf(DATA.names.map((n) => n.wrong)),
    };
  }
  return tables;
}

/** How many times this thread has made the patterns (tests: not to load the rules). */
export function bodyTableBuilds(): number {
  return builds;
}

export function wrongNames(): readonly WrongName[] {
  return built().wrongNames;
}

export function outdatedBodies(): readonly Outdated[] {
  return built().outdated;
}

/** Whether a text may hold one of the wrong names (else no name's pattern matches it). */
export function anyWrongName(): RegExp {
  return built().anyWrongName;
}

const anyOutdated = new Map<string, RegExp>();
/** A pattern that matches wherever one of `live` (entries of outdatedBodies()) does, made once per set. */
export function anyOutdatedOf(live: readonly Outdated[]): RegExp {
  const all = outdatedBodies();
  const key = live.map((o) => all.indexOf(o)).join(' ');
  let re = anyOutdated.get(key);
  if (!re) anyOutdated.set(key, (re = anyOf(live.map((o) => DATA.outdated[all.indexOf(o)]!.old))));
  return re;
}

/** A mention written as history: "the former CCGs", "was replaced by", "until 2022". */
const HISTORY_BEFORE = /\b(?:former(?:ly)?|previous(?:ly)?|predecessors?|legacy|old|until|abolished|replaced|superseded|succeeded|prior to|before|then|was|were|had been|used to|in (?:19|20)\d\d)\b[^.;]{0,60}$/i;
const HISTORY_AFTER = /^[^.;]{0,50}\b(?:now|since|replaced|became|was|were|had|abolished|former(?:ly)?|until|ceased|transferred|merged)\b/i;

export function historical(before: string, after: string): boolean {
  return HISTORY_BEFORE.test(before) || HISTORY_AFTER.test(after);
}
