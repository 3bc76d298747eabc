import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseReport, checkReport, defaultCheckEnv } from '../../server/src/core/check.js';
import { maskSegment, scanAcronyms } from '../../server/src/core/acronyms/scan.js';
import { maskMarkdown, proseSegments, proseWork, segmentAnswers, shoutedText, type ProseSegment } from '../../server/src/core/prose/segments.js';
import { perSegment } from '../../server/src/core/prose/follows.js';
import { PATTERNS, SNIPPET_LINE, maySnippetLine, placeholderWork } from '../../server/src/core/prose/placeholder.js';
import { ANYWHERE, mayHoldNote } from '../../server/src/core/prose/drafting-note.js';
import { ENUMERATOR, mayEnumerate } from '../../server/src/core/prose/unbalanced.js';
import { LEAD_IN, mayLeadIn } from '../../server/src/core/prose/stated-count.js';
import { longSentenceWork } from '../../server/src/core/prose/long-sentence.js';
import { soundWork, vowelSound } from '../../server/src/core/prose/sound.js';
import { outdatedWork } from '../../server/src/core/prose/outdated-reference.js';
import { FIXTURE_TODAY } from './helpers.js';

// The prose rules' cheap first tests and shared work: each test lets a rule pass over a
// paragraph only where its pattern could not report, and work done once is not done again.

/** Random texts made of `pieces` (a fixed seed: the same texts every run). */
function texts(pieces: readonly string[], count: number, seed = 7): string[] {
  const out: string[] = [];
  const rnd = (n: number): number => (seed = (seed * 16807) % 2147483647) % n;
  for (let k = 0; k < count; k++) {
    let t = '';
    for (let j = rnd(10); j >= 0; j--) t += pieces[rnd(pieces.length)];
    out.push(t);
  }
  return out;
}

const matches = (re: RegExp, text: string): RegExpExecArray[] => {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m);
  return out;
};

const REPORT = [
  '# Report',
  '',
  '## 1. Summary',
  '',
  '1.1 The DfE and the ICB will fund the pilot (see [the plan](https://example.org/plan)); email `info@example.org`.',
  '',
  '- a first point',
  '- a second point with **emphasis**',
  '',
  '> A quotation of the board.',
  '',
  '1.2 The payments didn\'t change, and the note was filed.',
  '',
].join('\n');

test('prose segments: code and links are blanked once, by the acronym scan, with the same text as blanking them again', () => {
  const env = defaultCheckEnv({ today: FIXTURE_TODAY });
  // Alone: each segment blanked here.
  const alone = analyseReport(REPORT, env.profiles, env.config).model;
  let before = proseWork.masked;
  const own = proseSegments(alone).map((s) => s.text);
  assert.ok(proseWork.masked - before >= 5, `${proseWork.masked - before} segments blanked`);
  // After the acronym scan: its blanked text taken, none blanked again, and the same texts.
  const shared = analyseReport(REPORT, env.profiles, env.config).model;
  scanAcronyms(shared);
  before = proseWork.masked;
  assert.deepEqual(
    proseSegments(shared).map((s) => s.text),
    own,
  );
  assert.equal(proseWork.masked - before, 0);
  // A whole check runs the acronym rules first: nothing blanked twice.
  before = proseWork.masked;
  checkReport(REPORT, { today: FIXTURE_TODAY });
  assert.equal(proseWork.masked - before, 0);
});

test('prose segments: list markers are blanked where a line starts, as the multi-line pattern blanks them, with any line ending', () => {
  const blank = (s: string): string => s.replace(/[^\n]/g, ' ');
  const reference = (source: string): string => {
    let out = maskSegment(source);
    out = out.replace(/^([ \t>]*)(?:[-*+]|\d{1,3}[.)])(?=[ \t])/gm, blank);
    if (out.includes('>')) out = out.replace(/^[ \t]*>/gm, blank);
    if (/[*_~\\]/.test(out)) out = out.replace(/[*_~\\]+/g, blank);
    return out;
  };
  const pieces = ['- ', '* ', '+ ', '1. ', '12) ', '1234. ', 'a) ', '> ', '>', '\n', '\r\n', '\r', '\u2028', '\u2029', ' ', '\t', 'word', '**', '_', '\\', '~', '-', '3.'];
  for (const t of texts(pieces, 3000)) assert.equal(maskMarkdown(t), reference(t), JSON.stringify(t));
});

test('prose segments: a text is shouted as counting all its capitals and small letters says', () => {
  const reference = (t: string): boolean => {
    let upper = 0;
    let lower = 0;
    for (const c of t) {
      if (c >= 'A' && c <= 'Z') upper++;
      else if (c >= 'a' && c <= 'z') lower++;
    }
    return upper >= 4 && upper > lower * 2;
  };
  const pieces = ['A', 'B', 'CC', 'THE', 'a', 'b', 'the', ' ', '1', 'É', 'é', '.'];
  let shouted = 0;
  for (const t of texts(pieces, 3000, 3)) {
    assert.equal(shoutedText(t), reference(t), JSON.stringify(t));
    if (reference(t)) shouted++;
  }
  assert.ok(shouted > 100, `${shouted} shouted texts tried`);
});

test('per-segment answers: kept on the segment itself, worked out once, and by text for an object that stands for one', () => {
  let computed = 0;
  const answer = perSegment((seg) => {
    computed++;
    return seg.text.length > 10 ? undefined : seg.text.length;
  });
  const env = defaultCheckEnv({ today: FIXTURE_TODAY });
  const segs = proseSegments(analyseReport(REPORT, env.profiles, env.config).model);
  for (const s of segs) answer(s);
  for (const s of segs) answer(s);
  // Undefined answers too are kept.
  assert.equal(computed, segs.length);
  assert.ok(segs.every((s) => segmentAnswers(s)!.length > 0));
  const plain: ProseSegment = { start: 0, end: 5, kind: 'paragraph', text: 'short', shouted: false };
  assert.equal(segmentAnswers(plain), undefined);
  computed = 0;
  assert.equal(answer(plain), 5);
  assert.equal(answer(plain), 5);
  plain.text = 'longer';
  assert.equal(answer(plain), 6);
  assert.equal(computed, 2);
});

test('placeholders: a pattern is passed over only where its first test says it cannot match', () => {
  const pieces = ['£', '£ ', 'X', 'x', 'XX', 'xx', '/', '%', '20', '19', '[insert date]', '[', ']', '<<name>>', '<insert x>', '<', 'TBC', 'tba', 'Lorem ipsum', 'LOREM IPSUM', 'first.last@', '0116 454 0000', '0116 ', 'Role', 'Report title', 'Full name', 'Name, Role', '\n', ' ', 'k', 'm', 'word', '.', ','];
  let matched = 0;
  for (const t of texts(pieces, 4000, 11)) {
    for (const p of PATTERNS) {
      if (matches(p.re, t).length === 0) continue;
      matched++;
      assert.ok(!p.may || p.may(t), `${p.what}: ${JSON.stringify(t)}`);
    }
    if (matches(SNIPPET_LINE, t).length > 0) assert.ok(maySnippetLine(t), JSON.stringify(t));
  }
  assert.ok(matched > 500, `${matched} matches tried`);
  // A report of plain paragraphs: most patterns are not run over them.
  const before = { ...placeholderWork };
  const findings = checkReport(REPORT, { today: FIXTURE_TODAY }).findings.filter((f) => f.ruleId === 'prose/placeholder');
  assert.deepEqual(findings, []);
  const scanned = placeholderWork.scanned - before.scanned;
  const skipped = placeholderWork.skipped - before.skipped;
  assert.ok(skipped > scanned, `${scanned} scans, ${skipped} passed over`);
});

test('drafting notes: the full pattern runs only where a note it reports could be (capitals, a long s, a phrase, ??)', () => {
  // What the rule reports of ANYWHERE's matches: a short note only in capitals (as `/i` without `u` reads it).
  const reported = (t: string): boolean => matches(ANYWHERE, t).some((m) => !(/^(?:dn|todo|fixme|nts)/i.test(m[0]) && !/^(?:DN|TODO|FIXME|NTS)/.test(m[0])));
  const pieces = ['DN', 'dn', 'Dn', 'TODO', 'todo', 'FIXME', 'NTS', 'nts', 'NTſ', 'ntſ', 'note to self', 'NOTE FOR editor', 'Note to the author', '??', '?', ':', ' - ', ' ', 'x', 'a', 'payments', '\n'];
  let found = 0;
  for (const t of texts(pieces, 4000, 5)) {
    if (!reported(t)) continue;
    found++;
    assert.ok(mayHoldNote(t), JSON.stringify(t));
  }
  assert.ok(found > 500, `${found} texts with notes tried`);
  // Words the old first test let through ("dn", "nts", "note") no longer run the pattern.
  assert.equal(mayHoldNote("The payments didn't change, and the note was filed by students."), false);
});

test('brackets: list enumerators are blanked only where a short run of letters or figures closes with ")"', () => {
  const pieces = ['a)', 'ii)', 'iv)', '12)', '123)', 'x)', '(s)', '(es)', '(ies)', '(', ')', ' ', '\t', '\n', ':', ';', ',', 'and ', 'or ', 'A', 'Plan', 'word', 'xa)', 'é'];
  let matched = 0;
  for (const t of texts(pieces, 4000, 13)) {
    if (matches(ENUMERATOR, t).length === 0) continue;
    matched++;
    assert.ok(mayEnumerate(t), JSON.stringify(t));
  }
  assert.ok(matched > 300, `${matched} texts with enumerators tried`);
  assert.equal(mayEnumerate('The board (chaired by the Director) met in (2026) and (March).'), false);
});

test('stated counts: a lead-in is looked for only in a paragraph with its words or a closing colon', () => {
  const pieces = ['the following ', 'These ', 'four ', '4 ', 'twelve ', 'priorities', 'aims ', 'are ', 'set out ', 'below', 'As Follows', ':', ' ', '\n', '(see note)', 'word '];
  let matched = 0;
  for (const t of texts(pieces, 4000, 17)) {
    if (matches(LEAD_IN, t).length === 0) continue;
    matched++;
    assert.ok(mayLeadIn(t), JSON.stringify(t));
  }
  assert.ok(matched > 100, `${matched} texts with lead-ins tried`);
  assert.equal(mayLeadIn('The plan has four priorities. They are early help and safe homes.'), false);
});

test('long sentences: words are counted only in a sentence long enough to have more than the most allowed', () => {
  const short = 'The plan was agreed. It starts in April. Families will be seen sooner.';
  const long = 'The service, which was established in 2019 following a review of early help provision across the city that found gaps in support for families with children under five, will now be extended to cover families with children of all ages, subject to the outcome of the consultation.';
  let before = longSentenceWork.counted;
  assert.deepEqual(checkReport(`# Report\n\n## 1. Summary\n\n1.1 ${short}\n\n1.2 ${short}\n`, { today: FIXTURE_TODAY }).findings.filter((f) => f.ruleId === 'prose/long-sentence'), []);
  assert.equal(longSentenceWork.counted - before, 0);
  before = longSentenceWork.counted;
  assert.equal(checkReport(`# Report\n\n## 1. Summary\n\n1.1 ${short} ${long}\n`, { today: FIXTURE_TODAY }).findings.filter((f) => f.ruleId === 'prose/long-sentence').length, 1);
  assert.equal(longSentenceWork.counted - before, 1);
});

test('articles: the sound of a word is worked out once, and is the same when asked again', () => {
  const before = soundWork.computed;
  const first = ['unique', 'hour', 'HMO', '8%', 'apple', 'zebra-like-test-word'].map(vowelSound);
  const again = ['unique', 'hour', 'HMO', '8%', 'apple', 'zebra-like-test-word'].map(vowelSound);
  assert.deepEqual(first, [false, true, true, true, true, false]);
  assert.deepEqual(again, first);
  assert.ok(soundWork.computed - before <= 6, `${soundWork.computed - before} worked out`);
  const after = soundWork.computed;
  vowelSound('zebra-like-test-word');
  assert.equal(soundWork.computed, after);
});

test('outdated references: a meeting date is written out once for the reports of that meeting', () => {
  const report = (n: number): string => `---\nmeeting_date: 17 March 2026\n---\n\n# Report ${n}\n\n## 1. Summary\n\n1.1 The CCG will fund the service.\n`;
  checkReport(report(0), { today: FIXTURE_TODAY });
  const before = outdatedWork.isoMade;
  for (let n = 1; n <= 3; n++) {
    const f = checkReport(report(n), { today: FIXTURE_TODAY }).findings.filter((x) => x.ruleId === 'prose/outdated-reference');
    assert.equal(f.length, 1);
    assert.match(f[0]!.message, /before the meeting, Tuesday 17 March 2026/);
  }
  assert.equal(outdatedWork.isoMade - before, 0);
});
