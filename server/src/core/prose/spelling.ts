import { z } from 'zod';
import { defineRule } from '../rules/define.js';
import { replaceFix } from '../rules/util.js';
import { sameAsLastCheck, type ReportModel } from '../model.js';
import { eachSegment, endsStop, inSpans, notAWord, quotedSpans, type ProseSegment } from './segments.js';
import { apostropheAt, dictionary, knownWord, suggestions } from './dictionary.js';
import type { ITrie } from 'cspell-trie-lib';
import { councilName, councilPrefix, councilWord, councilWordIn, nearCouncilName } from './lexicon.js';
import { britishForm } from './us-spelling.js';
import { numberedWords, numberingEpoch, room, wordText, wordsNumbered } from './spellings.js';
import { keptFor, ownString, stripEnd, stripStart } from '../text.js';

/** The report's own names: the words of its front-matter values and of its `Signed:` lines. */
export function reportNames(model: ReportModel): Set<string> {
  const out = new Set<string>();
  const add = (s: string): void => {
    for (const w of s.match(/[\p{L}][\p{L}'’-]*/gu) ?? []) {
      out.add(w);
      for (const p of w.split('-')) out.add(p);
    }
  };
  for (const e of model.frontMatter.entries) add(e.source);
  for (const so of model.signoffs) if (so.signed) add(so.signed.value);
  return out;
}

const sessionNames = new WeakMap<object, string>();

/** Apostrophes, which a word's ends lose before it is looked up. */
const APOSTROPHE = /['’]/;

/** A spelling suggestion: a word the dictionary has as written or in lower case, or the council lexicon has. */
export function knownCandidate(c: string): boolean {
  const lower = c.toLowerCase();
  const dict = dictionary()!;
  return has(dict, c) || (lower !== c && has(dict, lower)) || councilWordIn(c, lower);
}

/**
 * `dict.has(w)`, asked first of the trie's data: a word not in it is not in the dictionary
 * (the dictionary's answer adds the checks for forbidden words and compounds, and costs
 * several times more); most candidates of a suggestion are not words.
 */
function has(dict: ITrie, w: string): boolean {
  return (dict.data.has(w) || dict.data.hasCompoundWords) && dict.has(w);
}

/** A beginning of a word of the dictionary or the lexicon (see `suggestions`). */
function beginning(p: string): boolean {
  return dictionary()!.find(p) !== undefined || councilPrefix(p);
}

const councilNamesFirst = (a: string, b: string): number => Number(councilName(b)) - Number(councilName(a));

/** A word as it is looked up: without apostrophes at its ends (the words of a segment begin and end with a letter: this strips only when that changes). */
function stripped(raw: string): string {
  return apostropheAt(raw, 0) || apostropheAt(raw, raw.length - 1) ? stripStart(stripEnd(raw, APOSTROPHE), APOSTROPHE) : raw;
}

/** A numbered word's verdict (see `spelt`). */
const UNSEEN = 0;
const RIGHT = 1;
const TO_CHECK = 2;

/**
 * What the rule says of each numbered word (see `wordNumbers`) in any report, as far as its
 * text alone tells: right (known to the dictionary or the lexicon, or its parts are; not a
 * word; or a US spelling, prose/us-spelling's finding), or to be checked against the
 * report's names and the workspace's words. Kept with the numbers, for one dictionary.
 */
const verdictsKept = { dict: undefined as ITrie | undefined, epoch: -1, verdicts: new Int32Array(0) };

/** The verdicts by word number, with room for every number given so far. */
function spelt(dict: ITrie): Int32Array {
  const kept = verdictsKept;
  if (kept.dict !== dict || kept.epoch !== numberingEpoch()) {
    kept.dict = dict;
    kept.epoch = numberingEpoch();
    kept.verdicts = new Int32Array(0);
  }
  return (kept.verdicts = room(kept.verdicts, wordsNumbered(), UNSEEN));
}

/** Whether a word is right in any report (see `spelt`): what the rule's `known` says without the report's names and the workspace's words. */
function rightAnywhere(dict: ITrie, text: string): boolean {
  const known = (w: string): boolean => knownWord(dict, w) || councilWord(w);
  return notAWord(text) || known(text) || (text.includes('-') && text.split('-').every((p) => p === '' || notAWord(p) || known(p))) || britishForm(text, '', '') !== undefined;
}

/**
 * The suggestions made for misspelt words, by dictionary: they depend on the word alone
 * (the dictionary and the council lexicon), and a folder of reports misspells the same
 * words again. Cleared when it grows large.
 */
const madeSuggestions = new WeakMap<ITrie, Map<string, string[]>>();

/** A misspelt word's suggestions, the council's names first ("Moncell": Monsell, the ward). */
function suggestionsFor(dict: ITrie, text: string): string[] {
  let made = madeSuggestions.get(dict);
  if (!made) madeSuggestions.set(dict, (made = new Map()));
  // Copies of their own (the key: keptFor): a slice of the report kept here would keep its text alive.
  return keptFor(made, text, 10_000, () => suggestions(dict, text, knownCandidate, 5, beginning).sort(councilNamesFirst).map(ownString));
}

export const spelling = defineRule({
  id: 'prose/spelling',
  title: 'Misspelt word',
  defaultSeverity: 'warning',
  fixable: true,
  needsProfile: false,
  options: z
    .object({
      words: z.array(z.string()).default([]).describe('Workspace word list: words that are spelt right (names, local terms).'),
    })
    .strict(),
  docs: {
    why: 'A misspelt word ("goverment", "accomodation") or place ("Leicestershre") in a published report is the first thing a councillor or resident notices. Words are checked against a maintained British English dictionary (cspell\'s en-GB Hunspell list), the council lexicon (wards, districts, public bodies, local-government words such as wellbeing and underspend), the report\'s own names (front matter, sign-offs) and the workspace word list (the rule\'s `words` option, which "Add to workspace dictionary" fills). Acronyms, names in capitals mid-sentence that are not near a known name, figures, code, links and quoted titles are not checked. Suggestions are quick fixes.',
    bad: '3.1 The goverment has asked for accomodation in Leicestershre.',
    good: '3.1 The government has asked for accommodation in Leicestershire.',
  },
  check(ctx) {
    const { model } = ctx;
    const loaded = dictionary();
    if (!loaded) return;
    const dict = loaded;
    const names = reportNames(model);
    const workspace = new Set(ctx.options.words);
    const lowerWorkspace = new Set(ctx.options.words.map((w) => w.toLowerCase()));
    // Findings kept across edits hold only while the report's names are the same.
    const reuse = !model.session || sameAsLastCheck(sessionNames, model, [...names].join(' '));
    const known = (w: string): boolean => knownWord(dict, w) || councilWord(w) || names.has(w) || workspace.has(w) || lowerWorkspace.has(w.toLowerCase());
    const knownCompound = (w: string): boolean => known(w) || (w.includes('-') && w.split('-').every((p) => p === '' || notAWord(p) || known(p)));
    // Whether each word the dictionary and the lexicon do not pass (see `spelt`) is right in this report (its names, the workspace's words).
    const rightHere = new Map<string, boolean>();
    eachSegment(ctx, check, reuse);
    function check(seg: ProseSegment): void {
      if (seg.kind === 'table' && /\d/.test(seg.text) && !/(?<![a-z])[a-z]{4,}\s+[a-z]{4}/.test(seg.text)) return;
      let quoted: { start: number; end: number }[] | undefined;
      // Three numbers a word: start, end, number (see `numberedWords`).
      const words = numberedWords(model, seg);
      const verdicts = spelt(dict);
      for (let k = 0; k < words.length; k += 3) {
        // A word known, not a word, or a US spelling (prose/us-spelling's finding): once per distinct word.
        const n = words[k + 2]!;
        let verdict = verdicts[n]!;
        if (verdict === UNSEEN) verdicts[n] = verdict = rightAnywhere(dict, stripped(wordText(n))) ? RIGHT : TO_CHECK;
        if (verdict === RIGHT) continue;
        const w = { text: wordText(n), start: words[k]! };
        const text = stripped(w.text);
        let right = rightHere.get(text);
        if (right === undefined) rightHere.set(text, (right = knownCompound(text)));
        if (right) continue;
        const rel = w.start - seg.start;
        // A capitalised word mid-sentence is a name: checked only when it is one letter from a ward, place or body of the lexicon.
        const capital = /^[A-Z]/.test(text);
        const sentenceStart = k === 0 || endsStop(seg.text, words[k - 2]! - seg.start, rel);
        // "Childrens", "Peoples": a plural that takes 's, written without the apostrophe.
        const apostrophe = /(?:ren|men|ple)s$/.test(text) && known(`${text.slice(0, -1)}'s`);
        // A name: only a near miss of the lexicon's names is a slip (cheap test first: most names are right).
        if (capital && !sentenceStart && !apostrophe && !nearCouncilName(text)) continue;
        // A file extension ("report.pdf").
        if (/[\p{L}\p{N}]\.$/u.test(model.text.slice(w.start - 2, w.start))) continue;
        quoted ??= quotedSpans(seg.text);
        if (inSpans(quoted, rel, rel + w.text.length)) continue;
        const near = suggestionsFor(dict, text);
        const range = model.index.range(w.start, w.start + text.length);
        ctx.report({
          message: `"${text}" is not in the British English dictionary${near.length ? `: did you mean ${near.slice(0, 3).map((s) => `"${s}"`).join(' or ')}?` : '.'} If it is right, add it to the workspace dictionary.`,
          range,
          fixes: near.map((s) => replaceFix(`Change to "${s}"`, range, s, false)),
        });
      }
    }
  },
});

export { wordAddition, applyWordAddition, type WordAddition } from './word-list.js';
