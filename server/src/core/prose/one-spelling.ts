import { defineRule } from '../rules/define.js';
import { replaceFix } from '../rules/util.js';
import type { Unchanged } from '../types.js';
import { ownString } from '../text.js';
import { sameAsLastCheck } from '../model.js';
import { dictionary, knownWord } from './dictionary.js';
import { councilWord } from './lexicon.js';
import { eachForm, FORM_KINDS, reportForms, spellingGroups, unchangedGroups, unitForms, unitsWithForm, spellingWork, type SpellingGroup } from './spellings.js';

/** What the findings kept across edits were worked out with: the front matter's names and whether the dictionary was there. */
const sessionState = new WeakMap<object, string>();

const shown = (form: string): string => form.slice(1);

/** Names that are not English words with a capital, made here: a closure in `check` would keep its model (and text) alive in the session's index. */
const filters = new WeakMap<object, (name: string) => boolean>();
function notAWordWithACapital(dict: NonNullable<ReturnType<typeof dictionary>>): (name: string) => boolean {
  let f = filters.get(dict);
  if (!f) filters.set(dict, (f = (name) => !knownWord(dict, name.toLowerCase())));
  return f;
}
const times = (n: number): string => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

export const oneSpelling = defineRule({
  id: 'prose/one-spelling',
  title: 'Word spelt two ways in one report',
  defaultSeverity: 'warning',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'A report that writes "wellbeing" on one page and "well-being" on the next, "judgement" and "judgment", or "Beaumont Leys" and "Beamont Leys", reads as unchecked, and a search for one form misses the other. The rarer form is reported, with the report\'s usual form as a quick fix (never applied by `--fix`: which spelling is right is the author\'s call, and two names a letter apart may be two people). Words with two accepted spellings and compounds written closed, hyphenated or spaced come from a data list; closed and hyphenated forms of any word meet ("co-ordinate", "coordinate"), except pairs that are different words ("re-cover", "recover"). Names from the front matter count, and a name with a letter dropped or doubled inside it is reported, unless either is an English word with a capital ("More", "Moore") or both are names the dictionary or the council lexicon knows ("Kate", "Katie"). Acronyms, figures and quoted titles are not compared; "practice" and "practise", "licence" and "license" are different words.',
    bad: '3.1 The wellbeing strategy sets out how wellbeing will be measured.\n\n3.2 Partners will report on well-being each quarter.',
    good: '3.1 The wellbeing strategy sets out how wellbeing will be measured.\n\n3.2 Partners will report on wellbeing each quarter.',
  },
  check(ctx) {
    const { model } = ctx;
    const dict = dictionary();
    const lower = (w: string): string => w.toLowerCase();
    // A name that is an English word with a capital ("More") is never compared: not even indexed.
    const totals = reportForms(model, dict ? notAWordWithACapital(dict) : undefined);
    const front = totals.index.front;
    const known = (w: string): boolean => (dict !== undefined && knownWord(dict, lower(w))) || councilWord(w);
    const words = ctx.config.rules.get('prose/spelling')?.options.words;
    const workspace = new Set(Array.isArray(words) ? words.map((w) => lower(String(w))) : []);
    // What prose/spelling accepts (else it reports the word, with the right one as its suggestion).
    const spelt = (w: string): boolean => !dict || w.split(/[- ]/).every((p) => p === '' || known(p) || workspace.has(lower(p)));
    // Without the dictionary (while the server loads it) names are not compared.
    // Two names are not compared when either is a word with a capital ("More", "Moore"; "Homes",
    // "Holmes"), when the dictionary has both as names ("Kate", "Katie") or the lexicon has both.
    const differentNames = (a: string, b: string): boolean =>
      knownWord(dict!, lower(a)) || knownWord(dict!, lower(b)) || (dict!.has(a) && dict!.has(b)) || (councilWord(a) && councilWord(b));
    const groups = spellingGroups(totals, dict ? differentNames : undefined).flatMap((g) => {
      if (g.kind === 'word') {
        // Only forms the dictionary knows are weighed against each other: a misspelt one is prose/spelling's.
        const forms = g.forms.filter((f) => spelt(shown(f.form)));
        return forms.length >= 2 ? [{ ...g, forms }] : [];
      }
      // A council name and one letter off it, unknown: prose/spelling's ("Beamont": did you mean "Beaumont"?).
      const council = g.forms.filter((f) => councilWord(shown(f.form)));
      if (council.length === 1 && g.forms.some((f) => f !== council[0] && !spelt(shown(f.form)))) return [];
      // The council's name is the usual one, however often the other is written.
      return council.length === 1 ? [{ ...g, forms: [council[0]!, ...g.forms.filter((f) => f !== council[0])] }] : [g];
    });
    let unchanged: Unchanged | undefined = unchangedGroups(model, totals, groups);
    if (model.session && !sameAsLastCheck(sessionState, model, `${dict ? 1 : 0} ${[...workspace].join(' ')}`)) unchanged = undefined;
    // Where a form is written: the units whose tally has it, read again (only for the groups
    // reported afresh). The forms of every group not kept are looked for in one pass over the
    // units, on the first ask.
    const places = new Map<string, { start: number; end: number }[]>();
    const findPlaces = (wanted: Set<string>): void => {
      // The forms wanted, by kind: a word's form is looked up as it is, not made again.
      const byKind = FORM_KINDS.map(() => new Map<string, { start: number; end: number }[]>());
      for (const form of wanted) {
        const list: { start: number; end: number }[] = [];
        places.set(form, list);
        byKind[FORM_KINDS.indexOf(form[0] as 'w')]!.set(form.slice(1), list);
      }
      const units = model.units;
      // (Outside a session there is no tally per unit to tell which units to read: all are.)
      if (totals.tallied) spellingWork.tallies += units.length;
      for (let ui = 0; ui < units.length; ui++) {
        const u = units[ui]!;
        if (totals.tallied) {
          const forms = unitForms(model, u).forms;
          let has = false;
          for (let i = 0; i < forms.length && !has; i++) has = wanted.has(forms[i]!);
          if (!has) continue;
        }
        eachForm(model, u, (kind, text, start, end) => void byKind[kind]!.get(text)?.push({ start, end }));
      }
    };
    const placesOf = (form: string): { start: number; end: number }[] => {
      const units = places.has(form) ? undefined : unitsWithForm(model, totals, form);
      if (units) {
        const out: { start: number; end: number }[] = [];
        const kind = FORM_KINDS.indexOf(form[0] as 'w');
        const text = form.slice(1);
        for (const u of units) eachForm(model, u, (k, t, start, end) => void (k === kind && t === text && out.push({ start, end })));
        places.set(form, out);
      }
      if (!places.has(form)) {
        const wanted = new Set([form]);
        if (places.size === 0) for (const g of groups) if (!unchanged?.has(g.key)) for (const f of g.forms) wanted.add(f.form);
        findPlaces(wanted);
      }
      return places.get(form)!;
    };
    for (const g of groups) ctx.keyed(g.key, unchanged, () => report(g));
    function report(g: SpellingGroup): void {
      // The most used form is the usual one; between forms used as often, the first written (front matter first).
      const first = (form: string): number => (front.has(form) ? -1 : (placesOf(form)[0]?.start ?? Infinity));
      const fixed = g.kind === 'name' && councilWord(shown(g.forms[0]!.form));
      const [usual, ...rare] = fixed ? g.forms : [...g.forms].sort((a, b) => b.count - a.count || first(a.form) - first(b.form));
      const to = shown(usual!.form);
      for (const r of rare) {
        const from = shown(r.form);
        for (const p of placesOf(r.form)) {
          // A copy of its own: the finding is kept across edits, a slice would keep this version of the text alive.
          const written = ownString(model.text.slice(p.start, p.end));
          // The usual form as this place is written: a capital at the start of a sentence stays.
          const text = g.kind === 'word' && /^[A-Z]/.test(written) ? to[0]!.toUpperCase() + to.slice(1) : to;
          const range = model.index.range(p.start, p.end);
          ctx.report({
            message: `"${written}": this report writes "${to}" ${times(usual!.count)} and "${from}" ${times(r.count)}; spell it one way throughout.${g.kind === 'name' ? ' If these are two different names, leave them.' : ''}`,
            range,
            fixes: [replaceFix(`Change to "${text}"`, range, text, false)],
          });
        }
      }
    }
  },
});
