import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../../server/src/core/model.js';
import { checkReport } from '../../server/src/core/check.js';
import { defaultConfig } from '../../server/src/core/config.js';
import { RULES } from '../../server/src/core/rules/index.js';
import {
  bankHolidays,
  benchDates,
  clearWorkingDaysBetween,
  dateHover,
  findDates,
  fromIso,
  inferYear,
  readDates,
  toIso,
  type FoundDate,
} from '../../server/src/core/dates/index.js';
import { readSimpleDate } from '../../server/src/core/dates/simple.js';
import { FIXTURE_TODAY } from './helpers.js';

const root = join(import.meta.dirname, '..', '..');

const FRONT = `---
template: leicester-city/executive
committee: Children, Young People and Education Scrutiny Commission
meeting_date: 3 March 2026
lead_director: Damian Elcock, Director of Children's Social Work and Early Help
wards_affected: All
report_author: Helen Sheppard
author_contact: helen.sheppard@leicester.gov.uk, 0116 454 1170
version: v1
---
`;

function datesIn(body: string): { text: string; dates: FoundDate[] } {
  const text = `${FRONT}\n# Title\n\n${body}\n`;
  return { text, dates: findDates(buildModel(text)).dates.filter((d) => d.context !== 'front-matter') };
}

/** What one found date reads as, for compact assertions. */
function describeDate(d: FoundDate): string {
  if (d.kind === 'time') return `time ${d.valid ? `${String(d.hour).padStart(2, '0')}:${String(d.minute).padStart(2, '0')}` : 'invalid'}`;
  if (d.kind === 'date' && d.year === undefined) return `date --${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  return `${d.kind} ${d.valid && d.value ? toIso(d.value) : 'invalid'}`;
}

describe('dates: every form the seeds use, with exact ranges', () => {
  const cases: [string, string, string][] = [
    // written, reads as, style
    ['3 February 2026', 'date 2026-02-03', 'd MMMM yyyy'],
    ['3rd February 2026', 'date 2026-02-03', 'do MMMM yyyy'],
    ['03 October 2025', 'date 2025-10-03', 'dd MMMM yyyy'],
    ['19th September', 'date --09-19', 'do MMMM'],
    ['03/03/2026', 'date 2026-03-03', 'dd/MM/yyyy'],
    ['29/04/25', 'date 2025-04-29', 'dd/MM/yy'],
    ['TUESDAY, 3 MARCH 2026', 'date 2026-03-03', 'd MMMM yyyy'],
    ['Tuesday 20th January 2026', 'date 2026-01-20', 'do MMMM yyyy'],
    ['29th October 2024', 'date 2024-10-29', 'do MMMM yyyy'],
    ['2026-03-03', 'date 2026-03-03', 'yyyy-MM-dd'],
    ['3 Sept. 2026', 'date 2026-09-03', 'MMM. yyyy'.replace(/^/, 'd ')],
    ['5:30 pm', 'time 17:30', 'h:mm a'],
    ['14:00', 'time 14:00', 'HH:mm'],
    ['7.55pm', 'time 19:55', 'h.mma'],
    ['2026/27', 'financial-year 2026-04-01', 'yyyy/yy'],
    ['2024-25', 'financial-year 2024-04-01', 'yyyy-yy'],
    ['March 2026', 'month 2026-03-01', 'MMMM yyyy'],
  ];
  for (const [written, reads, style] of cases) {
    test(`"${written}"`, () => {
      const { text, dates } = datesIn(`1.1 Before ${written}, after.`);
      assert.equal(dates.length, 1, `one date in "${written}": ${dates.map((d) => d.text).join(' | ')}`);
      const d = dates[0]!;
      assert.equal(d.text, written);
      assert.equal(text.slice(d.start, d.end), written);
      const line = text.split('\n').findIndex((l) => l.startsWith('1.1 Before'));
      assert.deepEqual(d.range, { start: { line, character: 11 }, end: { line, character: 11 + written.length } });
      assert.equal(describeDate(d), reads);
      assert.equal(d.style, style);
      assert.ok(d.valid);
    });
  }

  test('ranges: "2.00 - 3.51 pm", "1 April 2024 to 31 March 2025", "16-18 February 2026"', () => {
    const { dates } = datesIn('1.1 From 2.00 - 3.51 pm; from 1 April 2024 to 31 March 2025; on 16-18 February 2026; from 1 April to 31 March 2025.');
    assert.deepEqual(
      dates.map((d) => [d.text, describeDate(d), d.rangeRole]),
      [
        ['2.00', 'time 14:00', 'start'],
        ['3.51 pm', 'time 15:51', 'end'],
        ['1 April 2024', 'date 2024-04-01', 'start'],
        ['31 March 2025', 'date 2025-03-31', 'end'],
        ['16', 'date 2026-02-16', 'start'],
        ['18 February 2026', 'date 2026-02-18', 'end'],
        ['1 April', 'date 2024-04-01', 'start'],
        ['31 March 2025', 'date 2025-03-31', 'end'],
      ],
    );
    assert.ok(dates.every((d) => d.other !== undefined));
  });

  test('weekday and date are separate parts; the weekday index is kept', () => {
    const { text, dates } = datesIn('TUESDAY, 3 MARCH 2026');
    const d = dates[0]!;
    assert.equal(text.slice(d.weekday!.start, d.weekday!.end), 'TUESDAY');
    assert.equal(d.weekday!.index, 2);
    assert.equal(text.slice(d.partStart, d.partEnd), '3 MARCH 2026');
  });

  test('front matter, sign-offs, headings, tables and text are told apart; code, comments and URLs are skipped', () => {
    const body = [
      '## 5. Financial implications',
      '',
      'Signed: Mohammed Irfan, Head of Finance',
      '',
      'Dated: 3 February 2026',
      '',
      '## Plan for 2026/27',
      '',
      '| When | What |',
      '|---|---|',
      '| 04/10/2024 | start |',
      '',
      'In `31 September 2025` code, <!-- 31 September 2025 --> a comment, <https://x.org/2024-02-30> and [4 March 2026](https://x.org/2024/02/30).',
      '',
      '```',
      '31 September 2025',
      '```',
    ].join('\n');
    const text = `${FRONT}\n# Title\n\n${body}\n`;
    const all = findDates(buildModel(text)).dates;
    assert.deepEqual(
      all.map((d) => [d.text, d.context]),
      [
        ['3 March 2026', 'front-matter'],
        ['3 February 2026', 'signoff'],
        ['2026/27', 'heading'],
        ['04/10/2024', 'table'],
        ['4 March 2026', 'text'],
      ],
    );
  });

  test('the scan is cached per model and shared', () => {
    const model = buildModel(`${FRONT}\n# Title\n\nOn 3 March 2026.\n`);
    assert.equal(findDates(model), findDates(model));
    assert.equal(benchDates(model), 2);
  });
});

describe('dates: figures are not dates', () => {
  const table = [
    '## 4. Background and options with supporting evidence',
    '',
    '4.1 Spend rose by 3.5% in 2024/25; 12/24 cases met the target; see paragraph 4.10 and 31.12 FTE; ratio 1:60.',
    '',
    '| Measure | 2023/24 | 2024/25 | 12/24 | Rate | Ratio | Code | Period |',
    '|---|---|---|---|---|---|---|---|',
    '| Spend (£m) | 3.5 | 4.10 | 25:30 | 31/13 | 1:99 | 99/99/99 | 31/13/2024 |',
    '| Cases | 12/24 | 2.5 | 13:75 | 0.25 | 18.52 | 2024-26 | 2020-2023 |',
  ].join('\n');

  test('no date finding of any rule on a table of figures', () => {
    const text = `${FRONT}\n# Title\n\n${table}\n`;
    const result = checkReport(text, { today: FIXTURE_TODAY });
    assert.deepEqual(result.ruleErrors, []);
    assert.deepEqual(result.findings.filter((f) => f.ruleId.startsWith('date/')).map((f) => `${f.range.start.line + 1}: ${f.ruleId} ${f.message}`), []);
  });

  test('what is recognised at all: financial years, nothing else but the real dates', () => {
    const { dates } = datesIn(table);
    const recognised = dates.map((d) => `${d.kind}:${d.text}`);
    assert.ok(!recognised.some((r) => /12\/24|3\.5|4\.10|31\.12|1:60|0\.25|18\.52|2\.5|2020-2023|2024-26/.test(r)), recognised.join(' '));
    assert.ok(recognised.includes('financial-year:2024/25'));
    // Bare number pairs in table cells may be read, but are marked as figures-like.
    for (const d of dates.filter((x) => x.context === 'table' && !x.valid)) assert.ok(d.numericOnly);
  });
});

describe('dates: validity and leap years', () => {
  const cases: [string, boolean][] = [
    ['29 February 2024', true],
    ['29 February 2025', false],
    ['29 February 2000', true],
    ['29 February 1900', false],
    ['29/02/2024', true],
    ['29/02/2023', false],
    ['31 September 2025', false],
    ['30 September 2025', true],
    ['32 January 2026', false],
    ['13/13/2026', false],
    ['25:30', false],
    ['23:59', true],
    ['14:00pm', false],
    ['12:00 pm', true],
    ['0:30 am', false],
  ];
  for (const [written, valid] of cases) {
    test(`"${written}" is ${valid ? '' : 'not '}real`, () => {
      const ds = readDates(written);
      assert.equal(ds.length, 1);
      assert.equal(ds[0]!.valid, valid, ds[0]!.problem);
      if (!valid) assert.ok(ds[0]!.problem);
    });
  }
  test('an impossible US-order date says so', () => {
    assert.match(readDates('04/13/2026')[0]!.problem!, /no month 13.*day first/);
  });
});

describe('dates: calendar', () => {
  test('bank holidays in England and Wales', () => {
    assert.deepEqual([...bankHolidays(2024)].sort(), ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26']);
    // Boxing Day 2026 is a Saturday: the substitute day is Monday 28 December.
    assert.deepEqual([...bankHolidays(2026)].sort(), ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']);
    // 2022: the spring holiday moved to 2 June, the Jubilee on 3 June, the state funeral on 19 September.
    const y22 = bankHolidays(2022);
    assert.ok(y22.has('2022-06-02') && y22.has('2022-06-03') && y22.has('2022-09-19') && !y22.has('2022-05-30'));
    assert.ok(bankHolidays(2023).has('2023-05-08'));
  });

  test('clear working days count neither end and skip weekends and bank holidays', () => {
    assert.equal(clearWorkingDaysBetween(fromIso('2026-02-03')!, fromIso('2026-03-03')!), 19);
    assert.equal(clearWorkingDaysBetween(fromIso('2026-03-03')!, fromIso('2026-02-03')!), 19);
    assert.equal(clearWorkingDaysBetween(fromIso('2026-04-02')!, fromIso('2026-04-07')!), 0);
    assert.equal(clearWorkingDaysBetween(fromIso('2026-03-02')!, fromIso('2026-03-03')!), 0);
    assert.equal(clearWorkingDaysBetween(fromIso('2024-12-20')!, fromIso('2025-01-03')!), 6);
  });

  test('the year of a date written without one', () => {
    const meeting = fromIso('2024-10-29')!;
    assert.equal(inferYear(9, 19, meeting, 'on-or-before'), 2024);
    assert.equal(inferYear(11, 19, meeting, 'on-or-before'), 2023);
    assert.equal(inferYear(1, 30, meeting, 'nearest'), 2025);
    assert.equal(inferYear(2, 29, fromIso('2026-03-03')!, 'on-or-before'), 2024);
  });
});

describe('dates: hover', () => {
  const example = readFileSync(join(root, 'examples', 'leicester-city-executive.report.md'), 'utf8');
  const model = buildModel(example);

  test('a sign-off date: weekday, days and clear working days before the meeting', () => {
    const md = dateHover(model, example.indexOf('3 February 2026') + 2, { today: FIXTURE_TODAY })!;
    assert.match(md, /\*\*Tuesday 3 February 2026\*\*/);
    assert.match(md, /28 days before the meeting \(Tuesday 3 March 2026\): 19 clear working days\./);
    assert.match(md, /17 days ago\./);
  });

  test('the meeting date itself, a date with no year, an impossible date, a time, a financial year', () => {
    const text = `${FRONT}\n# Title\n\nDated: 19th February\n\nOn 31 September 2025 at 5:30 pm, for 2026/27.\n`;
    const m = buildModel(text);
    assert.match(dateHover(m, text.indexOf('3 March 2026'))!, /The meeting date\./);
    assert.match(dateHover(m, text.indexOf('19th February'))!, /\*\*Thursday 19 February 2026\*\* \(year not written: 2026 taken from the meeting date\)/);
    assert.match(dateHover(m, text.indexOf('31 September'))!, /Not a real date\*\*: September has 30 days/);
    assert.match(dateHover(m, text.indexOf('5:30 pm') + 6)!, /\*\*17:30\*\* \(5:30 pm\)/);
    assert.match(dateHover(m, text.indexOf('2026/27'))!, /Financial year 2026\/27\*\*: Wednesday 1 April 2026 to Wednesday 31 March 2027/);
    assert.equal(dateHover(m, text.indexOf('Title')), undefined);
  });
});

describe('dates: rules on the seeds and the examples', () => {
  const seeds = join(root, 'test', 'seeds');
  const check = (file: string) => checkReport(readFileSync(file, 'utf8'), { today: FIXTURE_TODAY }).findings.filter((f) => f.ruleId.startsWith('date/'));
  const at = (file: string): string[] => check(join(seeds, file)).map((f) => `L${f.range.start.line + 1} ${f.ruleId}`);

  test('the real date slips are found', () => {
    assert.deepEqual(at('c4-hnb-recovery-plan-2024.report.md').filter((x) => x.includes('missing-year')), ['L208 date/missing-year', 'L216 date/missing-year']);
    assert.ok(at('k3-performance-q3-2023.report.md').includes('L90 date/quarter-mismatch'));
    assert.ok(at('c2-sce-priorities-performance-2026.report.md').includes('L4 date/house-style'));
    assert.ok(at('c2-sce-priorities-performance-2026.report.md').includes('L64 date/house-style'));
    assert.ok(at('k1-tsil-programme-2023.report.md').includes('L119 date/house-style'));
    for (const line of ['L92', 'L100', 'L120']) assert.ok(at('c6-improvement-plan-2025.report.md').includes(`${line} date/house-style`));
    // Dates of the text without a year (EXPECTED.md); "from 01 January each year" (c7 L32) is said of every year.
    assert.deepEqual(at('c6-improvement-plan-2025.report.md').filter((x) => x.includes('missing-year')), ['L23 date/missing-year', 'L74 date/missing-year', 'L78 date/missing-year']);
    assert.deepEqual(at('c3-equality-diversity-development-2026.report.md').filter((x) => x.includes('missing-year')), ['L65 date/missing-year']);
    assert.deepEqual(at('c7-children-seeking-safety-2025.report.md').filter((x) => x.includes('missing-year')), []);
  });

  test('the year fix names the inferred year', () => {
    const f = check(join(seeds, 'c4-hnb-recovery-plan-2024.report.md')).find((x) => x.ruleId === 'date/missing-year')!;
    assert.equal(f.fixes[0]!.title, 'Add the year: 19th September 2024');
    // The year is inferred, not written by the officer: offered, never applied by --fix or on save.
    assert.equal(f.fixes[0]!.safe, false);
  });

  test('no impossible dates, wrong weekdays, window or meeting-date findings on the real reports', () => {
    for (const file of readdirSync(seeds).filter((f) => f.endsWith('.report.md'))) {
      const bad = check(join(seeds, file)).filter((f) => !['date/house-style', 'date/missing-year', 'date/quarter-mismatch'].includes(f.ruleId));
      assert.deepEqual(bad.map((f) => `${file}:${f.range.start.line + 1} ${f.ruleId} ${f.message}`), []);
    }
  });

  test('the clean examples have no date findings', () => {
    for (const file of readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.report.md') && !f.includes('mistakes'))) {
      assert.deepEqual(check(join(root, 'examples', file)).map((f) => `${file}:${f.range.start.line + 1} ${f.ruleId}`), []);
    }
  });
});

describe('dates: options and compatibility', () => {
  test('date/signoff-window reads its window from the rule options', () => {
    const text = `${FRONT}\n# Title\n\n## 5. Implications\n\nSigned: Mohammed Irfan, Head of Finance\n\nDated: 2 February 2026\n`;
    const quiet = checkReport(text, { today: FIXTURE_TODAY }).findings.filter((f) => f.ruleId === 'date/signoff-window');
    assert.equal(quiet.length, 0);
    const config = defaultConfig(RULES);
    config.rules.set('date/signoff-window', { severity: 'warning', options: { maxMonthsBefore: 1 } });
    const fired = checkReport(text, { today: FIXTURE_TODAY, config }).findings.filter((f) => f.ruleId === 'date/signoff-window');
    assert.equal(fired.length, 1);
    assert.match(fired[0]!.message, /more than 1 month before the meeting on Tuesday 3 March 2026 \(the earliest expected is Tuesday 3 February 2026\)/);
  });

  test('readSimpleDate keeps its contract', () => {
    assert.deepEqual(readSimpleDate('3rd March 2026'), { year: 2026, month: 2, day: 3 });
    assert.deepEqual(readSimpleDate('Tuesday 3 March 2026'), { year: 2026, month: 2, day: 3 });
    assert.deepEqual(readSimpleDate('03/03/2026'), { year: 2026, month: 2, day: 3 });
    assert.deepEqual(readSimpleDate('19th September'), { month: 8, day: 19 });
    assert.equal(readSimpleDate('next Tuesday'), undefined);
    assert.equal(readSimpleDate('3 March 2026 and more'), undefined);
  });
});
