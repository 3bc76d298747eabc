import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkReport, fixReport, type CheckOptions, type CheckResult } from '../../server/src/core/check.js';
import { parseMarkdown } from '../../server/src/core/parse.js';
import { RULES } from '../../server/src/core/rules/index.js';
import { defaultConfig } from '../../server/src/core/config.js';
import { ProfileRegistry } from '../../server/src/core/templates/loader.js';
import { Packs } from '../../server/src/node/pack.js';
import type { Finding } from '../../server/src/core/types.js';
import { FIXTURE_TODAY } from './helpers.js';

/**
 * Every safe fix on every draft we have: the seeds, the examples and every rule fixture
 * get `fixReport` (what `--fix` and fix-all on save run). Then the fixed text parses, no
 * safe fix is left (the fixing converged, so a second run changes nothing), and checking
 * it again gives no finding that was not there before, but for the follow-ups listed in
 * `expectedNew`.
 */

const repo = join(import.meta.dirname, '..', '..');

function drafts(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) drafts(join(dir, e.name), out);
    else if (e.name.endsWith('.report.md')) out.push(join(dir, e.name));
  }
  return out.sort();
}

const packs = new Packs(() => ({ config: defaultConfig(RULES), profiles: new ProfileRegistry(), problems: [], files: [] }));
function optionsFor(file: string): CheckOptions {
  const info = packs.packOf(file);
  return { today: FIXTURE_TODAY, ...(info ? { pack: { info, file } } : {}) };
}

const safe = (f: Finding) => f.fixes.filter((x) => x.safe && !x.snippet);

/**
 * Text a finding quotes or stands on, without what fixes change: numbers (line numbers,
 * renumbered paragraphs, "5th" for "5"), a bracketed acronym added or dropped, its case.
 */
function normal(s: string): string {
  return s
    .replace(/\s*\((?:[A-Z][A-Za-z&]*[A-Z]s?)\)/g, '')
    .replace(/\d+(?:st|nd|rd|th)?\b/g, '#')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Where each line of `a` went in `b`: lines kept (a longest common subsequence) map to
 * their new place, a changed line to the line that replaced it (in order within the run).
 */
function lineMap(a: string[], b: string[]): number[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  // LCS lengths of the suffixes of the middle parts.
  const dp = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * (m + 1) + j] = a[pre + i] === b[pre + j] ? dp[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(dp[(i + 1) * (m + 1) + j]!, dp[i * (m + 1) + j + 1]!);
    }
  }
  const map = new Array<number>(a.length);
  for (let i = 0; i < pre; i++) map[i] = i;
  for (let k = 0; k < suf; k++) map[a.length - 1 - k] = b.length - 1 - k;
  let i = 0;
  let j = 0;
  let runA = 0;
  let runB = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[pre + i] === b[pre + j]) {
      map[pre + i] = pre + j;
      i++;
      j++;
      runA = i;
      runB = j;
    } else if (j < m && (i === n || dp[i * (m + 1) + j + 1]! >= dp[(i + 1) * (m + 1) + j]!)) j++;
    else {
      // A line of `a` that changed: the line at the same place in the run that replaced it.
      map[pre + i] = pre + Math.min(runB + (i - runA), Math.max(runB, j - 1));
      i++;
    }
  }
  return map;
}

function lineText(text: string, line: number): string {
  let start = 0;
  for (let i = 0; i < line; i++) start = text.indexOf('\n', start) + 1;
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end);
}

interface Seen {
  ruleId: string;
  message: string;
  line: string;
  /** The line the finding is on, in the fixed text. */
  at: number;
}

function seen(text: string, f: Finding, at: number): Seen {
  return { ruleId: f.ruleId, message: normal(f.message), line: normal(lineText(text, f.range.start.line)), at };
}

/**
 * Findings after fixing that were not there before. A finding is the one it was when its
 * rule says the same (numbers aside), says it on the same line (numbers aside), or says
 * it where the earlier one's line went: a fix may change what a message quotes ("the
 * nearest are 4.2 and 5", a heading without its template prompt).
 */
function newFindings(before: { text: string; findings: Finding[] }, after: { text: string; findings: Finding[] }): Finding[] {
  const map = lineMap(before.text.split('\n'), after.text.split('\n'));
  const pool = before.findings.map((f) => seen(before.text, f, map[f.range.start.line] ?? -1));
  const out: Finding[] = [];
  for (const f of after.findings) {
    const s = seen(after.text, f, f.range.start.line);
    let i = pool.findIndex((p) => p.ruleId === s.ruleId && p.message === s.message);
    if (i === -1) i = pool.findIndex((p) => p.ruleId === s.ruleId && (p.line === s.line || p.at === s.at));
    if (i === -1) out.push(f);
    else pool.splice(i, 1);
  }
  return out;
}

/**
 * What a safe fix may leave behind, by design:
 * - a required section inserted as its heading alone is then reported as what it is, an
 *   empty section or an unanswered question, and whatever the section is checked for
 *   (a Summary of appendices that lists nothing yet): findings inside the inserted sections;
 * - a definition moved to the first use (acronym/used-before-definition) makes that
 *   sentence longer, which prose/long-sentence may then report.
 */
function expectedNew(before: CheckResult, fixedText: string, f: Finding): boolean {
  const lines = fixedText.split('\n');
  const inserted = new Set(
    before.findings
      .filter((x) => x.ruleId === 'structure/required-section')
      .flatMap((x) => safe(x).slice(0, 1))
      .flatMap((x) => x.edits.flatMap((e) => e.newText.split('\n').filter((l) => l.startsWith('#')))),
  );
  // The section a finding's line is in: the nearest heading at or above it.
  let h = f.range.start.line;
  while (h > 0 && !lines[h]!.startsWith('#')) h--;
  if (inserted.has(lines[h]!.trimEnd())) return true;
  if (f.ruleId === 'prose/long-sentence') {
    const moved = before.findings.filter((x) => x.ruleId === 'acronym/used-before-definition').flatMap((x) => safe(x).slice(0, 1).map((y) => y.edits[0]!.newText));
    const sentence = lines.slice(f.range.start.line, f.range.end.line + 1).join('\n');
    return moved.some((m) => sentence.includes(m));
  }
  return false;
}

describe('every safe fix on every seed, example and fixture', () => {
  const groups: [string, string[]][] = [
    ['seeds and examples', [...drafts(join(repo, 'test', 'seeds')), ...drafts(join(repo, 'examples'))]],
    ['rule fixtures', drafts(join(repo, 'test', 'fixtures'))],
  ];
  for (const [name, files] of groups) {
    test(name, () => {
      assert.ok(files.length > 10, `${name}: drafts found (${files.length})`);
      const problems: string[] = [];
      let fixed = 0;
      for (const file of files) {
        const where = relative(repo, file);
        const text = readFileSync(file, 'utf8');
        const opts = optionsFor(file);
        const before = checkReport(text, opts);
        if (!before.findings.some((f) => safe(f).length > 0)) continue;
        const once = fixReport(text, opts, 10, before);
        fixed += once.fixed;
        // It parses, and checks without a rule failing.
        assert.doesNotThrow(() => parseMarkdown(once.text), where);
        for (const e of once.result.ruleErrors) problems.push(`${where}: after fixing, ${e.ruleId} failed: ${e.error.split('\n')[0]}`);
        // Converged: no safe fix left, so fixing again changes nothing.
        for (const f of once.result.findings) if (safe(f).length > 0) problems.push(`${where}:${f.range.start.line + 1} a safe fix is left: ${f.ruleId} ${safe(f)[0]!.title}`);
        // Nothing new but the expected follow-ups.
        for (const f of newFindings({ text, findings: before.findings }, { text: once.text, findings: once.result.findings })) {
          if (!expectedNew(before, once.text, f)) problems.push(`${where}:${f.range.start.line + 1} new after fixing: ${f.ruleId}: ${f.message}`);
        }
      }
      assert.ok(fixed > 0, `${name}: some safe fixes were applied`);
      assert.deepEqual(problems, []);
    });
  }
});

/** The findings of one rule, with their fixes. */
function findingsOf(text: string, ruleId: string): Finding[] {
  return checkReport(text, { today: FIXTURE_TODAY }).findings.filter((f) => f.ruleId === ruleId);
}

const fixture = (path: string): string => readFileSync(join(repo, 'test', 'fixtures', 'rules', path), 'utf8');

describe('a safe fix has one right answer and writes nothing the officer did not', () => {
  test('a missing section is inserted as its heading; the template text ("None.", sign-off lines) is a quick fix', () => {
    const text = fixture('structure/required-section/missing-sections.report.md');
    const other = findingsOf(text, 'structure/required-section').find((f) => f.message.includes('5.5 Other implications'))!;
    assert.deepEqual(
      other.fixes.map((f) => [f.title, f.safe, f.edits.map((e) => e.newText)]),
      [
        ['Insert "5.5 Other implications"', true, ['\n\n### 5.5 Other implications']],
        ['Insert "5.5 Other implications" with the template\'s suggested text: "None."', false, ['\n\n### 5.5 Other implications\n\nNone.']],
      ],
    );
    const fixed = fixReport(text, { today: FIXTURE_TODAY }).text;
    assert.match(fixed, /### 5\.5 Other implications\n\n## 6\./);
    // A block that needs a sign-off: the fuller fix adds empty "Signed:" and "Dated:" lines.
    const noLegal = text.replace(/### 5\.2 Legal implications[\s\S]*?(?=### 5\.3)/, '');
    const legal = findingsOf(noLegal, 'structure/required-section').find((f) => f.message.includes('5.2 Legal implications'))!;
    assert.deepEqual(legal.fixes.map((f) => [f.safe, f.edits[0]!.newText.trim()]), [
      [true, '### 5.2 Legal implications'],
      [false, '### 5.2 Legal implications\n\nSigned:\n\nDated:'],
    ]);
    assert.doesNotMatch(fixReport(noLegal, { today: FIXTURE_TODAY }).text, /Legal implications\n\nSigned:\n\nDated:/);
  });

  test('a year added to a date is inferred, not written by the officer: never applied by --fix', () => {
    const text = fixture('date/missing-year/fires.report.md');
    const found = findingsOf(text, 'date/missing-year');
    assert.ok(found.some((f) => f.fixes.length > 0 && f.message.startsWith('Sign-off date')), 'a sign-off date gets a year offered');
    assert.deepEqual(found.flatMap((f) => f.fixes.filter((x) => x.safe).map((x) => x.title)), []);
    assert.equal(findingsOf(fixReport(text, { today: FIXTURE_TODAY }).text, 'date/missing-year').length, found.length);
  });

  test('a heading renamed to the template wording keeps the number the officer wrote, else the fix is offered only', () => {
    const text = readFileSync(join(repo, 'test', 'seeds', 'c5-lscpb-yearly-report-2024.report.md'), 'utf8');
    const near = findingsOf(text, 'structure/heading-wording');
    const climate = near.find((f) => f.message.includes('4.3. Climate Change implications'))!;
    assert.deepEqual(climate.fixes.map((f) => [f.title, f.safe]), [['Change heading to "4.4 Climate Emergency implications"', false]]);
    // Same number: safe ("3. Supporting Information" stands where "3. Detailed report" belongs).
    assert.ok(near.some((f) => f.fixes[0]?.safe && f.message.startsWith('Heading "3. ')));
    const fixed = fixReport(text, { today: FIXTURE_TODAY });
    assert.match(fixed.text, /### 4\.3\. Climate Change implications/);
    // The order stays the officer's to settle, reported as it was (not made worse by renumbering).
    const order = (findings: Finding[]) => findings.filter((f) => f.ruleId === 'structure/section-order').map((f) => f.message);
    assert.deepEqual(order(fixed.result.findings), order(checkReport(text, { today: FIXTURE_TODAY }).findings));
  });

  test('an acronym\'s case is made like its definition or the glossary; the first of two spellings is only a guess', () => {
    const guess = '# Panel\n\n1.1 The XQR panel met in May.\n\n1.2 The XqR panel agreed the plan.\n';
    assert.deepEqual(findingsOf(guess, 'acronym/inconsistent-case').map((f) => f.fixes.map((x) => [x.title, x.safe])), [[['Write "XQR"', false]]]);
    assert.equal(fixReport(guess, { today: FIXTURE_TODAY }).text, guess);
    const defined = '# Panel\n\n1.1 The Local Quality Review Board (LQRb) met in May.\n\n1.2 The LQRB agreed the plan.\n';
    assert.deepEqual(findingsOf(defined, 'acronym/inconsistent-case').map((f) => [f.message, f.fixes.map((x) => [x.title, x.safe])]), [['"LQRB" is written differently from "LQRb", as spelt out at line 3.', [['Write "LQRb"', true]]]]);
  });

  test('"a"/"an" before a short acronym that may be said as a word is a guess', () => {
    const text = '# Plans\n\n1.1 Each child has a SEN plan, and a HMO licence is needed.\n';
    const found = findingsOf(text, 'prose/article');
    assert.deepEqual(found.map((f) => [f.message, f.fixes[0]!.safe]), [
      ['Use "an" before "SEN" (it is read with a vowel sound).', false],
      ['Use "an" before "HMO" (it is read with a vowel sound).', true],
    ]);
    assert.equal(fixReport(text, { today: FIXTURE_TODAY }).text, '# Plans\n\n1.1 Each child has a SEN plan, and an HMO licence is needed.\n');
  });

  test('meeting_date is copied from the text only when the text gives one day for the meeting', () => {
    const one = fixture('date/meeting-date/missing.report.md');
    assert.deepEqual(findingsOf(one, 'date/meeting-date').map((f) => f.fixes.map((x) => x.safe)), [[true]]);
    const two = one.replace('Date of meeting: 3 March 2026 <!-- expect: date/meeting-date -->', 'Date of meeting: 3 March 2026\n\nMeeting date: 10 March 2026');
    const found = findingsOf(two, 'date/meeting-date');
    assert.deepEqual(found.map((f) => [f.message, f.fixes.map((x) => x.safe)]), [
      ['The report gives the date of the meeting as Tuesday 3 March 2026 (and as Tuesday 10 March 2026), but the front matter has no "meeting_date".', [false]],
    ]);
    assert.doesNotMatch(fixReport(two, { today: FIXTURE_TODAY }).text, /^meeting_date:/m);
  });

  test('a used-before-definition fix never nests a definition in brackets', () => {
    const text = '# Youth justice\n\n1.1 The Youth Justice Team (CYPJS) works with the courts.\n\n1.2 The Children and Young Peoples Justice Service (CYPJS) was set up in 2020.\n';
    const [f] = findingsOf(text, 'acronym/used-before-definition');
    assert.deepEqual(f!.fixes, []);
    assert.match(f!.message, /^"CYPJS" stands in brackets after "Youth Justice Team", which does not spell it out/);
    assert.equal(fixReport(text, { today: FIXTURE_TODAY }).text, text);
  });
});
