import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseReport, checkReport } from '../../server/src/core/check.js';
import { crossrefDefinition, crossrefHover, crossrefLinks } from '../../server/src/core/crossref/index.js';
import { FIXTURE_TODAY, fixRule } from './helpers.js';

const CITY = '---\ntemplate: leicester-city/executive\ncommittee: Children, Young People and Education Scrutiny Commission\nmeeting_date: 29 October 2024\n---\n\n# T\n\n';
const COUNTY = '---\ntemplate: leicestershire-county/committee\ncommittee: Children and Families Overview and Scrutiny Committee\nmeeting_date: 5 September 2024\nreport_of: Director of Children and Family Services\n---\n\n# T\n\n';

test('a numbering fix renumbers the references to the paragraphs it moves, in the same fix', () => {
  const text = `${CITY}## 4. Background and options with supporting evidence\n\n4.1 As paragraph 4.4 says, and paras 4.3 to 4.4 show.\n\n4.3 The pilot started in April.\n\n4.4 Three sites took part (see paragraph 4.3). Paragraph 4.1 is unchanged.\n`;
  const gap = checkReport(text, { today: FIXTURE_TODAY }).findings.find((f) => f.ruleId === 'numbering/gap')!;
  assert.equal(gap.fixes[0]!.edits.length, 2 + 4, 'two numbers and four references');
  const fixed = fixRule(text, 'numbering/gap').text;
  assert.equal(
    fixed,
    `${CITY}## 4. Background and options with supporting evidence\n\n4.1 As paragraph 4.3 says, and paras 4.2 to 4.3 show.\n\n4.2 The pilot started in April.\n\n4.3 Three sites took part (see paragraph 4.2). Paragraph 4.1 is unchanged.\n`,
  );
  assert.deepEqual(checkReport(fixed, { today: FIXTURE_TODAY }).findings.filter((f) => f.ruleId.startsWith('crossref/') || f.ruleId.startsWith('numbering/')), []);
});

test('County: continuous renumbering takes the references along; a reference to a missing paragraph is left alone', () => {
  const text = `${COUNTY}## Purpose of the Report\n\n1. See paragraph 3 and paragraph 9.\n\n3. The programme.\n`;
  const fixed = fixRule(text, 'numbering/gap').text;
  assert.match(fixed, /1\. See paragraph 2 and paragraph 9\.\n\n2\. The programme\./);
});

test('CRLF: the reference edits keep the line endings', () => {
  const text = `${CITY}## 4. Background and options with supporting evidence\n\n4.1 See paragraph 4.3.\n\n4.3 Text.\n`.replace(/\n/g, '\r\n');
  const fixed = fixRule(text, 'numbering/gap').text;
  assert.equal(fixed, text.replace('paragraph 4.3', 'paragraph 4.2').replace('\r\n4.3 Text', '\r\n4.2 Text'));
});

const DOC = `${CITY}## 3. Scrutiny / stakeholder engagement\n\n3.1 The pilot started in April with three schools and two nurseries in the west of the city.\n\n3.2 As paragraph 3.1 says, see Appendix B and Table 1; paragraph 3.9 is gone.\n\nTable 1: Pilot sites\n\n| Site | Pupils |\n|---|---|\n| A | 10 |\n\n## 7. Summary of appendices:\n\nAppendix B - Plan\n\n# Appendix B: Plan\n\nThe plan.\n`;

function at(text: string, needle: string, plus = 0): number {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return i + plus;
}

test('go to definition: a paragraph, an appendix section, an appendix file, a table caption', () => {
  const an = analyseReport(DOC);
  const line = (needle: string): number => DOC.slice(0, at(DOC, needle)).split('\n').length - 1;
  assert.deepEqual(crossrefDefinition(an.model, an.match, at(DOC, 'paragraph 3.1', 11)), { range: { start: { line: line('3.1 The pilot'), character: 0 }, end: { line: line('3.1 The pilot'), character: 3 } } });
  const appendix = crossrefDefinition(an.model, an.match, at(DOC, 'Appendix B and', 9)) as { range: { start: { line: number } } };
  assert.equal(appendix.range.start.line, line('# Appendix B'));
  const table = crossrefDefinition(an.model, an.match, at(DOC, 'Table 1;', 6)) as { range: { start: { line: number } } };
  assert.equal(table.range.start.line, line('Table 1: Pilot'));
  assert.equal(crossrefDefinition(an.model, an.match, at(DOC, 'paragraph 3.9', 11)), undefined);
  assert.equal(crossrefDefinition(an.model, an.match, at(DOC, 'pilot started')), undefined);
  const withFile = `${CITY}## 3. Scrutiny / stakeholder engagement\n\n3.1 See Appendix 2.\n`;
  const an2 = analyseReport(withFile);
  assert.deepEqual(crossrefDefinition(an2.model, an2.match, at(withFile, 'Appendix 2', 9), ['/r/x.appendix-2.xlsx']), { file: 'x.appendix-2.xlsx' });
});

test('hover on a reference shows the paragraph\'s first words, or what exists nearby', () => {
  const an = analyseReport(DOC);
  const h = crossrefHover(an.model, an.match, at(DOC, 'paragraph 3.1', 10))!;
  assert.match(h.contents, /^\*\*Paragraph 3\.1\*\* \(line 11\)\n\nThe pilot started in April with three schools/);
  const missing = crossrefHover(an.model, an.match, at(DOC, 'paragraph 3.9', 11))!;
  assert.match(missing.contents, /not in this report\. Nearest: 3\.2 \(line 13\)/);
  const appendix = crossrefHover(an.model, an.match, at(DOC, 'Appendix B and', 9))!;
  assert.match(appendix.contents, /\*\*Appendix B\*\*: Plan \(line \d+\)/);
});

test('document links: one per resolved reference label', () => {
  const an = analyseReport(DOC);
  const links = crossrefLinks(an.model, an.match);
  assert.deepEqual(
    links.map((l) => [DOC.split('\n')[l.range.start.line]!.slice(l.range.start.character, l.range.end.character), l.line]),
    [
      ['3.1', 10],
      ['B', 24],
      ['1', 14],
    ],
  );
});
