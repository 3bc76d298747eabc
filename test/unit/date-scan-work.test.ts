import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { scanCandidates, SOURCE, type Candidate } from '../../server/src/core/dates/scan.js';
import { readWork } from '../../server/src/core/dates/read.js';
import { findDates } from '../../server/src/core/dates/find.js';
import { buildModel } from '../../server/src/core/model.js';
import { calendarWork } from '../../server/src/core/dates/calendar.js';
import { checkReport } from '../../server/src/core/check.js';
import { RULES } from '../../server/src/core/rules/index.js';

const root = join(import.meta.dirname, '..', '..');

/** Every report the tests ship: seeds, examples and rule fixtures. */
function reportTexts(): string[] {
  const out: string[] = [];
  const visit = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name.endsWith('.md')) out.push(readFileSync(p, 'utf8'));
    }
  };
  for (const d of ['test/seeds', 'examples', 'test/fixtures']) visit(join(root, d));
  return out;
}

/** Lines that exercise every part the reader places (ranges, ordinals, weekdays, am/pm, dotted clocks). */
const TRICKY = [
  'Tuesday, the 3rd - 5th of March 2026 and Weds 4-5 Sept. 2026',
  'sun 3 March, Mon 3rd to 4th Jan, Friday 16–18 February 2026',
  'The session runs 2.00 - 3.51 pm, 11.00am–1 p.m., 2-3pm or 10:30 a.m. to 12 pm.',
  'It starts at 14.00 to 16.00, from 09.30 until 16.00, and at 19.30.',
  'Dated: 31/09/2025, 2025-09-31, 2024/25, 14:00pm and March 2026.',
];

test('the date scan builds no named-group or match-index object per match', () => {
  const text = reportTexts().join('\n');
  const exec = RegExp.prototype.exec;
  let named = 0;
  let indexed = 0;
  RegExp.prototype.exec = function (this: RegExp, s: string) {
    const m = exec.call(this, s);
    if (m?.groups) named++;
    if (m?.indices) indexed++;
    return m;
  };
  let found: Candidate[];
  try {
    found = [...scanCandidates(text), ...TRICKY.flatMap((t) => scanCandidates(t))];
  } finally {
    RegExp.prototype.exec = exec;
  }
  assert.ok(found.length > 200, `${found.length} candidates`);
  // The pattern has 57 named groups: an object of them, and a pair of offsets for each, per match cost more than the match.
  assert.equal(named, 0, `${named} matches built a groups object`);
  assert.equal(indexed, 0, `${indexed} matches built match indices`);
});

test('the parts and offsets of every candidate are those the named pattern finds with match indices', () => {
  const ref = new RegExp(SOURCE, 'iyd');
  const lines = [...TRICKY, ...reportTexts().flatMap((t) => t.split('\n'))];
  const placed = new Set<string>();
  let n = 0;
  for (const line of lines) {
    for (const c of scanCandidates(line)) {
      n++;
      // A lower-case weekday is dropped ("sun 3 March"): the date alone matches where the candidate starts.
      ref.lastIndex = c.start;
      const m = ref.exec(line);
      assert.ok(m, `${JSON.stringify(c.text)} in ${JSON.stringify(line)}`);
      assert.equal(m.index + m[0].length, c.end, c.text);
      for (const [name, value] of Object.entries(m.groups!)) {
        if (name === 'wd' && c.groups.wd === undefined) continue;
        assert.equal(c.groups[name], value, `${name} of ${JSON.stringify(c.text)}`);
      }
      for (const [name, value] of Object.entries(c.groups)) if (value !== undefined) assert.equal(m.groups![name], value, `${name} of ${JSON.stringify(c.text)}`);
      for (const [name, at] of Object.entries(c.at)) {
        if (at === undefined && name === 'wd') continue;
        assert.deepEqual(at, m.indices!.groups![name], `offsets of ${name} in ${JSON.stringify(c.text)}`);
        if (at) placed.add(`${c.shape}.${name}`);
      }
    }
  }
  assert.ok(n > 200, `${n} candidates`);
  // Every part the reader places was met at least once.
  for (const k of ['day-month.wd', 'day-month.d0', 'day-month.o0', 'day-month.d', 'time-range.rh', 'time-range.rmi', 'time-range.ra', 'time-range.rh2', 'dotted-clock.dmi', 'dotted-clock.dh2']) {
    assert.ok(placed.has(k), `no candidate placed ${k}`);
  }
});

test('a date text read before is not parsed by date-fns again, and each reading gets a Date of its own', () => {
  const text = readFileSync(join(root, 'examples', 'leicester-city-executive.report.md'), 'utf8') + '\n\nDated: 31 September 2025, 29/02/2027, 3rd March 2026 and 3rd March 2026 at 2:30 pm.\n';
  const first = findDates(buildModel(text)).dates;
  const parsed = readWork.parsed;
  const again = findDates(buildModel(text)).dates;
  assert.equal(readWork.parsed - parsed, 0, `${readWork.parsed - parsed} texts parsed again`);
  const parsedKinds = first.filter((f) => f.kind === 'date' || f.kind === 'time');
  assert.ok(parsedKinds.length > 5 && parsedKinds.some((f) => !f.valid) && parsedKinds.some((f) => f.value), `${parsedKinds.length} dates and times`);
  const view = (f: (typeof first)[number]): unknown => [f.text, f.start, f.valid, f.problem, f.value?.getTime(), f.hour, f.minute];
  assert.deepEqual(again.map(view), first.map(view));
  const a = first.find((f) => f.text === '3rd March 2026')!;
  const b = again.find((f) => f.text === '3rd March 2026')!;
  assert.ok(a.value && b.value && a.value !== b.value);
  a.value.setFullYear(1999);
  assert.equal(b.value.getFullYear(), 2026);
});

test('a run parses its "today" once, and date/signoff-window writes the meeting\'s long date only for a finding', () => {
  const rules = RULES.filter((r) => r.id === 'date/signoff-window');
  const report = (dated: string): string =>
    `---\nmeeting_date: 3 March 2026\n---\n\n# Report\n\n## Financial implications\n\nNone.\n\nSigned: Mohammed Irfan, Head of Finance\n\nDated: ${dated}\n`;
  const opts = { today: '2026-02-19', rules };
  checkReport(report('3 February 2026'), opts);
  const before = { ...calendarWork };
  for (let i = 0; i < 10; i++) assert.deepEqual(checkReport(report('3 February 2026'), opts).findings, []);
  assert.equal(calendarWork.isoParsed - before.isoParsed, 0, 'today parsed again');
  assert.equal(calendarWork.longDates - before.longDates, 0, 'long dates written without a finding');
  // A sign-off after the meeting: the finding and its related meeting date, as before.
  const late = checkReport(report('4 March 2026'), opts).findings;
  assert.equal(late.length, 1);
  assert.match(late[0]!.message, /^Sign-off dated Wednesday 4 March 2026, after the meeting on Tuesday 3 March 2026\.$/);
  assert.deepEqual(
    late[0]!.related?.map((r) => r.message),
    ['Meeting date: Tuesday 3 March 2026'],
  );
  // Another day is parsed, and a Date of its own each time.
  const other = checkReport(report('20 March 2026'), { today: '2026-03-10', rules }).findings;
  assert.match(other[0]!.message, /in the future, though the meeting on Tuesday 3 March 2026 has already taken place/);
  assert.equal(calendarWork.isoParsed - before.isoParsed, 1);
});
