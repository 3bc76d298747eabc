import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReportSession, editSince } from '../../server/src/core/session.js';
import { IncrementalParser, parseWork } from '../../server/src/core/incremental.js';
import { checkReport, ruleWork } from '../../server/src/core/check.js';
import { RULES } from '../../server/src/core/rules/index.js';
import { dateWork, findDates } from '../../server/src/core/dates/find.js';
import { acronymWork } from '../../server/src/core/acronyms/analyse.js';
import { scanAcronyms, unitTokens } from '../../server/src/core/acronyms/scan.js';
import { crossrefWork } from '../../server/src/core/crossref/analysis.js';
import { findParseLimits, limitsWork } from '../../server/src/core/limits.js';
import { spellingWork } from '../../server/src/core/prose/spellings.js';
import { PROSE_RULES } from '../../server/src/core/prose/index.js';
import { templatePrompt } from '../../server/src/core/structure/structure-template-prompt.js';
import { proseSegments, proseWork, unitSegments } from '../../server/src/core/prose/segments.js';
import type { RuleContext, RuleDefinition } from '../../server/src/core/rules/define.js';
import { memoWork, type Unit } from '../../server/src/core/model.js';
import type { Unchanged } from '../../server/src/core/types.js';
import { seedReports } from './seed-reports.js';

/**
 * Work per edit, counted (never timed): an edit in a long report must cost what it
 * touched, not a pass over every block. Each test here fails if some step goes back to
 * re-walking the whole report on every edit.
 */
const seeds = seedReports().map((s) => s.text);
const opts = { today: '2026-02-20' };

/** The offset of a word "the" in a paragraph (not a heading or table) from `from` on. */
function inProse(text: string, from: number): number {
  for (let i = text.indexOf(' the ', from); i !== -1; i = text.indexOf(' the ', i + 1)) {
    const line = text.slice(text.lastIndexOf('\n', i) + 1, i);
    if (/^[A-Za-z]/.test(line)) return i + 1;
  }
  throw new Error('no "the" in a paragraph');
}

/** A long report: every seed, three times over. */
function longReport(): string {
  const one = seeds.join('\n\n');
  return [one, one, one].join('\n\n');
}

test('an edit joins the document-wide lists from the units it replaced, once per model', () => {
  // Without appendices (cross-references are read up to the first), and with references to
  // "the table below" in a few places: their sections are indexed for tables and images.
  let text = longReport().replace(/^# Appendix/gm, '# Annex');
  for (const at of [0.25, 0.5, 0.75]) {
    const p = text.indexOf('\n\n', Math.floor(text.length * at)) + 2;
    text = text.slice(0, p) + 'The table below sets out the figures.\n\n' + text.slice(p);
  }
  const session = new ReportSession();
  const tested = crossrefWork.visualTests;
  const first = session.check(text, opts);
  const cache = first.model!.session!;
  const units = first.model!.units.length;
  assert.ok(units > 1000, `${units} units`);
  assert.ok(crossrefWork.visualTests - tested > 100, 'the long report refers to tables or charts above or below');
  for (const at of [0.3, 0.6, 0.9]) {
    const pos = text.indexOf(' the ', Math.floor(text.length * at)) + 1;
    const joined = cache.joinedUnits;
    const read = crossrefWork.blocksRead;
    const tested = crossrefWork.visualTests;
    text = text.slice(0, pos) + 'x' + text.slice(pos);
    const inc = session.check(text, opts, { start: pos, oldEnd: pos, newEnd: pos + 1 });
    // Each list spliced at the units the edit replaced (those of the chunk parsed again), once.
    const sp = inc.model!.splice!;
    assert.ok(sp.added < 50, `${sp.added} units replaced`);
    assert.ok(cache.joinedUnits - joined <= cache.joins.size * sp.added, `walked ${cache.joinedUnits - joined} units of ${units} to join ${cache.joins.size} lists`);
    assert.equal(inc.model!.session, cache);
    // The cross-references read again only the blocks of the units replaced.
    assert.ok(crossrefWork.blocksRead - read <= inc.model!.units.slice(sp.at, sp.at + sp.added).reduce((n, u) => n + (u.blocks?.length ?? 0), 0), `read ${crossrefWork.blocksRead - read} blocks for cross-references`);
    // "The table below": the blocks around such a reference are tested for a table or an image once, while they are kept.
    const replacedBlocks = inc.model!.units.slice(sp.at, sp.at + sp.added).reduce((n, u) => n + (u.blocks?.length ?? 0), 0);
    assert.ok(crossrefWork.visualTests - tested <= replacedBlocks, `tested ${crossrefWork.visualTests - tested} blocks for a table or an image`);
    assert.ok(inc.findings.some((f) => f.ruleId.startsWith('crossref/')));
  }
  assert.deepEqual(session.check(text, opts).findings, checkReport(text, opts).findings);
});

test('the session takes the caller\'s change when it fits the texts, else finds the edit itself', () => {
  assert.deepEqual(editSince('abcdef', 'abXdef', { start: 2, oldEnd: 3, newEnd: 3 }), { start: 2, oldEnd: 3, newEnd: 3 });
  // A change that does not fit the lengths is not believed.
  assert.deepEqual(editSince('abcdef', 'abXYdef', { start: 2, oldEnd: 3, newEnd: 3 }), { start: 2, oldEnd: 3, newEnd: 4 });
  assert.deepEqual(editSince('abcdef', 'abcdef', { start: 9, oldEnd: 9, newEnd: 9 }), undefined);
  // An empty change says nothing: the texts are compared.
  assert.deepEqual(editSince('abcdef', 'abcdeg', { start: 1, oldEnd: 1, newEnd: 1 }), { start: 5, oldEnd: 6, newEnd: 6 });
  assert.equal(editSince('abc', 'abc', undefined), undefined);
});

test('a name typed in another order than its definition is found while typing, and other edits search for no name again', () => {
  const base = seeds[0]!;
  const at = base.indexOf('\n\n', base.length >> 1) + 2;
  let text = base.slice(0, at) + 'The Change Partnership Programme (CPP) starts in May.\n\nWe met the board.\n\n' + base.slice(at);
  const session = new ReportSession();
  session.check(text, opts);
  const typed = 'Change Programme Partnership ';
  let pos = text.indexOf('We met the board.') + 'We met the '.length;
  for (let i = 0; i < typed.length; i++) {
    text = text.slice(0, pos) + typed[i] + text.slice(pos);
    const inc = session.check(text, opts, { start: pos, oldEnd: pos, newEnd: pos + 1 });
    pos++;
    if (i === 5 || i === typed.length - 2 || i === typed.length - 1) assert.deepEqual(inc.findings, checkReport(text, opts).findings, `after typing ${typed.slice(0, i + 1)}`);
  }
  assert.ok(session.check(text, opts).findings.some((f) => f.ruleId === 'acronym/reordered-expansion' && f.message.startsWith('"Change Programme Partnership"')));
});

test('an edit away from capitalised names searches again for few names written in another order', () => {
  let text = longReport();
  const session = new ReportSession();
  const all = acronymWork.reorderedNames;
  session.check(text, opts);
  const each = acronymWork.reorderedNames - all;
  for (const at of [0.2, 0.5, 0.8]) {
    const before = acronymWork.reorderedNames;
    const p = inProse(text, Math.floor(text.length * at));
    text = text.slice(0, p) + 'x' + text.slice(p);
    session.check(text, opts, { start: p, oldEnd: p, newEnd: p + 1 });
    assert.ok(each >= 30 && (acronymWork.reorderedNames - before) * 5 <= each, `searched again for ${acronymWork.reorderedNames - before} names of ${each}`);
  }
  assert.deepEqual(session.check(text, opts).findings, checkReport(text, opts).findings);
});

test('the parse limits after edits are those of the whole text, found again only in the chunks parsed again', () => {
  const deep = Array.from({ length: 80 }, (_, i) => '  '.repeat(Math.min(i, 60)) + '- item').join('\n');
  const table = '|' + ' a |'.repeat(50) + '\n|' + ' - |'.repeat(50) + '\n' + Array.from({ length: 60 }, () => '|' + ' b |'.repeat(50)).join('\n');
  const emphasis = '**a '.repeat(150) + 'x' + ' b**'.repeat(150);
  const body = seeds.join('\n\n');
  const third = body.length / 3;
  // Front matter whose value opens a fence: front matter is not code, for the chunks and the whole text alike.
  let text = '---\ntitle: "```"\n---\n\n' + body.slice(0, third) + '\n\n' + deep + '\n\n' + body.slice(third, 2 * third) + '\n\n' + table + '\n\n' + emphasis + '\n\n' + body.slice(2 * third);
  const session = new ReportSession();
  const first = session.check(text, opts);
  const cache = first.model!.session!;
  assert.deepEqual(cache.parseLimits!(), findParseLimits(text));
  assert.deepEqual(new Set(findParseLimits(text).map((l) => l.kind)), new Set(['nesting', 'table', 'emphasis']));
  const rnd = (() => {
    let s = 11;
    return () => (s = (s * 16807) % 2147483647) / 2147483647;
  })();
  for (const insert of ['x', '\n\n', '**', '```\n', '- ', '|', 'y']) {
    const pos = Math.floor(rnd() * text.length);
    text = text.slice(0, pos) + insert + text.slice(pos);
    const scanned = limitsWork.scannedChars;
    session.check(text, opts, { start: pos, oldEnd: pos, newEnd: pos + insert.length });
    const fresh = limitsWork.scannedChars - scanned;
    assert.deepEqual(cache.parseLimits!(), findParseLimits(text), `after ${JSON.stringify(insert)} at ${pos}`);
    // (The parser masks each chunk it parses again; the rule scans those chunks once more.)
    assert.ok(fresh < text.length / 4, `scanned ${fresh} of ${text.length} characters for the limits`);
  }
  assert.deepEqual(session.check(text, opts).findings, checkReport(text, opts).findings);
});

test('a word of a spelling group edited again and again: its places come from an index, not a pass over every unit', () => {
  let text = longReport();
  const session = new ReportSession();
  const cold = spellingWork.tallies;
  const first = session.check(text, opts);
  const coldWalk = spellingWork.tallies - cold;
  const units = first.model!.units.length;
  const target = first.findings.filter((f) => f.ruleId === 'prose/one-spelling').at(-1)!;
  assert.ok(target, 'the long report writes some word two ways');
  const at = first.model!.index.offsetAt(target.range.start);
  const word = text.slice(at, first.model!.index.offsetAt(target.range.end));
  const walked: number[] = [];
  // Typed after the word and taken away again: the group's findings are worked out afresh each time.
  for (const insert of ['x', '', 'y', '']) {
    const pos = at + word.length;
    const del = text[pos] === 'x' || text[pos] === 'y' ? 1 : 0;
    text = text.slice(0, pos) + insert + text.slice(pos + del);
    const before = spellingWork.tallies;
    const inc = session.check(text, opts, { start: pos, oldEnd: pos + del, newEnd: pos + insert.length });
    walked.push(spellingWork.tallies - before);
    assert.deepEqual(inc.findings, checkReport(text, opts).findings);
  }
  // The first ask for a form (in the first check) looks through every tally; the asks after it, none.
  assert.ok(coldWalk >= units, `${coldWalk} tallies looked through at first`);
  assert.ok(walked.every((n) => n === 0), `tallies looked through per edit: ${walked.join(', ')} (${units} units)`);
});

test('an edit brings up to date only the positions read: no rule reads the whole tree', () => {
  // The first seed, which lacks a required section, then the others' text without headings
  // or front matter: long, and still lacking the section.
  const body = (s: string): string => s.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/^#.*$/gm, '');
  let text = [seeds[0]!, ...[1, 2, 3].flatMap(() => seeds.slice(1).map(body))].join('\n\n');
  const session = new ReportSession();
  session.check(text, opts);
  const proto = IncrementalParser.prototype;
  const settleAll = proto.settleAll;
  let wholeTree = 0;
  proto.settleAll = function (this: IncrementalParser) {
    wholeTree++;
    settleAll.call(this);
  };
  try {
    for (const at of [0.2, 0.5, 0.8]) {
      const pos = inProse(text, Math.floor(text.length * at));
      text = text.slice(0, pos) + 'x' + text.slice(pos);
      const inc = session.check(text, opts, { start: pos, oldEnd: pos, newEnd: pos + 1 });
      // The long report lacks template sections: the required-section rule looks for code
      // or HTML at each insertion point, and must read only the blocks there.
      assert.ok(inc.findings.some((f) => f.ruleId === 'structure/required-section'));
    }
    assert.equal(wholeTree, 0, 'the whole tree was brought up to date during an edit');
  } finally {
    proto.settleAll = settleAll;
  }
});

test('a name searched for again after an edit is looked for only in the units the edit replaced', () => {
  let text = longReport();
  const session = new ReportSession();
  const first = acronymWork.reorderedPhrases;
  session.check(text, opts);
  const all = acronymWork.reorderedPhrases - first;
  let searches = 0;
  for (const at of [0.1, 0.3, 0.5, 0.7, 0.9]) {
    const names = acronymWork.reorderedNames;
    const before = acronymWork.reorderedPhrases;
    // Inside a capitalised name: the edit touches phrases whose initials some definition has.
    const p = text.indexOf(' Educational ', Math.floor(text.length * at)) + 3;
    text = text.slice(0, p) + 'x' + text.slice(p);
    session.check(text, opts, { start: p, oldEnd: p, newEnd: p + 1 });
    searches += acronymWork.reorderedNames - names;
    assert.ok((acronymWork.reorderedPhrases - before) * 50 <= all, `read ${acronymWork.reorderedPhrases - before} phrases of ${all} again`);
  }
  assert.ok(searches > 0, 'no edit searched again');
  assert.deepEqual(session.check(text, opts).findings, checkReport(text, opts).findings);
});

test('an edit runs the prose rules on the units it replaced, not on every segment, whether or not it moves lines', () => {
  let text = longReport();
  // A placeholder before the appendices (where template prompts are looked for).
  const p0 = inProse(text, text.search(/^# Appendix/m) >> 1);
  text = text.slice(0, p0) + '[insert name] ' + text.slice(p0);
  // The prose rules and the template prompts (read in every block), each counting what it
  // looks at: every `keyed` call, and every unit `eachUnit` hands it.
  let work = 0;
  const counted = [...PROSE_RULES, templatePrompt as RuleDefinition].map((rule) => ({
    ...rule,
    check(ctx: RuleContext<unknown>) {
      const keyed = ctx.keyed;
      const eachUnit = ctx.eachUnit as RuleContext<unknown>['eachUnit'] | undefined;
      rule.check({
        ...ctx,
        keyed: (key: object, unchanged: Unchanged | undefined, check: (key: object) => void) => {
          work++;
          keyed(key, unchanged, check);
        },
        ...(eachUnit && {
          eachUnit: (reuse: boolean, check: (unit: Unit) => void) =>
            eachUnit(reuse, (unit) => {
              work++;
              check(unit);
            }),
        }),
      } as never);
    },
  })) as RuleDefinition[];
  const ruleOpts = { ...opts, rules: counted };
  const session = new ReportSession();
  const first = session.check(text, ruleOpts);
  const segments = proseSegments(first.model!).length;
  assert.ok(segments > 3000, `${segments} segments`);
  assert.ok(first.findings.some((f) => f.ruleId === 'prose/long-sentence'));
  assert.ok(first.findings.some((f) => f.ruleId === 'structure/template-prompt'));
  // A letter typed, a line broken inside a paragraph (the lines after it move), a new paragraph.
  for (const [at, insert] of [[0.3, 'x'], [0.5, '\n'], [0.7, '\n\n'], [0.9, 'x']] as const) {
    const pos = inProse(text, Math.floor(text.length * at));
    text = text.slice(0, pos) + insert + text.slice(pos);
    work = 0;
    const answers = proseWork.answers;
    const inc = session.check(text, ruleOpts, { start: pos, oldEnd: pos, newEnd: pos + insert.length });
    const sp = inc.model!.splice!;
    assert.ok(sp.added < 50, `${sp.added} units replaced`);
    // Each rule looks at the units replaced, about once (one-spelling at the spelling groups they hold): not at every segment.
    assert.ok(work <= counted.length * (sp.added + 1), `${work} units or keys looked at for ${JSON.stringify(insert)}, ${sp.added} units replaced, ${segments} segments`);
    // The rules that look past a segment (unfinished-sentence, stated-count) ask again for the answers of the replaced units' segments, and those of the few segments with one.
    assert.ok((proseWork.answers - answers) * 10 < segments, `${proseWork.answers - answers} per-segment answers asked for, of ${segments} segments`);
    assert.deepEqual(inc.findings, checkReport(text, ruleOpts).findings, `after ${JSON.stringify(insert)}`);
  }
});

test('an edit that moves lines keeps the date, link and one-spelling findings of the keys it left alone, moved', () => {
  const text0 = longReport();
  const rules = RULES.filter((r) => r.id.startsWith('date/') || r.id.startsWith('link/') || r.id === 'prose/one-spelling');
  const ruleOpts = { ...opts, rules };
  const session = new ReportSession();
  const keys = ruleWork.keyed;
  const first = session.check(text0, ruleOpts);
  const allKeys = ruleWork.keyed - keys;
  assert.ok(allKeys > 300, `${allKeys} keys`);
  let text = text0;
  for (const [at, insert] of [[0.3, '\n'], [0.5, '\n\n'], [0.6, 'x'], [0.7, '\nNew line.\n']] as const) {
    const pos = inProse(text, Math.floor(text.length * at));
    const line = text.slice(0, pos).split('\n').length;
    text = text.slice(0, pos) + insert + text.slice(pos);
    const checked = ruleWork.keyedChecked;
    const inc = session.check(text, ruleOpts, { start: pos, oldEnd: pos, newEnd: pos + insert.length });
    const fresh = checkReport(text, ruleOpts).findings;
    // Findings after the edit, of each kind, moved with their lines.
    for (const prefix of ['date/', 'link/', 'prose/one-spelling']) assert.ok(fresh.some((f) => f.ruleId.startsWith(prefix) && f.range.start.line > line + 2), `${prefix} after line ${line}`);
    assert.ok((ruleWork.keyedChecked - checked) * 20 < allKeys, `${ruleWork.keyedChecked - checked} of ${allKeys} keys checked again after ${JSON.stringify(insert)}`);
    assert.deepEqual(inc.findings, fresh, `after ${JSON.stringify(insert)}`);
  }
  assert.ok(first.findings.length > 0);
});

test('the meeting date is read from the front matter dates and the dates cued as the meeting, not from every date', () => {
  const text = longReport();
  assert.ok(text.startsWith('---') && /^meeting_date:/m.test(text.slice(0, text.indexOf('\n---', 3))), 'the long report has a meeting_date');
  const read = dateWork.meetingRead;
  const model = checkReport(text, opts).model!;
  const scan = findDates(model);
  assert.ok(scan.dates.length > 500, `${scan.dates.length} dates`);
  const front = scan.dates.filter((f) => f.context === 'front-matter').length;
  assert.ok(dateWork.meetingRead - read <= front, `${dateWork.meetingRead - read} dates read for the meeting date, ${front} in the front matter`);
  assert.deepEqual(scan.meeting.stated, scan.dates.filter((f) => f.cue === 'meeting'));
  assert.ok(scan.meeting.frontMatterDates.length > 0 && scan.meeting.date);
});

/**
 * Each insert at its fraction of a long report (in prose), one after the other in one
 * session: per edit, the text, the check, the units after the edit and the memo values
 * the edit moved.
 */
function* editsBeforeMost(inserts: readonly (readonly [number, string])[]) {
  let text = longReport();
  const session = new ReportSession();
  session.check(text, opts);
  for (const [at, insert] of inserts) {
    const pos = inProse(text, Math.floor(text.length * at));
    text = text.slice(0, pos) + insert + text.slice(pos);
    const before = memoWork.shifted;
    const inc = session.check(text, opts, { start: pos, oldEnd: pos, newEnd: pos + insert.length });
    const model = inc.model!;
    const sp = model.splice!;
    yield { text, insert, inc, model, after: model.units.slice(sp.at + sp.added), moved: memoWork.shifted - before };
  }
}

test('an edit before most of a long report moves no prose segment: their offsets are their blocks\' and headings\'', () => {
  for (const { text, insert, inc, model, after, moved } of editsBeforeMost([[0.02, 'x'], [0.05, '\n\n'], [0.1, '\n']])) {
    // The units after the edit that hold prose: each one's segments used to be moved, one memo value each.
    const withProse = after.filter((u) => unitSegments(model, u).length > 0).length;
    assert.ok(withProse > 1000, `${withProse} units with prose after the edit`);
    assert.ok(moved < withProse, `${moved} memo values moved for ${withProse} units with prose after the edit`);
    for (const u of after) {
      for (const seg of unitSegments(model, u)) {
        const want = seg.block ? [seg.block.start, seg.block.end] : [u.heading!.textStart, u.heading!.textEnd];
        assert.deepEqual([seg.start, seg.end], want);
        assert.equal(seg.text.length, seg.end - seg.start);
      }
    }
    assert.deepEqual(inc.findings, checkReport(text, opts).findings, `after ${JSON.stringify(insert)}`);
  }
});

test('an edit that moves no line and touches no heading, number, caption, reference or table keeps the cross-reference findings without a new analysis', () => {
  const rules = RULES.filter((r) => r.id.startsWith('crossref/'));
  assert.equal(rules.length, 5);
  const ruleOpts = { ...opts, rules };
  let text = longReport();
  const session = new ReportSession();
  const first = session.check(text, ruleOpts);
  assert.ok(first.findings.length > 10, `${first.findings.length} cross-reference findings`);
  const plain = 'Plain words for the committee.';
  const edit = (pos: number, del: number, insert: string, analysed: boolean | undefined, what: string): void => {
    text = text.slice(0, pos) + insert + text.slice(pos + del);
    const before = crossrefWork.analyses;
    const inc = session.check(text, ruleOpts, { start: pos, oldEnd: pos + del, newEnd: pos + insert.length });
    // Counted before the full check below (which makes its own analysis).
    const made = crossrefWork.analyses - before;
    if (analysed !== undefined) assert.equal(made > 0, analysed, `${what}: ${made} analyses`);
    assert.deepEqual(inc.findings, checkReport(text, ruleOpts).findings, what);
  };
  const at = (s: string, from = 0): number => {
    const i = text.indexOf(s, from);
    assert.ok(i >= 0, s);
    return i;
  };
  // A plain paragraph before the appendices (where references are read), added (lines
  // move), then typed in: nothing the rules read changes.
  const p0 = text.indexOf('\n\n', text.search(/^# Appendix/m) >> 1) + 2;
  edit(p0, 0, `${plain}\n\n`, true, 'a paragraph added');
  edit(at(plain) + 5, 0, 'x', false, 'a letter typed in a plain paragraph');
  edit(at('Plainx') + 5, 1, '', false, 'the letter deleted');
  // A reference typed into it, then taken out again (undo): each is analysed.
  edit(at(plain) + plain.length - 1, 0, ' (see paragraph 99.7)', true, 'a reference to a missing paragraph typed');
  assert.ok(session.check(text, ruleOpts).findings.some((f) => f.message.includes('paragraph 99.7')));
  edit(at(' (see paragraph 99.7)'), ' (see paragraph 99.7)'.length, '', true, 'the reference taken out');
  // A caption, an image and a paragraph number at its start.
  edit(at(plain), 0, 'Table 77: ', true, 'a caption typed');
  edit(at('Table 77: '), 'Table 77: '.length, '', true, 'the caption taken out');
  edit(at(plain) + 6, 0, '![x](y.png)', true, 'an image typed');
  edit(at('![x](y.png)'), '![x](y.png)'.length, '', true, 'the image taken out');
  edit(at(plain), 0, '4.99 ', true, 'a paragraph number typed');
  edit(at(`4.99 ${plain}`), 5, '', true, 'the number taken out');
  // Inside a heading, before and after its text.
  const h = at('\n## ', Math.floor(text.length * 0.6)) + 4;
  edit(h, 0, 'x', true, 'a letter typed at the start of a heading');
  edit(h, 1, '', true, 'and deleted');
  edit(at('\n', h) , 0, 'x', true, 'a letter typed at the end of a heading');
  // In the summary of appendices (read line by line), and in the front matter.
  const sum = at('\n\n', at('Summary of appendices')) + 2;
  edit(sum + 1, 0, 'x', undefined, 'a letter typed in the summary of appendices');
  edit(sum + 1, 1, '', undefined, 'and deleted');
  edit(at('Helen') + 2, 0, 'x', false, 'a letter typed in the front matter');
  // At both ends of the body: a paragraph added at the end, then typed in.
  edit(text.length, 0, `\n\n${plain}\n`, undefined, 'a paragraph added at the end');
  edit(text.length - 3, 0, 'x', false, 'a letter typed in the last paragraph');
  // A line broken in the plain paragraph: the messages name lines, so the analysis is made again.
  edit(at(plain) + 5, 0, '\n', true, 'a line broken');
});

test('an edit before most of a long report moves no acronym token or definition: their offsets are kept from their unit\'s start', () => {
  for (const { text, insert, inc, model, after, moved } of editsBeforeMost([[0.02, 'x'], [0.05, '\n\n'], [0.1, '\n'], [0.15, 'ABC ']])) {
    // The units after the edit with acronym tokens: each one's scan used to be moved, one
    // memo value each (fewer values than that are moved now: the dates, addresses and links).
    const withTokens = after.filter((u) => unitTokens(model, u).tokens).length;
    assert.ok(withTokens > 500, `${withTokens} units with acronym tokens after the edit`);
    assert.ok(moved < withTokens, `${moved} memo values moved for ${withTokens} units with acronym tokens after the edit`);
    // Every token is where its text is, and every definition's acronym.
    const scan = scanAcronyms(model);
    for (const o of scan.occurrences) assert.equal(text.slice(o.start, o.end), o.written);
    for (const d of scan.definitions) assert.equal(text.slice(d.start, d.end), d.written);
    assert.deepEqual(inc.findings, checkReport(text, opts).findings, `after ${JSON.stringify(insert)}`);
  }
});

test('an edit near the start of a long report reads the starts of the chunks it reaches only, and moves no node after it until it is read', () => {
  let text = longReport() + '\n\n' + longReport();
  const parser = new IncrementalParser(text);
  const nodes = parser.tree.children.length;
  assert.ok(nodes > 1000, `${nodes} top-level nodes`);
  for (const at of [0.1, 0.02, 0.5, 0.3]) {
    const pos = inProse(text, Math.floor(text.length * at));
    text = text.slice(0, pos) + 'x' + text.slice(pos);
    const searched = parseWork.chunksSearched;
    const moved = parseWork.topMoved;
    parser.update(text, { start: pos, oldEnd: pos, newEnd: pos + 1 });
    // The chunks after the edit keep their nodes' positions owed; only the few chunks
    // parsed again (or joined with a neighbour) are read.
    assert.ok(parseWork.chunksSearched - searched < 200, `${parseWork.chunksSearched - searched} chunk starts read`);
    assert.ok(parseWork.topMoved - moved < 50, `${parseWork.topMoved - moved} top-level nodes moved of ${nodes}`);
  }
  parser.settleAll();
  assert.deepEqual(parser.tree, new IncrementalParser(text).tree);
});

test('a session\'s edits move only the top-level nodes read, and find what a whole check finds', () => {
  let text = longReport();
  const session = new ReportSession();
  const nodes = session.check(text, opts).model!.units.length;
  for (const at of [0.6, 0.05, 0.4]) {
    const pos = inProse(text, Math.floor(text.length * at));
    text = text.slice(0, pos) + 'x' + text.slice(pos);
    const moved = parseWork.topMoved;
    const inc = session.check(text, opts, { start: pos, oldEnd: pos, newEnd: pos + 1 });
    assert.ok(parseWork.topMoved - moved < nodes / 10, `${parseWork.topMoved - moved} top-level nodes moved of ${nodes}`);
    assert.deepEqual(inc.findings, checkReport(text, opts).findings);
  }
});
