import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkReport } from '../../server/src/core/check.js';
import { analyseReport } from '../../server/src/core/check.js';
import { analyseCrossrefs, appendixFileLabel, scanReferences } from '../../server/src/core/crossref/index.js';
import { applyFixes } from '../../server/src/core/fix.js';
import { ReportSession } from '../../server/src/core/session.js';
import { FIXTURE_TODAY } from './helpers.js';
import { seedReports } from './seed-reports.js';

const seeds = join(import.meta.dirname, '..', 'seeds');

/** Every cross-reference finding in the seed reports, as EXPECTED.md lists them: no more, no fewer. */
const SEED_FINDINGS = [
  'c3-equality-diversity-development-2026:132 crossref/appendix-summary',
  'c5-lscpb-yearly-report-2024:84 crossref/appendix-summary',
  'c6-improvement-plan-2025:128 crossref/appendix-summary',
  'c6-improvement-plan-2025:130 crossref/appendix-summary',
  'c6-improvement-plan-2025:132 crossref/appendix-summary',
  'c8-families-first-2025:48 crossref/table-figure',
  'c8-families-first-2025:78 crossref/table-figure',
  'c8-families-first-2025:142 crossref/appendix-summary',
  'c8-families-first-2025:144 crossref/appendix-summary',
  'k3-performance-q3-2023:116 crossref/appendix-summary',
  'k4-tsil-update-2024:62 crossref/table-figure',
];

test('the seed reports: the broken references and appendix lists of EXPECTED.md, and nothing else', () => {
  const got: string[] = [];
  for (const { name: f, text } of seedReports()) {
    const r = checkReport(text, { today: FIXTURE_TODAY });
    for (const x of r.findings) if (x.ruleId.startsWith('crossref/')) got.push(`${f.replace('.report.md', '')}:${x.range.start.line + 1} ${x.ruleId}`);
  }
  assert.deepEqual(got, SEED_FINDINGS);
});

test('the seeds\' resolved appendix references: c4 and c9 attach the Appendix 1 they cite and list', () => {
  for (const f of ['c4-hnb-recovery-plan-2024', 'c9-early-years-entitlements-2025']) {
    const an = analyseReport(readFileSync(join(seeds, `${f}.report.md`), 'utf8'));
    const a = analyseCrossrefs(an.model, an.match);
    const refs = a.refs.filter((r) => r.ref.kind === 'appendix');
    assert.ok(refs.length > 0, f);
    assert.ok(refs.every((r) => r.hits.every((h) => h !== undefined)), f);
  }
});

const CITY = '---\ntemplate: leicester-city/executive\ncommittee: Children, Young People and Education Scrutiny Commission\nmeeting_date: 29 October 2024\n---\n\n# T\n\n';

test('an appendix may be a file beside the report: <report>.appendix-X.<ext>', () => {
  assert.equal(appendixFileLabel('/a/hnb-plan.report.md', '/a/hnb-plan.appendix-B.xlsx'), 'b');
  assert.equal(appendixFileLabel('hnb-plan.report.md', 'hnb-plan.appendix-12.pdf'), '12');
  assert.equal(appendixFileLabel('hnb-plan.md', 'hnb-plan.appendix-1.pdf'), '1');
  assert.equal(appendixFileLabel('hnb-plan.report.md', 'other.appendix-1.pdf'), undefined);
  assert.equal(appendixFileLabel('hnb-plan.report.md', 'hnb-plan.appendix-final.pdf'), undefined);
  const text = `${CITY}## 3. Scrutiny / stakeholder engagement\n\n3.1 The plan is in Appendix B.\n\n## 7. Summary of appendices:\n\nAppendix B - Action plan\n`;
  const ids = (files?: string[]): string[] => checkReport(text, { today: FIXTURE_TODAY, ...(files ? { appendixFiles: files } : {}) }).findings.filter((f) => f.ruleId.startsWith('crossref/')).map((f) => f.ruleId);
  assert.deepEqual(ids(), ['crossref/appendix', 'crossref/appendix-summary']);
  assert.deepEqual(ids(['/dir/x.appendix-B.pdf']), []);
});

test('the finding names what exists nearby', () => {
  const text = `${CITY}## 4. Background and options with supporting evidence\n\n4.1 One.\n\n4.2 Two, see paragraph 4.4.\n\n4.5 Five.\n`;
  const f = checkReport(text, { today: FIXTURE_TODAY }).findings.find((x) => x.ruleId === 'crossref/paragraph')!;
  assert.match(f.message, /no paragraph 4\.4 .*nearest are 4\.2 \(line 13\) and 4\.5 \(line 15\)/);
  assert.equal(f.related?.length, 2);
  const fig = checkReport(`${CITY}## 3. Detailed report\n\n3.1 See Table 3.\n\nTable 1: Costs\n\n| a | b |\n|---|---|\n| 1 | 2 |\n`, { today: FIXTURE_TODAY }).findings.find((x) => x.ruleId === 'crossref/table-figure')!;
  assert.match(fig.message, /captions found: Table 1 \(line 13\)/);
});

test('references: ranges, lists, abbreviations; citations and statutes are not references', () => {
  const read = (s: string): string[] => scanReferences(s, 0).map((r) => `${r.kind}:${r.labels.map((l) => `${l.value}${l.rangeEnd ? '<' : ''}`).join(',')}${r.direction ?? ''}`);
  assert.deepEqual(read('See paras 3.1 to 3.4 and para. 12.'), ['paragraph:3.1,3.4<', 'paragraph:12']);
  assert.deepEqual(read('paragraphs 4.1, 4.2 and 4.5; Appendices 1 and 2; Appendix b'), ['paragraph:4.1,4.2,4.5', 'appendix:1,2', 'appendix:b']);
  assert.deepEqual(read('As Table 2 and Figure 1, the chart below, the table above.'), ['table:2', 'figure:1', 'figure:below', 'table:above']);
  assert.deepEqual(read('paragraph 3 of Schedule 12A; (Working Together 2023, para. 106); Section 114 notice; section 66 of the Act'), []);
  assert.deepEqual(read('see section 5; section 2 above; section 3 of this report'), ['section:5', 'section:2', 'section:3']);
  assert.deepEqual(read('in 2025 figures show; the appendix a new plan; para 2025'), []);
});

test('references inside appendices and the summary are not read as references', () => {
  const text = `${CITY}## 3. Detailed report\n\n3.1 Text.\n\n## 7. Summary of appendices:\n\nAppendix 1 - Plan\n\n# Appendix 1\n\nSee paragraph 9.9 of the plan and Table 7.\n`;
  const ids = checkReport(text, { today: FIXTURE_TODAY }).findings.filter((f) => f.ruleId.startsWith('crossref/'));
  assert.deepEqual(ids, []);
});

test('many references to missing paragraphs: each reported, with the nearest number', () => {
  const paras = Array.from({ length: 900 }, (_, i) => `4.${i + 1} Text, see paragraph 9.${i + 1}.`).join('\n\n');
  const text = `${CITY}## 4. Background and options with supporting evidence\n\n${paras}\n`;
  const findings = checkReport(text, { today: FIXTURE_TODAY }).findings.filter((f) => f.ruleId === 'crossref/paragraph');
  assert.equal(findings.length, 900);
  assert.match(findings[0]!.message, /nearest is 4\.900/);
});

test('an appendix under a level-two heading: the findings point at the heading, and their fix makes it level one, after which the appendix is attached', () => {
  const text = [
    '---', 'template: leicester-city/scrutiny', '---', '', '# Title', '', '## 3. Detailed report', '',
    '3.1 The hours are in Appendix A, the costs in Appendix B.', '', '## 6. Summary of appendices', '',
    'Appendix A: Hours', '', 'Appendix B: Costs', '', '## Appendix A: Hours', '', 'The table.', '',
    'Appendix B: Costs', '-----------------', '', 'Underlined: no fix offered.', '',
  ].join('\r\n');
  const crossref = (t: string) => checkReport(t, { today: FIXTURE_TODAY }).findings.filter((f) => f.ruleId === 'crossref/appendix' || f.ruleId === 'crossref/appendix-summary');
  const found = crossref(text);
  // A and B, each as a reference and as a summary entry.
  assert.deepEqual(found.map((f) => `${f.range.start.line + 1} ${f.ruleId} ${/level-2 heading/.test(f.message)}`), [
    '9 crossref/appendix true', '9 crossref/appendix true', '13 crossref/appendix-summary true', '15 crossref/appendix-summary true',
  ]);
  for (const f of found) assert.ok(f.fixes.every((x) => !x.safe), 'the officer decides: never a safe fix');
  // Only the `##` heading has a fix; the underlined one would need its underline changed too.
  const fixes = found.flatMap((f) => f.fixes);
  assert.deepEqual([...new Set(fixes.map((f) => f.title))], ['Make "Appendix A: Hours" a level-one heading']);
  const fixed = applyFixes(text, [fixes[0]!]).text;
  assert.ok(fixed.includes('\r\n# Appendix A: Hours\r\n') && !/(?<!\r)\n/.test(fixed), 'one level-one heading, line endings kept');
  assert.deepEqual(crossref(fixed).map((f) => f.range.start.line + 1), [9, 15]);
});

test('editing a level-two appendix heading to level one in the editor: each edit gives what a fresh check gives', () => {
  const text0 = [
    '---', 'template: leicester-city/scrutiny', '---', '', '# Title', '', '## 3. Detailed report', '',
    '3.1 The hours are in Appendix A.', '', '## 6. Summary of appendices', '', 'Appendix A: Hours', '', '## Appendix A: Hours', '', 'The table.', '',
  ].join('\n');
  const opts = { today: FIXTURE_TODAY };
  const session = new ReportSession();
  session.check(text0, opts);
  const at = text0.indexOf('## Appendix A');
  // Remove one "#", then put it back: the appendix is attached, then not.
  const text1 = text0.slice(0, at) + text0.slice(at + 1);
  const one = session.check(text1, opts, { start: at, oldEnd: at + 1, newEnd: at });
  assert.deepEqual(one.findings, checkReport(text1, opts).findings);
  assert.ok(!one.findings.some((f) => f.ruleId.startsWith('crossref/')));
  const two = session.check(text0, opts, { start: at, oldEnd: at, newEnd: at + 1 });
  assert.deepEqual(two.findings, checkReport(text0, opts).findings);
  assert.equal(two.findings.filter((f) => /level-2 heading/.test(f.message)).length, 2);
});
