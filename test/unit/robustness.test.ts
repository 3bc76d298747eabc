import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkReport } from '../../server/src/core/check.js';
import { applySuppressions } from '../../server/src/core/suppress.js';
import { ReportSession } from '../../server/src/core/session.js';

const repo = join(import.meta.dirname, '..', '..');
const example = readFileSync(join(repo, 'examples', 'leicester-city-executive.report.md'), 'utf8');
const today = '2026-02-20';

test('broken YAML: one diagnostic at the exact position, no crash', () => {
  const text = example.replace('wards_affected: All', 'wards_affected: [All');
  const r = checkReport(text, { today });
  assert.deepEqual(r.ruleErrors, []);
  const f = r.findings.filter((x) => x.ruleId === 'metadata/front-matter-syntax');
  assert.equal(f.length, 1);
  assert.ok(f[0]!.range.start.line >= 5 && f[0]!.range.start.line <= 9, JSON.stringify(f[0]!.range));
});

test('a binary file: one clear finding', () => {
  const r = checkReport('PK\u0003\u0004\u0000\u0000\u0014\u0000binary', { today });
  assert.deepEqual(
    r.findings.map((f) => f.ruleId),
    ['structure/not-text'],
  );
});

test('an empty file: says there is no front matter naming a template', () => {
  const r = checkReport('', { today });
  assert.deepEqual(r.ruleErrors, []);
  // Without a template nothing else can be judged: one finding that says what is missing.
  assert.deepEqual(
    r.findings.map((f) => f.ruleId),
    ['metadata/unknown-template'],
  );
  assert.match(r.findings[0]!.message, /no front matter naming its template; known templates: "leicester-city\/executive"/);
});

test('only front matter: reports the missing title and every missing section, no crash', () => {
  const fm = example.slice(0, example.indexOf('---', 4) + 4);
  const r = checkReport(fm, { today });
  assert.deepEqual(r.ruleErrors, []);
  assert.ok(r.findings.some((f) => f.ruleId === 'structure/missing-title'));
  assert.equal(r.findings.filter((f) => f.ruleId === 'structure/required-section').length, 9);
});

test('unterminated front matter and odd line endings do not crash', () => {
  for (const text of ['---\ntemplate: leicester-city/executive\n', example.replace(/\n/g, '\r\n'), '\ufeff' + example, '---\n---\n', '---\n- a\n- b\n---\n# T\n']) {
    const r = checkReport(text, { today });
    assert.deepEqual(r.ruleErrors, [], JSON.stringify(text.slice(0, 30)));
  }
});

test('CRLF drafts give the same findings as LF drafts', () => {
  const lf = checkReport(example.replace('### 5.4 Climate Emergency implications', '### 5.4 Climate Change implications'), { today });
  const crlf = checkReport(example.replace('### 5.4 Climate Emergency implications', '### 5.4 Climate Change implications').replace(/\n/g, '\r\n'), { today });
  assert.deepEqual(
    crlf.findings.map((f) => [f.ruleId, f.range.start.line, f.range.start.character, f.range.end.character]),
    lf.findings.map((f) => [f.ruleId, f.range.start.line, f.range.start.character, f.range.end.character]),
  );
});

test('a 5 MB draft is checked to the end without error', () => {
  const seeds = readdirSync(join(repo, 'test', 'seeds'))
    .filter((f) => f.endsWith('.report.md'))
    .map((f) => readFileSync(join(repo, 'test', 'seeds', f), 'utf8').replace(/^---[\s\S]*?\n---\n/, ''));
  let body = '';
  while (body.length < 5_000_000) body += seeds.join('\n\n');
  const text = example.slice(0, example.indexOf('---', 4) + 4) + '\n' + body;
  const r = checkReport(text, { today });
  assert.deepEqual(r.ruleErrors, []);
  assert.ok(text.length >= 5_000_000);
  // The model reaches the end of the document.
  const last = r.model!.blocks[r.model!.blocks.length - 1]!;
  assert.ok(last.end > text.length - 2000, `last block ends at ${last.end} of ${text.length}`);
});

test('suppression comments: line, next line, block and file', () => {
  const f = (line: number, ruleId = 'structure/heading-style') => ({ ruleId, severity: 'info' as const, message: '', range: { start: { line, character: 0 }, end: { line, character: 1 } }, fixes: [] });
  const text = [
    'a <!-- committee-report-disable-line structure/heading-style -->', // 0
    '<!-- committee-report-disable-next-line structure -->', // 1
    'b', // 2
    '<!-- committee-report-disable numbering -->', // 3
    'c', // 4
    '<!-- committee-report-enable numbering -->', // 5
    'd', // 6
  ].join('\n');
  const kept = applySuppressions(text, [f(0), f(2), f(4, 'numbering/gap'), f(6, 'numbering/gap'), f(6)]);
  assert.deepEqual(
    kept.map((x) => `${x.range.start.line}:${x.ruleId}`),
    ['6:numbering/gap', '6:structure/heading-style'],
  );
  const whole = applySuppressions('<!-- committee-report-disable-file -->\n' + text, [f(3), f(7, 'numbering/gap')]);
  assert.deepEqual(whole, []);
});

test('suppression per node: front matter comments, body comments, and the lines after edits', () => {
  // A misspelt key silenced by a YAML comment in the front matter (as the quick fix writes
  // it), a heading wording silenced in the body, and a block of numbering rules off.
  const draft = example
    .replace('version: v1\n', 'version: v1\nverison: v2 # <!-- committee-report-disable-line metadata/unknown-key -->\n')
    .replace('### 5.4 Climate Emergency implications', '### 5.4 Climate Change implications <!-- committee-report-disable-line structure/heading-wording -->');
  const ids = (r: { findings: { ruleId: string }[] }): string[] => r.findings.map((f) => f.ruleId);
  const full = checkReport(draft, { today });
  assert.ok(!ids(full).includes('metadata/unknown-key'));
  assert.ok(!ids(full).includes('structure/heading-wording'));
  // Without the comments both are reported.
  const bare = checkReport(draft.replace(/ # <!--.*?-->/, '').replace(/ <!-- committee-report-disable-line structure\/heading-wording -->/, ''), { today });
  assert.ok(ids(bare).includes('metadata/unknown-key') && ids(bare).includes('structure/heading-wording'));
  // A session: lines inserted above the body comment move it; it still silences its own line only.
  const session = new ReportSession();
  assert.deepEqual(ids(session.check(draft, { today })), ids(full));
  const at = draft.indexOf('## 1.');
  const edited = draft.slice(0, at) + 'Extra line one.\n\nExtra line two.\n\n' + draft.slice(at);
  assert.deepEqual(ids(session.check(edited, { today }, { start: at, oldEnd: at, newEnd: at + 33 })), ids(checkReport(edited, { today })));
  assert.ok(!ids(session.check(edited, { today })).includes('structure/heading-wording'));
});

test('suppression works end to end on a draft', () => {
  const bad = example.replace('### 5.4 Climate Emergency implications', '### 5.4 Climate Change implications <!-- committee-report-disable-line structure/heading-wording -->');
  assert.ok(!checkReport(bad, { today }).findings.some((f) => f.ruleId === 'structure/heading-wording'));
});
