import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReportSession } from '../../server/src/core/session.js';
import { checkReport } from '../../server/src/core/check.js';
import { RULES } from '../../server/src/core/rules/index.js';
import { defaultConfig } from '../../server/src/core/config.js';
import { diffRegion } from '../../server/src/core/incremental.js';
import { wholeParse } from './helpers.js';
import { isDeepStrictEqual } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LineIndex } from '../../server/src/core/text.js';
import type { CheckResult } from '../../server/src/core/check.js';
import type { ReportModel } from '../../server/src/core/model.js';
import { seedReports } from './seed-reports.js';

/**
 * Property: after any sequence of edits, the incremental check (ReportSession) gives
 * exactly what a full check of the same text gives: same findings, same ranges, same
 * fixes. Edits are random (seeded) and biased towards what breaks block structure:
 * blank lines, fences, HTML comments, list markers, headings, pasted paragraphs.
 */
const seeds = seedReports();

function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

const INSERTS = ['x', 'e', ' ', '\n', '\n\n', '\n\n\n', '```\n', '~~~', '<!--', '-->', '<script>', '</script>', '- ', '1. ', '9. ', '# ', '## 5.1 Financial implications\n', '> ', '    ', '\t', '|', '| a | b |\n|---|---|\n', '[x]: https://example.org\n', 'Signed: ', 'Dated: 3 February 2026\n', '4.2. ', '---\n', '\r\n', '(FFP)', '\r', '\uFEFF', 'clerk&#64;leics.gov.uk ', '- ```\n', '  ```\n', 'a\n-:\n', '[^1]', '[^1]: note\n'];

function normalise(r: CheckResult) {
  return { findings: r.findings, errors: r.ruleErrors };
}

/** What the rules read of a report model (its own objects, positions included). */
function modelShape(m: ReportModel) {
  return {
    units: m.units.map((u) => [u.start, u.end, u.line, u.node.type]),
    blocks: m.blocks.map((b) => ({ kind: b.kind, start: b.start, end: b.end, range: b.range, source: b.source, number: b.number, signLines: b.signLines })),
    headings: m.headings,
    title: m.title,
    sections: m.allSections.map((s) => ({ start: s.start, end: s.end, range: s.range, level: s.level, inAppendix: s.inAppendix, parent: s.parent?.start, children: s.children.map((c) => c.start), blocks: s.blocks.map((b) => b.start) })),
    roots: m.sections.map((s) => s.start),
    signoffs: m.signoffs.map((so) => ({ section: so.section.start, signed: so.signed, dated: so.dated })),
    appendixStart: m.appendixStart,
    frontMatter: m.frontMatter,
  };
}

function randomEdit(text: string, rnd: () => number, pool: string): { text: string; start: number; oldEnd: number; newEnd: number } {
  const pos = Math.floor(rnd() * (text.length + 1));
  const kind = rnd();
  let insert = '';
  let del = 0;
  if (kind < 0.55) insert = INSERTS[Math.floor(rnd() * INSERTS.length)]!;
  else if (kind < 0.75) del = 1 + Math.floor(rnd() * 40);
  else if (kind < 0.9) {
    const from = Math.floor(rnd() * Math.max(1, pool.length - 400));
    insert = pool.slice(from, from + Math.floor(rnd() * 400));
  } else {
    del = Math.floor(rnd() * 5);
    insert = INSERTS[Math.floor(rnd() * INSERTS.length)]!;
  }
  const end = Math.min(text.length, pos + del);
  return { text: text.slice(0, pos) + insert + text.slice(end), start: pos, oldEnd: end, newEnd: pos + insert.length };
}

for (const [i, seed] of seeds.entries()) {
  test(`incremental check equals full check: ${seed.name}`, () => {
    const rnd = prng(1000 + i);
    const session = new ReportSession();
    let text = seed.text;
    const opts = { today: '2026-02-20' };
    assert.deepEqual(normalise(session.check(text, opts)), normalise(checkReport(text, opts)));
    for (let step = 0; step < 40; step++) {
      const e = randomEdit(text, rnd, seeds[(i + 1) % seeds.length]!.text);
      text = e.text;
      // Half the time the editor's change is given, half the time it is found by diffing.
      const change = rnd() < 0.5 ? { start: e.start, oldEnd: e.oldEnd, newEnd: e.newEnd } : undefined;
      const inc = session.check(text, opts, change);
      const full = checkReport(text, opts);
      // The model first (a wrong model shows there before it shows in the findings).
      assert.deepEqual(modelShape(inc.model!), modelShape(full.model!), `model after edit ${step} at ${e.start}`);
      assert.deepEqual(normalise(inc), normalise(full), `after edit ${step} at ${e.start}`);
      // The session's tree is the one a whole parse of the text gives, positions and all.
      if (inc.model) assert.ok(isDeepStrictEqual(inc.model.tree, wholeParse(text)), `tree after edit ${step} at ${e.start}`);
    }
  });
}

/** What an officer types within a line: words, acronyms, names, dates, numbers, deletions. */
const TYPED = ['x', 'e', ' ', 'DfE', 'FFP', 'SEND', 'EHCP', 'MPS-2024', '(FFP)', '(DSG)', 'Families First Partnership', 'Dedicated Schools Grant', 'Public Law Outline', '3 February 2026', '31 June 2026', '2025/26', 'Q2', 'ABC', '1.', '0116 454 1000', '@', 'https://x.org', 'htps://x.org', '[insert name]', 'XX/XX/XX', '[](', ')'];

/** An edit within one line: an insertion from `TYPED` or a deletion that stops at the line's end. */
function typingEdit(text: string, rnd: () => number): { text: string; start: number; oldEnd: number; newEnd: number } {
  const pos = Math.floor(rnd() * (text.length + 1));
  if (rnd() < 0.7) {
    const insert = TYPED[Math.floor(rnd() * TYPED.length)]!;
    return { text: text.slice(0, pos) + insert + text.slice(pos), start: pos, oldEnd: pos, newEnd: pos + insert.length };
  }
  const eol = text.indexOf('\n', pos);
  const end = Math.min(eol === -1 ? text.length : eol, pos + 1 + Math.floor(rnd() * 12));
  return { text: text.slice(0, pos) + text.slice(end), start: pos, oldEnd: end, newEnd: pos };
}

for (const [i, seed] of seeds.entries()) {
  // Typing keeps lines where they are, so rules keep their findings about what it did not touch (`RuleContext.keyed`).
  test(`typing within lines: incremental check equals full check: ${seed.name}`, () => {
    const rnd = prng(7000 + i);
    const session = new ReportSession();
    let text = seed.text;
    const opts = { today: '2026-02-20' };
    session.check(text, opts);
    for (let step = 0; step < 60; step++) {
      const e = typingEdit(text, rnd);
      text = e.text;
      const inc = session.check(text, opts, { start: e.start, oldEnd: e.oldEnd, newEnd: e.newEnd });
      assert.deepEqual(normalise(inc), normalise(checkReport(text, opts)), `after edit ${step} at ${e.start}`);
    }
  });
}

/** Checks `text`, applies each edit (after the first `at`: `del` characters out, `insert` in) in a session, and compares every result with a full check. */
function typeInto(text: string, edits: { at: string; insert: string; del?: number }[]): CheckResult[] {
  const session = new ReportSession();
  const opts = { today: '2026-02-20' };
  const results = [session.check(text, opts)];
  for (const e of edits) {
    const start = text.indexOf(e.at) + e.at.length;
    const oldEnd = start + (e.del ?? 0);
    text = text.slice(0, start) + e.insert + text.slice(oldEnd);
    const inc = session.check(text, opts, { start, oldEnd, newEnd: start + e.insert.length });
    assert.deepEqual(normalise(inc), normalise(checkReport(text, opts)), `after typing "${e.insert}"`);
    results.push(inc);
  }
  return results;
}

/** Plain paragraphs, enough for the parts around them to be parsed as chunks of their own. */
const FILLER = 'The work goes on as planned and nothing more needs saying here.\n\n'.repeat(40);
const TYPING_REPORT = `---\ntemplate: leicester-city-decision\n---\n\n# Widget services\n\n## 1. Summary\n\n1.1 The FFP board meets monthly.\n\n${FILLER}1.2 The work goes on.\n\n${FILLER}## 5. Legal implications\n\n${FILLER}5.1 The Widget Governance Board (WGB) advises.\n`;

test('typing a name elsewhere changes what an undefined acronym\'s finding says', () => {
  const [before, after] = typeInto(TYPING_REPORT, [{ at: '1.2 The ', insert: 'Families First Partnership ' }]);
  const ffp = (r: CheckResult) => r.findings.find((f) => f.ruleId === 'acronym/undefined' && f.message.startsWith('"FFP"'))!;
  assert.ok(!ffp(before!).message.includes('Families First Partnership'));
  const line = TYPING_REPORT.slice(0, TYPING_REPORT.indexOf('1.2 The ')).split('\n').length;
  assert.ok(ffp(after!).message.includes(`"Families First Partnership" (line ${line}) is not tied to it`), ffp(after!).message);
});

test('typing in a heading changes the findings about acronyms under it', () => {
  const [before, after] = typeInto(TYPING_REPORT, [{ at: '## 5. Legal implications', insert: 'x' }]);
  const unused = (r: CheckResult) => r.findings.filter((f) => f.ruleId === 'acronym/unused-definition').length;
  assert.equal(unused(before!), 0);
  assert.equal(unused(after!), 1);
});

test('dates an edit did not touch are read again when what they are read by changes', () => {
  const missingYear = (r: CheckResult) => r.findings.filter((f) => f.ruleId === 'date/missing-year').map((f) => f.message);
  // The last sign-off with a year: what a sign-off without one goes by when there is no meeting date.
  const signoffs = `# Report\n\nDated: 3 March\n\n${FILLER}Dated: 5 March 2025\n\n${FILLER}The end.\n`;
  const [s0, s1] = typeInto(signoffs, [{ at: `${FILLER}Dated: 5 March 2025\n\n`, insert: 'Dated: 1 January 2030 ' }]);
  assert.match(missingYear(s0!)[0]!, /it is Monday 3 March 2025/);
  assert.match(missingYear(s1!)[0]!, /it is Sunday 3 March 2030/);
  // The meeting date in the front matter.
  const meeting = `---\nmeeting_date: 3 March 2026\n---\n\n# Report\n\n${FILLER}Dated: 3 February\n\n${FILLER}The end.\n`;
  // Two dates: not one meeting date any more, so nothing to go by.
  const [m0, m1] = typeInto(meeting, [{ at: 'meeting_date: ', insert: '1 June 2027, ' }]);
  const signoff = (r: CheckResult) => missingYear(r).filter((m) => m.startsWith('Sign-off date'));
  assert.match(signoff(m0!)[0]!, /it is Tuesday 3 February 2026/);
  assert.deepEqual(signoff(m1!), ['Sign-off date "3 February" has no year.']);
  // A date alone on a line of the header block is the meeting's: the header ends at the first "##" heading.
  const header = `---\nmeeting_date: 3 March 2026\n---\n\n# Report\n\n## Foreword\n\n${FILLER}${FILLER}3 March\n\n${FILLER}## 1. Summary\n\nDated: 3 February\n`;
  const meetingDate = (r: CheckResult) => missingYear(r).filter((m) => m.startsWith('Meeting date'));
  const [h0, h1, h2] = typeInto(header, [
    { at: '# Report\n\n', insert: '', del: 1 },
    { at: '# Report\n\n', insert: '#' },
  ]);
  assert.deepEqual(meetingDate(h0!), []);
  assert.match(meetingDate(h1!)[0]!, /^Meeting date "3 March" has no year/);
  assert.deepEqual(meetingDate(h2!), []);
  assert.equal(signoff(h2!).length, 1, 'the sign-off without a year, all along');
  // Not the meeting's, the same "3 March" is a date of the text without its year.
  assert.deepEqual(missingYear(h2!).filter((m) => m.startsWith('Date "3 March"')).length, 1);
});

test('an edit that comes with new settings checks again with them, keeping nothing from before', () => {
  const a = defaultConfig(RULES);
  // The same acronym settings (so the analysis carries over), another severity.
  const b = { ...a, rules: new Map(a.rules) };
  b.rules.set('acronym/undefined', { ...a.rules.get('acronym/undefined')!, severity: 'error' });
  const session = new ReportSession();
  const opts = { today: '2026-02-20' };
  session.check(TYPING_REPORT, { ...opts, config: a });
  const start = TYPING_REPORT.indexOf('1.2 The ');
  const text = TYPING_REPORT.slice(0, start) + 'x' + TYPING_REPORT.slice(start);
  const inc = session.check(text, { ...opts, config: b }, { start, oldEnd: start, newEnd: start + 1 });
  assert.deepEqual(normalise(inc), normalise(checkReport(text, { ...opts, config: b })));
  assert.ok(inc.findings.some((f) => f.ruleId === 'acronym/undefined' && f.severity === 'error'));
});

test('findings kept across edits keep no old version of the text alive', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const liveMb = (): number => {
    gc();
    return process.memoryUsage().heapUsed / 1e6;
  };
  let text = '';
  while (text.length < 1_000_000) for (const s of seeds) text += s.text.replace(/^---[\s\S]*?---\n/, '') + '\n\n';
  const rnd = prng(7);
  const session = new ReportSession();
  const opts = { today: '2026-02-20' };
  session.check(text, opts);
  const before = liveMb();
  // Each edit adds a finding that quotes the text: a slice of that version, unless the kept finding copies its words.
  const insert = ' 3rd February 2026 ';
  for (let i = 0; i < 20; i++) {
    const start = Math.floor(rnd() * text.length);
    text = text.slice(0, start) + insert + text.slice(start);
    session.check(text, opts, { start, oldEnd: start, newEnd: start + insert.length });
  }
  const growth = liveMb() - before;
  assert.ok(growth < 4 * (text.length / 1e6), `live heap grew ${growth.toFixed(1)} MB over 20 edits of a ${(text.length / 1e6).toFixed(1)} MB text`);
});

test('a one-character edit in a long report re-parses only a small region', () => {
  let text = seeds.map((s) => s.text).join('\n\n');
  const session = new ReportSession();
  session.check(text, { today: '2026-02-20' });
  const pos = text.indexOf('Financial implications', text.length / 2);
  text = text.slice(0, pos) + 'x' + text.slice(pos);
  session.check(text, { today: '2026-02-20' }, { start: pos, oldEnd: pos, newEnd: pos + 1 });
  assert.ok(session.lastParsedChars < 12_000, `parsed ${session.lastParsedChars} of ${text.length}`);
});

test('scans first asked for after edits read positions inside moved nodes right', () => {
  // An edit moves only the top-level positions of the nodes after it; what lies inside
  // them is moved when something first reads it (here: every scan, as all rules run).
  const opts = { today: '2026-02-20' };
  const few = { ...opts, rules: RULES.filter((r) => r.category === 'structure') };
  let text = seeds.map((s) => s.text).join('\n\n');
  const session = new ReportSession();
  session.check(text, few);
  for (const pos of [40, 700, 5000, 90]) {
    text = text.slice(0, pos) + 'x\n\ny ' + text.slice(pos);
    session.check(text, few, { start: pos, oldEnd: pos, newEnd: pos + 5 });
  }
  const inc = session.check(text, opts);
  assert.ok(inc.findings.some((f) => f.ruleId.startsWith('date/')) && inc.findings.some((f) => f.ruleId.startsWith('acronym/')));
  assert.deepEqual(normalise(inc), normalise(checkReport(text, opts)));
  assert.ok(isDeepStrictEqual(inc.model!.tree, wholeParse(text)));
});

test('a suppression comment after an edit still silences its own line', () => {
  const opts = { today: '2026-02-20' };
  // The last seed's findings, with the first of them silenced by a comment on its line.
  let text = seeds.map((s) => s.text).join('\n\n');
  // (A finding whose message no other finding has: prose/one-spelling says the same at each place of a form.)
  const all = checkReport(text, opts).findings;
  const target = all.filter((f) => f.range.start.line > 200 && all.filter((g) => g.ruleId === f.ruleId && g.message === f.message).length === 1).at(-1)!;
  const lines = text.split('\n');
  lines[target.range.start.line] += ` <!-- committee-report-disable-line ${target.ruleId} -->`;
  text = lines.join('\n');
  const session = new ReportSession();
  session.check(text, opts);
  // Lines added and removed above it move it (and its comment) up and down.
  for (const [pos, insert, del] of [[30, '\n\nA new paragraph.\n\n', 0], [500, '', 3], [2000, 'x\n\n\ny', 0]] as const) {
    text = text.slice(0, pos) + insert + text.slice(pos + del);
    const inc = session.check(text, opts, { start: pos, oldEnd: pos + del, newEnd: pos + insert.length });
    const full = checkReport(text, opts);
    assert.deepEqual(normalise(inc), normalise(full));
    assert.ok(!full.findings.some((f) => f.ruleId === target.ruleId && f.message === target.message), 'the comment silences the finding');
  }
});

test('diffRegion finds the changed span', () => {
  assert.deepEqual(diffRegion('abcdef', 'abXYef'), { start: 2, oldEnd: 4, newEnd: 4 });
  assert.deepEqual(diffRegion('aaa', 'aaaa'), { start: 3, oldEnd: 3, newEnd: 4 });
  assert.deepEqual(diffRegion('abc', 'abc'), { start: 3, oldEnd: 3, newEnd: 3 });
  assert.deepEqual(diffRegion('abc', ''), { start: 0, oldEnd: 3, newEnd: 0 });
});

test('a line index updated by an edit equals one read from the new text', () => {
  const rnd = prng(77);
  let text = seeds[0]!.text;
  let index = new LineIndex(text);
  for (let step = 0; step < 300; step++) {
    const e = randomEdit(text, rnd, seeds[1]!.text);
    const next = LineIndex.afterEdit(index, e.text, e);
    text = e.text;
    index = new LineIndex(text);
    assert.deepEqual(next.lineStarts, index.lineStarts, `after edit ${step} at ${e.start}`);
  }
});

test('a NUL typed into a session makes it "not text"; removing it checks the report again', () => {
  const session = new ReportSession();
  const opts = { today: '2026-02-20' };
  const text = seeds[0]!.text;
  const clean = session.check(text, opts).findings.length;
  const at = text.length >> 1;
  const bad = text.slice(0, at) + '\u0000' + text.slice(at);
  assert.deepEqual(session.check(bad, opts, { start: at, oldEnd: at, newEnd: at + 1 }).findings.map((f) => f.ruleId), ['structure/not-text']);
  assert.equal(session.check(text, opts).findings.length, clean);
});
